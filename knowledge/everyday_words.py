"""Everyday answers typed instead of a button or a command: "oui merci", "ok 👍", "non",
"mes rdv", "aide", "stop".

Pure functions of the text, for the whole message only: "oui" is a yes, "oui mais à Moissac" is
not (it says more than yes), and "aide pour mes impôts" is a need, not /aide. Accents, case,
punctuation, repeated letters ("ouiii") and polite words around the answer ("oui merci",
"non merci madame", "mes rdv svp") do not matter.
"""

import itertools
import re
from enum import StrEnum

from knowledge.text import fold


class Answer(StrEnum):
    YES = "yes"
    NO = "no"


class Command(StrEnum):
    """The commands a few everyday words mean: /mesrdv, /aide, /annuler."""

    MY_BOOKINGS = "mesrdv"
    HELP = "aide"
    CANCEL = "annuler"


# A message is read only up to this length: an answer is short.
MAX_CHARS = 80

# Emoji that say yes or no, read as words before folding (which drops every other sign);
# skin tones and variation selectors are dropped with the rest.
_EMOJI = {
    "👍": " oui ", "👌": " ok ", "✅": " oui ", "✔": " oui ", "☑": " oui ", "🆗": " ok ",
    "🙆": " oui ", "👎": " non ", "❌": " non ", "✖": " non ", "🚫": " non ", "🙅": " non ",
    "🙏": " merci ",
}  # fmt: skip
_EMOJI_PATTERN = re.compile("|".join(map(re.escape, _EMOJI)))

# The word lists are data: several a line, kept as written (folded when read).
# fmt: off
YES = (
    "oui", "ouais", "ouai", "ouaip", "ouep", "wi", "ui", "oui oui", "ok", "okay", "oké", "okey",
    "oki", "okok", "k", "d'accord", "dac", "dak", "dacc", "daccord", "d'acc", "bien sûr",
    "bien sur que oui", "volontiers", "avec plaisir", "parfait", "exact", "exactement",
    "absolument", "tout à fait", "certainement", "évidemment", "carrément", "entendu",
    "c'est ça", "c'est bien ça", "c'est exact", "c'est parfait", "ça marche", "ça me va",
    "je veux bien", "je confirme", "confirmé", "confirmer", "vas-y", "allez-y", "go",
    "pas de souci", "pas de soucis", "pas de problème", "sans problème", "yes", "yeah", "yep",
    "yup", "of course", "alright", "all right", "correct", "right", "fine",
    # The words of the buttons: "Je viens ✅", "Je prends la place", "Oui, je réserve".
    "je viens", "j'y serai", "je serai là", "je serai présent", "je serai présente",
    "je prends", "je prends la place", "je réserve",
)
NO = (
    "non", "nan", "nn", "no", "nope", "nah", "non non", "pas du tout", "surtout pas",
    "certainement pas", "jamais", "non pas du tout", "pas question", "je ne veux pas",
    "je veux pas", "no way", "not at all", "non c'est pas ça", "pas ça",
    # The words of the buttons: "Non, une autre commune", "Je laisse ma place".
    "une autre commune", "autre commune", "une autre", "je laisse ma place",
    "je ne viens pas", "je viens pas", "je ne peux pas",
)
# Polite words and sounds around an answer: "oui merci", "euh non", "ok super".
POLITE = (
    "merci", "merci beaucoup", "mille merci", "svp", "stp", "s'il vous plaît",
    "s'il te plaît", "sil vous plait", "sil te plait", "madame", "monsieur", "bien",
    "super", "très bien", "génial", "cool", "top", "euh", "heu", "ben", "bah", "ah", "oh",
    "eh", "bon", "alors", "bonjour", "bonsoir", "salut", "please", "thanks", "thank you",
    "thx", "mrc", "ms", "c'est bon", "voilà",
)
MY_BOOKINGS = (
    "mes rdv", "mon rdv", "mesrdv", "mes reservations",
    "ma reservation", "mes ateliers", "mon atelier", "mes inscriptions", "mon inscription",
    "annuler mon rdv", "annuler un rdv", "annuler le rdv", "annuler mes rdv",
    "annuler ma reservation", "annuler mon inscription", "annuler mon atelier",
    "je ne peux plus venir", "je peux plus venir", "je ne pourrai pas venir",
    "je ne peux pas venir", "je peux pas venir",
    "c'est quand mon rdv", "quand est mon rdv", "my appointments", "my appointment",
    "my bookings", "my booking", "cancel my appointment", "cancel my booking",
    "cancel appointment", "cancel booking",
)
HELP = (
    "aide", "help", "au secours", "à l'aide", "aidez-moi", "aide-moi", "help me",
    "comment ça marche", "comment ça fonctionne", "mode d'emploi", "how does it work",
)
CANCEL = (
    "stop", "stopper", "annuler", "annule", "arrêter", "arrête", "arrêtez", "arrêt",
    "on arrête", "quitter", "je quitte", "laisse tomber", "laissez tomber", "fin",
    "terminer", "cancel", "quit", "exit",
)
# Words around a command: "je veux voir mes rdv", "afficher mes rendez-vous svp".
COMMAND_PADDING = (
    "je", "j", "veux", "voudrais", "aimerais", "souhaite", "voudrai", "voir", "revoir",
    "afficher", "consulter", "montrer", "montre", "montrez", "moi", "la", "liste", "de",
    "svp", "stp", "merci", "please", "show", "see", "view", "i", "want", "to", "bonjour",
    "salut", "hello", "hi", "ok",
)
# fmt: on


