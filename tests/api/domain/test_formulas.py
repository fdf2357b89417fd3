"""The formulas against hand-computed values of their published expressions (issue 8 point 4)."""

import pytest

from api.domain import formulas


def test_flesch_kincaid_grade_of_known_counts():
    # 100 words, 5 sentences, 140 syllables: 0.39*20 + 11.8*1.4 - 15.59 = 8.73
    assert formulas.flesch_kincaid_grade(100, 5, 140) == pytest.approx(8.73)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", 206.835 - 1.015 * 20 - 84.6 * 1.4),
        ("fr", 207 - 1.015 * 20 - 73.6 * 1.4),
        ("de", 180 - 20 - 58.5 * 1.4),
        ("it", 217 - 1.3 * 20 - 60 * 1.4),
        ("nl", 206.835 - 0.93 * 20 - 77 * 1.4),
        ("ru", 206.835 - 1.3 * 20 - 60.1 * 1.4),
    ],
)
def test_flesch_reading_ease_per_language(language, expected):
    assert formulas.flesch_reading_ease(100, 5, 140, language) == pytest.approx(expected)


def test_kandel_moles_is_flesch_with_french_constants():
    assert formulas.kandel_moles(100, 5, 140) == pytest.approx(207 - 20.3 - 103.04)


def test_spanish_formulas():
    assert formulas.szigriszt_pazos(100, 5, 200) == pytest.approx(206.835 - 124.6 - 20)
    assert formulas.fernandez_huerta(100, 5, 200) == pytest.approx(206.84 - 120 - 20.4)


def test_wiener_sachtextformel_1():
    # MS 10 %, SL 10, IW 20 %, ES 50 %
    value = formulas.wiener_sachtextformel_1(100, 10, 10, 20, 50)
    assert value == pytest.approx(1.935 + 1.672 + 2.594 - 1.635 - 0.875)


def test_gulpease_uses_letters():
    assert formulas.gulpease(100, 5, 450) == pytest.approx(89 + (1500 - 4500) / 100)


def test_smog_and_osman():
    assert formulas.smog(30, 30) == pytest.approx(1.043 * 30**0.5 + 3.1291)
    assert formulas.osman(10, 2, 20, 1, 3, 0) == pytest.approx(200.791 - 5.075 - 24.181 * 2.4)


@pytest.mark.parametrize(("words", "sentences"), [(0, 1), (5, 0), (-1, 2)])
def test_no_value_without_words_and_sentences(words, sentences):
    with pytest.raises(ValueError):
        formulas.flesch_kincaid_grade(words, sentences, 3)
    with pytest.raises(ValueError):
        formulas.gulpease(words, sentences, 3)
