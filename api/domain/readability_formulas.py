"""The formula of each language (reference.md section 1; issue 8 point 4): which formula,
on which scale, in which direction, and the published grade tables (``api.domain.readability``
scores with it; the computations are :mod:`api.domain.formulas`).
"""

from collections.abc import Callable
from dataclasses import dataclass

from api.domain import formulas
from api.domain.reliability import GRADE
from api.domain.textstats import TextStats

EASE_SCALE = "nominally 0-100 (odd text can fall outside), higher is easier"


@dataclass(frozen=True, slots=True)
class Formula:
    """A readability formula as used for one language; ``kind`` is ``grade`` or ``ease``."""

    id: str
    name: str
    scale: str
    kind: str
    compute: Callable[[TextStats], float] | None  # None: OSMAN, counted from the marked text
    grade_table: tuple[tuple[float, int], ...] | None = None  # (lower bound, grade), high first

    @property
    def higher_is_easier(self) -> bool:
        """True for reading-ease scales."""
        return self.kind != GRADE


def wsy(s: TextStats) -> tuple[int, int, int]:
    """(words, sentences, syllables): the arguments of the Flesch family."""
    return s.word_count, s.sentence_count, s.syllable_count


def _wiener(s: TextStats) -> float:
    return formulas.wiener_sachtextformel_1(
        s.word_count,
        s.sentence_count,
        s.polysyllable_count,
        s.long_word_count,
        s.monosyllable_count,
    )


# Fernandez-Huerta's own table (Fernandez Huerta 1959); where a band spans grades, its upper grade.
FERNANDEZ_HUERTA_GRADES = ((90, 4), (80, 5), (70, 6), (60, 8), (50, 12), (30, 16), (-1e9, 17))
# Flesch's table (Flesch 1948) applied to Kandel-Moles (Kandel & Moles 1958).
FLESCH_GRADES = ((90, 5), (80, 6), (70, 7), (60, 9), (50, 12), (30, 16), (-1e9, 17))

FORMULAS: dict[str, Formula] = {
    "en": Formula(
        "flesch-kincaid-grade",
        "Flesch-Kincaid grade level (Kincaid et al. 1975)",
        "US school grade, lower is easier",
        GRADE,
        lambda s: formulas.flesch_kincaid_grade(*wsy(s)),
    ),
    "es": Formula(
        "inflesz",
        "INFLESZ / Szigriszt-Pazos perspicuity (Szigriszt Pazos 1993; Barrio-Cantalejo"
        " et al. 2008)",
        EASE_SCALE,
        "ease",
        lambda s: formulas.szigriszt_pazos(*wsy(s)),
    ),
    "fr": Formula(
        "kandel-moles",
        "Flesch reading ease with Kandel-Moles constants (Kandel & Moles 1958)",
        EASE_SCALE,
        "ease",
        lambda s: formulas.kandel_moles(*wsy(s)),
        grade_table=FLESCH_GRADES,
    ),
    "de": Formula(
        "wiener-sachtextformel-1",
        "Wiener Sachtextformel, variant 1 (Bamberger & Vanecek 1984)",
        "school grade 4-15, lower is easier",
        GRADE,
        _wiener,
    ),
    "it": Formula(
        "gulpease",
        "Gulpease index, letters only (Lucisano & Piemontese 1988)",
        EASE_SCALE,
        "ease",
        lambda s: formulas.gulpease(s.word_count, s.sentence_count, s.letter_count),
    ),
    "nl": Formula(
        "flesch-douma",
        "Flesch reading ease with Douma's Dutch constants (Douma 1960)",
        EASE_SCALE,
        "ease",
        lambda s: formulas.flesch_reading_ease(*wsy(s), "nl"),
    ),
    "ru": Formula(
        "flesch-oborneva",
        "Flesch reading ease with Russian constants (Oborneva 2006)",
        EASE_SCALE,
        "ease",
        lambda s: formulas.flesch_reading_ease(*wsy(s), "ru"),
    ),
    "ar": Formula(
        "osman",
        "OSMAN Arabic readability on vowel-marked text (El-Haj & Rayson 2016)",
        "about 0-100, can go negative, higher is easier",
        "ease",
        None,
    ),
}
