"""Read responses: what was asked, what was served, and the text, per section.

Builds plain dicts from an ``ArticleSnapshot``; the routes serialize and cache them. Every part
carries its own ``lang`` and ``dir`` so that a screen reader announces a section that fell back
to another language correctly (WCAG 2.2 SC 3.1.2; reference.md section 3), with the glossary
terms found in its text (SC 3.1.3, 3.1.4, 3.1.6) and how long it takes to read and to listen to
(reference.md section 6).
"""

from typing import Any

from api.domain.glossary import find_terms
from api.domain.languages import text_direction
from api.domain.levels import LevelScheme
from api.domain.negotiation import Negotiated
from api.domain.reading_time import rate_for, seconds, timing
from api.domain.selection import Fallback, LevelRequest, choose, choose_level
from api.errors import NotFound
from api.services.store import ArticleSnapshot, SectionView


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def _asked(requested: dict[str, Any]) -> str:
    if requested.get("locale"):
        return str(requested["locale"])
    return "Accept-Language " + (", ".join(requested["accept_language"]) or "(none usable)")


def _missing_language(snapshot: ArticleSnapshot, asked: str) -> NotFound:
    available = ", ".join(snapshot.languages)
    return NotFound(
        f"'{snapshot.slug}' has no version matching {asked}; available languages: {available}",
        missing={"locale": asked},
        available_languages=list(snapshot.languages),
    )


def _glossary_json(snapshot: ArticleSnapshot, text: str, lang: str) -> list[dict[str, Any]]:
    entries = snapshot.glossary.get(lang, ())
    return (
        [
            {
                "term": m.entry.term,
                "kind": m.entry.kind,
                "definition": m.entry.definition,
                "ipa": m.entry.ipa,
                "start": m.start,
                "end": m.end,
                "lang": lang,
            }
            for m in find_terms(text, entries, lang)
        ]
        if entries
        else []
    )


def _timing_json(text: str, lang: str) -> dict[str, Any]:
    t = timing(text, lang)
    return {
        "word_count": t.count,
        "count_unit": t.unit,
        "reading_time_seconds": seconds(t.reading_seconds),
        "listening_time_seconds": seconds(t.listening_seconds),
    }


def _totals(sections: list[dict[str, Any]]) -> dict[str, Any]:
    """Whole-article times: the sum of the sections' unrounded times, each in its language."""
    reading = listening = 0.0
    for s in sections:
        t = timing(s["text"], s["lang"])
        reading, listening = reading + t.reading_seconds, listening + t.listening_seconds
    return {
        "word_count": sum(s["word_count"] for s in sections),
        "reading_time_seconds": seconds(reading),
        "listening_time_seconds": seconds(listening),
        "reading_rates": _rates(sections),
    }


def _rates(sections: list[dict[str, Any]]) -> dict[str, Any]:
    return {lang: rate_for(lang).as_dict() for lang in dict.fromkeys(s["lang"] for s in sections)}


def _heading(
    snapshot: ArticleSnapshot, section: SectionView, heading: str, lang: str
) -> tuple[str, str]:
    """A version without a heading shows the source heading, in the source language (a
    screen reader then gets a real heading, announced in its own language: WCAG 1.3.1, 3.1.2)."""
    if heading:
        return heading, lang
    source = section.versions.get(snapshot.source_locale, {}).get("full")
    return (source.heading, snapshot.source_locale) if source else ("", lang)


def _section_json(
    scheme: LevelScheme,
    snapshot: ArticleSnapshot,
    section: SectionView,
    neg: Negotiated,
    request: LevelRequest,
) -> dict[str, Any]:
    choice = choose(scheme, section.grades(), neg.chain, request)
    if choice is None:
        wanted = request.level if request.max_grade is None else f"max_grade {request.max_grade}"
        raise NotFound(
            f"section '{section.key}' has no version in {neg.lang} at {wanted}",
            missing={"section": section.key, "locale": neg.lang, "level": wanted},
            available={loc: sorted(by, key=scheme.rank) for loc, by in section.versions.items()},
        )
    version = section.versions[choice.locale][choice.level]
    heading, heading_lang = _heading(snapshot, section, version.heading, version.locale)
    return {
        "key": section.key,
        "position": section.position,
        "heading": heading,
        "heading_lang": heading_lang,
        "heading_dir": text_direction(heading_lang),
        "heading_editorial": section.heading_editorial,
        "text": version.text,
        "lang": version.locale,
        "dir": text_direction(version.locale),
        "level": version.level,
        "level_met": choice.level_met,
        "locale_fallback": choice.locale_fallback,
        "stale": version.stale,
        "version": {
            "id": version.id,
            "revision": version.revision,
            "origin": version.origin,
            "created_at": _iso(version.created_at),
        },
        "readability": version.readability,
        **_timing_json(version.text, version.locale),
        "glossary": _glossary_json(snapshot, version.text, version.locale),
    }


