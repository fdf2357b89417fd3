"""Byte-level PO checks: every listed real-file problem, with its 1-based line."""

import codecs

import pytest

from api.domain.po_bytes import BadPoFileError, check_po_bytes
from api.domain.po_header import check_language, header_field

HEADER = b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
ENTRY = b'msgctxt "a/text"\nmsgid "50% of adults"\nmsgstr "50 % der Erwachsenen"\n'
GOOD = HEADER + ENTRY


def _entry(data):
    return next(e for e in check_po_bytes(data).entries if e.msgctxt)


@pytest.mark.parametrize(
    "data",
    [
        GOOD,
        codecs.BOM_UTF8 + GOOD,
        GOOD.replace(b"\n", b"\r\n"),
        GOOD.replace(b"\n", b"\r"),
        GOOD + b'\n#~ msgctxt "old/text"\n#~ msgid "x"\n#~ msgstr "y"\n',
        HEADER + b'#| msgid "50% of the adults"\n#, fuzzy\n' + ENTRY,
    ],
)
def test_real_files_that_are_fine(data):
    entry = _entry(data)
    assert (entry.msgctxt, entry.msgid, entry.strings["msgstr"]) == (
        "a/text",
        "50% of adults",
        "50 % der Erwachsenen",
    )


def test_latin1_with_a_charset_declaration_is_read():
    data = GOOD.replace(b"UTF-8", b"ISO-8859-1").replace(b"der", b"d\xe9r")
    assert _entry(data).strings["msgstr"] == "50 % d\u00e9r Erwachsenen"


@pytest.mark.parametrize(
    ("data", "line", "problem"),
    [
        (GOOD.replace(b'Erwachsenen"', b"Erwachsenen"), 7, "unterminated string"),
        (GOOD.replace(b"der", b"d\xe9r"), 7, "byte 0xE9 is not valid declared charset utf-8"),
        (
            GOOD.replace(b"UTF-8", b"CHARSET").replace(b"der", b"d\xe9r"),
            7,
            "byte 0xE9 is not valid UTF-8 (no charset is declared)",
        ),
        (GOOD.replace(b"der", b"d\x07er"), 7, "control character U+0007 in entry 'a/text'"),
        (GOOD + b"\n" + ENTRY, 9, "duplicate msgctxt 'a/text' (first at line 5)"),
        (GOOD + b"garbage\n", 8, "unexpected text 'garbage'"),
    ],
)
def test_bad_files_name_the_line_and_the_problem(data, line, problem):
    with pytest.raises(BadPoFileError) as caught:
        check_po_bytes(data)
    assert (caught.value.line, caught.value.problem) == (line, problem)


LANG_HEADER = (
    b'msgid ""\nmsgstr ""\n"Project-Id-Version: x\\n"\n"Language: %s\\n"\n'
    b'"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
)


def _with_language(value: bytes) -> bytes:
    return LANG_HEADER.replace(b"%s", value) + ENTRY


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (_with_language(b"fr"), ("fr", 4)),
        (_with_language(b""), ("", 4)),
        (GOOD, None),
        (ENTRY, None),
        (
            b'msgid ""\nmsgstr "Project-Id-Version: x\\nLanguage: es_MX\\n"\n\n' + ENTRY,
            ("es_MX", 2),
        ),
        (b'msgid ""\nmsgstr ""\n"language: ar\\n"\n\n' + ENTRY, ("ar", 3)),
    ],
)
def test_header_field_finds_the_value_and_its_line(data, expected):
    assert header_field(check_po_bytes(data).entries, "Language") == expected


@pytest.mark.parametrize(
    ("value", "locale"),
    [
        (b"de", "de"),
        (b"", "de"),
        (b"LANGUAGE", "de"),
        (b"es_MX", "es-MX"),
        (b"es-mx", "es-MX"),
        (b"zh_Hans", "zh-Hans"),
        (b"sr@latin", "sr-Latn"),
        (b"pt_BR.UTF-8", "pt-BR"),
        (b"es_ES", "es"),
        (b"es_MX", "es"),
        (b"zh_CN", "zh-Hans"),
        (b"zh_TW", "zh-Hant"),
        (b"sr@latin", "sr-Latn"),
    ],
)
def test_a_language_header_naming_the_locale_or_nothing_passes(value, locale):
    check_language(check_po_bytes(_with_language(value)).entries, locale)


@pytest.mark.parametrize(
    ("value", "locale", "problem"),
    [
        (b"fr", "de", "the Language header is fr, not de"),
        (b"pt_PT", "pt-BR", "the Language header is pt_PT, not pt-BR"),
        (b"zh_TW", "zh-Hans", "the Language header is zh_TW, not zh-Hans"),
        (b"sr_RS", "sr-Latn", "the Language header is sr_RS, not sr-Latn"),
        (b"es", "es-MX", "the Language header is es, not es-MX"),
        (
            b"not a tag",
            "de",
            "the Language header 'not a tag' is not a language tag such as de; expected de",
        ),
    ],
)
def test_a_language_header_naming_another_language_names_its_line(value, locale, problem):
    with pytest.raises(BadPoFileError) as caught:
        check_language(check_po_bytes(_with_language(value)).entries, locale)
    assert (caught.value.line, caught.value.problem) == (4, problem)
