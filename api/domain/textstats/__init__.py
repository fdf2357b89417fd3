"""Text statistics for readability: our own sentences, words and syllables (issue 8).

Pure functions, no I/O, no textstat. textstat stays the reference for the formulas; the counts
they are fed are made here, because textstat's counts are wrong outside English prose
(reference.md section 2: periods in ``2.5`` and ``Dr.`` end sentences, pyphen hyphenation points
instead of syllables, ``well-known`` 1 syllable, two-word sentences dropped).

Stable API::

    from api.domain.textstats import text_stats, TextStats

    stats = text_stats("Tome 2,5 mg. El Dr. Pérez lo verá.", "es")
    stats.sentence_count        # 2
    stats.word_count            # 8 (numbers count as words)
    stats.syllable_count        # spoken syllables by the language's rules
    stats.sentences[0].start    # code-point offsets into the text, end exclusive

``text_stats(text, language)`` takes a bare language subtag (``en``, ``es``, ``fr``...; pass
``language_subtag(locale)``). It returns a frozen :class:`TextStats`:

- ``sentences``: :class:`SentenceStats` (``start``, ``end``, ``word_count``,
  ``syllable_count``, ``letter_count``, ``long_word_count``, ``monosyllable_count``,
  ``polysyllable_count``: enough to score one sentence by any formula), in order; rules in
  :mod:`.segment`;
- ``words``: :class:`WordStats` (``start``, ``end``, ``text``, ``kind`` = word | number | url |
  email | char, ``syllables``, ``letters``, ``sentence`` index), built on first read; rules in
  :mod:`.words`;
- ``word_count``, ``sentence_count``, ``syllable_count``;
- ``letter_count``: letters only (Gulpease, Lucisano & Piemontese 1988: not punctuation or
  digits); ``letter_word_count``: tokens with at least one letter (the 80% rule of issue 8.5);
- ``long_word_count``: words of 7+ letters (LIX; Wiener Sachtextformel's IW);
- ``monosyllable_count`` (Wiener's ES), ``polysyllable_count`` (3+ syllables: SMOG's
  polysyllables, Wiener's MS), ``words_with_at_least(n)`` for other thresholds;
- ``counter_version``: changes whenever a rule changes a count, so stored scores made by an
  older counter are recognisable (issue 8 point 5).

zh and ja have no spaces: each Han/kana character is one ``char`` token (``word_count`` counts
characters) and sentences end at 。！？. Syllables: en CMU dictionary then rules; es RAE rules;
fr, de, it rule-based per language; nl, ru vowel rules; others vowel groups
(:data:`syllables.METHODS`). Each language's code and data load on first use.

Speed: no text is cached whole; each language memoizes its words' counts (bounded,
:func:`clear_memos` empties them). 500 words of new text take about 1 ms warm, 2-3 ms with
every memo empty (bench/textstats_bench.py prints both beside textstat's own counts).
"""

from api.domain.textstats.stats import (
    COUNTER_VERSION,
    SentenceStats,
    TextStats,
    WordStats,
    clear_memos,
    text_stats,
)

__all__ = [
    "COUNTER_VERSION",
    "SentenceStats",
    "TextStats",
    "WordStats",
    "clear_memos",
    "text_stats",
]
