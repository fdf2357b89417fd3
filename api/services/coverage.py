"""How much of an article exists in each language (issue 9, point 4): coverage per language
and level, and the words "complete" and "partial" the list, ``/v1/locales`` and the reader
page's switcher use.

An article is *complete* in a language when at least one reading level has a published
version of every section in that language; *partial* when some section is published in that
language but no level is complete. Levels count on their own: a section published only at
``easy`` does not make ``plain`` complete.
"""

from api.schemas import SectionCount
from api.services.store import ArticleSnapshot

Coverage = dict[str, dict[str, SectionCount]]
"""``{language tag: {level id: SectionCount}}``."""


def article_coverage(snapshot: ArticleSnapshot) -> Coverage:
    """Coverage of every language and level that has at least one published section."""
    counts: dict[str, dict[str, int]] = {}
    for section in snapshot.sections:
        for locale, by_level in section.versions.items():
            for level in by_level:
                counts.setdefault(locale, {})[level] = counts.get(locale, {}).get(level, 0) + 1
    total = len(snapshot.sections)
    return {
        locale: {lv: SectionCount(sections=n, of=total) for lv, n in sorted(levels.items())}
        for locale, levels in counts.items()
    }


def is_complete(by_level: dict[str, SectionCount]) -> bool:
    """True when some level has every section (see module docstring)."""
    return any(c.of > 0 and c.sections == c.of for c in by_level.values())


def partial_languages(snapshot: ArticleSnapshot) -> set[str]:
    """Languages the article has some, but at no level all, sections in."""
    return {loc for loc, by in article_coverage(snapshot).items() if not is_complete(by)}


def tally(rows: list[tuple[int, str, str, int, int]]) -> dict[str, tuple[int, int]]:
    """``{locale: (complete, partial)}`` article counts from ``(article_id, locale, level,
    sections published, sections of the article)`` rows (``repositories.coverage``)."""
    best: dict[tuple[int, str], bool] = {}
    for article_id, locale, _level, published, total in rows:
        key = (article_id, locale)
        best[key] = best.get(key, False) or (total > 0 and published == total)
    out: dict[str, tuple[int, int]] = {}
    for (_, locale), complete in best.items():
        done, part = out.get(locale, (0, 0))
        out[locale] = (done + 1, part) if complete else (done, part + 1)
    return out
