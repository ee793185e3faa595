"""Text folding shared by every matcher: what residents type, reduced to comparable keys."""

import re
import unicodedata


class _FoldTable(dict[int, str]):
    """What each character becomes, worked out the first time it is met (str.translate calls
    __missing__), so phones' curly apostrophes and emoji fold like the rest."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        if char in "œŒ":
            base = "oe"
        elif char in "æÆ":
            base = "ae"
        else:
            decomposed = unicodedata.normalize("NFKD", char)
            base = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
        folded = base if base.isascii() and base.isalnum() else " "
        self[code] = folded
        return folded


_FOLD = _FoldTable({ord("\n"): "\n"})  # kept for fold_many; fold's split() drops it anyway


def fold(text: str) -> str:
    """Lower case, no accents, other signs one space: "L'Haÿ-les-Roses" → "l hay les roses"."""
    return " ".join(text.translate(_FOLD).split())


def fold_many(texts: list[str]) -> list[str]:
    """`fold` of each one-line text, in one pass over their concatenation (start-up matters)."""
    joined = "\n".join(texts).translate(_FOLD)
    return [" ".join(part.split()) for part in joined.split("\n")]


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
