"""Free French text → the theme a resident needs help with, or None when nothing fits.

Built once from the themes: every synonym and hint becomes a term, a tuple of folded content
words ("mot de passe" → ("mot", "passe")). A message is folded the same way, each word is
mapped to the vocabulary (exactly, then without a plural "s", then with repeated letters
collapsed, then with rapidfuzz for typos), and terms are read greedily, longest first, so that
"carte grise" is one term and not "carte" plus "grise". A theme scores the weights of the
distinct terms found (2 for a synonym, 1 for a hint, shared out when several themes list the
same term), times the word similarity; below `score_cutoff` the answer is None.

Ties go to the theme listed first in `precedence` (by default `themes.PRECEDENCE`, then display
order): the procedure wins over the tool used for it, so "un mail à la caf" is about the CAF.
"""

import functools
import itertools
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from knowledge.text import fold
from knowledge.themes import PRECEDENCE, Theme

SYNONYM_WEIGHT = 2.0
HINT_WEIGHT = 1.0
# One synonym, even misspelt (2 × 0.8), or two hints; a lone hint ("déclarer") is not a need.
DEFAULT_SCORE_CUTOFF = 1.5
# A need is stated early; the cap bounds the work a pasted wall of text can cause.
MAX_CHARS = 600

# Words that carry no need and must not glue or split terms: "mot de passe" is read as
# ("mot", "passe"), and so is the SMS "mot 2 passe".
STOP_WORDS = frozenset(
    """
    a au aux avec c ca ce ces cet cette d de des du elle elles en et il ils j je l la le les
    leur leurs lui m ma me mes moi mon n ne nos notre nous o on ou par pas pour qu que qui s
    sa se ses si son sur t ta te tes toi ton tu un une vos votre vous y
    2 ds pr ac ke k ki koi pa g jai chui jsuis sui est es suis ai as ont sont
    """.split()
)

# Frequent words one typo away from a term ("mais" ~ "mail", "cafe" ~ "caf"): never corrected.
COMMON_WORDS = frozenset(
    """
    mais main mari marie cafe cave taxi faire fais fait dire dit passer pose poste
    merci aller alle allo bonne bonjour bonsoir salut temps pizza livre livres cours
    photographe pere mere frere soeur ville viens vient venir tout tous toute toutes
    location hein
    """.split()
)


def _collapse(word: str) -> str:
    """`word` with each run of a letter reduced to one: "imppots" → "impots"."""
    return "".join(letter for letter, _ in itertools.groupby(word))


def _fuzzy_cutoff(length: int) -> float:
    # fuzz.ratio counts a substitution or a transposition as two edits: a 4-letter word may
    # only lose or gain a letter, longer words may also swap or mistype one.
    if length <= 4:
        return 85.0
    if length <= 6:
        return 80.0
    return 78.0


@dataclass(frozen=True, slots=True)
class NeedMatch:
    theme: str
    score: float


Term = tuple[str, ...]


