"""Byte-level checks of an uploaded PO file, before Babel parses it (issue 3, section 3).

Babel's verified pitfalls (reference.md section 5) are closed here: a UTF-8 BOM is removed
(Babel would put the header into the first msgstr), CRLF and bare CR become LF (bare-CR files
parse into one bogus message), the file is decoded with its declared charset or else as UTF-8
(Latin-1 without a declaration is refused, naming the line of the first bad byte), every
quoted string must be terminated (Babel truncates silently), control characters are refused
with their entry named, and duplicate ``msgctxt`` entries are reported (Babel keeps the first
silently). Obsolete ``#~`` entries (also ``#~|``, which Babel refuses:
:func:`api.domain.po_header.for_babel`) and ``#|`` previous-msgid lines are allowed and
ignored. The header's ``Language`` must name the language and script the file is imported
into, if it names any (:func:`api.domain.po_header.check_language`).
Line numbers are 1-based. Everything else (keywords, escapes, the header) is Babel's reading;
these are only the checks Babel lacks (reference.md section 5, docs/reference.md section 5).
"""

import codecs
import re
import unicodedata
from dataclasses import dataclass, field

from babel.messages.pofile import unescape

BOM = codecs.BOM_UTF8
_CHARSET = re.compile(rb"charset=([A-Za-z0-9._:-]+)", re.IGNORECASE)
_KEYWORD = re.compile(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(.*)$")
_STRING = re.compile(r'^"(?:[^"\\]|\\.)*"$')
ALLOWED_CONTROLS = {"\n", "\t"}


class BadPoFileError(ValueError):
    """A problem with the file at a 1-based ``line``."""

    def __init__(self, line: int, problem: str) -> None:
        super().__init__(f"line {line}: {problem}")
        self.line, self.problem = line, problem


@dataclass
class RawEntry:
    """One non-obsolete entry as the lexer saw it: where it starts and its msgctxt."""

    line: int
    msgctxt: str | None = None
    msgid: str = ""
    strings: dict[str, str] = field(default_factory=dict)
    seen_msgid: bool = False
    pieces: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    """Per keyword, each quoted string with its 1-based line (to name a header field's line)."""


@dataclass
class CheckedPo:
    """A file that passed the byte-level checks: its text (LF, decoded) and its entries."""

    text: str
    charset: str
    had_bom: bool
    entries: list[RawEntry]


def _line_of_offset(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def decode(data: bytes) -> tuple[str, str, bool]:
    """``(text with LF line endings, charset used, had BOM)`` or ``BadPoFileError``."""
    had_bom = data.startswith(BOM)
    if had_bom:
        data = data[len(BOM) :]
    data = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    declared = _CHARSET.search(data)
    if declared is not None and declared.group(1).lower() == b"charset":
        declared = None  # the template placeholder "charset=CHARSET" declares nothing
    charset = declared.group(1).decode("ascii").lower() if declared else "utf-8"
    try:
        codecs.lookup(charset)
    except LookupError:
        raise BadPoFileError(
            _line_of_offset(data, declared.start() if declared else 0),
            f"unknown charset '{charset}'",
        ) from None
    try:
        return data.decode(charset), charset, had_bom
    except UnicodeDecodeError as exc:
        how = f"declared charset {charset}" if declared else "UTF-8 (no charset is declared)"
        raise BadPoFileError(
            _line_of_offset(data, exc.start), f"byte 0x{data[exc.start]:02X} is not valid {how}"
        ) from None


def _control(text: str) -> str | None:
    bad = next(
        (ch for ch in text if unicodedata.category(ch) == "Cc" and ch not in ALLOWED_CONTROLS), None
    )
    return f"U+{ord(bad):04X}" if bad is not None else None


class _Lexer:
    """Walks the lines once, keeping the entry being read."""

    def __init__(self) -> None:
        self.entries: list[RawEntry] = []
        self.current: RawEntry | None = None
        self.keyword: str | None = None
        self.value_line = 0

    def _string(self, number: int, raw: str) -> str:
        if not _STRING.match(raw):
            problem = "unterminated string" if raw.startswith('"') else "expected a quoted string"
            raise BadPoFileError(number, problem)
        return str(unescape(raw))

    def keyword_line(self, number: int, keyword: str, raw: str) -> None:
        starts = keyword == "msgctxt" or (
            keyword == "msgid" and (self.current is None or self.current.seen_msgid)
        )
        if starts:
            self.current = RawEntry(number)
            self.entries.append(self.current)
        if self.current is None:
            raise BadPoFileError(number, f"{keyword} before any msgid")
        self.current.seen_msgid |= keyword == "msgid"
        self.keyword = keyword
        self._store(number, self._string(number, raw), append=False)

    def continuation(self, number: int, raw: str) -> None:
        if self.current is None or self.keyword is None:
            raise BadPoFileError(number, "a string outside any entry")
        self._store(number, self._string(number, raw), append=True)

    def _store(self, number: int, value: str, append: bool) -> None:
        entry, keyword = self.current, self.keyword
        assert entry is not None and keyword is not None
        bad = _control(value)
        if bad:
            name = entry.msgctxt or entry.msgid[:40] or "the header"
            raise BadPoFileError(number, f"control character {bad} in entry '{name}'")
        entry.pieces.setdefault(keyword, []).append((number, value))
        if keyword == "msgctxt":
            entry.msgctxt = (entry.msgctxt or "") + value if append else value
        elif keyword == "msgid":
            entry.msgid = entry.msgid + value if append else value
        else:
            entry.strings[keyword] = entry.strings.get(keyword, "") + value if append else value


def lex(text: str) -> list[RawEntry]:
    """The non-obsolete entries of decoded PO ``text``, or ``BadPoFileError`` at its line."""
    lexer = _Lexer()
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            bad = _control(stripped) if not stripped.startswith("#~") else None
            if bad:
                raise BadPoFileError(number, f"control character {bad} in a comment")
            continue
        match = _KEYWORD.match(stripped)
        if match:
            lexer.keyword_line(number, match.group(1), match.group(2).strip())
        elif stripped.startswith('"'):
            lexer.continuation(number, stripped)
        else:
            raise BadPoFileError(number, f"unexpected text '{stripped[:40]}'")
    return lexer.entries


def duplicates(entries: list[RawEntry]) -> list[BadPoFileError]:
    """One problem per repeated ``msgctxt`` (or msgid without one): Babel keeps only the first."""
    seen: dict[str, int] = {}
    problems = []
    for entry in entries:
        name = (
            f"msgctxt '{entry.msgctxt}'"
            if entry.msgctxt is not None
            else (f"msgid '{entry.msgid[:40]}'")
        )
        if name in seen:
            problems.append(
                BadPoFileError(entry.line, f"duplicate {name} (first at line {seen[name]})")
            )
        seen.setdefault(name, entry.line)
    return problems


def check_po_bytes(data: bytes) -> CheckedPo:
    """Decode and lex ``data``; raises the first ``BadPoFileError`` (duplicates: all, joined)."""
    text, charset, had_bom = decode(data)
    entries = lex(text)
    found = duplicates(entries)
    if found:
        raise BadPoFileError(
            found[0].line,
            "; ".join(
                f"line {p.line}: {p.problem}" if i else p.problem for i, p in enumerate(found)
            ),
        )
    return CheckedPo(text, charset, had_bom, entries)
