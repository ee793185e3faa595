"""From what a resident types ("moisac", "j'habite à St Nicolas", "82200", "Paris 15e") to communes.

Exact and sound-alike names are dictionary look-ups; only a misspelling pays for a fuzzy scan,
and that scan runs in rapidfuzz over pre-folded keys (no per-query processing of 37,000 names),
only over the names with enough letters in common with the query to be within reach.

A message is read up to a cap and every step is linear in what is read, so the longest message
Telegram accepts costs what a short one does: one resident never holds up the others.
"""

import bisect
import itertools
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from rapidfuzz import process
from rapidfuzz.distance import OSA

from knowledge.gazetteer import Commune, Gazetteer, load_gazetteer
from knowledge.text import fold, fold_many, sounds_like

# A name within this many points of the best one is as likely: ask the resident.
AMBIGUITY_MARGIN = 2.0
# Served communes rank first; a bonus this small never lifts a poor match over a good one.
TERRITORY_BONUS = 3.0
SOUNDS_ALIKE_SCORE = 96.0
FORMER_NAME_PENALTY = 1.0
ARTICLE_PENALTY = 1.0
EXTRA_TEXT_PENALTY = 30.0
MIN_SCORE = 80.0
TIE_BREAK = 1.0
# Between near-equal names, the one more people live in is the likelier (Dijon before Le Donjon):
# at most about 3 points, less than one typo's worth.
POPULATION_PRIOR = 0.5
# A misspelt name never outranks one typed right or sounding right.
FUZZY_CEILING = 95.0
# A served name the query begins ("castel" for Castelsarrasin): a guess to ask about, below any
# name found whole, and only from this many letters.
PREFIX_SCORE = 85.0
PREFIX_LETTERS = 4
PREFIX_CANDIDATES = 4
# What is read of a message. The longest commune name has 45 characters and 8 words ("Saint-Remy-
# en-Bouzemont-Saint-Genest-et-Isson"); with its postal code, department, "bonjour, j'habite à la
# commune de" in front and "merci svp" behind, a real answer stays under about 120 characters:
# 200 leave room for doubled spaces, punctuation and emoji. Once the greeting and "j'habite à" are
# dropped, 12 words hold the longest name, its postal code, its department and two words more;
# most names have one to three words, so "moissac depuis 20 ans" keeps room to spare. Past the
# caps a message is no answer to "your commune?": it is not read, so it costs nothing.
MAX_TEXT_CHARS = 200
MAX_WORDS = 12

