"""Sync items: the parts of an article an app keeps offline, from a read-side snapshot.

An item is one ``section`` (section x locale x level: the body ``GET
/v1/articles/{slug}/sections/{key}?locale=&level=&fallback=none`` serves, rendered by
``api.services.render.render_section``), one ``title`` (locale x level), one ``glossary``
(locale) or the ``article`` itself (its section order and editorial metadata). Only real
versions count (``fallback=none``): a slot with no published version has no item. Bodies are
serialized exactly as the read side serializes them (``api.http.represent``), and an item's
``etag`` is the SHA-256 of those bytes, quoted (reference.md section 4).
"""

import hashlib
import json
from dataclasses import dataclass
from typing import Any, NamedTuple

from api.domain.languages import text_direction
from api.domain.levels import LevelScheme
from api.domain.negotiation import LanguageRange, negotiate
from api.domain.selection import Fallback, LevelRequest
from api.errors import NotFound
from api.schemas import Requested
from api.services.render import render_section
from api.services.store import ArticleSnapshot, SectionView

RANKS = {"article": 0, "title": 1, "glossary": 2, "section": 3}


class ItemKey(NamedTuple):
    """Where an item lives; tuples sort in the order items are sent (article by article)."""

    article: str
    rank: int
    section: str
    locale: str
    level: str

    @property
    def type(self) -> str:
        """``article``, ``title``, ``glossary`` or ``section``."""
        return next(name for name, rank in RANKS.items() if rank == self.rank)

    @classmethod
    def of(
        cls, type_: str, article: str, section: str = "", locale: str = "", level: str = ""
    ) -> "ItemKey":
        """The key of an item of ``type_``; empty strings for members it has not."""
        return cls(article, RANKS[type_], section, locale, level)


@dataclass(frozen=True, slots=True)
class Item:
    """An item with its final state: ``body`` None is a tombstone."""

    key: ItemKey
    body: bytes | None

    def as_json(self) -> str:
        """The item as a JSON object (the body's bytes are embedded as they are)."""
        k = self.key
        head = {
            "type": k.type,
            "op": "upsert" if self.body is not None else "delete",
            "article": k.article,
            "section": k.section or None,
            "locale": k.locale or None,
            "level": k.level or None,
            "etag": etag(self.body) if self.body is not None else None,
        }
        text = json.dumps(head, ensure_ascii=False, separators=(",", ":"))[:-1]
        body = self.body.decode("utf-8") if self.body is not None else "null"
        return f'{text},"body":{body}}}'


def serialize(data: Any) -> bytes:
    """Compact UTF-8 JSON exactly as ``api.http.represent`` writes a response body."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def sha256(body: bytes) -> str:
    """Hex SHA-256 of a body's bytes (the bundle manifest's hash)."""
    return hashlib.sha256(body).hexdigest()


def etag(body: bytes) -> str:
    """The item's strong validator: its SHA-256, quoted."""
    return f'"{sha256(body)}"'


def explicit_requested(locale: str, level: str) -> Requested:
    """The echo of a section read with an explicit ``locale``, ``level`` and ``fallback=none``
    (what the section endpoint puts in ``requested`` for that URL; ``negotiated`` follows
    from the negotiation: ``{language: locale, via: locale}``)."""
    return Requested(locale=locale, level=level, max_grade=None, fallback="none")


def explicit_auto(locale: str, level: str) -> Requested:
    """The echo of a section read with an explicit ``locale`` and ``level`` (``fallback``
    auto: what a reader online gets)."""
    return Requested(locale=locale, level=level, max_grade=None, fallback="auto")


def section_body(
    scheme: LevelScheme, snapshot: ArticleSnapshot, section: SectionView, locale: str, level: str
) -> bytes | None:
    """The section endpoint's JSON for this slot, or None if it has no published version."""
    if level not in section.versions.get(locale, {}):
        return None
    neg = negotiate((LanguageRange(locale, 1.0),), snapshot.languages, snapshot.source_locale)
    request = LevelRequest(level, None, Fallback.none, level)
    try:
        body = render_section(
            scheme, snapshot, section, neg, request, explicit_requested(locale, level)
        )
    except NotFound:
        return None
    if (body.lang, body.level) != (locale, level):
        return None
    return serialize(body.model_dump())


