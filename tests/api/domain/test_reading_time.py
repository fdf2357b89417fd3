"""Counts and rates per language (reference.md section 6)."""

from api.domain.reading_time import count_units, rate_for, seconds, timing


def test_english_uses_brysbaert_rates_and_words():
    rate = rate_for("en-GB")
    assert (rate.unit, rate.silent_per_minute, rate.aloud_per_minute) == ("words", 238, 183)
    assert "Brysbaert 2019" in rate.silent_source and "English rate used" not in rate.silent_source
    t = timing(" ".join(["word"] * 238), "en")
    assert (t.count, t.reading_seconds, round(t.listening_seconds, 3)) == (238, 60.0, 78.033)


def test_other_spaced_languages_say_the_english_rate_is_used():
    rate = rate_for("es")
    assert (rate.unit, rate.silent_per_minute) == ("words", 238)
    assert "English rate used" in rate.silent_source and "es" in rate.aloud_source


def test_chinese_counts_characters_not_punctuation():
    assert count_units("免疫系统，T细胞。", "zh-Hans") == 7
    rate = rate_for("zh-Hans")
    assert (rate.unit, rate.aloud_per_minute, rate.silent_per_minute) == ("characters", 255, 332)


def test_words_are_runs_with_a_letter_or_digit():
    assert count_units("It's 5 mg — of T-cells !", "en") == 5


def test_seconds_round_up():
    assert (seconds(0.0), seconds(0.2), seconds(60.0), seconds(60.01)) == (0, 1, 60, 61)
