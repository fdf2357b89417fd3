"""Readability stored by older counters is recomputed, never served beside new counts
(issue 8 point 5): ``rescore`` (content-api rescore, start-up, seed) and the HTTP answer."""

from sqlmodel import select

from api.domain.textstats import COUNTER_VERSION
from api.services.rescore import rescore
from models import Article, ArticleReadability, Section, Version

SLUG = "immunotherapy-breast-cancer"


def _age(session, locale: str, level: str) -> Version:
    """Make one published version's report look as if textstat's counts had made it."""
    version = session.exec(
        select(Version)
        .join(Section, Section.id == Version.section_id)
        .where(Version.locale == locale, Version.level == level, Version.status == "published")
        .order_by(Section.position)
    ).first()
    old = dict(version.readability)
    old.pop("counter_version"), old.pop("word_unit")
    old["score"] = 99.9  # what the old counter said: must not survive
    version.readability = old
    session.add(version)
    row = session.exec(
        select(ArticleReadability).where(
            ArticleReadability.locale == locale, ArticleReadability.level == level
        )
    ).one()
    row.report = {**row.report, "counter_version": None, "score": 99.9}
    session.add(row)
    session.commit()
    return version


def test_seeded_reports_name_todays_counter(session):
    versions = session.exec(select(Version)).all()
    rows = session.exec(select(ArticleReadability)).all()
    assert {v.readability["counter_version"] for v in versions} == {COUNTER_VERSION}
    assert {r.report["counter_version"] for r in rows} == {COUNTER_VERSION}


def test_rescore_recomputes_old_reports_and_bumps_the_article(session, scheme):
    article = session.exec(select(Article).where(Article.slug == SLUG)).one()
    revision = article.revision
    version = _age(session, "es", "plain")
    done = rescore(session, scheme)
    assert (done.versions, done.articles) == (1, 1)
    session.refresh(version)
    assert version.readability["counter_version"] == COUNTER_VERSION
    assert version.readability["score"] != 99.9
    rows = session.exec(select(ArticleReadability)).all()
    assert {r.report["counter_version"] for r in rows} == {COUNTER_VERSION}
    assert all(r.report["score"] != 99.9 for r in rows)
    session.refresh(article)
    assert article.revision == revision + 1
    assert rescore(session, scheme).versions == 0  # idempotent


def test_served_article_readability_after_rescore_is_current(client, session, scheme):
    _age(session, "es", "plain")
    rescore(session, scheme)
    body = client.get(f"/v1/articles/{SLUG}", params={"locale": "es", "level": "plain"}).json()
    assert body["readability"]["counter_version"] == COUNTER_VERSION
    assert {s["readability"]["counter_version"] for s in body["sections"]} == {COUNTER_VERSION}
