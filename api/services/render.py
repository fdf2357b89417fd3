"""Read responses: what was asked, what was served, and the text, per section.

Builds the response models of ``api.schemas`` (``ArticleRead``, ``SectionRead``) from an
``ArticleSnapshot``; the routes hand them to a rendition or serialize them to JSON once, at the
edge. Every part carries its own ``lang`` and ``dir`` so that a screen reader announces a
section that fell back to another language correctly (WCAG 2.2 SC 3.1.2; reference.md section
3), with the glossary terms found in its text (SC 3.1.3, 3.1.4, 3.1.6) and how long it takes to
read and to listen to (reference.md section 6), computed once per section
(``api.services.render_sections``).
"""

from datetime import datetime

from api.domain.languages import text_direction
from api.domain.levels import LevelScheme
from api.domain.negotiation import Negotiated
from api.domain.reading_time import TextTiming, seconds
from api.domain.selection import Fallback, LevelRequest, choose_level
from api.errors import NotFound
from api.schemas import (
    ArticleRead,
    NegotiatedRead,
    NoteRead,
    Requested,
    SectionBody,
    SectionRead,
)
from api.services.render_sections import reading_rates, served_section
from api.services.store import ArticleSnapshot, SectionView


def _asked(requested: Requested) -> str:
    return requested.locale or "Accept-Language"


def negotiated(neg: Negotiated, requested: Requested) -> NegotiatedRead:
    """The ``negotiated`` member: the language served and what decided it (``locale``
    parameter, ``accept-language`` header, or ``default``: the source language)."""
    if not neg.asked:
        return NegotiatedRead(language=neg.lang, via="default")
    via = "locale" if requested.locale else "accept-language"
    return NegotiatedRead(language=neg.lang, via=via)


def _missing_language(snapshot: ArticleSnapshot, asked: str) -> NotFound:
    available = ", ".join(snapshot.languages)
    return NotFound(
        f"'{snapshot.slug}' has no version matching {asked}; available languages: {available}",
        missing={"locale": asked},
        available_languages=list(snapshot.languages),
    )


def missing_language(snapshot: ArticleSnapshot, asked: str) -> NotFound:
    """The 404 of ``fallback=none`` when no language asked for (``asked``: how the reader
    asked, e.g. ``Accept-Language ja;q=1``) is published."""
    return _missing_language(snapshot, asked)


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


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


def _notes(snapshot: ArticleSnapshot, neg: Negotiated) -> list[NoteRead]:
    """Each editorial note in the first language of the chain it is written in (else its
    first); a note with no text is left out."""
    notes = []
    for note in snapshot.editorial_notes:
        texts = note.text
        lang = next((loc for loc in neg.chain if loc in texts), next(iter(texts), None))
        if lang is None:
            continue
        notes.append(
            NoteRead(
                kind=note.kind,
                sections=note.sections,
                text=texts[lang],
                lang=lang,
                dir=text_direction(lang),
                created_at=note.created_at,
            )
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


def render_article(
    scheme: LevelScheme,
    snapshot: ArticleSnapshot,
    neg: Negotiated,
    request: LevelRequest,
    requested: Requested,
) -> ArticleRead:
    """The article as served to one reader. Raises ``NotFound`` (404) where ``fallback=none``
    and the language or a level is missing."""
    if request.fallback is Fallback.none and not neg.matched:
        raise _missing_language(snapshot, _asked(requested))
    level, met = article_level(scheme, snapshot, neg, request)
    served = [served_section(scheme, snapshot, s, neg, request) for s in snapshot.sections]
    return _article(scheme, snapshot, neg, (level, met), requested, served)


def _article(
    scheme: LevelScheme,
    snapshot: ArticleSnapshot,
    neg: Negotiated,
    served_level: tuple[str, bool],
    requested: Requested,
    served: list[tuple[SectionBody, TextTiming]],
) -> ArticleRead:
    """Whole-article times are the sum of the sections' unrounded times (each at its own
    language's rate), rounded up once."""
    (level, met), sections = served_level, [body for body, _ in served]
    title, title_lang = _title(snapshot, scheme, neg, level)
    met_sections = sum(s.level_met for s in sections)
    return ArticleRead(
        slug=snapshot.slug,
        title=title,
        title_lang=title_lang,
        lang=neg.lang,
        dir=text_direction(neg.lang),
        language_met=any(s.lang in neg.accepted for s in sections),
        level=level,
        level_met=met and met_sections == len(sections),
        level_met_sections=met_sections,
        section_count=len(sections),
        source_lang=snapshot.source_locale,
        requested=requested,
        negotiated=negotiated(neg, requested),
        available={
            loc: sorted(snapshot.levels(loc), key=scheme.rank) for loc in snapshot.languages
        },
        readability=snapshot.readability.get((neg.lang, level)),
        editorial_notes=_notes(snapshot, neg),
        references=list(snapshot.references),
        last_reviewed_at=_iso(snapshot.last_reviewed_at),
        reviewed_by=snapshot.reviewed_by,
        updated_at=snapshot.updated_at.isoformat(),
        word_count=sum(s.word_count for s in sections),
        reading_time_seconds=seconds(sum(t.reading_seconds for _, t in served)),
        listening_time_seconds=seconds(sum(t.listening_seconds for _, t in served)),
        reading_rates=reading_rates(s.lang for s in sections),
        sections=sections,
    )


def render_section(
    scheme: LevelScheme,
    snapshot: ArticleSnapshot,
    section: SectionView,
    neg: Negotiated,
    request: LevelRequest,
    requested: Requested,
) -> SectionRead:
    """One section as served, with the article context it belongs to (errors as
    ``render_article``)."""
    if request.fallback is Fallback.none and not neg.matched:
        raise _missing_language(snapshot, _asked(requested))
    body, _ = served_section(scheme, snapshot, section, neg, request)
    return SectionRead(
        article=snapshot.slug,
        article_lang=neg.lang,
        requested=requested,
        negotiated=negotiated(neg, requested),
        reading_rates=reading_rates([body.lang]),
        **dict(body),
    )
