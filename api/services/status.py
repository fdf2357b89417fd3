"""What translators look at: a slot's history and an article's work list (issue 3, section 2).

The status matrix has one cell per section x language x level: ``missing``, ``submitted``
(a submission waits, nothing published), ``published`` or ``stale`` (the published version was
written against an older source), plus ``pending`` (submissions waiting for review). Counts and
the whole-article ``meets_target`` (reference.md section 1) are given per language and level.
"""

from collections.abc import Sequence
from typing import Any

from sqlmodel import Session

from api.domain.levels import LevelScheme
from api.domain.slot import Slot
from api.repositories import articles, history, slots, titles
from api.repositories.titles import TitleSlot
from api.services import slots as source
from api.services import titles as titles_service
from models import (
    Article,
    ArticleTitle,
    ArticleTitleEvent,
    EventAction,
    Section,
    Version,
    VersionEvent,
    VersionStatus,
)

STATES = ("missing", VersionStatus.submitted.value, VersionStatus.published.value, "stale")


def version_json(
    version: Version, section: Section, checks: list[Any] | None, source_then: str | None = None
) -> dict[str, Any]:
    """One version in a history: text, state, stale flag, people, times, scores, checks."""
    stale = version.source_hash != section.source_hash
    body = {
        "id": version.id,
        "revision": version.revision,
        "locale": version.locale,
        "level": version.level,
        "status": version.status,
        "stale": stale,
        "heading": version.heading,
        "text": version.text,
        "origin": version.origin,
        "source_hash": version.source_hash,
        "author": version.author,
        "reviewed_by": version.reviewed_by,
        "comment": version.comment,
        "created_at": version.created_at.isoformat(),
        "reviewed_at": version.reviewed_at.isoformat() if version.reviewed_at else None,
        "readability": version.readability,
        "checks": checks or [],
    }
    if stale:
        body["source_text_then"] = source_then
    return body


def _event_json(event: VersionEvent) -> dict[str, Any]:
    return {
        "id": event.id,
        "version_id": event.version_id,
        "action": event.action,
        "actor": event.actor,
        "comment": event.comment,
        "details": event.details,
        "created_at": event.created_at.isoformat(),
    }


def slot_history(
    session: Session, scheme: LevelScheme, article: Article, section: Section, slot: Slot
) -> dict[str, Any]:
    """The slot's versions (newest first) with their checks, its events, source and ETag.

    A stale version carries ``source_text_then`` (the source it was written from) next to the
    current ``source``, so a translator sees what changed.
    """
    events = history.slot_events(session, slot)
    submitted = EventAction.submitted
    checks = {e.version_id: e.details.get("checks", []) for e in events if e.action == submitted}
    source_slot = source.source_slot(scheme, article, section)
    versions = []
    for v in slots.versions(session, slot):
        then = (
            slots.source_text_for(session, source_slot, v.source_hash)
            if v.source_hash != section.source_hash
            else None
        )
        versions.append(version_json(v, section, checks.get(v.id or 0), then))
    return {
        "article": article.slug,
        "section": section.key,
        "locale": slot.locale,
        "level": slot.level,
        "etag": slots.etag(session, slot),
        "source": source.current_source(session, scheme, article, section),
        "versions": versions,
        "events": [_event_json(e) for e in events],
    }


def title_json(
    title: ArticleTitle, source_hash: str, checks: list[Any] | None = None
) -> dict[str, Any]:
    """One title version in a history: text, state, stale flag, people, times, checks."""
    return {
        "id": title.id,
        "revision": title.revision,
        "locale": title.locale,
        "level": title.level,
        "status": title.status,
        "stale": title.source_hash != source_hash,
        "text": title.title,
        "origin": title.origin,
        "source_hash": title.source_hash,
        "author": title.author,
        "reviewed_by": title.reviewed_by,
        "comment": title.comment,
        "created_at": title.created_at.isoformat(),
        "reviewed_at": title.reviewed_at.isoformat() if title.reviewed_at else None,
        "checks": checks or [],
    }


