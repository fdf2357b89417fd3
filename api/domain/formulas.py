"""Published readability formulas as pure functions of counts (issue 8, point 4).

Each function takes the counts a formula is defined on (from ``api.domain.textstats``, or one
sentence's counts for per-sentence diagnostics) and returns the unrounded raw value on the
formula's own scale. Nothing here counts, rounds, clamps or judges: a value outside the
formula's range is returned as computed, and the caller decides whether it is reliable
(reference.md section 2, "Valid ranges").

Arguments are totals: ``words`` (W), ``sentences`` (S), ``syllables`` (Sy), ``letters`` (L,
letters only), ``polysyllables`` (words of 3+ syllables), ``long_words`` (words of 7+ letters),
``monosyllables`` (words of one syllable). ``words`` and ``sentences`` must be positive:
:class:`ValueError` otherwise (a formula has no value on empty text).

Sources of the constants:

- Flesch reading ease (Flesch 1948, "A new readability yardstick", J. Appl. Psych. 32):
  206.835 - 1.015 W/S - 84.6 Sy/W; the same shape with each language's constants (below).
- Flesch-Kincaid grade (Kincaid, Fishburne, Rogers & Chissom 1975, US Navy report 8-75):
  0.39 W/S + 11.8 Sy/W - 15.59.
- Szigriszt-Pazos perspicuity (Szigriszt Pazos 1993, thesis, Univ. Complutense), the INFLESZ
  scale (Barrio-Cantalejo et al. 2008, An. Sist. Sanit. Navar. 31): 206.835 - 62.3 Sy/W - W/S.
- Fernandez-Huerta (Fernandez Huerta 1959, "Medidas sencillas de lecturabilidad", Consigna
  214), with words per sentence as Law 2011 corrects it: 206.84 - 60 Sy/W - 1.02 W/S.
- Kandel-Moles (Kandel & Moles 1958, Cahiers d'etudes de radio-television 19), Flesch adapted
  to French: 207 - 1.015 W/S - 73.6 Sy/W.
- Wiener Sachtextformel 1 (Bamberger & Vanecek 1984, "Lesen - Verstehen - Lernen -
  Schreiben"): 0.1935 MS + 0.1672 SL + 0.1297 IW - 0.0327 ES - 0.875, with MS % words of 3+
  syllables, SL W/S, IW % words of more than 6 letters, ES % words of one syllable.
- Gulpease (Lucisano & Piemontese 1988, "GULPEASE: una formula per la predizione della
  difficolta dei testi in lingua italiana", Scuola e citta 3): 89 + (300 S - 10 L) / W,
  L letters only (not digits, not punctuation).
- SMOG (McLaughlin 1969, "SMOG grading", J. Reading 12), the regression form:
  1.043 sqrt(polysyllables x 30 / S) + 3.1291, defined on samples of 30 sentences.
- OSMAN (El-Haj & Rayson 2016, "OSMAN - A Novel Arabic Readability Metric", LREC):
  200.791 - 1.015 W/S - 24.181 (C + Sy + G + H) / W, with C hard words (more than 5
  syllables), G long words (more than 5 letters), H "faseeh" words; defined on vowel-marked text.

textstat 0.7.13 (``textstat.backend.metrics``) implements the same expressions; the test
suite checks that they agree where textstat's counts are right (reference.md section 2).
"""

from math import sqrt
from typing import NamedTuple


class FleschConstants(NamedTuple):
    """``base - sentence_length x W/S - syllables_per_word x Sy/W`` and its source."""

    base: float
    sentence_length: float
    syllables_per_word: float
    source: str


FLESCH_CONSTANTS: dict[str, FleschConstants] = {
    "en": FleschConstants(206.835, 1.015, 84.6, "Flesch 1948"),
    "fr": FleschConstants(207.0, 1.015, 73.6, "Kandel & Moles 1958"),
    "de": FleschConstants(180.0, 1.0, 58.5, "Amstad 1978"),
    "it": FleschConstants(217.0, 1.3, 60.0, "Franchina & Vacca 1986 (Flesch-Vacca)"),
    "nl": FleschConstants(206.835, 0.93, 77.0, "Douma 1960"),
    "ru": FleschConstants(206.835, 1.3, 60.1, "Oborneva 2006"),
}
"""Flesch reading ease constants per bare language subtag (Spanish: see
:func:`fernandez_huerta` and :func:`szigriszt_pazos`, which are its Spanish adaptations)."""


