"""The shipped glossaries: loaded per language, idempotently, and a change is served."""

import json
import shutil

from sqlmodel import select

from api.services.seed import load_article, read_glossary
from api.services.store import load_snapshot
from models import Article, GlossaryEntry

SLUG = "immunotherapy-breast-cancer"
REQUIRED_EN = {
    "immunotherapy",
    "immune system",
    "immune checkpoint",
    "checkpoint inhibitor",
    "T cell",
    "chemotherapy",
    "radiation therapy",
    "clinical trial",
    "side effect",
}


def test_every_seeded_language_has_a_glossary_with_the_required_concepts(session):
    rows = session.exec(select(GlossaryEntry.locale, GlossaryEntry.term)).all()
    by_locale: dict[str, set[str]] = {}
    for locale, term in rows:
        by_locale.setdefault(locale, set()).add(term)
    assert set(by_locale) == {"en", "es", "fr", "ar", "zh-Hans"}
    assert by_locale["en"] >= REQUIRED_EN
    assert all(len(terms) >= 9 for terms in by_locale.values())


def test_english_terms_carry_ipa(content_root):
    rows = read_glossary(content_root / SLUG / "glossary" / "en.json")
    assert all(ipa for kind, _, _, ipa in rows if kind == "term")


def test_snapshot_holds_the_glossary_per_locale(session):
    snapshot = load_snapshot(session, SLUG)
    assert snapshot is not None
    assert {e.term for e in snapshot.glossary["fr"]} >= {"essai clinique", "lymphocyte T"}


def test_reseeding_changes_nothing_and_a_changed_entry_bumps_the_revision(
    session, scheme, content_root, tmp_path
):
    folder = tmp_path / SLUG
    shutil.copytree(content_root / SLUG, folder)
    article = session.exec(select(Article).where(Article.slug == SLUG)).one()
    assert load_article(session, scheme, folder).glossary_changed == 0
    revision = article.revision
    assert load_article(session, scheme, folder).glossary_changed == 0
    assert article.revision == revision
    path = folder / "glossary" / "es.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["terms"][0]["definition"] = "Nueva definición."
    data["abbreviations"] = [{"abbr": "OMS", "expansion": "Organización Mundial de la Salud"}]
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    report = load_article(session, scheme, folder)
    assert report.glossary_changed == 2 and report.versions_added == 0
    assert article.revision == revision + 1
    oms = session.exec(select(GlossaryEntry).where(GlossaryEntry.term == "OMS")).one()
    assert (oms.kind, oms.locale, oms.definition) == (
        "abbreviation",
        "es",
        "Organización Mundial de la Salud",
    )
