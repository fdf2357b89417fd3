"""One section as served (``api.services.render``): the version chosen for the reader, its
heading (the source's where it has none), the glossary terms found in its text (WCAG 2.2 SC
3.1.3, 3.1.4, 3.1.6) and its reading and listening times (reference.md section 6), each part
with its own ``lang`` and ``dir`` (SC 3.1.2; reference.md section 3).
"""

from collections.abc import Iterable

from api.domain.glossary import find_terms
from api.domain.languages import text_direction
from api.domain.levels import LevelScheme
from api.domain.negotiation import Negotiated
from api.domain.reading_time import TextTiming, rate_for, seconds, timing
from api.domain.selection import Choice, LevelRequest, choose
from api.errors import NotFound
from api.schemas import (
    GlossaryMatch,
    ReadingRateRead,
    SectionBody,
    VersionRef,
)
from api.services.store import ArticleSnapshot, SectionView, VersionView


def _glossary(snapshot: ArticleSnapshot, text: str, lang: str) -> list[GlossaryMatch]:
    entries = snapshot.glossary.get(lang, ())
    if not entries:
        return []
    return [
        GlossaryMatch(
            term=m.entry.term,
            kind=m.entry.kind,
            definition=m.entry.definition,
            ipa=m.entry.ipa,
            start=m.start,
            end=m.end,
            lang=lang,
        )
        for m in find_terms(text, entries, lang)
    ]


def reading_rates(langs: Iterable[str]) -> dict[str, ReadingRateRead]:
    """The reading rates of each language served, in first-served order."""
    rates = {}
    for lang in dict.fromkeys(langs):
        r = rate_for(lang)
        rates[lang] = ReadingRateRead(
            unit=r.unit,
            silent_per_minute=r.silent_per_minute,
            aloud_per_minute=r.aloud_per_minute,
            silent_source=r.silent_source,
            aloud_source=r.aloud_source,
            listening="listening time uses the reading-aloud rate",
        )
    return rates


def _heading(
    snapshot: ArticleSnapshot, section: SectionView, heading: str, lang: str
) -> tuple[str, str]:
    """A version without a heading shows the source heading, in the source language (a
    screen reader then gets a real heading, announced in its own language: WCAG 1.3.1, 3.1.2)."""
    if heading:
        return heading, lang
    source = section.versions.get(snapshot.source_locale, {}).get("full")
    return (source.heading, snapshot.source_locale) if source else ("", lang)


def _not_at_level(
    scheme: LevelScheme, section: SectionView, neg: Negotiated, request: LevelRequest
) -> NotFound:
    wanted = request.level if request.max_grade is None else f"max_grade {request.max_grade}"
    return NotFound(
        f"section '{section.key}' has no version in {neg.lang} at {wanted}",
        missing={"section": section.key, "locale": neg.lang, "level": wanted},
        available={loc: sorted(by, key=scheme.rank) for loc, by in section.versions.items()},
    )


def _version_ref(version: VersionView) -> VersionRef:
    return VersionRef(
        id=version.id,
        revision=version.revision,
        origin=version.origin,
        created_at=version.created_at.isoformat(),
    )


def served_section(
    scheme: LevelScheme,
    snapshot: ArticleSnapshot,
    section: SectionView,
    neg: Negotiated,
    request: LevelRequest,
) -> tuple[SectionBody, TextTiming]:
    """The section as served, with its unrounded timing (for the article's totals)."""
    choice = choose(scheme, section.grades(), neg.chain, request)
    if choice is None:
        raise _not_at_level(scheme, section, neg, request)
    version = section.versions[choice.locale][choice.level]
    glossary, t = derived(snapshot, version)
    return _section_body(snapshot, section, version, choice, t, glossary), t


def derived(
    snapshot: ArticleSnapshot, version: VersionView
) -> tuple[list[GlossaryMatch], TextTiming]:
    """The glossary matches and the timing of ``version``'s text: pure functions of the text,
    so computed once per snapshot (``ArticleSnapshot.derived``) however many negotiation
    outcomes serve the version (they were over half of a render's time)."""
    found = snapshot.derived.get(version.id)
    if found is None:
        found = (
            _glossary(snapshot, version.text, version.locale),
            timing(version.text, version.locale),
        )
        snapshot.derived[version.id] = found
    glossary, t = found
    return glossary, t


def _section_body(
    snapshot: ArticleSnapshot,
    section: SectionView,
    version: VersionView,
    choice: Choice,
    t: TextTiming,
    glossary: list[GlossaryMatch],
) -> SectionBody:
    heading, heading_lang = _heading(snapshot, section, version.heading, version.locale)
    return SectionBody(
        key=section.key,
        position=section.position,
        heading=heading,
        heading_lang=heading_lang,
        heading_dir=text_direction(heading_lang),
        heading_editorial=section.heading_editorial,
        text=version.text,
        lang=version.locale,
        dir=text_direction(version.locale),
        level=version.level,
        level_met=choice.level_met,
        locale_fallback=choice.locale_fallback,
        stale=version.stale,
        version=_version_ref(version),
        readability=version.readability,
        word_count=t.count,
        count_unit=t.unit,
        reading_time_seconds=seconds(t.reading_seconds),
        listening_time_seconds=seconds(t.listening_seconds),
        glossary=glossary,
    )
