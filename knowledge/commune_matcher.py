"""From what a resident types ("moisac", "j'habite à St Nicolas", "82200", "Paris 15e") to communes.

Exact and sound-alike names are dictionary look-ups; only a misspelling pays for a fuzzy scan,
and that scan runs in rapidfuzz over pre-folded keys (no per-query processing of 37,000 names).
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from knowledge.gazetteer import Commune, Gazetteer
from knowledge.text import fold, fold_many, sounds_like

# A name within this many points of the best one is as likely: ask the resident.
AMBIGUITY_MARGIN = 2.0
# Served communes rank first; a bonus this small never lifts a poor match over a good one.
TERRITORY_BONUS = 3.0
SOUNDS_ALIKE_SCORE = 96.0
FORMER_NAME_PENALTY = 1.0
ARTICLE_PENALTY = 1.0

_FILLERS = re.compile(
    r"^(?:(?:bonjour|salut|bonsoir|oui|alors|euh)\s+)*"
    r"(?:(?:j\s?habite|j\s?habites|jhabite|je\s+vis|j\s?vis|je\s+suis|j\s?suis|je\s+reside|"
    r"on\s+est|nous\s+sommes|nous\s+habitons|habite|ma\s+commune\s+(?:est|c\s?est)|"
    r"c\s?est|commune|ville|village|mairie|la\s+mairie)"
    r"(?:\s+(?:a|au|aux|en|sur|dans|de|du|des|d|la|le))?\s+)+"
)
_TRAILING = re.compile(r"\s+(?:svp|s\s?il\s+vous\s+plait|merci|stp)$")
_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "sts": "saints", "stes": "saintes"}
_ARTICLE = re.compile(r"^(?:le|la|les|l) (?=\w{4})")
_POSTAL_CODE = re.compile(r"\b(\d{5})\b")
_DEPARTMENT = re.compile(r"(?:\(|\s)(\d{2,3}|2a|2b)\)?$")
_ARRONDISSEMENT = re.compile(
    r"^(paris|lyon|marseille)\s*(\d{1,2})\s*(?:e|eme|em|er|ere|ieme)?(?:\s+arr\w*)?$"
)
_ARRONDISSEMENT_BASE = {"paris": (75100, 20), "lyon": (69380, 9), "marseille": (13200, 16)}


@dataclass(frozen=True, slots=True)
class CommuneCandidate:
    insee: str
    name: str
    department: str
    score: float
    ambiguous: bool = False


def normalize_query(text: str) -> str:
    """Fold the text, expand "st"/"ste" and drop the words around a commune's name."""
    folded = fold(text.replace("s/", " sur "))
    folded = " ".join(_ABBREVIATIONS.get(word, word) for word in folded.split())
    folded = _TRAILING.sub("", _FILLERS.sub("", folded))
    return folded


