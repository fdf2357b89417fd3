"""Readability reports (reference.md sections 1 and 2), including textstat's traps."""

import json
import threading

import nltk
import pytest
from textstat.backend import counts, metrics

from api.domain import readability
from api.domain.readability import (
    FERNANDEZ_HUERTA_GRADES,
    ReadabilityReport,
    _band,
    score_text,
)

EN_EASY = (
    "Your body has a way to fight germs. It is called the immune system. Some cancer cells can "
    "hide from it. A new kind of medicine helps your body find these cells. Then your body can "
    "fight them. Doctors call this medicine immunotherapy. It does not work for everyone yet."
)
ES_PLAIN = (
    "El cáncer de mama afecta al tejido del seno. Hay varios tratamientos para combatirlo. La "
    "cirugía, la quimioterapia y la radioterapia son los más usados. Ahora hay un tratamiento "
    "nuevo que da esperanza. Se llama inmunoterapia y usa las defensas del cuerpo."
)


def test_english_uses_the_cmu_dictionary_without_any_download(monkeypatch, scheme):
    def no_download(*args, **kwargs):
        raise AssertionError(f"NLTK download attempted: {args}")

    def not_installed(*args, **kwargs):
        raise LookupError("no NLTK data on this machine")

    monkeypatch.setattr(nltk, "download", no_download)
    monkeypatch.setattr(nltk.data, "find", not_installed)
    counts.count_syllables.cache_clear()
    readability.install_cmu_dictionary()
    # CMU says fire = 2, area = 3, idea = 3 syllables; Pyphen's hyphenation says 1, 1, 1.
    assert [counts.count_syllables(w, "en") for w in ("fire", "area", "idea")] == [2, 3, 3]
    report = score_text(EN_EASY, "en", scheme, "easy")
    assert report.formula == "flesch-kincaid-grade" and report.reliable is True
    assert report.score == round(metrics.flesch_kincaid_grade(EN_EASY, "en"), 1)


def test_region_subtags_never_reach_textstat(scheme):
    # textstat splits only on "_": es-MX would get English constants, en-US would skip the CMU
    # dictionary. The report must equal the bare-subtag computation.
    mx = score_text(ES_PLAIN, "es-MX", scheme, "plain")
    assert mx.language == "es"
    assert mx.score == round(metrics.szigriszt_pazos(ES_PLAIN, "es"), 1)
    us = score_text(EN_EASY, "en-US", scheme)
    assert us.score == round(metrics.flesch_kincaid_grade(EN_EASY, "en"), 1)
    assert us.score != round(metrics.flesch_kincaid_grade(EN_EASY, "en_US"), 1)


def test_spanish_report_has_inflesz_score_and_fernandez_huerta_grade(scheme):
    report = score_text(ES_PLAIN, "es", scheme, "plain")
    fh = metrics.fernandez_huerta(ES_PLAIN, "es")
    assert report.formula == "inflesz"
    assert report.second_opinion is not None
    assert report.second_opinion.score == round(fh, 1)
    assert report.grade_equivalent == _band(fh, FERNANDEZ_HUERTA_GRADES)
    assert report.target == {"min": 55}
    assert report.meets_target is (report.score >= 55)


@pytest.mark.parametrize(
    ("score", "grade"), [(95, 4), (90, 4), (85, 5), (75, 6), (65, 8), (55, 12), (40, 16), (10, 17)]
)
def test_fernandez_huerta_table_uses_the_bands_upper_grade(score, grade):
    assert _band(score, FERNANDEZ_HUERTA_GRADES) == grade


@pytest.mark.parametrize(
    ("text", "reason_part"),
    [
        ("1234", "1 word:"),
        ("Short text here. Another one.", "words"),
        (" ".join(["word"] * 5000), "sentence"),
    ],
)
def test_nonsense_input_is_marked_unreliable(scheme, text, reason_part):
    report = score_text(text, "en", scheme, "plain")
    assert report.reliable is False
    assert reason_part in (report.reason or "")


def test_empty_text_is_not_measurable(scheme):
    report = score_text("   ", "en", scheme, "plain")
    assert (report.measurable, report.score, report.meets_target) == (False, None, None)


@pytest.mark.parametrize("tag", ["zh-Hans", "ja", "ko", "pt-BR", "vi"])
def test_languages_without_a_formula_get_no_number(scheme, tag):
    report = score_text("这是一个测试。" * 20, tag, scheme, "plain")
    assert (report.measurable, report.score, report.grade_equivalent) == (False, None, None)
    assert report.reliable is False and "not measurable" in (report.reason or "")


def test_arabic_is_scored_but_never_reliable(scheme):
    text = "يستخدم العلاج المناعي جهاز المناعة لمحاربة السرطان. " * 10
    report = score_text(text, "ar", scheme, "plain")
    assert report.formula == "osman" and report.score is not None
    assert report.reliable is False and "vowel marks" in (report.reason or "")


def test_concurrent_scoring_in_two_languages_matches_sequential(scheme):
    expected = {
        "en": score_text(EN_EASY, "en", scheme).score,
        "es": score_text(ES_PLAIN, "es", scheme).score,
    }
    results: list[tuple[str, float | None]] = []

    def work(lang: str, text: str) -> None:
        for _ in range(50):
            metrics.flesch_kincaid_grade.cache_clear()
            metrics.szigriszt_pazos.cache_clear()
            results.append((lang, score_text(text, lang, scheme).score))

    threads = [threading.Thread(target=work, args=a) for a in (("en", EN_EASY), ("es", ES_PLAIN))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 100
    assert all(score == expected[lang] for lang, score in results)


def test_report_round_trips_through_its_json_column_unchanged(scheme):
    report = score_text(ES_PLAIN, "es-MX", scheme, "plain")
    stored = json.loads(json.dumps(report.as_dict()))  # what the JSON column gives back
    assert list(stored) == list(ReadabilityReport.model_fields)
    assert stored["target"] == {"min": 55} and isinstance(stored["target"]["min"], int)
    assert stored["second_opinion"]["formula"] == "fernandez-huerta"
    back = ReadabilityReport.model_validate(stored)
    assert back == report
    assert json.dumps(back.model_dump()) == json.dumps(report.as_dict())
