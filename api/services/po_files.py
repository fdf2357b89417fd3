"""gettext PO catalogs per article x language x level: export and import (issues 3 and 9).

Layout as the shipped catalogs (``api.services.catalogs``): ``msgctxt`` ``title`` (the article
title, ``msgid`` the source title, a ``#.`` comment naming its ``source_hash``), ``<key>/heading``
and ``<key>/text``, ``msgid`` the current source string. State mapping (reference.md section 5):
missing -> empty ``msgstr``; submitted and published -> no flag; stale -> ``#, fuzzy`` with the
previous source as ``#| msgctxt``/``#| msgid``; rejected, superseded, withdrawn -> not
exported. Readability and the level target are ``#.`` comments; every entry is
``no-python-format`` so ``msgfmt -c`` accepts ``50%``.

Export is written by translate-toolkit (``translate.storage.po``): Babel's writer wraps a long
``#| msgid`` into unquoted comment lines that msgfmt, polib and the toolkit refuse. Import:
:mod:`api.domain.po_bytes` checks what Babel lacks (BOM, line ends, charset, unterminated
strings, duplicates, control characters, the Language header), then Babel reads the entries.
"""

import io
from dataclasses import dataclass
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.messages.plurals import get_plural
from babel.messages.pofile import PoFileError, read_po
from sqlmodel import Session
from translate.storage.po import pofile, pounit

from api.domain.po_bytes import BadPoFileError, CheckedPo, check_po_bytes
from api.domain.po_header import check_language, check_plural_forms, for_babel
from api.domain.slot import Slot
from api.repositories import articles, slots, titles
from api.repositories.titles import TitleSlot
from api.services.catalogs import TITLE, heading_context, text_context
from api.services.imports import FileEntry
from models import Article, ArticleTitle, Section, Version


@dataclass(frozen=True, slots=True)
class FileTarget:
    """What one exported file covers: the article, the language and level, the level target
    (shown in comments) and the scheme's source level (where the source text is)."""

    article: Article
    locale: str
    level: str
    target: str
    source_level: str

    def slot(self, section: Section) -> Slot:
        """The section's slot this file exports."""
        return Slot(section.id or 0, self.locale, self.level)

    def source_slot(self, section: Section) -> Slot:
        """The section's source slot."""
        return Slot(section.id or 0, self.article.source_locale, self.source_level)


def file_slots(
    session: Session, file: FileTarget, section: Section
) -> tuple[Version | None, Version | None, str | None]:
    """``(source version, live version, source text the stale live version was written from)``
    of one section: what a file shows for it."""
    source = slots.published(session, file.source_slot(section))
    version = slots.live(session, file.slot(section))
    stale = version is not None and version.source_hash != section.source_hash
    previous = (
        slots.source_text_for(session, file.source_slot(section), version.source_hash)
        if version is not None and stale
        else None
    )
    return source, version, previous


def title_slots(
    session: Session, file: FileTarget
) -> tuple[ArticleTitle | None, ArticleTitle | None, str | None]:
    """``(source title, live title, source title the stale live title was written from)``:
    what a file shows for the article title (``msgctxt "title"``, XLIFF unit ``title``)."""
    article_id = file.article.id or 0
    source_slot = TitleSlot(article_id, file.article.source_locale, file.source_level)
    source = titles.published(session, source_slot)
    live = titles.live(session, TitleSlot(article_id, file.locale, file.level))
    if live is None or source is None or live.source_hash == source.source_hash:
        return source, live, None
    previous = next(
        (
            t.title
            for t in titles.versions(session, source_slot)
            if t.source_hash == live.source_hash
        ),
        None,
    )
    return source, live, previous


def readability_comment(report: dict[str, Any]) -> str:
    """``#.`` line for translators, in words: formula, score, grade, target, whether met and
    reliable (e.g. ``readability: inflesz 68.8, grade 9, target at least 55, meets target:
    yes, reliable: yes``)."""
    if not report:
        return "readability: not measured"
    if not report.get("measurable"):
        return f"readability: not measurable ({report.get('reason')})"
    bounds = report.get("target") or {}
    target = " and ".join(
        f"{'at least' if k == 'min' else 'at most'} {v:g}" for k, v in bounds.items()
    )
    words = {True: "yes", False: "no", None: "not judged"}
    grade = report.get("grade_equivalent")
    return (
        f"readability: {report.get('formula')} {report.get('score')}"
        + (f", grade {grade:g}" if isinstance(grade, int | float) else "")
        + f", target {target or 'none'}, meets target: {words[report.get('meets_target')]},"
        + f" reliable: {words[bool(report.get('reliable'))]}"
    )


def _unit(store: pofile, context: str, source: str, target: str) -> pounit:
    unit = store.addsourceunit(source)
    unit.setcontext(context)
    unit.target = target
    unit.settypecomment("no-python-format")
    return unit


