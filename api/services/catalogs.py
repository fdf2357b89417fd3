"""Content catalogs: one gettext PO file per article, language and reading level.

Layout (``translations/content/<slug>/``): ``article.json`` (metadata, section order),
``source.txt`` (the text as authored: title, blank line, one paragraph per section) and
``<lang>/<level>.po``. Entries use ``msgctxt`` ``title``, ``<key>/heading`` and ``<key>/text``;
``msgid`` is the English source string, ``msgstr`` the version. Read and written with Babel.
"""

import hashlib
import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

TITLE = "title"


def source_hash(text: str) -> str:
    """SHA-256 hex digest of a source string: what a version records it was written from."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def heading_context(key: str) -> str:
    """``msgctxt`` of a section heading."""
    return f"{key}/heading"


def text_context(key: str) -> str:
    """``msgctxt`` of a section text."""
    return f"{key}/text"


@dataclass
class Entry:
    """One translated string with the source it was written from."""

    source: str
    translation: str


@dataclass
class ArticleSource:
    """An article as authored: metadata, title and section texts in the source language."""

    slug: str
    source_locale: str
    title: str
    sections: list[dict[str, Any]]  # key, heading, heading_editorial, text
    meta: dict[str, Any] = field(default_factory=dict)


def read_article_source(folder: Path) -> ArticleSource:
    """Read ``article.json`` and ``source.txt`` from an article folder."""
    meta = json.loads((folder / "article.json").read_text(encoding="utf-8"))
    raw = (folder / "source.txt").read_text(encoding="utf-8").replace("\r\n", "\n")
    title, *paragraphs = [p.strip() for p in raw.split("\n\n") if p.strip()]
    sections = meta["sections"]
    if len(paragraphs) != len(sections):
        raise ValueError(f"{folder}: {len(paragraphs)} paragraphs for {len(sections)} sections")
    merged = [dict(s, text=p) for s, p in zip(sections, paragraphs, strict=True)]
    return ArticleSource(meta["slug"], meta["source_locale"], title, merged, meta)


def read_catalog(path: Path) -> dict[str, Entry]:
    """Entries of a content PO file by ``msgctxt``; untranslated entries are left out."""
    with path.open("rb") as handle:
        catalog = read_po(handle)
    return {
        str(m.context): Entry(source=str(m.id), translation=str(m.string))
        for m in catalog
        if m.id and m.context and m.string
    }


def write_catalog(locale: str, entries: dict[str, Entry], project: str, level: str) -> bytes:
    """A content PO file (UTF-8) for ``locale`` with one entry per ``msgctxt``.

    Every entry is flagged ``no-python-format``: Babel forces ``python-format`` onto any msgid
    with ``%`` ("50% of adults") and ``msgfmt -c`` then rejects the file (reference.md 5).
    """
    catalog = Catalog(
        locale=locale.replace("-", "_"),
        project=project,
        version=level,
        charset="utf-8",
        fuzzy=False,
        last_translator="content-api",
        language_team=f"{locale} <{project}>",
        header_comment=f"# {project}: {locale}, reading level {level}.\n"
        "# Written by content-api; msgid is the source string, msgctxt the section part.",
    )
    for context, entry in entries.items():
        catalog.add(entry.source, entry.translation, context=context, flags=("no-python-format",))
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=0, omit_header=False)
    return buffer.getvalue()


def catalog_files(folder: Path) -> list[tuple[str, str, Path]]:
    """``(locale, level, path)`` of every ``<lang>/<level>.po`` under an article folder."""
    return sorted((po.parent.name, po.stem, po) for po in folder.glob("*/*.po"))
