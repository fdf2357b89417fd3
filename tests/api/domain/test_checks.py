"""The submission checks: severities per level and reliability."""

import pytest

from api.domain.checks import Draft, errors, run_checks
from api.domain.readability import score_text

EN = "About 50% of patients respond. Take 5 mg a day."


def _draft(text, level="plain", locale="de", report=None):
    return Draft(text, locale, level, EN, "en", report or {"meets_target": None, "target": None})


def _severity(results, check):
    return next(r.severity for r in results if r.check == check)


def test_empty_text_is_the_only_error():
    results = run_checks(_draft("  \n "))
    assert [(r.check, r.severity) for r in results] == [("empty", "error")]


def test_numbers_are_an_error_for_full_and_a_warning_for_plain():
    text = "Etwa die Hälfte der Patienten spricht an. Nehmen Sie 5 mg am Tag."
    assert _severity(run_checks(_draft(text, "full")), "numbers") == "error"
    assert _severity(run_checks(_draft(text, "plain")), "numbers") == "warning"
    assert (
        _severity(run_checks(_draft("Etwa 50 % sprechen an. 5 mg am Tag.", "full")), "numbers")
        == "pass"
    )


def test_identical_to_source_in_another_language_is_an_error():
    assert _severity(run_checks(_draft(EN)), "identical-to-source") == "error"
    assert _severity(run_checks(_draft(EN, locale="en-GB")), "identical-to-source") == "pass"


def test_level_is_an_error_when_reliable_and_a_warning_when_not():
    missed = {"meets_target": False, "reliable": True, "target": {"max": 8}}
    shaky = {"meets_target": False, "reliable": False, "target": {"max": 8}, "reason": "short"}
    met = {"meets_target": True, "reliable": True, "target": {"max": 8}}
    text = "Etwa 50 % sprechen an. 5 mg am Tag."
    assert _severity(run_checks(_draft(text, report=missed)), "level") == "error"
    assert _severity(run_checks(_draft(text, report=shaky)), "level") == "warning"
    assert _severity(run_checks(_draft(text, report=met)), "level") == "pass"


def test_length_far_outside_the_source_is_a_warning():
    assert _severity(run_checks(_draft("50 % 5 mg")), "length") == "warning"
    assert _severity(run_checks(_draft("Etwa 50 % sprechen an. 5 mg am Tag.")), "length") == "pass"
    assert errors(run_checks(_draft("50 % 5 mg"))) == []


def test_a_new_dose_or_percentage_is_an_error_at_every_level():
    kept = "Etwa die Hälfte der Patienten spricht an. Nehmen Sie 5 mg am Tag."
    for text in (
        kept + " Dazu 200 mg.",
        kept + " Das hilft 30 % der Frauen.",
        kept.replace("5 mg", "50 mg"),
        kept + " ٢٠٠ ملغ",
    ):
        result = next(r for r in run_checks(_draft(text, "easy")) if r.check == "numbers")
        assert result.severity == "error", text
        assert "dose or percentage" in result.message
    # a bare number the source does not have stays a warning at plain and easy
    assert _severity(run_checks(_draft(kept + " Es gibt 2 Wege.", "plain")), "numbers") == "warning"


@pytest.mark.parametrize("bad", ["\u0000", "\u202e", "\u202a", "\u0007"])
def test_control_and_bidi_override_characters_are_errors(bad):
    text = f"Etwa 50 % sprechen an.{bad} 5 mg am Tag."
    result = next(r for r in run_checks(_draft(text)) if r.check == "characters")
    assert result.severity == "error"
    assert f"U+{ord(bad):04X}" in result.message


def test_isolates_marks_and_line_breaks_are_fine():
    text = "Etwa \u206850 %\u2069 sprechen an.\u200f\n5 mg am Tag.\t"
    assert _severity(run_checks(_draft(text)), "characters") == "pass"


def test_level_message_says_the_target_in_words():
    missed = {
        "meets_target": False,
        "reliable": True,
        "target": {"max": 8},
        "formula": "flesch-kincaid-grade",
        "score": 11.2,
    }
    result = next(
        r
        for r in run_checks(_draft("Etwa 50 % sprechen an. 5 mg am Tag.", report=missed))
        if r.check == "level"
    )
    assert result.message == (
        "does not meet the plain target (flesch-kincaid-grade 11.2, target at most 8)"
    )


def test_a_level_that_cannot_be_verified_is_a_warning_never_a_pass(scheme):
    """issue 8 point 5: a short text scored for a level with a target is not a pass."""
    text = "Etwa 50 % sprechen an. 5 mg am Tag."
    report = score_text(text, "de", scheme, "plain").as_dict()
    assert (report["meets_target"], report["reliable"]) == (None, False)
    level = next(r for r in run_checks(_draft(text, report=report)) if r.check == "level")
    assert level.severity == "warning"
    assert level.message == ("the plain level cannot be verified: 8 words: at least 30 are needed")


def test_below_the_grade_range_meets_an_upper_bound_with_its_reason(scheme):
    text = " ".join(["Wir sind da. Du bist gut. Es ist so."] * 4)
    report = score_text(text, "de", scheme, "easy").as_dict()
    assert report["score"] < 0 and report["reliable"] is False
    assert (report["meets_target"], report["reason"]) == (
        True,
        "below the formula's range: very easy",
    )
    level = next(
        r for r in run_checks(_draft(text, level="easy", report=report)) if r.check == "level"
    )
    assert level.severity == "pass" and level.message.endswith(
        "; below the formula's range: very easy"
    )
