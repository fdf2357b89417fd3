"""gettext PO catalogs per article x language x level: export and import (issue 3, section 3).

Layout as the shipped catalogs (``api.services.catalogs``): ``msgctxt`` ``<key>/heading`` and
``<key>/text``, ``msgid`` the current source string. State mapping (reference.md section 5):
missing -> empty ``msgstr``; submitted and published -> no flag; stale -> ``#, fuzzy`` with the
previous source as ``#| msgid``; rejected, superseded, withdrawn -> not exported. Readability
and the level target are ``#.`` comments; every entry is ``no-python-format`` so ``msgfmt -c``
accepts ``50%``. Import: :mod:`api.domain.po_bytes` checks the raw bytes, then Babel parses.
"""

import io
from dataclasses import dataclass
from typing import Any

from babel.messages.catalog import Catalog
from babel.messages.pofile import PoFileError, read_po, write_po
from sqlmodel import Session

from api.domain.po_bytes import BadPoFileError, check_language, check_po_bytes
from api.domain.slot import Slot
from api.repositories import articles, slots
from api.services.catalogs import heading_context, text_context
from api.services.imports import FileEntry
from models import Article, Section, Version


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


def readability_comment(report: dict[str, Any]) -> str:
    """``#.`` line: formula, score, grade, target, whether met and reliable."""
    if not report:
        return "readability: not measured"
    if not report.get("measurable"):
        return f"readability: not measurable ({report.get('reason')})"
    return (
        f"readability: {report.get('formula')} {report.get('score')}, grade"
        f" {report.get('grade_equivalent')}, target {report.get('target') or 'none'},"
        f" meets_target {report.get('meets_target')}, reliable {report.get('reliable')}"
    )


def _add(catalog: Catalog, session: Session, file: FileTarget, section: Section) -> None:
    source, version, previous = file_slots(session, file, section)
    stale = version is not None and version.source_hash != section.source_hash
    notes = [f"level {file.level}: target {file.target}", f"source_hash {section.source_hash}"]
    if version is not None:
        notes.insert(
            0, f"{version.status} version {version.id}; " + readability_comment(version.readability)
        )
    flags = ["no-python-format"] + (["fuzzy"] if stale else [])
    catalog.add(
        source.heading if source else "",
        version.heading if version else "",
        context=heading_context(section.key),
        flags=flags,
    )
    catalog.add(
        source.text if source else "",
        version.text if version else "",
        context=text_context(section.key),
        flags=flags,
        auto_comments=notes,
        previous_id=previous or (),
    )


def export_po(session: Session, file: FileTarget) -> bytes:
    """The PO catalog (UTF-8) of ``file.article`` for ``file.locale`` x ``file.level``."""
    article, locale, level = file.article, file.locale, file.level
    catalog = Catalog(
        locale=locale.replace("-", "_"),
        project=article.slug,
        version=level,
        charset="utf-8",
        fuzzy=False,
        last_translator="content-api",
        revision_date=article.updated_at,
        msgid_bugs_address="content-api",
        language_team=f"{locale} <{article.slug}>",
        header_comment=f"# {article.slug}: {locale}, reading level {level}.\n"
        "# msgctxt is the section part; msgid the source string.",
    )
    for section in articles.sections_of(session, article.id or 0):
        _add(catalog, session, file, section)
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=0, include_previous=True)
    return buffer.getvalue()


def po_entries(data: bytes, locale: str) -> list[FileEntry]:
    """The file's sections as import entries; ``BadPoFileError`` (1-based line) for a bad file,
    or one whose ``Language`` header names another language than the canonical tag ``locale``.

    Fuzzy entries are skipped (gettext: not a finished translation); a ``title`` entry is
    skipped (titles are published by editors); a heading without its text entry is ignored.
    """
    checked = check_po_bytes(data)
    check_language(checked.entries, locale)
    lines = {e.msgctxt: e.line for e in checked.entries if e.msgctxt}
    try:
        catalog = read_po(io.StringIO(checked.text), abort_invalid=True, ignore_obsolete=True)
    except PoFileError as exc:
        raise BadPoFileError(exc.lineno + 1, str(exc)) from None
    except ValueError as exc:  # Babel: a bad plural index raises ValueError
        raise BadPoFileError(1, f"not a valid PO file: {exc}") from None
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
        where = f"line {lines.get(context, message.lineno)}"
        key, _, part = context.rpartition("/")
        skip = (
            "fuzzy: not a finished translation"
            if message.fuzzy
            else "untranslated"
            if not message.string
            else None
        )
        if part != "text":
            key, skip = context or str(message.id)[:40], "not a section text entry"
        entries.append(
            FileEntry(where, key, str(message.id), str(message.string), headings.get(key, ""), skip)
        )
    return entries
