"""When a readability score can be trusted, and whether it meets a level's target (issue 8.5).

The contract, on each formula's own scale (reference.md sections 1 and 2):

- ``reliable`` needs at least 30 words (characters for zh/ja) and 3 sentences; at least 80% of
  tokens being words with letters (not numbers, URLs or symbols); no sentence over 60 words
  (unpunctuated text: a 5000-word "sentence" gives grade 1946); and a score inside the
  formula's range: 0-18 for grade scales (the formulas were fitted on grades of about 1-16),
  0-100 for reading-ease scales. Otherwise ``reliable`` is false with a reason, and the raw
  score is kept as computed, never clamped.
- ``meets_target`` is judged on the unrounded score (8.03 does not meet "at most 8"). A
  reliable score meets or misses its target; a grade below the formula's floor (under 0) on
  text that passes every other rule is "below the formula's range: very easy" and meets an
  upper-bound target; any other unreliable score gives None with its reason.
"""

from typing import NamedTuple

from api.domain.levels import Target
from api.domain.textstats import TextStats

GRADE = "grade"
MIN_WORDS = 30
MIN_SENTENCES = 3
MIN_LETTER_WORD_SHARE = 0.8
MAX_SENTENCE_WORDS = 60
RANGES = {GRADE: (0.0, 18.0), "ease": (0.0, 100.0)}
VERY_EASY = "below the formula's range: very easy"


class Verdict(NamedTuple):
    """``reason`` None means reliable; ``meets_target`` None means not judged."""

    reason: str | None
    meets_target: bool | None


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def text_reason(stats: TextStats) -> str | None:
    """Why ``stats`` is too little or too odd a text for any formula, or None."""
    if stats.word_count < MIN_WORDS:
        return f"{_plural(stats.word_count, 'word')}: at least {MIN_WORDS} are needed"
    if stats.sentence_count < MIN_SENTENCES:
        return f"{_plural(stats.sentence_count, 'sentence')}: at least {MIN_SENTENCES} are needed"
    share = stats.letter_word_count / stats.word_count
    if share < MIN_LETTER_WORD_SHARE:
        return (
            f"only {share:.0%} of tokens are words with letters (numbers, symbols, links):"
            f" at least {MIN_LETTER_WORD_SHARE:.0%} are needed"
        )
    longest = max(s.word_count for s in stats.sentences)
    if longest > MAX_SENTENCE_WORDS:
        return (
            f"a sentence of {longest} words (at most {MAX_SENTENCE_WORDS}): missing punctuation"
            " or a list written as one sentence"
        )
    return None


def judge(stats: TextStats, raw: float, kind: str, target: Target | None) -> Verdict:
    """Reliability of the unrounded score ``raw`` of a ``kind`` formula, and its target."""
    reason = text_reason(stats)
    low, high = RANGES[kind]
    if reason is None and raw < low and kind == GRADE:
        meets = True if target is not None and target.max is not None else None
        return Verdict(VERY_EASY, meets)
    if reason is None and not low <= raw <= high:
        reason = (
            f"score {raw:.1f} is outside the formula's range {low:g}-{high:g}:"
            " an artefact of the text, not a reading level"
        )
    if reason is not None:
        return Verdict(reason, None)
    return Verdict(None, target.met_by(raw) if target is not None else None)
