"""Grant patterns and role checks."""

import pytest

from api.domain.roles import (
    GrantRule,
    InvalidPatternError,
    allowed,
    canonical_pattern,
    describe_need,
)


@pytest.mark.parametrize(
    ("pattern", "locale", "expected"),
    [
        ("*", "de", True),
        ("es", "es", True),
        ("es", "es-MX", False),
        ("es-*", "es", True),
        ("es-*", "es-MX", True),
        ("es-*", "et", False),
        ("pt-BR", "pt-BR", True),
        ("pt-BR", "pt-PT", False),
    ],
)
def test_patterns(pattern, locale, expected):
    assert allowed([GrantRule("translator", pattern)], "translator", locale) is expected


def test_canonical_patterns_and_bad_ones():
    assert [canonical_pattern(p) for p in ("*", "pt_br", "ES-*")] == ["*", "pt-BR", "es-*"]
    with pytest.raises(InvalidPatternError):
        canonical_pattern("not a tag")


def test_level_role_and_the_missing_grant_in_words():
    rules = [GrantRule("translator", "de", "plain")]
    assert allowed(rules, "translator", "de", "plain") is True
    assert allowed(rules, "translator", "de", "easy") is False
    assert allowed(rules, "reviewer", "de", "plain") is False
    assert describe_need("translator", "es", None) == "needs translator for es"
    assert describe_need("reviewer", "de", "plain") == "needs reviewer for de plain"