def _title_event_json(event: ArticleTitleEvent) -> dict[str, Any]:
    return {
        "id": event.id,
        "title_id": event.title_id,
        "action": event.action,
        "actor": event.actor,
        "comment": event.comment,
        "details": event.details,
        "created_at": event.created_at.isoformat(),
    }


def title_history(
    session: Session, scheme: LevelScheme, article: Article, slot: TitleSlot
) -> dict[str, Any]:
    """The title slot's versions (newest first) with their checks, its events, the current
    source title and the slot's ETag."""
    events = titles.events(session, slot)
    submitted = EventAction.submitted.value
    checks = {e.title_id: e.details.get("checks", []) for e in events if e.action == submitted}
    source = titles_service.current_source(session, scheme, article)
    return {
        "article": article.slug,
        "locale": slot.locale,
        "level": slot.level,
        "etag": titles.etag(session, slot),
        "source": source,
        "versions": [
            title_json(t, source["source_hash"], checks.get(t.id or 0))
            for t in titles.versions(session, slot)
        ],
        "events": [_title_event_json(e) for e in events],
    }


def _cell(rows: Sequence[Version | ArticleTitle], source_hash: str) -> dict[str, Any]:
    published = next((v for v in rows if v.status == VersionStatus.published), None)
    pending = [v for v in rows if v.status == VersionStatus.submitted]
    if published is not None:
        state = "stale" if published.source_hash != source_hash else VersionStatus.published.value
    else:
        state = VersionStatus.submitted.value if pending else "missing"
    return {
        "state": state,
        "published_version": published.id if published else None,
        "pending": len(pending),
    }


def article_status(session: Session, scheme: LevelScheme, article: Article) -> dict[str, Any]:
    """The matrix ``sections[].cells[locale][level]`` with ``summary[locale][level]`` counts
    and whole-article ``meets_target``; languages are every language with a live version."""
    sections = articles.sections_of(session, article.id or 0)
    rows = slots.live_in_sections(session, [s.id or 0 for s in sections])
    title_rows = titles.live_in_article(session, article.id or 0)
    languages = sorted(
        {v.locale for v in rows} | {t.locale for t in title_rows},
        key=lambda x: (x != article.source_locale, x),
    )
    reports = {
        (r.locale, r.level): r.report
        for r in articles.readability_reports(session, article.id or 0)
    }
    summary = {
        loc: {
            lv: {
                **dict.fromkeys(STATES, 0),
                "pending": 0,
                "meets_target": reports.get((loc, lv), {}).get("meets_target"),
            }
            for lv in scheme.ids
        }
        for loc in languages
    }
    out = []
    for s in sections:
        cells: dict[str, dict[str, Any]] = {}
        for loc in languages:
            for lv in scheme.ids:
                cell = _cell(
                    [v for v in rows if (v.section_id, v.locale, v.level) == (s.id, loc, lv)],
                    s.source_hash,
                )
                cells.setdefault(loc, {})[lv] = cell
                counts = summary[loc][lv]
                counts[cell["state"]] = int(counts[cell["state"]] or 0) + 1
                counts["pending"] = int(counts["pending"] or 0) + cell["pending"]
        out.append({"key": s.key, "source_hash": s.source_hash, "cells": cells})
    return {
        "article": article.slug,
        "source_locale": article.source_locale,
        "languages": languages,
        "levels": list(scheme.ids),
        "title": _title_row(session, scheme, article, languages),
        "sections": out,
        "summary": summary,
    }


def _title_row(
    session: Session, scheme: LevelScheme, article: Article, languages: list[str]
) -> dict[str, Any]:
    """The title's row of the matrix: the same cells as a section's, per language and level
    (``published_version`` is the title version id), with the source title's hash."""
    rows = titles.live_in_article(session, article.id or 0)
    source_hash = titles_service.current_source(session, scheme, article)["source_hash"]
    cells = {
        loc: {
            lv: _cell([t for t in rows if (t.locale, t.level) == (loc, lv)], source_hash)
            for lv in scheme.ids
        }
        for loc in languages
    }
    return {"source_hash": source_hash, "cells": cells}
