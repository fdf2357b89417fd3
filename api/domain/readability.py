"""Readability reports: each language scored by its own formula on its own scale, from our counts.

Implements reference.md sections 1 and 2 and issue 8 points 4-5:

- one formula per language (en Flesch-Kincaid grade, es INFLESZ, fr Kandel-Moles, de Wiener
  Sachtextformel 1, it Gulpease, nl/ru Flesch with their constants, ar OSMAN on vowel-marked
  text); "measurable" is decided from that table, never from whether a computation raised;
- the counts are ours (:func:`api.domain.textstats.text_stats`: sentences, words, syllables per
  language; :mod:`api.domain.arabic` for OSMAN), the formulas :mod:`api.domain.formulas`;
  textstat is the reference the tests compare with (:mod:`api.domain.textstat_offline`) and is
  not called here, so none of its traps (``set_lang``, region subtags, the NLTK download) apply;
- the honest contract: ``reliable`` only for >= 30 words, >= 3 sentences, >= 80% of tokens
  words with letters, no sentence over 60 words and a score inside the formula's range;
  otherwise a ``reason`` and never a clamped number (:mod:`api.domain.reliability`).

The table of formulas is :mod:`api.domain.readability_formulas`.
"""

from importlib.metadata import version
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from api.domain import formulas
from api.domain.arabic import arabic_counts
from api.domain.languages import language_subtag
from api.domain.levels import LevelScheme
from api.domain.readability_formulas import FERNANDEZ_HUERTA_GRADES, FORMULAS, wsy
from api.domain.reliability import GRADE, Verdict, judge
from api.domain.textstats import COUNTER_VERSION, TextStats, text_stats

TEXTSTAT_VERSION = version("textstat")
UNSPACED = frozenset({"zh", "ja"})
EMPTY = "empty text: nothing to measure"
NO_WORDS = "no words, only punctuation or symbols: nothing to measure"


class SecondOpinion(BaseModel):
    """A second formula shown beside the deciding one, never deciding."""

    model_config = ConfigDict(frozen=True)

    formula: str
    name: str
    score: float


Bound = int | float
"""A target bound as the level scheme states it (``api/data/levels.json``): ``6`` stays ``6``."""


class ReadabilityReport(BaseModel):
    """What one text measures, in the terms of reference.md section 1.

    The same model is stored (``Version.readability``, ``ArticleReadability.report``: JSON
    columns written with :meth:`as_dict`, read back with ``model_validate``) and served
    (``api.schemas.ReadabilityRead`` is this model). ``score`` is the formula's raw value on its
    own ``scale`` (rounded to 0.1, never clamped); ``grade_equivalent`` a US grade where a
    published table gives one and the score is reliable, else None; ``reliable`` per
    :mod:`api.domain.reliability`, else False with a ``reason``; ``meets_target`` judged on the
    unrounded score, None when the text is not measurable, the score unreliable (except below
    a grade formula's floor: "very easy") or the level has no target for the language.
    ``word_count`` counts characters for zh/ja (``word_unit``). ``counter_version`` names the
    counting rules (None: stored before our counters, by textstat's counts; such reports are
    recomputed by ``content-api rescore`` and at start-up, never mixed with new ones).
    """

    model_config = ConfigDict(frozen=True)

    locale: str
    language: str = Field(description="Bare language subtag (ISO 639)")
    measurable: bool
    formula: str | None
    formula_name: str | None
    scale: str | None
    higher_is_easier: bool | None
    score: float | None = Field(description="Raw value on the formula's own scale, 0.1 precision")
    grade_equivalent: float | None = Field(description="US school grade where a table gives one")
    second_opinion: SecondOpinion | None
    word_count: int
    sentence_count: int
    reliable: bool = Field(description="Enough text, mostly words, no run-on, score in range")
    reason: str | None
    level: str | None
    target: dict[str, Bound] | None = Field(
        description="The level's bound on score: {min} for ease scales, {max} for grades"
    )
    meets_target: bool | None
    textstat_version: str = TEXTSTAT_VERSION
    counter_version: str | None = Field(
        default=None, description="Counting rules that made the counts; None: textstat's (old)"
    )
    word_unit: str = Field(default="word", description="'character' for zh and ja")

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form, as stored in the JSON columns (``model_dump``)."""
        return self.model_dump()


def is_current(report: dict[str, Any] | ReadabilityReport | None) -> bool:
    """True when a stored report was made by today's counters (``COUNTER_VERSION``)."""
    if report is None:
        return False
    found = report.get("counter_version") if isinstance(report, dict) else report.counter_version
    return found == COUNTER_VERSION