class NeedClassifier:
    """Classifies a resident's message into a theme slug; build it once, share it."""

    def __init__(
        self,
        weights: Mapping[Term, Mapping[str, float]],
        *,
        glued: Mapping[str, Term],
        precedence: Iterable[str],
        score_cutoff: float = DEFAULT_SCORE_CUTOFF,
    ) -> None:
        self._weights = {term: dict(by_theme) for term, by_theme in weights.items()}
        self._rank = {slug: rank for rank, slug in enumerate(precedence)}
        self._score_cutoff = score_cutoff
        self._single: dict[str, Term] = {}
        self._phrases: dict[str, list[Term]] = defaultdict(list)
        for term in self._weights:
            if len(term) == 1:
                self._single[term[0]] = term
            else:
                self._phrases[term[0]].append(term)
        for word, term in glued.items():
            self._single.setdefault(word, term)
        for phrases in self._phrases.values():
            phrases.sort(key=len, reverse=True)
        words = {word for term in self._weights for word in term}
        self._vocabulary = frozenset(words | set(self._single))
        self._collapsed = {_collapse(word): word for word in sorted(self._vocabulary)}
        # Glued spellings are left out of typo correction ("apporte" is not "appstore"), and so
        # are words under 4 letters (caf, cv, rsa), too short to correct safely.
        correctable = sorted(w for w in words if len(w) >= 4 and w.isalpha())
        longest = max(map(len, correctable), default=0)
        # A typo changes the length by 2 at most: the candidates for each length, once.
        self._candidates = {
            length: tuple(w for w in correctable if abs(len(w) - length) <= 2)
            for length in range(4, longest + 3)
        }
        # Residents reuse the same words: each is looked up once, within a bounded memory.
        self._known_word = functools.lru_cache(maxsize=8192)(self._look_up)
        self._spelt_word = functools.lru_cache(maxsize=8192)(self._spell)

    @classmethod
    def from_themes(
        cls,
        themes: Iterable[Theme],
        *,
        precedence: Iterable[str] = PRECEDENCE,
        score_cutoff: float = DEFAULT_SCORE_CUTOFF,
    ) -> "NeedClassifier":
        themes = tuple(themes)
        order = list(dict.fromkeys([*precedence, *(t.slug for t in themes)]))
        listed: dict[Term, dict[str, float]] = defaultdict(dict)
        glued: dict[str, Term] = {}
        for theme in themes:
            for weight, texts in ((HINT_WEIGHT, theme.hints), (SYNONYM_WEIGHT, theme.synonyms)):
                for text in texts:
                    words = fold(text).split()
                    term = tuple(w for w in words if w not in STOP_WORDS)
                    if not term:
                        continue
                    by_theme = listed[term]
                    by_theme[theme.slug] = max(by_theme.get(theme.slug, 0.0), weight)
                    if len(term) > 1:
                        # Glued spellings are common: "motdepasse", "cartegrise", "poleemploi".
                        glued.setdefault("".join(words), term)
                        glued.setdefault("".join(term), term)
        # A term several themes list ("code", "internet") says less about each of them.
        weights = {
            term: {slug: weight / len(by_theme) for slug, weight in by_theme.items()}
            for term, by_theme in listed.items()
        }
        return cls(weights, glued=glued, precedence=order, score_cutoff=score_cutoff)

    def classify(self, text: str) -> NeedMatch | None:
        """The best theme for `text`, or None when no theme reaches the score cutoff."""
        words = [w for w in fold(text[:MAX_CHARS]).split() if w not in STOP_WORDS]
        known = self._read(words)
        scores: dict[str, float] = defaultdict(float)
        for term, similarity in self._terms(known).items():
            for slug, weight in self._weights[term].items():
                scores[slug] += weight * similarity
        if not scores:
            return None
        slug, score = min(
            scores.items(), key=lambda item: (-item[1], self._rank.get(item[0], len(self._rank)))
        )
        if score < self._score_cutoff:
            return None
        return NeedMatch(theme=slug, score=round(score, 3))

    def _read(self, words: list[str]) -> list[tuple[str, float]]:
        """Each word as a vocabulary word with its similarity in [0, 1], or itself with 0."""
        known = []
        i = 0
        while i < len(words):
            word, similarity = self._known_word(words[i])
            joined = None
            if similarity == 0.0 and i + 1 < len(words):
                # A word typed in two pieces: "parcour sup", "whats app".
                joined = self._spelt_word(words[i] + words[i + 1])
            if joined is not None:
                known.append((joined, 1.0))
                i += 2
            else:
                known.append((word, similarity))
                i += 1
        return known

    def _spell(self, word: str) -> str | None:
        """The vocabulary word `word` spells, allowing a plural and doubled letters."""
        if word in self._vocabulary:
            return word
        if word[-1] in "sx" and word[:-1] in self._vocabulary:
            return word[:-1]
        # Doubled letters typed or dropped: "caff", "imppots", "pase" (passe), "aplli" (appli);
        # not for the shortest words, where "ah" would be "aah".
        collapsed = _collapse(word)
        if collapsed != word and collapsed in self._vocabulary:
            return collapsed
        if len(word) >= 4:
            return self._collapsed.get(collapsed)
        return None

    def _look_up(self, word: str) -> tuple[str, float]:
        spelt = self._spelt_word(word)
        if spelt is not None:
            return spelt, 1.0
        if len(word) < 4 or not word.isalpha() or word in COMMON_WORDS:
            return word, 0.0
        best = process.extractOne(
            word,
            self._candidates.get(len(word), ()),
            scorer=fuzz.ratio,
            processor=None,
            score_cutoff=_fuzzy_cutoff(len(word)),
        )
        if best is None:
            return word, 0.0
        return best[0], best[1] / 100.0

    def _terms(self, known: list[tuple[str, float]]) -> dict[Term, float]:
        """The distinct terms in the words, longest first, each with its weakest similarity."""
        found: dict[Term, float] = {}
        words = [word for word, _ in known]
        i = 0
        while i < len(known):
            word, similarity = known[i]
            step, term = 1, None
            for phrase in self._phrases.get(word, ()):
                if tuple(words[i : i + len(phrase)]) == phrase:
                    step, term = len(phrase), phrase
                    similarity = min(s for _, s in known[i : i + step])
                    break
            if term is None and similarity > 0:
                term = self._single.get(word)
            if term is not None:
                found[term] = max(found.get(term, 0.0), similarity)
            i += step
        return found
