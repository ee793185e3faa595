"""Generated commune queries: real names from the gazetteer, typed the way residents type them.

Shared by the accuracy tests and the benchmark. Seeded: the same seed gives the same queries.
"""

import random
import re
from dataclasses import dataclass

from knowledge.commune_matcher import normalize_query
from knowledge.gazetteer import Gazetteer
from knowledge.text import fold, sounds_like

KEYBOARD_NEIGHBOURS = {
    "a": "zqs", "z": "aes", "e": "zrd", "r": "etf", "t": "ryg", "y": "tuh", "u": "yij",
    "i": "uok", "o": "ipl", "p": "om", "q": "asw", "s": "qdz", "d": "sfe", "f": "dgr",
    "g": "fht", "h": "gjy", "j": "hku", "k": "jli", "l": "kmo", "m": "lp", "w": "xq",
    "x": "wcs", "c": "xvd", "v": "cbf", "b": "vng", "n": "bh",
}  # fmt: skip
# Spellings residents write for the sound they hear.
SOUND_SWAPS = (
    ("ss", "s"), ("au", "o"), ("eau", "o"), ("qu", "k"), ("ph", "f"), ("ille", "ye"),
    ("ç", "s"), ("y", "i"), ("rr", "r"), ("ll", "l"), ("tt", "t"), ("mm", "m"), ("nn", "n"),
    ("ai", "e"), ("ca", "ka"), ("co", "ko"),
)  # fmt: skip
PHRASES = ("j'habite à {}", "mairie de {}", "je suis à {}", "{} svp", "commune de {}", "{}")


@dataclass(frozen=True, slots=True)
class Query:
    text: str
    insee: str


def _typo(word: str, rng: random.Random) -> str:
    letters = [i for i, c in enumerate(word) if c.isalpha()]
    if len(letters) < 5:
        return word
    i = rng.choice(letters[1:-1])
    kind = rng.randrange(4)
    if kind == 0:  # a letter missed
        return word[:i] + word[i + 1 :]
    if kind == 1:  # a letter doubled
        return word[:i] + word[i] + word[i:]
    if kind == 2 and word[i + 1 : i + 2].isalpha():  # two letters swapped
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    near = KEYBOARD_NEIGHBOURS.get(word[i].lower())
    return word[:i] + rng.choice(near) + word[i + 1 :] if near else word


def _sound(word: str, rng: random.Random) -> str:
    swaps = [(a, b) for a, b in SOUND_SWAPS if a in word]
    if not swaps:
        return word
    spelled, heard = rng.choice(swaps)
    return word.replace(spelled, heard, 1)


def _casual(name: str, rng: random.Random) -> str:
    """Lower case, accents dropped, hyphens as spaces or gone, "Saint" as "st"."""
    text = name
    if rng.random() < 0.7:
        text = fold(text)
    if rng.random() < 0.3:
        text = re.sub(r"\bsaint\b", "st", text, flags=re.IGNORECASE)
        text = re.sub(r"\bsainte\b", "ste", text, flags=re.IGNORECASE)
    elif rng.random() < 0.2:
        text = text.replace("-", "").replace(" ", "")
    return text


def unambiguous_names(gazetteer: Gazetteer) -> list[tuple[str, str]]:
    """(INSEE code, name) of communes whose name no other commune or former commune shares."""
    seen: dict[str, int] = {}
    names = [(insee, name) for insee, name, _ in gazetteer.names()]
    for _, name in names:
        seen[fold(name)] = seen.get(fold(name), 0) + 1
    for former in gazetteer.former:
        seen[fold(former.name)] = seen.get(fold(former.name), 0) + 1
    return sorted((insee, name) for insee, name in names if seen[fold(name)] == 1)


def _misspell(name: str, rng: random.Random) -> str:
    text = _casual(name, rng)
    # About one error per eight letters: two only in long names.
    for _ in range(1 if len(name) < 12 else rng.choice((1, 2))):
        text = rng.choice((_typo, _sound))(text, rng)
    return text


def misspelled_queries(
    gazetteer: Gazetteer, count: int, seed: int = 82, *, by_population: bool = True
) -> list[Query]:
    """`count` queries for distinct communes, each with one or two realistic errors.

    Communes are drawn in proportion to their population, as residents write (a village of 50
    sends fewer messages than a town of 50,000), or uniformly with `by_population=False`. A
    misspelling that is, or sounds exactly like, another commune's name ("Assac" for Aussac)
    is drawn again: no matcher can know which one was meant.
    """
    rng = random.Random(seed)
    names = [name for _, name, _ in gazetteer.names()] + [f.name for f in gazetteer.former]
    taken = {fold(name) for name in names} | {sounds_like(fold(name)) for name in names}
    candidates = unambiguous_names(gazetteer)
    if by_population:
        # Weighted sampling without replacement (Efraimidis-Spirakis): sort by u ** (1 / weight).
        weight = {c.insee: max(c.population, 1) for c in gazetteer}
        candidates.sort(key=lambda item: -(rng.random() ** (1.0 / weight[item[0]])))
    else:
        rng.shuffle(candidates)
    queries = []
    for insee, name in candidates:
        for _ in range(10):
            text = _misspell(name, rng)
            key = normalize_query(text)
            if key not in taken and sounds_like(key) not in taken:
                queries.append(Query(rng.choice(PHRASES).format(text), insee))
                break
        if len(queries) == count:
            return queries
    raise ValueError(f"only {len(queries)} misspellings to be had")