def _band(score: float, table: tuple[tuple[float, int], ...]) -> float:
    return float(next(grade for lower, grade in table if score >= lower))


def grade_equivalent(language: str, score: float, stats: TextStats) -> float | None:
    """US grade equivalent per reference.md section 1 for a reliable score, or None."""
    formula = FORMULAS.get(language)
    if formula is None:
        return None
    if formula.kind == GRADE:
        return round(score, 1)
    if language == "es":  # INFLESZ has no grade table: use Fernandez-Huerta's own
        return _band(formulas.fernandez_huerta(*wsy(stats)), FERNANDEZ_HUERTA_GRADES)
    if formula.grade_table:
        return _band(score, formula.grade_table)
    return None


def _second_opinion(language: str, stats: TextStats) -> SecondOpinion | None:
    if language == "en" and stats.sentence_count >= 30:  # SMOG is defined on 30 sentences
        return SecondOpinion(
            formula="smog",
            name="SMOG grade (McLaughlin 1969), US grade, lower is easier",
            score=round(formulas.smog(stats.sentence_count, stats.polysyllable_count), 1),
        )
    if language == "es":
        return SecondOpinion(
            formula="fernandez-huerta",
            name="Fernandez-Huerta reading ease (Fernandez Huerta 1959), 0-100, higher is easier",
            score=round(formulas.fernandez_huerta(*wsy(stats)), 1),
        )
    return None


def _raw_score(language: str, text: str, stats: TextStats) -> tuple[float | None, str | None]:
    """The unrounded score, or None with the reason the text is not measurable."""
    formula = FORMULAS.get(language)
    if formula is None:
        return None, f"no readability formula for language '{language}': not measurable"
    if stats.word_count == 0:
        return None, EMPTY if text.isspace() or not text else NO_WORDS
    if formula.compute is not None:
        return formula.compute(stats), None
    counts = arabic_counts(text)
    if counts.words == 0 or 2 * counts.marked_words < counts.words:
        return None, (
            f"{counts.marked_words} of {counts.words} Arabic words carry vowel marks (harakat):"
            " OSMAN is defined on vowel-marked text and needs at least half; not measurable"
        )
    osman = formulas.osman(
        counts.words,
        stats.sentence_count,
        counts.syllables,
        counts.hard_words,
        counts.long_words,
        counts.faseeh_words,
    )
    return osman, None


def score_text(
    text: str, locale: str, scheme: LevelScheme, level: str | None = None
) -> ReadabilityReport:
    """Measure ``text`` written in ``locale`` (a canonical BCP 47 tag) against ``level``'s target.

    Never raises for odd input: empty text, a language without a formula or unmarked Arabic
    give ``measurable: false`` with a reason; odd text gives ``reliable: false`` with a reason
    and its raw score, never a clamped number.
    """
    language = language_subtag(locale)
    stats = text_stats(text, language)
    raw, not_measurable = _raw_score(language, text, stats)
    formula = FORMULAS.get(language)
    target = scheme.target(level, language) if level else None
    verdict = (
        judge(stats, raw, formula.kind, target)
        if formula is not None and raw is not None
        else Verdict(not_measurable, None)
    )
    return ReadabilityReport(
        locale=locale,
        language=language,
        measurable=raw is not None,
        formula=formula.id if formula else None,
        formula_name=formula.name if formula else None,
        scale=formula.scale if formula else None,
        higher_is_easier=formula.higher_is_easier if formula else None,
        score=round(raw, 1) if raw is not None else None,
        grade_equivalent=(
            grade_equivalent(language, raw, stats)
            if raw is not None and verdict.reason is None
            else None
        ),
        second_opinion=_second_opinion(language, stats) if raw is not None else None,
        word_count=stats.word_count,
        sentence_count=stats.sentence_count,
        reliable=verdict.reason is None,
        reason=verdict.reason,
        level=level,
        target=target.as_dict() if target else None,
        meets_target=verdict.meets_target,
        counter_version=stats.counter_version,
        word_unit="character" if language in UNSPACED else "word",
    )


def warm_up() -> None:
    """Load every measurable language's counters and data once at start-up (the English CMU
    dictionary: about 0.5-3 s, 58 MB), so the first request does not pay for it."""
    for language in FORMULAS:
        text_stats("Warm up the readability counters with one short sentence here.", language)