_FILLERS = re.compile(
    r"^(?:(?:bonjour|salut|bonsoir|oui|alors|euh)\s+)*"
    r"(?:(?:j\s?habite|j\s?habites|jhabite|je\s+vis|j\s?vis|je\s+suis|j\s?suis|je\s+reside|"
    r"on\s+est|nous\s+sommes|nous\s+habitons|habite|ma\s+commune\s+(?:est|c\s?est)|"
    r"c\s?est|commune|ville|village|mairie|la\s+mairie)"
    r"(?:\s+(?:a|au|aux|en|sur|dans|de|du|des|d|la|le))?\s+)+"
)
# On folded text (one space between words): a literal space, as `\s+` before `$` backtracks
# quadratically over a run of blanks.
_TRAILING = re.compile(r" (?:svp|s ?il vous plait|merci|stp)$")
_ABBREVIATIONS = {
    "st": "saint", "stt": "saint", "ste": "sainte", "sts": "saints", "stes": "saintes",
}  # fmt: skip
_ARTICLE = re.compile(r"^(?:le|la|les|l) (?=\w{4})")
# Words that are a commune's name only with the rest of it ("Le Saint" is a commune).
_GENERIC_WORDS = frozenset({"saint", "sainte", "saints", "saintes", "sur", "les"})
# What residents say when the bot asks for their commune and that is no answer to it.
_NOT_A_PLACE = frozenset(
    {"bonjour", "bonsoir", "salut", "merci", "oui", "non", "ok", "d accord", "aide", "menu",
     "retour", "annuler", "coucou", "hello", "test", "rien", "je sais pas", "je ne sais pas"}
)  # fmt: skip
# Everyday words: a query made only of them is no misspelt commune ("banque" is one letter
# from Benque). Only guards the fuzzy search: a commune named like a word ("École") still wins.
_COMMON_WORDS = frozenset(
    """a ai aide aider aidez ameli annuler as au aux avec avez avons banque beaucoup besoin bien
    c caf carte ce cette college combien comment comprend comprends coucou courriel d dans de des
    du elle email emploi en enfant enfants es est et etes faut femme fille fils fin france help
    hello il ils impot impots imprimante internet j je l la le les lycee m ma mail mails mais mal
    maman mari me merci mes moi mon nous on ont ordinateur ou oui papa par pas passeport perdu
    permis peux pizza plait pole portable poste pour pourquoi pouvez probleme quand que quel
    quelle question qui quoi rdv rendez retraite revoir rien s sa sais salut sans ses smartphone
    sommes son sont souci stp sur suis svp t ta tablette telephone test tes ton tout travail tu
    un une urgent veux vitale vite voudrais vous y""".split()
)
_POSTAL_CODE = re.compile(r"\b(\d{5})\b")
_DEPARTMENT = re.compile(r"(?:\(|\s)(\d{2,3}|2a|2b)\)?$")
_ARRONDISSEMENT = re.compile(
    r"^(paris|lyon|marseille)\s*(\d{1,2})\s*(?:e|eme|em|er|ere|ieme)?(?:\s+arr\w*)?$"
)
# Tags or Telegram-style emphasis: pasted or formatted text, not a resident answering.
_MARKUP = re.compile(r"<[^>]*>|&\w+;|[*_`~]")
# "Villeneuve/Lot": a slash between two words stands for "sur".
_SLASH = re.compile(r"(?<=[^\W\d_])\s*/\s*(?=[^\W\d_])")
_ARRONDISSEMENT_BASE = {"paris": (75100, 20), "lyon": (69380, 9), "marseille": (13200, 16)}


@dataclass(frozen=True, slots=True)
class CommuneCandidate:
    insee: str
    name: str
    department: str
    score: float
    ambiguous: bool = False
    # Sure enough to go straight on without asking: see CommuneMatcher.find.
    confident: bool = False
    # The former commune (déléguée or associée) inside this one whose name was typed, if its
    # name rather than the commune's matched: "Beaulieu" is in Souleuvre en Bocage.
    former: str | None = None


def _by_length(
    names: list[str], indexes: Iterable[int] | None = None
) -> dict[int, tuple[list[str], list[int]]]:
    """Names grouped by length, each with its index in `names` (only those at `indexes`)."""
    buckets: dict[int, tuple[list[str], list[int]]] = {}
    for index in range(len(names)) if indexes is None else indexes:
        name = names[index]
        bucket = buckets.setdefault(len(name), ([], []))
        bucket[0].append(name)
        bucket[1].append(index)
    return buckets


# For each byte value, the table `bytes.translate` takes to turn it into 1 and others into 0;
# for each count, the one that turns a byte of at least that count into 1 and others into 0.
_ONLY = [bytes(int(other == value) for other in range(256)) for value in range(256)]
_AT_LEAST = [bytes(int(other >= value) for other in range(256)) for value in range(256)]