def _per_word(value: float, words: int) -> float:
    if words <= 0:
        raise ValueError(f"words must be positive, got {words}")
    return value / words


def _words_per_sentence(words: int, sentences: int) -> float:
    if sentences <= 0:
        raise ValueError(f"sentences must be positive, got {sentences}")
    _per_word(0, words)  # words must be positive too
    return words / sentences


def flesch_reading_ease(words: int, sentences: int, syllables: int, language: str = "en") -> float:
    """Flesch reading ease with ``language``'s constants (:data:`FLESCH_CONSTANTS`);
    0-100 nominally, higher is easier. KeyError for a language without constants."""
    c = FLESCH_CONSTANTS[language]
    return (
        c.base
        - c.sentence_length * _words_per_sentence(words, sentences)
        - c.syllables_per_word * _per_word(syllables, words)
    )


def flesch_kincaid_grade(words: int, sentences: int, syllables: int) -> float:
    """Flesch-Kincaid grade (Kincaid et al. 1975): US school grade, lower is easier."""
    return 0.39 * _words_per_sentence(words, sentences) + 11.8 * _per_word(syllables, words) - 15.59


def kandel_moles(words: int, sentences: int, syllables: int) -> float:
    """Kandel-Moles reading ease for French (Kandel & Moles 1958): 0-100, higher is easier."""
    return flesch_reading_ease(words, sentences, syllables, "fr")


def szigriszt_pazos(words: int, sentences: int, syllables: int) -> float:
    """Szigriszt-Pazos perspicuity, the INFLESZ scale (Szigriszt Pazos 1993): 0-100, higher
    is easier; INFLESZ bands <40 very hard ... >80 very easy (Barrio-Cantalejo et al. 2008)."""
    return 206.835 - 62.3 * _per_word(syllables, words) - _words_per_sentence(words, sentences)


def fernandez_huerta(words: int, sentences: int, syllables: int) -> float:
    """Fernandez-Huerta reading ease (Fernandez Huerta 1959; Law 2011): 0-100, higher is
    easier; its own table maps it to a school grade (reference.md section 1)."""
    return 206.84 - 60 * _per_word(syllables, words) - 1.02 * _words_per_sentence(words, sentences)


def wiener_sachtextformel_1(
    words: int, sentences: int, polysyllables: int, long_words: int, monosyllables: int
) -> float:
    """Wiener Sachtextformel, variant 1 (Bamberger & Vanecek 1984): German school grade
    4-15, lower is easier. ``long_words``: more than 6 letters."""
    ms = 100 * _per_word(polysyllables, words)
    iw = 100 * _per_word(long_words, words)
    es = 100 * _per_word(monosyllables, words)
    sl = _words_per_sentence(words, sentences)
    return 0.1935 * ms + 0.1672 * sl + 0.1297 * iw - 0.0327 * es - 0.875


def gulpease(words: int, sentences: int, letters: int) -> float:
    """Gulpease index for Italian (Lucisano & Piemontese 1988): 0-100, higher is easier;
    ``letters`` counts letters only."""
    _words_per_sentence(words, sentences)
    return 89 + (300 * sentences - 10 * letters) / words


def smog(sentences: int, polysyllables: int) -> float:
    """SMOG grade (McLaughlin 1969): US grade; meaningful on 30 sentences or more."""
    if sentences <= 0:
        raise ValueError(f"sentences must be positive, got {sentences}")
    return 1.043 * sqrt(polysyllables * 30 / sentences) + 3.1291


def osman(
    words: int,
    sentences: int,
    syllables: int,
    hard_words: int,
    long_words: int,
    faseeh_words: int,
) -> float:
    """OSMAN for Arabic (El-Haj & Rayson 2016): about 0-100, higher is easier. Counts are of
    vowel-marked text: ``syllables`` short 1, long and stressed 2; ``hard_words`` more than 5
    syllables; ``long_words`` more than 5 letters; ``faseeh_words`` hard words with a faseeh
    letter (hamza forms, thal, zah) or the endings waw-alif / waw-noon."""
    per_word = _per_word(hard_words + syllables + long_words + faseeh_words, words)
    return 200.791 - 1.015 * _words_per_sentence(words, sentences) - 24.181 * per_word
