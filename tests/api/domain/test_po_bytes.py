"""Byte-level PO checks: every listed real-file problem, with its 1-based line."""

import codecs

import pytest

from api.domain.po_bytes import BadPoFileError, check_po_bytes

HEADER = b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
ENTRY = b'msgctxt "a/text"\nmsgid "50% of adults"\nmsgstr "50 % der Erwachsenen"\n'
GOOD = HEADER + ENTRY


def _entry(data):
    return next(e for e in check_po_bytes(data).entries if e.msgctxt)


@pytest.mark.parametrize("data", [
    GOOD, codecs.BOM_UTF8 + GOOD, GOOD.replace(b"\n", b"\r\n"), GOOD.replace(b"\n", b"\r"),
    GOOD + b'\n#~ msgctxt "old/text"\n#~ msgid "x"\n#~ msgstr "y"\n',
    HEADER + b'#| msgid "50% of the adults"\n#, fuzzy\n' + ENTRY,
])
def test_real_files_that_are_fine(data):
    entry = _entry(data)
    assert (entry.msgctxt, entry.msgid, entry.strings["msgstr"]) == (
        "a/text", "50% of adults", "50 % der Erwachsenen")


def test_latin1_with_a_charset_declaration_is_read():
    data = GOOD.replace(b"UTF-8", b"ISO-8859-1").replace(b"der", b"d\xe9r")
    assert _entry(data).strings["msgstr"] == "50 % d\u00e9r Erwachsenen"


@pytest.mark.parametrize(("data", "line", "problem"), [
    (GOOD.replace(b'Erwachsenen"', b"Erwachsenen"), 7, "unterminated string"),
    (GOOD.replace(b"der", b"d\xe9r"), 7, "byte 0xE9 is not valid declared charset utf-8"),
    (GOOD.replace(b"UTF-8", b"CHARSET").replace(b"der", b"d\xe9r"), 7,
     "byte 0xE9 is not valid UTF-8 (no charset is declared)"),
    (GOOD.replace(b"der", b"d\x07er"), 7, "control character U+0007 in entry 'a/text'"),
    (GOOD + b"\n" + ENTRY, 9, "duplicate msgctxt 'a/text' (first at line 5)"),
    (GOOD + b"garbage\n", 8, "unexpected text 'garbage'"),
])
def test_bad_files_name_the_line_and_the_problem(data, line, problem):
    with pytest.raises(BadPoFileError) as caught:
        check_po_bytes(data)
    assert (caught.value.line, caught.value.problem) == (line, problem)