def _letter_counts(buckets: dict[int, tuple[list[str], list[int]]]) -> dict[tuple, int]:
    """(length, letter, n) → which names of that length have that letter at least n times, as
    an int with one byte per name of the bucket (1 or 0). Bytes rather than bits so `translate`
    builds them in C at load, and so that adding them counts per name at query time."""
    index = {}
    for length, (names, _) in buckets.items():
        joined = "".join(names).encode("ascii")  # folded keys are ASCII letters and digits
        for letter in set(joined):
            marked = joined.translate(_ONLY[letter])
            # All names have `length` letters: the column at each position, summed.
            count = sum(int.from_bytes(marked[at::length], "little") for at in range(length))
            per_name = count.to_bytes(len(names), "little")
            for times in range(1, max(per_name) + 1):
                index[length, letter, times] = int.from_bytes(
                    per_name.translate(_AT_LEAST[times]), "little"
                )
    return index


def _within_reach(
    text: str, budget: int, length: int, count: int, index: dict[tuple, int]
) -> list[int]:
    """Positions in the bucket of names of `length` that may be `budget` typos from `text`: a
    superset, never a miss, from a bound no edit escapes. The letters the text and a name have
    in common (with repeats) lose one per letter changed or missed and none per letter added or
    two swapped: a name within the budget shares at least len(text) - budget of them."""
    common, seen = 0, {}
    for letter in text.encode("ascii"):
        seen[letter] = seen.get(letter, 0) + 1
        common += index.get((length, letter, seen[letter]), 0)
    flags = common.to_bytes(count, "little").translate(_AT_LEAST[len(text) - budget])
    positions = []
    position = flags.find(1)
    while position >= 0:
        positions.append(position)
        position = flags.find(1, position + 1)
    return positions


def normalize_query(text: str) -> str:
    """Fold the text, expand "st"/"ste" and drop the words around a commune's name.

    Reads at most MAX_TEXT_CHARS characters and keeps at most MAX_WORDS words: a long message
    keeps the name it starts with and loses what follows.
    """
    folded = fold(_SLASH.sub(" sur ", text[:MAX_TEXT_CHARS].replace("s/", " sur ")))
    if len(text) > MAX_TEXT_CHARS and fold(text[MAX_TEXT_CHARS - 1]) and fold(text[MAX_TEXT_CHARS]):
        # The cap cut a word in two: what is left of it is not what the resident typed.
        folded = folded.rpartition(" ")[0]
    folded = " ".join(_ABBREVIATIONS.get(word, word) for word in folded.split())
    folded = _TRAILING.sub("", _FILLERS.sub("", folded))
    folded = " ".join(folded.split(maxsplit=MAX_WORDS)[:MAX_WORDS])
    # A lone "s" before a name is a hurried "St".
    return "saint " + folded[2:] if folded.startswith("s ") else folded


def name_windows(words: Sequence[str], longest: int) -> list[str]:
    """The runs of consecutive words that may be a name in a query with words around it, longest
    first: all but the whole query, none of more than `longest` words (the longest name's count),
    so there are at most `longest` per word and the scan is linear in the words."""
    windows = []
    for size in range(min(len(words) - 1, longest), 0, -1):
        for start in range(len(words) - size + 1):
            window = " ".join(words[start : start + size])
            if len(window) >= 4 and window not in _GENERIC_WORDS:
                windows.append(window)
    return windows