def title_body(snapshot: ArticleSnapshot, locale: str, level: str) -> bytes | None:
    """``{"title", "lang", "dir"}``: the published title of this locale and level, or None."""
    title = snapshot.titles.get(locale, {}).get(level)
    if title is None:
        return None
    return serialize({"title": title, "lang": locale, "dir": text_direction(locale)})


def glossary_body(snapshot: ArticleSnapshot, locale: str) -> bytes | None:
    """``{"lang", "dir", "entries": [{"kind", "term", "definition", "ipa"}]}``, or None."""
    entries = snapshot.glossary.get(locale)
    if not entries:
        return None
    listed = [
        {"kind": e.kind, "term": e.term, "definition": e.definition, "ipa": e.ipa} for e in entries
    ]
    return serialize({"lang": locale, "dir": text_direction(locale), "entries": listed})


def article_body(snapshot: ArticleSnapshot, locales: tuple[str, ...]) -> bytes:
    """The article: section order, source language, references, review metadata, and the
    editorial notes with their texts in the synced locales."""
    notes = [
        note.model_dump() | {"text": {k: v for k, v in note.text.items() if k in locales}}
        for note in snapshot.editorial_notes
    ]
    return serialize(
        {
            "slug": snapshot.slug,
            "source_lang": snapshot.source_locale,
            "sections": [
                {"key": s.key, "position": s.position, "heading_editorial": s.heading_editorial}
                for s in snapshot.sections
            ],
            "references": [r.model_dump() for r in snapshot.references],
            "editorial_notes": notes,
            "last_reviewed_at": (
                snapshot.last_reviewed_at.isoformat() if snapshot.last_reviewed_at else None
            ),
            "reviewed_by": snapshot.reviewed_by,
        }
    )


def has_content(
    snapshot: ArticleSnapshot, locales: tuple[str, ...], levels: tuple[str, ...]
) -> bool:
    """True when the article has a title or a section version in the synced locales x levels
    (an article with none of them has no ``article`` item either)."""
    for locale in locales:
        if any(lv in snapshot.titles.get(locale, {}) for lv in levels):
            return True
        for s in snapshot.sections:
            if any(lv in s.versions.get(locale, {}) for lv in levels):
                return True
    return False


def body_of(
    scheme: LevelScheme,
    snapshot: ArticleSnapshot | None,
    key: ItemKey,
    filters: tuple[tuple[str, ...], tuple[str, ...]],
) -> bytes | None:
    """The current body of the item at ``key`` (None: it does not exist now)."""
    if snapshot is None:
        return None
    match key.type:
        case "article":
            return article_body(snapshot, filters[0]) if has_content(snapshot, *filters) else None
        case "title":
            return title_body(snapshot, key.locale, key.level)
        case "glossary":
            return glossary_body(snapshot, key.locale)
    section = next((s for s in snapshot.sections if s.key == key.section), None)
    return section_body(scheme, snapshot, section, key.locale, key.level) if section else None


def all_keys(
    snapshot: ArticleSnapshot, locales: tuple[str, ...], levels: tuple[str, ...]
) -> list[ItemKey]:
    """Every key an article could have an item at within the filters, in send order."""
    slug = snapshot.slug
    keys = [ItemKey.of("article", slug)]
    keys += [ItemKey.of("title", slug, "", loc, lv) for loc in locales for lv in levels]
    keys += [ItemKey.of("glossary", slug, "", loc) for loc in locales]
    keys += [
        ItemKey.of("section", slug, s.key, loc, lv)
        for s in snapshot.sections
        for loc in locales
        for lv in levels
    ]
    return sorted(keys)
