"""The language matching rule of reference.md section 3, as pure functions."""

import pytest

from api.domain.negotiation import LanguageRange, negotiate, parse_accept_language

AVAILABLE = ("en", "es", "fr", "ar", "zh-Hans")


@pytest.mark.parametrize(
    ("header", "lang", "chain"),
    [
        ("es-MX", "es", ("es", "en")),
        ("ca, en;q=0.8", "en", ("en",)),
        ("zh-TW", "en", ("en",)),
        ("zh-CN", "zh-Hans", ("zh-Hans", "en")),
        ("fr-CH;q=0.7, ar;q=0.8", "ar", ("ar", "fr", "en")),
        ("it, es;q=0.3", "es", ("es", "en")),
        ("de;q=0, es", "es", ("es", "en")),
        ("iw, fr", "fr", ("fr", "en")),
    ],
)
def test_reference_examples(header, lang, chain):
    result = negotiate(parse_accept_language(header), AVAILABLE, "en")
    assert (result.lang, result.chain) == (lang, chain)


def test_ties_keep_header_order_and_q_orders():
    ranges = parse_accept_language("fr;q=0.5, es;q=0.5, ar;q=0.9")
    assert [r.tag for r in ranges] == ["ar", "fr", "es"]


def test_q_zero_excludes_even_the_wildcards_pick():
    result = negotiate(parse_accept_language("en;q=0, *"), AVAILABLE, "en")
    assert result.lang == "es"  # the first available language that is not excluded
    assert result.chain[-1] == "en"  # the source still closes the chain


@pytest.mark.parametrize(
    "header", ["ja'a=0", "en;q=0.9;q=0.8", ";;;", "", "en;q=2", "en;q=nan", "x" * 10_000, ",,,"]
)
def test_junk_is_dropped_never_raised(header):
    ranges = parse_accept_language(header)
    assert all(isinstance(r, LanguageRange) for r in ranges)
    assert negotiate(ranges, AVAILABLE, "en").lang == "en"


def test_case_insensitive_q_and_tags():
    assert parse_accept_language("PT-br;Q=0.4") == (LanguageRange("pt-BR", 0.4),)


def test_unmatched_reader_gets_the_source_and_is_told():
    result = negotiate(parse_accept_language("ja"), AVAILABLE, "en")
    assert (result.lang, result.matched) == ("en", False)


@pytest.mark.parametrize("header", ["", ";;;", "ja'a=0", "de;q=0"])
def test_no_preference_is_answered_by_the_source_language_not_a_fallback(header):
    result = negotiate(parse_accept_language(header), AVAILABLE, "en")
    assert (result.lang, result.matched) == ("en", True)


def test_excluding_the_source_with_no_other_preference_is_not_a_match():
    result = negotiate(parse_accept_language("en;q=0"), AVAILABLE, "en")
    assert result.matched is False