class CommuneMatcher:
    """Built once from the gazetteer; answers in microseconds for names it knows exactly."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self._gazetteer = gazetteer
        labels = [(insee, name, 0.0) for insee, name, _ in gazetteer.names()]
        current_names = len(labels)
        labels += [(f.commune, f.name, FORMER_NAME_PENALTY) for f in gazetteer.former]
        # The former commune each name is of (None for a current name), indexed like the keys.
        former = [None] * current_names + [f.insee for f in gazetteer.former]
        self._keys = fold_many([name for _, name, _ in labels])
        # "rochelle" for La Rochelle: residents drop the article.
        for index, (key, (insee, _, penalty)) in enumerate(
            list(zip(self._keys, labels, strict=True))
        ):
            if found := _ARTICLE.match(key):
                self._keys.append(key[found.end() :])
                labels.append((insee, "", penalty + ARTICLE_PENALTY))
                former.append(former[index])
        self._sounds = sounds_like("\n".join(self._keys)).split("\n")
        self._compact = "\n".join(self._keys).replace(" ", "").split("\n")
        self._spelled = _by_length(self._compact)
        self._sounded = _by_length(self._sounds)
        self._spelled_letters = _letter_counts(self._spelled)
        self._sounded_letters = _letter_counts(self._sounded)
        # Parallel lists indexed like the keys: the commune each name leads to, and its penalty.
        self._targets = [insee for insee, _, _ in labels]
        self._penalties = [penalty for _, _, penalty in labels]
        self._former = former
        self._by_department: dict[str, set[str]] = {}
        for insee, _, department in gazetteer.names():
            self._by_department.setdefault(department, set()).add(insee)
        self._names_of: dict[str, list[int]] = {}
        for index, insee in enumerate(self._targets):
            self._names_of.setdefault(insee, []).append(index)
        # Name windows never span more words than the longest name has.
        self._longest_name = max(len(key.split()) for key in self._keys)
        # "beaulieu cantal": a department's name after the commune's, as its code would be.
        self._department_names = {
            fold(department.name): code for code, department in gazetteer.departments.items()
        }
        self._longest_department = max(len(name.split()) for name in self._department_names)
        # Every name in order, for the served names a query begins (bisect, then a short walk).
        self._in_order = sorted(
            (key, index) for index, key in enumerate(self._compact) if self._penalties[index] == 0
        )
        self._by_key: dict[str, list[int]] = {}
        self._by_sound: dict[str, list[int]] = {}
        for index, (key, sound) in enumerate(zip(self._keys, self._sounds, strict=True)):
            self._by_key.setdefault(key, []).append(index)
            self._by_sound.setdefault(sound, []).append(index)

    def find(
        self, text: str, *, territory: Iterable[str] = (), limit: int = 5
    ) -> list[CommuneCandidate]:
        """Candidates best first; [] when the text names no commune.

        The first is `confident` when it may be taken without asking: alone at the top, in the
        territory (if there is one) or the department named with it ("Beaulieu (Cantal)"), the
        name typed exactly or with one typo ("moisac"), more than three letters and no markup.
        Short words ("hi" sounds like Y) and names from elsewhere ("castel" is one letter from
        Casteil, Pyrénées-Orientales) are asked about first.
        """
        territory = frozenset(territory)
        marked_up = bool(_MARKUP.search(text[:MAX_TEXT_CHARS]))
        query = normalize_query(text)
        if query in _NOT_A_PLACE:
            return []
        postal_codes = _POSTAL_CODE.findall(query)
        query = _POSTAL_CODE.sub(" ", query).strip()
        if (match := _ARRONDISSEMENT.match(query)) and not postal_codes:
            base, count = _ARRONDISSEMENT_BASE[match.group(1)]
            if 1 <= int(match.group(2)) <= count:
                scores = {str(base + int(match.group(2))): 100.0}
                return self._rank(scores, {}, territory, limit, "" if marked_up else query)
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
        scores, via = (
            self._score_names(query, allowed) if query else (dict.fromkeys(allowed, 100.0), {})
        )
        if department is None and (named := self._department_named(query)):
            # "beaulieu cantal", unless the name itself ends so ("Villeneuve-sur-Lot", or
            # misspelt "chenevieres syr marne"): the reading that finds the better name wins.
            inside = self._allowed(postal_codes, named[0])
            in_department, in_via = self._score_names(named[1], inside) if inside else ({}, {})
            if max(in_department.values(), default=0.0) > max(scores.values(), default=0.0):
                (department, query), scores, via = named, in_department, in_via
        if department is not None:
            # A department the resident named is as good as a served one: "Beaulieu (Cantal)"
            # answers the question of namesakes.
            territory |= {department}
        found = self._rank(scores, via, territory, limit, "" if marked_up else query)
        if territory and not (found and (found[0].confident or found[0].department in territory)):
            # Nothing sure nearby: the served names the resident began ("castel") come first.
            unique: dict[str, CommuneCandidate] = {}
            for candidate in self._begun(query, territory, allowed) + found:
                unique.setdefault(candidate.insee, candidate)
            found = sorted(unique.values(), key=lambda c: c.department not in territory)[:limit]
        return found

    def _begun(
        self, query: str, territory: frozenset[str], allowed: set[str] | None
    ) -> list[CommuneCandidate]:
        """Served communes whose name begins with the query, most populous first (never
        confident: they are offered to choose from)."""
        typed = query.replace(" ", "")
        if len(typed) < PREFIX_LETTERS:
            return []
        start = bisect.bisect_left(self._in_order, (typed, -1))
        communes: dict[str, Commune] = {}
        for key, index in itertools.islice(self._in_order, start, None):
            if not key.startswith(typed):
                break
            commune = self._commune(self._targets[index])
            if commune.department in territory and (allowed is None or commune.insee in allowed):
                communes[commune.insee] = commune
        best = sorted(communes.values(), key=lambda c: c.population, reverse=True)
        return [
            CommuneCandidate(
                insee=c.insee, name=c.name, department=c.department, score=PREFIX_SCORE
            )
            for c in best[:PREFIX_CANDIDATES]
        ]

    def department(self, text: str) -> str | None:
        """The department a text names and nothing else, by number or name ("15", "(Cantal)",
        "tarn et garonne"): how a resident picks one of namesakes."""
        folded = fold(text[:MAX_TEXT_CHARS])
        if folded.upper() in self._gazetteer.departments:
            return folded.upper()
        return self._department_names.get(folded)

    def _department_named(self, query: str) -> tuple[str, str] | None:
        """The department code and the rest when the query ends with a department's name after
        at least one word ("moissac tarn et garonne")."""
        words = query.split()
        for size in range(min(self._longest_department, len(words) - 1), 0, -1):
            code = self._department_names.get(" ".join(words[-size:]))
            if code is not None:
                return code, " ".join(words[:-size])
        return None

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

    def _score_names(
        self, query: str, allowed: set[str] | None
    ) -> tuple[dict[str, float], dict[str, int]]:
        """The score of each commune found, and the index of its name that scored it."""
        scores: dict[str, float] = {}
        via: dict[str, int] = {}

        def keep(indexes: Iterable[int], score: float, typed: str = query) -> None:
            for index in indexes:
                insee = self._targets[index]
                if allowed is None or insee in allowed:
                    # Among names that sound alike, the one spelled closest wins the tie.
                    spelled = OSA.normalized_similarity(
                        typed.replace(" ", ""), self._compact[index], processor=None
                    )
                    value = score - self._penalties[index] - TIE_BREAK * (1.0 - spelled)
                    if value > scores.get(insee, 0.0):
                        scores[insee], via[insee] = value, index

        sound = sounds_like(query)
        keep(self._by_key.get(query, ()), 100.0)
        keep(self._by_sound.get(sound, ()), SOUNDS_ALIKE_SCORE)
        if scores:
            return scores, via
        if all(word in _COMMON_WORDS for word in query.split()):
            return {}, {}
        self._fuzzy(query, sound, allowed, keep)
        # Extra words around the name ("moissac depuis 20 ans"): a run of words that is a name,
        # the less text left over the better.
        for window in name_windows(query.split(), self._longest_name):
            score = 100.0 - EXTRA_TEXT_PENALTY * (1.0 - len(window) / len(query))
            keep(self._by_key.get(window, ()), score, window)
            if len(window) >= 6:
                keep(self._by_sound.get(sounds_like(window), ()), score - 4.0, window)
        return {insee: score for insee, score in scores.items() if score >= MIN_SCORE}, via

    def _fuzzy(self, query: str, sound: str, allowed: set[str] | None, keep) -> None:
        """Names a few typos away (one, plus one per six letters), as Damerau-Levenshtein counts.

        Spaces are ignored ("saintjeandangely") and only names of a length within reach are
        compared: a distance is never less than the difference of lengths.
        """
        typed = query.replace(" ", "")
        spelled, sounds = self._spelled, self._sounded
        letters = {False: self._spelled_letters, True: self._sounded_letters}
        if allowed is not None:
            # A postal code or department leaves a few hundred names at most: group those alone
            # rather than sift the whole country's buckets.
            inside = sorted(index for insee in allowed for index in self._names_of.get(insee, ()))
            spelled = _by_length(self._compact, inside)
            sounds = _by_length(self._sounds, inside)
        for text, buckets, sounded in ((typed, spelled, False), (sound, sounds, True)):
            if len(text) < 4:
                continue
            budget = 1 + len(text) // 6 if allowed is None else max(2, len(text) // 3)
            for length in range(len(text) - budget, len(text) + budget + 1):
                names, indexes = buckets.get(length, ((), ()))
                # Over the whole country, only the names with enough letters in common are
                # scored (a few percent of the bucket): the same answers, in the same order.
                if allowed is None and names:
                    kept = _within_reach(text, budget, length, len(names), letters[sounded])
                    names, indexes = [names[i] for i in kept], [indexes[i] for i in kept]
                for _, distance, position in process.extract(
                    text, names, scorer=OSA.distance, processor=None, score_cutoff=budget, limit=20
                ):
                    # Four letters of slack: one typo in a short name is still a fair guess.
                    score = 100.0 * (1.0 - distance / (max(len(text), length) + 4))
                    keep((indexes[position],), min(score, FUZZY_CEILING) - 2.0 * sounded)

    def _typed_closely(self, insee: str, query: str) -> bool:
        """One of the commune's names is the query, or one typo from it (spaces aside)."""
        typed = query.replace(" ", "")
        return any(
            OSA.distance(typed, self._compact[index], processor=None, score_cutoff=1) <= 1
            for index in self._names_of[insee]
        )

    def _rank(
        self,
        scores: dict[str, float],
        via: dict[str, int],
        territory: frozenset[str],
        limit: int,
        query: str,
    ) -> list[CommuneCandidate]:
        """`via`: the index of the name that scored each commune, if known; `query` is what the
        names were matched against, "" when the text is not to be trusted (markup) or was no
        name (a postal code alone)."""
        if not scores:
            return []
        communes = {insee: self._commune(insee) for insee in scores}

        def rank(insee: str) -> tuple[float, int]:
            commune = communes[insee]
            bonus = TERRITORY_BONUS if commune.department in territory else 0.0
            prior = POPULATION_PRIOR * math.log10(commune.population + 1)
            return (scores[insee] + bonus + prior, commune.population)

        ordered = sorted(scores, key=rank, reverse=True)[:limit]
        best = scores[ordered[0]]
        tied = [insee for insee in ordered if scores[insee] >= best - AMBIGUITY_MARGIN]
        served = [insee for insee in tied if communes[insee].department in territory]
        ambiguous = len(tied) > 1 and len(served) != 1
        first = ordered[0]
        confident = (
            not ambiguous
            # No territory: the whole country is served.
            and (not territory or communes[first].department in territory)
            and len(query.replace(" ", "")) > 3
            and self._typed_closely(first, query)
        )
        return [
            CommuneCandidate(
                insee=insee,
                name=communes[insee].name,
                department=communes[insee].department,
                score=round(scores[insee], 1),
                ambiguous=ambiguous and insee in tied,
                confident=confident and insee == first,
                former=self._former[via[insee]] if insee in via else None,
            )
            for insee in ordered
        ]


@cache
def load_commune_matcher() -> CommuneMatcher:
    """The matcher of the bundled gazetteer, built once per process: it takes half a second,
    and each start of the bot in the tests would pay it again."""
    return CommuneMatcher(load_gazetteer())