def _collapse(word: str) -> str:
    """Each run of a letter reduced to one: "ouiii" → "oui", "nooon" → "non"."""
    return "".join(letter for letter, _ in itertools.groupby(word))


def _key(text: str) -> tuple[str, ...]:
    """The folded words, with "rendez-vous" and its spellings as "rdv"."""
    words = fold(text).split()
    keyed: list[str] = []
    for word in words:
        if word == "vous" and keyed and keyed[-1] == "rendez":
            keyed[-1] = "rdv"
        elif word in ("rendezvous", "rdvs", "rv", "rendevous"):
            keyed.append("rdv")
        else:
            keyed.append(word)
    return tuple(keyed)


def _normal(text: str) -> tuple[str, ...]:
    """`_key` with repeated letters collapsed ("ouiiii", "okkk"; but "nn" stays "nn", and
    "ok" is not "k")."""
    return tuple(word if len(word) <= 2 else _collapse(word) for word in _key(text))


def _phrases(texts: tuple[str, ...]) -> frozenset[tuple[str, ...]]:
    return frozenset(_normal(text) for text in texts)


_YES = _phrases(YES)
_NO = _phrases(NO)
_POLITE = _phrases(POLITE)
_BY_WORDS = {Answer.YES: _YES, Answer.NO: _NO, None: _POLITE}
_LONGEST = max(len(phrase) for phrases in _BY_WORDS.values() for phrase in phrases)
_COMMANDS = {Command.MY_BOOKINGS: _phrases(MY_BOOKINGS), Command.HELP: _phrases(HELP)}
_COMMANDS[Command.CANCEL] = _phrases(CANCEL)
_PADDING = frozenset(word for text in COMMAND_PADDING for word in _normal(text))


def _words(text: str) -> tuple[str, ...]:
    """The message's normal words (`_normal`), the emoji answers as words."""
    return _normal(_EMOJI_PATTERN.sub(lambda found: _EMOJI[found.group()], text[:MAX_CHARS]))


def yes_or_no(text: str) -> Answer | None:
    """YES or NO when the whole message is that answer (with polite words around it), else
    None: "oui merci" → YES, "👎" → NO, "oui mais pas demain", "oui non", "merci" → None."""
    words = _words(text)
    found: set[Answer] = set()
    i = 0
    while i < len(words):
        for size in range(min(_LONGEST, len(words) - i), 0, -1):
            phrase = words[i : i + size]
            kind = next((k for k, phrases in _BY_WORDS.items() if phrase in phrases), False)
            if kind is not False:
                if kind is not None:
                    found.add(kind)
                i += size
                break
        else:
            return None  # a word that is neither an answer nor politeness
    return found.pop() if len(found) == 1 else None


def command_in(text: str) -> Command | None:
    """The command an everyday message means as a whole ("mes rendez-vous" → MY_BOOKINGS,
    "aide" → HELP, "stop" → CANCEL), else None ("aide pour mes impôts" is a need)."""
    words = _words(text)
    padded = words
    # Words around the command: "je veux voir mes rdv svp".
    while words and words[-1] in _PADDING:
        words = words[:-1]
    while words and words[0] in _PADDING:
        words = words[1:]
    for command, phrases in _COMMANDS.items():
        if padded in phrases or words in phrases:
            return command
    return None
