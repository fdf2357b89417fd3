"""Byte-level checks of an uploaded PO file, before Babel parses it (issue 3, section 3).

Babel's verified pitfalls (reference.md section 5) are closed here: a UTF-8 BOM is removed
(Babel would put the header into the first msgstr), CRLF and bare CR become LF (bare-CR files
parse into one bogus message), the file is decoded with its declared charset or else as UTF-8
(Latin-1 without a declaration is refused, naming the line of the first bad byte), every
quoted string must be terminated (Babel truncates silently), control characters are refused
with their entry named, and duplicate ``msgctxt`` entries are reported (Babel keeps the first
silently). Obsolete ``#~`` entries (also ``#~|``, which Babel refuses: :func:`for_babel`)
and ``#|`` previous-msgid lines are allowed and ignored. The header's ``Language`` must name
the language and script the file is imported into, if it names any (:func:`check_language`).
Line numbers are 1-based. Everything else (keywords, escapes, the header) is Babel's reading;
these are only the checks Babel lacks (reference.md section 5, docs/reference.md section 5).
"""

import codecs
import re
import unicodedata
from dataclasses import dataclass, field

import langcodes
from babel.messages.pofile import unescape

from api.domain.languages import InvalidLanguageTag, canonical_tag

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


def header_field(entries: list[RawEntry], name: str) -> tuple[str, int] | None:
    """``(value, 1-based line)`` of the header field ``name`` (case-insensitive), or None when
    the file has no header entry (``msgid ""`` without ``msgctxt``) or the header lacks it."""
    header = next((e for e in entries if e.msgctxt is None and e.seen_msgid and not e.msgid), None)
    if header is None:
        return None
    text, starts = "", []  # starts: (offset in text, line) of each quoted string
    for number, value in header.pieces.get("msgstr", []):
        starts.append((len(text), number))
        text += value
    offset, wanted = 0, name.lower() + ":"
    for line_text in text.split("\n"):
        if line_text.lower().startswith(wanted):
            line = max((n for at, n in starts if at <= offset), default=header.line)
            return line_text[len(wanted) :].strip(), line
        offset += len(line_text) + 1
    return None


_POSIX_SCRIPTS = {"latin": "Latn", "cyrillic": "Cyrl", "arabic": "Arab", "devanagari": "Deva"}
LANGUAGE_PLACEHOLDER = "LANGUAGE"  # gettext's template value: declares nothing


def header_language(value: str) -> str:
    """The canonical tag of a ``Language`` header value: BCP 47 (``es-MX``) or gettext's POSIX
    form (``es_MX``, ``sr@latin``, ``de_DE.UTF-8``); ``InvalidLanguageTag`` otherwise."""
    base, _, modifier = value.partition("@")
    base = base.partition(".")[0]  # a codeset says nothing about the language
    script = _POSIX_SCRIPTS.get(modifier.lower())
    if script:
        language, _, region = base.replace("-", "_").partition("_")
        base = "-".join(p for p in (language, script, region) if p)
    return canonical_tag(base)


def language_mismatch(declared: str, locale: str) -> bool:
    """True when a file declaring the canonical tag ``declared`` may not be imported into the
    canonical tag ``locale``: the language and the (likely) script must be the same; a region
    (or variant) is accepted only when ``locale`` has none (``es-ES`` fits ``es``; ``pt-PT``
    does not fit ``pt-BR``; ``zh-TW`` does not fit ``zh-Hans``: its script is Hant)."""
    file, url = langcodes.Language.get(declared), langcodes.Language.get(locale)
    if file.language != url.language or file.maximize().script != url.maximize().script:
        return True
    if url.territory and file.territory != url.territory:
        return True
    return bool(url.variants) and file.variants != url.variants


def check_language(entries: list[RawEntry], locale: str) -> None:
    """``BadPoFileError`` at the header's ``Language`` line when it names a language that does
    not fit the canonical tag ``locale`` (:func:`language_mismatch`); a missing or empty
    header (or gettext's placeholder) declares nothing and passes. The XLIFF import applies
    the same rule to ``trgLang``."""
    found = header_field(entries, "Language")
    if found is None or found[0] in ("", LANGUAGE_PLACEHOLDER):
        return
    value, line = found
    try:
        tag = header_language(value)
    except InvalidLanguageTag:
        raise BadPoFileError(
            line,
            f"the Language header '{value}' is not a language tag"
            f" such as {locale.replace('-', '_')}; expected {locale}",
        ) from None
    if language_mismatch(tag, locale):
        raise BadPoFileError(line, f"the Language header is {value}, not {locale}")


_PLURAL_PLACEHOLDER = re.compile(r"nplurals\s*=\s*INTEGER|plural\s*=\s*EXPRESSION")
_PLURAL_FORMS = re.compile(r"^\s*nplurals\s*=\s*\d+\s*;\s*plural\s*=\s*[^;]+;?\s*$")


def check_plural_forms(entries: list[RawEntry]) -> None:
    """``BadPoFileError`` at the ``Plural-Forms`` line when it is neither gettext's template
    placeholder nor ``nplurals=<number>; plural=<expression>;`` (Babel's ``int()`` error
    surfaces on a later line)."""
    found = header_field(entries, "Plural-Forms")
    if found is None or _PLURAL_PLACEHOLDER.search(found[0]) or _PLURAL_FORMS.match(found[0]):
        return
    raise BadPoFileError(
        found[1],
        f"the Plural-Forms header '{found[0]}' is not 'nplurals=<number>; plural=<expression>;'",
    )


def for_babel(checked: CheckedPo) -> str:
    """The checked text as Babel can read it, line for line (Babel's line numbers stay true):
    obsolete ``#~`` lines blanked (Babel refuses ``#~|``, which msgmerge and polib write; the
    import ignores obsolete entries anyway) and a template ``Plural-Forms: nplurals=INTEGER;
    plural=EXPRESSION;`` line emptied (Babel's ``int()`` fails on it; it declares nothing)."""
    lines = checked.text.split("\n")
    for number, line in enumerate(lines):
        if line.lstrip().startswith("#~"):
            lines[number] = ""
    plural = header_field(checked.entries, "Plural-Forms")
    if plural is not None and _PLURAL_PLACEHOLDER.search(plural[0]):
        line = lines[plural[1] - 1]
        if line.lstrip().startswith('"'):
            lines[plural[1] - 1] = '""'
    return "\n".join(lines)
