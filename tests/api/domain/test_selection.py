"""Choosing the version of a section: language along the chain, then level."""

from api.domain.selection import Fallback, LevelRequest, choose

VERSIONS = {"es": {"plain": 9.0, "full": 12.0}, "en": {"easy": 4.8, "plain": 6.8, "full": 12.8}}


def test_language_chain_then_level(scheme):
    choice = choose(scheme, VERSIONS, ("es", "en"), LevelRequest("easy"))
    assert (choice.locale, choice.level, choice.level_met, choice.locale_fallback) == (
        "es",
        "plain",
        False,
        False,
    )


def test_missing_language_falls_back_along_the_chain(scheme):
    choice = choose(scheme, VERSIONS, ("fr", "en"), LevelRequest("plain"))
    assert (choice.locale, choice.level, choice.locale_fallback) == ("en", "plain", True)


def test_fallback_none_serves_exactly_what_was_asked_or_nothing(scheme):
    none = Fallback.none
    assert choose(scheme, VERSIONS, ("fr", "en"), LevelRequest("plain", fallback=none)) is None
    assert choose(scheme, VERSIONS, ("es", "en"), LevelRequest("easy", fallback=none)) is None
    exact = choose(scheme, VERSIONS, ("es", "en"), LevelRequest("full", fallback=none))
    assert (exact.locale, exact.level, exact.level_met) == ("es", "full", True)
    assert choose(scheme, VERSIONS, ("en",), LevelRequest("plain", 3.0, none)) is None


def test_max_grade_uses_measured_grades(scheme):
    choice = choose(scheme, VERSIONS, ("en",), LevelRequest("plain", max_grade=7.0))
    assert (choice.level, choice.level_met) == ("plain", True)
    choice = choose(scheme, VERSIONS, ("es",), LevelRequest("plain", max_grade=8.0))
    assert (choice.level, choice.level_met) == ("plain", False)  # 9.0 > 8: the easiest there is
