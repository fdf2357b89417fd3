"""``text_stats``: the counts readability formulas need, made by our own rules (issue 8).

See the package docstring for the contract. Every count is documented where it is made:
segment.py (sentences), words.py (tokens, letters), syllables*.py (syllables per language).
"""

from dataclasses import dataclass
from typing import NamedTuple

from api.domain.textstats import segment, syllables, words

COUNTER_VERSION = "textstats-1.0"
UNSPACED = frozenset({"zh", "ja"})
LONG_WORD_LETTERS = 7  # "long word": more than 6 letters (LIX, Björnsson 1968; Wiener IW)


class WordStats(NamedTuple):
    """One token: code-point ``start``/``end``, ``kind`` (word, number, url, email, char),
    ``syllables`` (>= 1) and ``letters`` (letters only, no digits or punctuation)."""

    start: int
    end: int
    text: str
    kind: str
    syllables: int
    letters: int
    sentence: int  # index into TextStats.sentences


class SentenceStats(NamedTuple):
    """One sentence: code-point ``start``/``end`` and its own word and syllable counts."""

    start: int
    end: int
    word_count: int
    syllable_count: int


@dataclass(frozen=True, slots=True)
class TextStats:
    """Counts for one text in one language; see the package docstring."""

    language: str
    sentences: tuple[SentenceStats, ...]
    words: tuple[WordStats, ...]
    word_count: int
    sentence_count: int
    syllable_count: int
    letter_count: int
    letter_word_count: int
    long_word_count: int
    monosyllable_count: int
    polysyllable_count: int
    counter_version: str = COUNTER_VERSION

    def words_with_at_least(self, syllable_count: int) -> int:
        """Words of at least ``syllable_count`` syllables (3 for SMOG's polysyllables)."""
        return sum(1 for w in self.words if w.syllables >= syllable_count)


def _word(token: words.Token, language: str, sentence: int) -> WordStats:
    if token.kind == "word":
        return WordStats(
            token.start,
            token.end,
            token.text,
            "word",
            syllables.count(token.text, language),
            words.letter_count(token.text),
            sentence,
        )
    # Numbers, URLs, e-mail addresses and single CJK characters: one syllable each.
    letters = 1 if token.kind == "char" else 0
    return WordStats(token.start, token.end, token.text, token.kind, 1, letters, sentence)


def text_stats(text: str, language: str) -> TextStats:
    """Count ``text`` written in ``language``, a bare ISO 639 subtag (``es``, not ``es-MX``).

    Never raises for odd input: empty or white-space-only text gives zero counts. Unknown
    languages are segmented by sentencex's default rules and counted by vowel groups.
    """
    all_words: list[WordStats] = []
    all_sentences: list[SentenceStats] = []
    for index, span in enumerate(segment.sentences(text, language)):
        found = [_word(t, language, index) for t in words.tokenize(text, span.start, span.end)]
        all_words.extend(found)
        all_sentences.append(
            SentenceStats(span.start, span.end, len(found), sum(w.syllables for w in found))
        )
    return TextStats(
        language=language,
        sentences=tuple(all_sentences),
        words=tuple(all_words),
        word_count=len(all_words),
        sentence_count=len(all_sentences),
        syllable_count=sum(w.syllables for w in all_words),
        letter_count=sum(w.letters for w in all_words),
        letter_word_count=sum(1 for w in all_words if w.letters),
        long_word_count=sum(1 for w in all_words if w.letters >= LONG_WORD_LETTERS),
        monosyllable_count=sum(1 for w in all_words if w.syllables == 1 and w.letters),
        polysyllable_count=sum(1 for w in all_words if w.syllables >= 3),
    )
