"""The shipped article: every language and level, the targets met, seeding idempotent."""

import shutil

import pytest
from sqlmodel import select

from api.services.catalogs import read_article_source, read_catalog, source_hash
from api.services.seed import load_article, seed_all
from models import Article, ArticleReadability, Section, Version

SLUG = "immunotherapy-breast-cancer"
EXPECTED = {
    ("en", "full"),
    ("en", "plain"),
    ("en", "easy"),
    ("es", "full"),
    ("es", "plain"),
    ("es", "easy"),
    ("fr", "full"),
    ("fr", "plain"),
    ("fr", "easy"),
    ("ar", "full"),
    ("ar", "plain"),
    ("ar", "easy"),
    ("zh-Hans", "full"),
    ("zh-Hans", "plain"),
    ("zh-Hans", "easy"),
}


def _reports(session) -> dict[tuple[str, str], dict]:
    rows = session.exec(select(ArticleReadability)).all()
    return {(r.locale, r.level): r.report for r in rows}


def test_every_language_and_level_is_published_for_all_eight_sections(session):
    rows = session.exec(
        select(Version.locale, Version.level, Version.section_id).where(
            Version.status == "published"
        )
    ).all()
    slots: dict[tuple[str, str], set[int]] = {}
    for locale, level, section_id in rows:
        slots.setdefault((locale, level), set()).add(section_id)
    assert set(slots) == EXPECTED
    assert {len(ids) for ids in slots.values()} == {8}


@pytest.mark.parametrize(
    ("locale", "level", "formula"),
    [
        ("en", "plain", "flesch-kincaid-grade"),
        ("en", "easy", "flesch-kincaid-grade"),
        ("es", "plain", "inflesz"),
        ("es", "easy", "inflesz"),
        ("fr", "plain", "kandel-moles"),
        ("fr", "easy", "kandel-moles"),
    ],
)
def test_simplified_versions_meet_their_whole_article_target(session, locale, level, formula):
    report = _reports(session)[(locale, level)]
    assert report["formula"] == formula
    assert report["reliable"] is True
    assert report["meets_target"] is True


def test_full_texts_do_not_reach_plain_language_and_the_reports_say_so(session, scheme):
    reports = _reports(session)
    assert reports[("en", "full")]["score"] > 12
    assert reports[("en", "full")]["meets_target"] is None
    assert not scheme.target("plain", "en").met_by(reports[("en", "full")]["score"])
    assert not scheme.target("plain", "es").met_by(reports[("es", "full")]["score"])
    assert reports[("zh-Hans", "plain")]["measurable"] is False


def test_catalog_msgids_are_the_source_word_for_word(content_root):
    folder = content_root / SLUG
    src = read_article_source(folder)
    texts = {f"{s['key']}/text": s["text"] for s in src.sections}
    assert len(src.sections) == 8
    for po in folder.glob("*/*.po"):
        entries = read_catalog(po)
        assert entries["title"].source == src.title, po
        for context, text in texts.items():
            assert entries[context].source == text, (po, context)


def test_seeding_again_changes_nothing(session, scheme):
    before = session.exec(select(Version.id)).all()
    report = seed_all(session, scheme)
    assert (report.articles_created, report.versions_added, report.titles_added) == ([], 0, 0)
    assert session.exec(select(Version.id)).all() == before


def test_a_changed_catalog_appends_a_revision_and_keeps_history(
    session, scheme, content_root, tmp_path
):
    folder = tmp_path / SLUG
    shutil.copytree(content_root / SLUG, folder)
    po = folder / "es" / "plain.po"
    text = po.read_text(encoding="utf-8")
    po.write_text(text.replace("defensas", "DEFENSAS", 1), encoding="utf-8")
    revision = session.exec(select(Article.revision).where(Article.slug == SLUG)).one()
    report = load_article(session, scheme, folder)
    assert report.versions_added == 1
    changed = session.exec(
        select(Version).where(
            Version.locale == "es", Version.level == "plain", Version.revision == 2
        )
    ).one()
    history = session.exec(
        select(Version.status)
        .where(
            Version.section_id == changed.section_id,
            Version.locale == "es",
            Version.level == "plain",
        )
        .order_by(Version.revision)
    ).all()
    assert history == ["superseded", "published"]
    assert session.exec(select(Article.revision).where(Article.slug == SLUG)).one() == revision + 1


def test_versions_record_the_source_they_were_written_from(session):
    for section in session.exec(select(Section)).all():
        hashes = set(
            session.exec(select(Version.source_hash).where(Version.section_id == section.id)).all()
        )
        assert hashes == {section.source_hash}
    assert len(source_hash("x")) == 64


def test_a_catalog_written_against_an_older_source_is_served_as_stale(
    client, session, scheme, content_root, tmp_path
):
    folder = tmp_path / SLUG
    shutil.copytree(content_root / SLUG, folder)
    po = folder / "fr" / "plain.po"
    text = po.read_text(encoding="utf-8")
    old = 'msgid "T cell therapy"'
    assert old in text
    src = read_article_source(folder)
    side_effects = next(s["text"] for s in src.sections if s["key"] == "side-effects")
    po.write_text(
        text.replace(side_effects[:40], "An older wording. " + side_effects[:40], 1),
        encoding="utf-8",
    )
    load_article(session, scheme, folder)
    session.commit()
    body = client.get(f"/v1/articles/{SLUG}", params={"locale": "fr"}).json()
    stale = {s["key"]: s["stale"] for s in body["sections"]}
    assert stale == {key: key == "side-effects" for key in stale}


def test_seeding_again_never_undoes_editorial_work(session, scheme):
    from api.services import content

    section = session.exec(select(Section).where(Section.key == "side-effects")).one()
    edited = Version(
        section_id=section.id,
        locale="es",
        level="plain",
        heading="Efectos",
        text="Un texto revisado por el equipo editorial. Tiene tres frases. "
        "Es la versión publicada ahora.",
        status="submitted",
        origin="api",
        source_hash=section.source_hash,
    )
    content.append_version(session, scheme, section, edited)
    content.publish(session, edited, reviewer="rita")
    session.commit()
    report = seed_all(session, scheme)
    assert report.versions_added == 0
    published = content.published_version(session, section.id, "es", "plain")
    assert published is not None and published.id == edited.id
