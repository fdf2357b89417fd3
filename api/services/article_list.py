"""The article list (``GET /v1/articles``): a keyset page of summaries built from a few
indexed queries over the page's articles (``api.repositories.article_list``), not from each
article's read snapshot, so a page costs the same at any depth and fills no snapshot cache
(docs/scale.md).

A summary shows what a read of the article would: the languages with a published version
of a live section (source language first, then by tag), the levels with a whole-article
readability report per language, the title in the first language of the reader's fallback
chain that has one (reference.md section 3), and coverage per language and level
(``api.services.coverage``).
"""

from dataclasses import dataclass, field

from sqlmodel import Session

from api.domain.languages import text_direction
from api.domain.levels import LevelScheme, select_level
from api.domain.negotiation import LanguageRange, negotiate, parse_accept_language
from api.repositories import article_list as repo
from api.repositories import snapshots as snapshot_repo
from api.schemas import ArticleList, ArticleSummary, SectionCount
from api.services.cursor import encode_cursor


@dataclass
class _Facts:
    """What the page's queries found about one article."""

    titles: dict[str, dict[str, str]] = field(default_factory=dict)
    levels: dict[str, list[str]] = field(default_factory=dict)
    published: dict[str, dict[str, int]] = field(default_factory=dict)
    sections: int = 0


def _facts(session: Session, ids: list[int]) -> dict[int, _Facts]:
    facts = {i: _Facts() for i in ids}
    for a, loc, lv, title in snapshot_repo.titles(session, ids):  # the snapshot's query
        facts[a].titles.setdefault(loc, {})[lv] = title
    for a, loc, lv in repo.readability_levels(session, ids):
        facts[a].levels.setdefault(loc, []).append(lv)
    for a, loc, lv, n in repo.published_slots(session, ids):
        facts[a].published.setdefault(loc, {})[lv] = n
    for a, n in repo.live_sections(session, ids).items():
        facts[a].sections = n
    return facts


def summary(
    scheme: LevelScheme,
    article: repo.ListedArticle,
    facts: _Facts,
    ranges: tuple[LanguageRange, ...],
    asked_level: str | None = None,
) -> ArticleSummary:
    """One list item: ``ranges`` are the reader's language ranges (``locale`` or
    Accept-Language); the title at ``asked_level`` as a read at that level picks it
    (``select_level``), else the title as authored (the source level, ``full``)."""
    source = article.source_locale
    languages = tuple(sorted(facts.published, key=lambda x: (x != source, x)))
    neg = negotiate(ranges, languages, source)
    title_lang = next((loc for loc in neg.chain if loc in facts.titles), source)
    by_level = facts.titles.get(title_lang, {})
    level = select_level(scheme, by_level, asked_level or scheme.source_level)
    return ArticleSummary(
        slug=article.slug,
        title=by_level[level] if level else article.slug,
        lang=title_lang,
        dir=text_direction(title_lang),
        source_lang=source,
        languages=list(languages),
        levels={loc: sorted(facts.levels.get(loc, []), key=scheme.rank) for loc in languages},
        updated_at=article.updated_at.isoformat(),
        coverage={
            loc: {
                lv: SectionCount(sections=n, of=facts.sections)
                for lv, n in sorted(facts.published[loc].items())
            }
            for loc in languages
        },
    )


def list_page(
    session: Session,
    scheme: LevelScheme,
    page: tuple[str, int],
    locale: str | None,
    accept_language: str | None,
    level: str | None = None,
) -> ArticleList:
    """Up to ``limit`` summaries after the slug ``after`` (``page`` is ``(after, limit)``),
    titles in ``locale`` (wins) or the Accept-Language header's languages; ``next_cursor``
    is None on the last page; ``level``: the reading level of the titles (``summary``)."""
    after, limit = page
    rows = repo.page(session, after, limit + 1)
    shown = rows[:limit]
    facts = _facts(session, [a.id for a in shown]) if shown else {}
    ranges = (
        (LanguageRange(locale, 1.0),) if locale else parse_accept_language(accept_language or "")
    )
    items = [summary(scheme, a, facts[a.id], ranges, level) for a in shown]
    next_cursor = encode_cursor(shown[-1].slug) if len(rows) > limit else None
    return ArticleList(items=items, next_cursor=next_cursor)
