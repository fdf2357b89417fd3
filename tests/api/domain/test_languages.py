"""Canonical tags, text direction from the script, CLDR display names."""

import pytest

from api.domain.languages import InvalidLanguageTag, canonical_tag, locale_info, text_direction


@pytest.mark.parametrize(
    ("raw", "tag"),
    [
        ("pt_BR", "pt-BR"),
        ("pt-br", "pt-BR"),
        ("PT-BR", "pt-BR"),
        ("zh-hans", "zh-Hans"),
        ("sr-latn", "sr-Latn"),
        ("iw", "he"),
        (" es ", "es"),
    ],
)
def test_tags_are_canonical(raw, tag):
    assert canonical_tag(raw) == tag


@pytest.mark.parametrize("raw", ["not a tag", "", "xx", "en--US", "a" * 40, "12"])
def test_invalid_tags_raise(raw):
    with pytest.raises(InvalidLanguageTag):
        canonical_tag(raw)


@pytest.mark.parametrize(
    ("tag", "direction"),
    [
        ("ar", "rtl"),
        ("he", "rtl"),
        ("fa", "rtl"),
        ("ur", "rtl"),
        ("pa-Arab", "rtl"),
        ("pa", "ltr"),
        ("en", "ltr"),
        ("zh-Hans", "ltr"),
        ("mn-Mong", "ltr"),
        ("az-Arab", "rtl"),
    ],
)
def test_direction_comes_from_the_script(tag, direction):
    assert text_direction(tag) == direction


def test_display_names_come_from_cldr():
    info = locale_info("es")
    assert (info.english_name, info.native_name, info.dir) == ("Spanish", "español", "ltr")
    ar = locale_info("ar")
    assert (ar.english_name, ar.native_name, ar.dir) == ("Arabic", "العربية", "rtl")
    zh = locale_info("zh-Hans")
    assert zh.english_name == "Chinese (Simplified)"
