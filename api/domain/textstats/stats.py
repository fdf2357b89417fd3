"""``text_stats``: the counts readability formulas need, made by our own rules (issue 8).

See the package docstring for the contract. Every count is documented where it is made:
segment.py (sentences), words.py (tokens, letters), syllables*.py (syllables per language).

Speed (issue 8 point 9: 500 words of text never counted before in under 2 ms, no whole-text
cache; bench/textstats_bench.py): for the usual text (no URL, e-mail address, combining mark or
unspaced script) a sentence's words are found by one ``findall`` and its counts summed in C:
each distinct word's counts are memoized once per language as one packed integer (syllables,
letters, long, monosyllable and polysyllable flags in 32-bit fields), so summing a sentence's
packed integers sums every count at once. Other text takes the token-by-token path; both give
the same counts (tests/api/domain/test_textstats_speed.py). :attr:`TextStats.words` is built
only when read.
"""

from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

from api.domain.textstats import segment, syllables, words

COUNTER_VERSION = "textstats-1.1"
UNSPACED = frozenset({"zh", "ja"})
LONG_WORD_LETTERS = 7  # "long word": more than 6 letters (LIX, Björnsson 1968; Wiener IW)

_BITS = 32
_MASK = (1 << _BITS) - 1
_PACKED: dict[str, dict[str, int]] = {}  # language -> word -> packed counts


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
    """One sentence: code-point ``start``/``end`` and its own counts (same meanings as
    :class:`TextStats`'), so that each sentence can be scored by the language's formula."""

    start: int
    end: int
    word_count: int
    syllable_count: int
    letter_count: int = 0
    long_word_count: int = 0
    monosyllable_count: int = 0
    polysyllable_count: int = 0


@dataclass(frozen=True)
class TextStats:
    """Counts for one text in one language; see the package docstring."""

    language: str
    sentences: tuple[SentenceStats, ...]
    word_count: int
    sentence_count: int
    syllable_count: int
    letter_count: int
    letter_word_count: int
    long_word_count: int
    monosyllable_count: int
    polysyllable_count: int
    counter_version: str = COUNTER_VERSION
    text: str = field(default="", repr=False, compare=False)

    @cached_property
    def words(self) -> tuple[WordStats, ...]:
        """Every token with its own counts, in text order (built on first read)."""
        out: list[WordStats] = []
        for index, s in enumerate(self.sentences):
            found = words.tokenize(self.text, s.start, s.end)
            out.extend(_word(t, self.language, index) for t in found)
        return tuple(out)

    def words_with_at_least(self, syllable_count: int) -> int:
        """Words of at least ``syllable_count`` syllables (3 for SMOG's polysyllables)."""
        return sum(1 for w in self.words if w.syllables >= syllable_count)


def text_stats(text: str, language: str) -> TextStats:
    """Count ``text`` written in ``language``, a bare ISO 639 subtag (``es``, not ``es-MX``).

    Never raises for odd input: empty or white-space-only text gives zero counts. Unknown
    languages are segmented by the common rules of :mod:`.segment` and counted by vowel groups.
    """
    all_fast = words.pattern(text) is words.FAST_TOKEN
    digits = words.DIGIT.search(text) is not None
    counted = [
        _fast_sentence(text, s, language, digits)
        if all_fast or words.pattern(text, s.start, s.end) is words.FAST_TOKEN
        else _token_sentence(text, s, language)
        for s in segment.sentences(text, language)
    ]
    sentences = tuple(s for s, _ in counted)
    return TextStats(
        language=language,
        sentences=sentences,
        word_count=sum(s.word_count for s in sentences),
        sentence_count=len(sentences),
        syllable_count=sum(s.syllable_count for s in sentences),
        letter_count=sum(s.letter_count for s in sentences),
        letter_word_count=sum(n for _, n in counted),
        long_word_count=sum(s.long_word_count for s in sentences),
        monosyllable_count=sum(s.monosyllable_count for s in sentences),
        polysyllable_count=sum(s.polysyllable_count for s in sentences),
        text=text,
    )


def clear_memos() -> None:
    """Forget every memoized word, packed counts and syllables (the benchmark's cold runs)."""
    _PACKED.clear()
    syllables.clear_memo()


def _pack(syllable_count: int, letters: int) -> int:
    """One word's counts as one integer: syllables, letters, long, monosyllable, polysyllable."""
    return (
        syllable_count
        | letters << _BITS
        | (letters >= LONG_WORD_LETTERS) << 2 * _BITS
        | (syllable_count == 1 and letters > 0) << 3 * _BITS
        | (syllable_count >= 3) << 4 * _BITS
    )


def _packed(found: list[str], language: str) -> int:
    """The sum of the packed counts of ``found`` (words), learning new words on the way."""
    known = _PACKED.get(language)
    if known is None:
        known = _PACKED[language] = {}
    try:
        return sum(map(known.__getitem__, found))
    except KeyError:
        if len(known) >= syllables.MEMO_SIZE:
            known.clear()
        for word in found:
            if word not in known:
                known[word] = _pack(syllables.count(word, language), words.letter_count(word))
        return sum(map(known.__getitem__, found))


def _fast_sentence(
    text: str, span: segment.Span, language: str, digits: bool
) -> tuple[SentenceStats, int]:
    """A sentence of text that :data:`words.FAST_TOKEN` tokenizes: words and numbers apart,
    counts summed from the packed memo. Also returns its count of words with letters."""
    found = words.WORD.findall(text, span.start, span.end)
    numbers = len(words.NUMBER.findall(text, span.start, span.end)) if digits else 0
    total = _packed(found, language)
    sentence = SentenceStats(
        span.start,
        span.end,
        len(found) + numbers,
        (total & _MASK) + numbers,  # a number is one word of one syllable (Flesch 1948)
        total >> _BITS & _MASK,
        total >> 2 * _BITS & _MASK,
        total >> 3 * _BITS & _MASK,
        total >> 4 * _BITS & _MASK,
    )
    return sentence, len(found)


def _word(t: words.Token, language: str, sentence: int) -> WordStats:
    if t.kind == "word":
        count = syllables.count(t.text, language)
        return WordStats(*t[:3], t.kind, count, words.letter_count(t.text), sentence)
    # Numbers, URLs, e-mail addresses and single CJK characters: one syllable each.
    return WordStats(*t[:3], t.kind, 1, int(t.kind == "char"), sentence)


def _token_sentence(text: str, span: segment.Span, language: str) -> tuple[SentenceStats, int]:
    """A sentence counted token by token (URLs, e-mail, combining marks, unspaced scripts)."""
    found = [_word(t, language, 0) for t in words.tokenize(text, span.start, span.end)]
    with_letters = [w for w in found if w.letters]
    sentence = SentenceStats(
        span.start,
        span.end,
        len(found),
        sum(w.syllables for w in found),
        sum(w.letters for w in with_letters),
        sum(w.letters >= LONG_WORD_LETTERS for w in with_letters),
        sum(w.syllables == 1 for w in with_letters),
        sum(w.syllables >= 3 for w in found),
    )
    return sentence, len(with_letters)
