"""Arabic counts for OSMAN (El-Haj & Rayson 2016, LREC), on vowel-marked text only.

OSMAN was defined and fitted on diacritized text: syllables are read from the short-vowel
marks (harakat), so on unmarked text the formula is not OSMAN (reference.md section 2: the same
sentences score 33.7 marked and 116.6 unmarked). :func:`arabic_counts` reports how many Arabic
words carry a mark; readability calls the text measurable only when at least half do (issue 8
point 4).

Counting rules (El-Haj & Rayson 2016, section 3):

- a word is a run of Arabic letters with their marks (U+0621-U+064A, U+0671-U+06D3, marks
  U+064B-U+0652 and U+0670);
- syllables: a short vowel (fatha, damma, kasra) followed by alif, waw or ya is a long
  syllable, counted 2; otherwise a short syllable, counted 1; tanween and shadda are stressed
  syllables, counted 2; a word has at least one syllable;
- hard words: more than 5 syllables; long words: more than 5 letters (marks not counted);
- faseeh words: hard words with a hamza form, thal or zah (``ء ئ ؤ ذ ظ``) or ending in
  ``وا`` or ``ون``.
"""

import re
from typing import NamedTuple

WORD = re.compile(r"[\u0621-\u064a\u0671-\u06d3\u064b-\u0652\u0670]+")
SHORT_VOWELS = frozenset("\u064e\u064f\u0650")  # fatha, damma, kasra
STRESSED = frozenset("\u064b\u064c\u064d\u0651")  # tanween fath, damm, kasr; shadda
MARKS = frozenset("\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0670")
LONG_VOWEL_LETTERS = frozenset("\u0627\u0648\u064a")  # alif, waw, ya
FASEEH_LETTERS = frozenset("\u0621\u0626\u0624\u0630\u0638")
FASEEH_ENDINGS = ("\u0648\u0627", "\u0648\u0646")


class ArabicCounts(NamedTuple):
    """OSMAN's counts of one text; ``marked_words``: words carrying at least one haraka."""

    words: int
    marked_words: int
    syllables: int
    hard_words: int
    long_words: int
    faseeh_words: int


def word_syllables(word: str) -> int:
    """OSMAN syllables of one vowel-marked word (short 1, long and stressed 2), at least 1."""
    total = 0
    for i, char in enumerate(word):
        if char in SHORT_VOWELS:
            following = word[i + 1] if i + 1 < len(word) else ""
            total += 2 if following in LONG_VOWEL_LETTERS else 1
        elif char in STRESSED:
            total += 2
    return max(1, total)


def arabic_counts(text: str) -> ArabicCounts:
    """Count ``text`` by the rules above (zero counts for text with no Arabic word)."""
    words = WORD.findall(text)
    marked = syllables = hard = long = faseeh = 0
    for word in words:
        bare = "".join(c for c in word if c not in MARKS)
        count = word_syllables(word)
        marked += any(c in MARKS for c in word)
        syllables += count
        long += len(bare) > 5
        if count > 5:
            hard += 1
            faseeh += any(c in FASEEH_LETTERS for c in bare) or bare.endswith(FASEEH_ENDINGS)
    return ArabicCounts(len(words), marked, syllables, hard, long, faseeh)
