"""French prepositions before a place's name: "Mairie d'Agen", "au Havre", "des Mureaux".

`de(name)` and `a(name)` contract the name's article with the preposition (le → du/au, les →
des/aux) and elide "de" before a vowel. "La" and "L'" stay as they are ("de La Rochelle",
"à L'Isle-Jourdain"). An h may be mute (Hyères: "d'Hyères") or aspirated (Haguenau: "de
Haguenau"), which nothing in the spelling tells: only the names known to take "d'" do, and any
other h keeps "de", a form readers accept where "d'Haguenau" would jar.
"""

from knowledge.text import fold

_VOWELS = frozenset("aeiou")
# Towns whose h is mute, as their own town halls write it ("Ville d'Hyères").
_MUTE_H = frozenset(
    {"hayange", "hazebrouck", "hendaye", "hennebont", "henin beaumont", "herblay sur seine",
     "hericourt", "herouville saint clair", "hyeres"}
)  # fmt: skip


def _elides(name: str) -> bool:
    """Whether "de" becomes "d'" before the name."""
    folded = fold(name)
    if not folded:
        return False
    if folded[0] in _VOWELS:
        return True
    if folded[0] == "y":
        # "d'Yvetot", "d'Y"; a y before a vowel is a consonant: "de Yenne".
        return len(folded) == 1 or folded[1] not in _VOWELS
    return folded in _MUTE_H


def _article(name: str) -> tuple[str, str] | None:
    """ "le"/"les" and the rest of the name, for a name that starts with that article."""
    for article in ("Le ", "Les "):
        if name.startswith(article) and len(name) > len(article):
            return article.strip().lower(), name[len(article) :]
    return None


def de(name: str) -> str:
    """ "de Moissac", "d'Agen", "du Havre", "des Mureaux", "de La Rochelle"."""
    if found := _article(name):
        article, rest = found
        return ("du " if article == "le" else "des ") + rest
    return ("d'" if _elides(name) else "de ") + name


def a(name: str) -> str:
    """ "à Moissac", "au Havre", "aux Mureaux", "à La Rochelle", "à L'Isle-Jourdain"."""
    if found := _article(name):
        article, rest = found
        return ("au " if article == "le" else "aux ") + rest
    return "à " + name