def _title(
    snapshot: ArticleSnapshot, scheme: LevelScheme, neg: Negotiated, level: str
) -> tuple[str, str]:
    for locale in neg.chain:
        by_level = snapshot.titles.get(locale)
        if by_level:
            chosen = choose_level(scheme, dict.fromkeys(by_level), LevelRequest(level))
            if chosen is not None:
                return by_level[chosen[0]], locale
    return snapshot.slug, snapshot.source_locale


def _notes(snapshot: ArticleSnapshot, neg: Negotiated) -> list[dict[str, Any]]:
    notes = []
    for note in snapshot.editorial_notes:
        texts = note.get("text", {})
        lang = next((loc for loc in neg.chain if loc in texts), next(iter(texts), None))
        if lang is None:
            continue
        notes.append(
            {
                "kind": note.get("kind"),
                "sections": note.get("sections", []),
                "text": texts[lang],
                "lang": lang,
                "dir": text_direction(lang),
                "created_at": note.get("created_at"),
            }
        )
    return notes


def article_level(
    scheme: LevelScheme, snapshot: ArticleSnapshot, neg: Negotiated, request: LevelRequest
) -> tuple[str, bool]:
    """The level the article as a whole is served at in ``neg.lang``, and whether it was met."""
    picked = choose_level(scheme, snapshot.levels(neg.lang), request)
    if picked is None:
        if request.fallback is Fallback.none:
            wanted = (
                request.level if request.max_grade is None else f"max_grade {request.max_grade}"
            )
            raise NotFound(
                f"'{snapshot.slug}' has no {neg.lang} version at {wanted}",
                missing={"locale": neg.lang, "level": wanted},
            )
        return request.level, False
    return picked


def article_json(
    scheme: LevelScheme,
    snapshot: ArticleSnapshot,
    neg: Negotiated,
    request: LevelRequest,
    requested: dict[str, Any],
) -> dict[str, Any]:
    """The article response body (see ``api.schemas.ArticleRead`` for its shape)."""
    if request.fallback is Fallback.none and not neg.matched:
        raise _missing_language(snapshot, _asked(requested))
    level, met = article_level(scheme, snapshot, neg, request)
    title, title_lang = _title(snapshot, scheme, neg, level)
    sections = [_section_json(scheme, snapshot, s, neg, request) for s in snapshot.sections]
    return {
        "slug": snapshot.slug,
        "title": title,
        "title_lang": title_lang,
        "lang": neg.lang,
        "dir": text_direction(neg.lang),
        "level": level,
        "level_met": met,
        "source_lang": snapshot.source_locale,
        "requested": requested,
        "available": {
            loc: sorted(snapshot.levels(loc), key=scheme.rank) for loc in snapshot.languages
        },
        "readability": snapshot.readability.get((neg.lang, level)),
        "editorial_notes": _notes(snapshot, neg),
        "references": snapshot.references,
        "last_reviewed_at": _iso(snapshot.last_reviewed_at),
        "reviewed_by": snapshot.reviewed_by,
        "updated_at": _iso(snapshot.updated_at),
        **_totals(sections),
        "sections": sections,
    }


def section_json(
    scheme: LevelScheme,
    snapshot: ArticleSnapshot,
    section: SectionView,
    neg: Negotiated,
    request: LevelRequest,
    requested: dict[str, Any],
) -> dict[str, Any]:
    """One section's response body: the section plus the article context it belongs to."""
    if request.fallback is Fallback.none and not neg.matched:
        raise _missing_language(snapshot, _asked(requested))
    body = _section_json(scheme, snapshot, section, neg, request)
    return {
        "article": snapshot.slug,
        "article_lang": neg.lang,
        "requested": requested,
        **body,
        "reading_rates": _rates([body]),
    }