class CommuneMatcher:
    """Built once from the gazetteer; answers in microseconds for names it knows exactly."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self._gazetteer = gazetteer
        labels = [(insee, name, 0.0) for insee, name, _ in gazetteer.names()]
        labels += [(f.commune, f.name, FORMER_NAME_PENALTY) for f in gazetteer.former]
        self._keys = fold_many([name for _, name, _ in labels])
        # "rochelle" for La Rochelle: residents drop the article.
        for key, (insee, _, penalty) in list(zip(self._keys, labels, strict=True)):
            if found := _ARTICLE.match(key):
                self._keys.append(key[found.end() :])
                labels.append((insee, "", penalty + ARTICLE_PENALTY))
        self._sounds = sounds_like("\n".join(self._keys)).split("\n")
        # Parallel lists indexed like the keys: the commune each name leads to, and its penalty.
        self._targets = [insee for insee, _, _ in labels]
        self._penalties = [penalty for _, _, penalty in labels]
        self._by_department: dict[str, set[str]] = {}
        for insee, _, department in gazetteer.names():
            self._by_department.setdefault(department, set()).add(insee)
        self._names_of: dict[str, list[int]] = {}
        for index, insee in enumerate(self._targets):
            self._names_of.setdefault(insee, []).append(index)
        self._by_key: dict[str, list[int]] = {}
        self._by_sound: dict[str, list[int]] = {}
        for index, (key, sound) in enumerate(zip(self._keys, self._sounds, strict=True)):
            self._by_key.setdefault(key, []).append(index)
            self._by_sound.setdefault(sound, []).append(index)

    def find(
        self, text: str, *, territory: Iterable[str] = (), limit: int = 5
    ) -> list[CommuneCandidate]:
        """Candidates best first; [] when the text names no commune."""
        territory = frozenset(territory)
        query = normalize_query(text)
        postal_codes = _POSTAL_CODE.findall(query)
        query = _POSTAL_CODE.sub(" ", query).strip()
        department = None
        if (found := _DEPARTMENT.search(" " + query)) and found.group(1) in (
            self._gazetteer.departments
        ):
            department = found.group(1)
            query = query[: len(query) - len(found.group(0)) + 1].strip()
        allowed = self._allowed(postal_codes, department)
        if (allowed is not None and not allowed) or (not query and allowed is None):
            return []
        # A postal code alone: every commune it serves.
        scores = self._score_names(query, allowed) if query else dict.fromkeys(allowed, 100.0)
        return self._rank(scores, territory, limit)

    def _allowed(self, postal_codes: list[str], department: str | None) -> set[str] | None:
        """The communes the postal codes and department confine the search to, if any."""
        allowed = None
        if postal_codes:
            allowed = set()
            for code in postal_codes:
                found = self._gazetteer.by_postal_code(code)
                arrondissement_parents = {c.parent for c in found if c.parent}
                allowed |= {c.insee for c in found if c.insee not in arrondissement_parents}
        if department:
            in_department = self._by_department.get(department, set())
            allowed = in_department if allowed is None else allowed & in_department
        return allowed

    def _commune(self, insee: str) -> Commune:
        commune = self._gazetteer.get(insee)
        assert commune is not None, insee
        return commune

    def _score_names(self, query: str, allowed: set[str] | None) -> dict[str, float]:
        if match := _ARRONDISSEMENT.match(query):
            base, count = _ARRONDISSEMENT_BASE[match.group(1)]
            number = int(match.group(2))
            if 1 <= number <= count:
                return {str(base + number): 100.0}
        scores: dict[str, float] = {}

        def keep(indexes: Iterable[int], score: float) -> None:
            for index in indexes:
                insee = self._targets[index]
                if allowed is None or insee in allowed:
                    value = score - self._penalties[index]
                    if value > scores.get(insee, 0.0):
                        scores[insee] = value

        sound = sounds_like(query)
        keep(self._by_key.get(query, ()), 100.0)
        keep(self._by_sound.get(sound, ()), SOUNDS_ALIKE_SCORE)
        if scores:
            return scores
        # Extra words around the name ("je suis a moissac depuis 20 ans"): the longest run of
        # words that is a name wins.
        words = query.split()
        for size in range(len(words) - 1, 0, -1):
            for start in range(len(words) - size + 1):
                window = " ".join(words[start : start + size])
                if len(window) < 4:
                    continue
                keep(self._by_key.get(window, ()), 100.0 - 2.0 * (len(words) - size))
                keep(self._by_sound.get(sounds_like(window), ()), SOUNDS_ALIKE_SCORE - 2.0)
            if scores:
                return scores
        self._fuzzy(query, sound, allowed, keep)
        return scores

    def _fuzzy(self, query, sound, allowed, keep) -> None:
        # Short words need a closer match: "pizza" is one letter from "Pizay".
        cutoff = 90.0 if len(query) <= 6 else 82.0
        if allowed is not None:
            indexes = [i for insee in allowed for i in self._names_of.get(insee, ())]
            keys = {i: self._keys[i] for i in indexes}
            sounds = {i: self._sounds[i] for i in indexes}
            cutoff = 60.0
        else:
            keys, sounds = self._keys, self._sounds
        for _, score, index in process.extract(
            query, keys, scorer=fuzz.ratio, processor=None, score_cutoff=cutoff, limit=20
        ):
            keep((index,), min(score, 99.0))
        for _, score, index in process.extract(
            sound, sounds, scorer=fuzz.ratio, processor=None, score_cutoff=cutoff, limit=20
        ):
            keep((index,), min(score, 99.0) - 1.0)

    def _rank(
        self, scores: dict[str, float], territory: frozenset[str], limit: int
    ) -> list[CommuneCandidate]:
        if not scores:
            return []
        communes = {insee: self._commune(insee) for insee in scores}

        def rank(insee: str) -> tuple[float, int]:
            bonus = TERRITORY_BONUS if communes[insee].department in territory else 0.0
            return (scores[insee] + bonus, communes[insee].population)

        ordered = sorted(scores, key=rank, reverse=True)[:limit]
        best = scores[ordered[0]]
        tied = [insee for insee in ordered if scores[insee] >= best - AMBIGUITY_MARGIN]
        served = [insee for insee in tied if communes[insee].department in territory]
        ambiguous = len(tied) > 1 and len(served) != 1
        return [
            CommuneCandidate(
                insee=insee,
                name=communes[insee].name,
                department=communes[insee].department,
                score=round(scores[insee], 1),
                ambiguous=ambiguous and insee in tied,
            )
            for insee in ordered
        ]
