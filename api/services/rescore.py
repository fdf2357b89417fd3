"""Recompute stored readability made by older counters (issue 8 point 5).

Reports carry ``counter_version`` (:mod:`api.domain.textstats`); a report stored by another
counter (or before counters existed: ``None``, textstat's counts) is never served beside new
ones. :func:`rescore` recomputes every such version report and, for each article touched or
holding an old whole-article report, every whole-article report of that article, so an article
never mixes counts. Run by ``content-api rescore`` and at start-up (``api.services.startup``).
Versions stay append-only: only their derived ``readability`` measurement is replaced.
"""

from dataclasses import dataclass

from sqlmodel import Session, col, select

from api.domain.levels import LevelScheme
from api.domain.readability import is_current, score_text
from api.repositories.changes import log_change
from api.services import content
from models import Article, ArticleReadability, Section, Version
from models.change_log import ChangeKind

ACTOR = "rescore"


@dataclass
class RescoreReport:
    """How many version and whole-article reports were recomputed, in how many articles."""

    versions: int = 0
    article_reports: int = 0
    articles: int = 0


def _stale_articles(session: Session) -> set[int]:
    rows = session.exec(select(ArticleReadability)).all()
    return {r.article_id for r in rows if not is_current(r.report)}


def rescore(session: Session, scheme: LevelScheme) -> RescoreReport:
    """Recompute every report not made by today's counters, then commit; returns the counts."""
    report = RescoreReport()
    touched: set[int] = set()
    for version, article_id in session.exec(
        select(Version, Section.article_id).join(Section, col(Section.id) == Version.section_id)
    ).all():
        if is_current(version.readability):
            continue
        fresh = score_text(version.text, version.locale, scheme, version.level)
        version.readability = fresh.as_dict()
        session.add(version)
        report.versions += 1
        touched.add(article_id)
    touched |= _stale_articles(session)
    for article_id in sorted(touched):
        article = session.get(Article, article_id)
        if article is None:
            continue
        content.recompute_readability(session, scheme, article)
        content.touch(session, article)
        log_change(session, ChangeKind.article_changed, article_id=article_id, actor=ACTOR)
        report.articles += 1
    session.flush()
    report.article_reports = sum(
        1 for r in session.exec(select(ArticleReadability)).all() if r.article_id in touched
    )
    session.commit()
    return report
