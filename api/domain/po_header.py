"""The PO header's checks and the text handed to Babel (issue 3, section 3; reference.md
section 5): the ``Language`` header must fit the language the file is imported into (the
XLIFF import applies the same rule to ``trgLang``), ``Plural-Forms`` must be well formed or
gettext's placeholder, and :func:`for_babel` blanks what Babel cannot read, line for line.
Works on the entries :func:`api.domain.po_bytes.check_po_bytes` lexed; lines are 1-based.
"""

import re

import langcodes

from api.domain.languages import InvalidLanguageTag, canonical_tag
from api.domain.po_bytes import BadPoFileError, CheckedPo, RawEntry


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
