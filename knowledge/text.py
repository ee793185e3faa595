"""Text folding shared by every matcher: what residents type, reduced to comparable keys."""

import re
import unicodedata


def _fold_table() -> dict[int, str]:
    table = {}
    for code in range(0x2000):
        char = chr(code)
        base = "".join(
            c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)
        ).lower()
        if char in "œŒ":
            base = "oe"
        elif char in "æÆ":
            base = "ae"
        table[code] = base if base.isascii() and base.isalnum() else " "
    return table


_FOLD = _fold_table()
_FOLD_KEEP_NUL = _FOLD | {0: "\x00"}


def fold(text: str) -> str:
    """Lower case, no accents, other signs one space: "L'Haÿ-les-Roses" → "l hay les roses"."""
    return " ".join(text.translate(_FOLD).split())


def fold_many(texts: list[str]) -> list[str]:
    """`fold` of each text, in one pass over their concatenation (start-up time matters)."""
    joined = "\x00".join(texts).translate(_FOLD_KEEP_NUL)
    return [" ".join(part.split()) for part in joined.split("\x00")]


_SOFT_C = re.compile(r"c(?=[eiy])")
_SILENT_H = re.compile(r"(?<![cs])h")
_DOUBLES = re.compile(r"(.)\1+")
# Spellings that sound alike in French, in order: "eau" before "au", "y" before "ai".
_SOUNDS = (
    ("sch", "ch"), ("eau", "o"), ("ph", "f"), ("qu", "k"), ("ck", "k"), ("au", "o"),
    ("y", "i"), ("ai", "e"), ("ei", "e"), ("w", "v"), ("z", "s"),
)  # fmt: skip


def sounds_like(folded: str) -> str:
    """A rough French phonetic key of a folded string: "castelsarazin" and "Castelsarrasin" agree.

    Every rule is local to a few letters, so keys of many strings joined by newlines come out
    joined by newlines too: the matcher computes 37,000 of them in one call.
    """
    key = folded.replace(" ", "")
    for spelling, sound in _SOUNDS:
        key = key.replace(spelling, sound)
    key = _SILENT_H.sub("", _SOFT_C.sub("s", key)).replace("c", "k")
    return _DOUBLES.sub(r"\1", key)