def _add(store: pofile, session: Session, file: FileTarget, section: Section) -> None:
    source, version, previous = file_slots(session, file, section)
    stale = version is not None and version.source_hash != section.source_hash
    notes = [f"level {file.level}: target {file.target}", f"source_hash {section.source_hash}"]
    if version is not None:
        notes.insert(
            0, f"{version.status} version {version.id}; " + readability_comment(version.readability)
        )
    heading = _unit(
        store,
        heading_context(section.key),
        source.heading if source else "",
        version.heading if version else "",
    )
    text = _unit(
        store,
        text_context(section.key),
        source.text if source else "",
        version.text if version else "",
    )
    for note in notes:
        text.addnote(note, origin="developer")
    if stale:
        heading.markfuzzy(True)
        text.markfuzzy(True)
    if previous:
        text.prev_context = text_context(section.key)
        text.prev_source = previous


def _add_title(store: pofile, session: Session, file: FileTarget) -> None:
    source, live, previous = title_slots(session, file)
    if source is None:
        return
    unit = _unit(store, TITLE, source.title, live.title if live else "")
    if live is not None:
        unit.addnote(f"{live.status} title version {live.id}", origin="developer")
    unit.addnote(f"article title; source_hash {source.source_hash}", origin="developer")
    if live is not None and live.source_hash != source.source_hash:
        unit.markfuzzy(True)
        if previous:
            unit.prev_context, unit.prev_source = TITLE, previous


def plural_forms(locale: str) -> str:
    """The ``Plural-Forms`` header value for a language tag (Babel's CLDR-derived table)."""
    try:
        return str(get_plural(Locale.parse(locale, sep="-")).plural_forms)
    except (UnknownLocaleError, ValueError):
        return str(get_plural("en").plural_forms)


def _new_store(file: FileTarget) -> pofile:
    article, locale, level = file.article, file.locale, file.level
    store = pofile(width=-1)  # no wrapping: one quoted line per string, as before
    revised = article.updated_at.strftime("%Y-%m-%d %H:%M+0000") if article.updated_at else ""
    header = store.init_headers(
        charset="UTF-8",
        encoding="8bit",
        project_id_version=f"{article.slug} {level}",
        report_msgid_bugs_to="content-api",
        pot_creation_date=revised or None,
        po_revision_date=revised or True,
        last_translator="content-api",
        language_team=f"{locale} <{article.slug}>",
        plural_forms=plural_forms(locale),
        Language=locale.replace("-", "_"),
        X_Generator="content-api",
    )
    header.addnote(
        f"{article.slug}: {locale}, reading level {level}.\n"
        "msgctxt is the section part; msgid the source string.",
        origin="translator",
    )
    return store


def export_po(session: Session, file: FileTarget) -> bytes:
    """The PO catalog (UTF-8) of ``file.article`` for ``file.locale`` x ``file.level``: passes
    ``msgfmt -c``, polib and translate-toolkit (tests/api/services/test_po_tools.py)."""
    store = _new_store(file)
    _add_title(store, session, file)
    for section in articles.sections_of(session, file.article.id or 0):
        _add(store, session, file, section)
    return bytes(store)


def _read(checked: CheckedPo) -> Any:
    """Babel's catalog of a checked file; its errors as ``BadPoFileError`` on the real line."""
    try:
        return read_po(io.StringIO(for_babel(checked)), abort_invalid=True, ignore_obsolete=True)
    except PoFileError as exc:  # Babel's lineno is 0-based and its message repeats it
        problem = str(exc).rsplit(" on ", 1)[0]
        raise BadPoFileError(exc.lineno + 1, f"{problem}: '{exc.line.strip()[:40]}'") from None
    except ValueError as exc:  # Babel: a non-numeric plural index (msgstr[x])
        raise BadPoFileError(1, f"not a valid PO file: {exc}") from None


def _skip(message: Any, part: str, context: str) -> str | None:
    if message.pluralizable:
        return "plural entry: article text has no plural forms; use msgid and msgstr only"
    if part != "text" and context != TITLE:
        return "not a section text entry (msgctxt <key>/text)"
    if message.fuzzy:
        return "fuzzy: not a finished translation"
    return None if message.string else "untranslated"


def po_entries(data: bytes, locale: str) -> list[FileEntry]:
    """The file's sections as import entries; ``BadPoFileError`` (1-based line) for a bad file,
    or one whose ``Language`` header does not fit the canonical tag ``locale``.

    Skipped, with the reason: fuzzy and untranslated entries (gettext: not finished), plural
    entries and anything not ``<key>/text`` or ``title`` (the article title, an entry with
    ``title=True``). A heading is folded into its section's text entry; a heading without one
    is ignored.
    """
    checked = check_po_bytes(data)
    check_language(checked.entries, locale)
    check_plural_forms(checked.entries)
    lines = {e.msgctxt: e.line for e in checked.entries if e.msgctxt}
    catalog = _read(checked)
    headings = {
        str(m.context)[: -len("/heading")]: str(m.string)
        for m in catalog
        if m.context and str(m.context).endswith("/heading") and not m.fuzzy
    }
    entries = []
    for message in catalog:
        context = str(message.context or "")
        if not message.id or context.endswith("/heading"):
            continue
        key, _, part = context.rpartition("/")
        if not key:
            key, part = context, context
        msgid = message.id[0] if message.pluralizable else message.id
        text = message.string[0] if message.pluralizable else message.string
        entries.append(
            FileEntry(
                f"line {lines.get(context, message.lineno)}",
                key or str(msgid)[:40],
                str(msgid),
                str(text or ""),
                headings.get(key, ""),
                _skip(message, part, context),
                title=context == TITLE,
            )
        )
    return entries
