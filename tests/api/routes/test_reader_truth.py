"""The reader's truth at the top level (issue 8 point 6): ``language_met``, ``level_met``,
``level_met_sections`` and ``section_count``, through real HTTP against the seeded database."""

from sqlmodel import select

from api.services import content
from models import Article, Version

SLUG = "immunotherapy-breast-cancer"
URL = f"/v1/articles/{SLUG}"
SECTIONS = 8


def _truth(body: dict) -> tuple[str, bool, bool, int, int]:
    return (
        body["lang"],
        body["language_met"],
        body["level_met"],
        body["level_met_sections"],
        body["section_count"],
    )


def test_a_language_we_do_not_have_is_not_met_though_english_is_served(client):
    r = client.get(URL, headers={"Accept-Language": "pt-BR"})
    assert r.status_code == 200
    assert _truth(r.json()) == ("en", False, True, SECTIONS, SECTIONS)
    assert {s["lang"] for s in r.json()["sections"]} == {"en"}
    explicit = client.get(URL, params={"locale": "pt_br"}).json()
    assert _truth(explicit) == ("en", False, True, SECTIONS, SECTIONS)


def test_an_accepted_language_is_met_by_tag_by_header_and_by_default(client):
    assert _truth(client.get(URL, params={"locale": "es", "level": "plain"}).json()) == (
        "es",
        True,
        True,
        SECTIONS,
        SECTIONS,
    )
    by_header = client.get(URL, headers={"Accept-Language": "pt-BR, fr-CH;q=0.7"}).json()
    assert _truth(by_header)[:2] == ("fr", True)
    later_choice = client.get(URL, headers={"Accept-Language": "pt-BR, en;q=0.1"}).json()
    assert _truth(later_choice)[:2] == ("en", True)
    no_preference = client.get(URL).json()
    assert _truth(no_preference)[:2] == ("en", True)


def test_a_section_that_falls_back_leaves_the_language_met(client, session, scheme):
    article = session.exec(select(Article).where(Article.slug == SLUG)).one()
    spanish = session.exec(
        select(Version).where(Version.locale == "es", Version.status == "published")
    ).all()
    one_section = [v for v in spanish if v.section_id == spanish[0].section_id]
    for version in one_section:  # every level of one section: it falls back to English
        version.status = "withdrawn"
        session.add(version)
    levels = [("es", v.level) for v in one_section]
    content.recompute_readability(session, scheme, article, levels)
    content.touch(session, article)
    session.commit()
    body = client.get(URL, params={"locale": "es", "level": "plain"}).json()
    langs = [s["lang"] for s in body["sections"]]
    assert langs.count("es") == SECTIONS - 1 and langs.count("en") == 1
    assert body["language_met"] is True


def test_level_met_is_true_only_when_every_section_met_the_level(client):
    partial_seen = False
    for max_grade in (0, 4, 5, 6, 7, 8, 10, 20):
        body = client.get(URL, params={"locale": "en", "max_grade": max_grade}).json()
        met = sum(s["level_met"] for s in body["sections"])
        assert body["section_count"] == len(body["sections"]) == SECTIONS
        assert body["level_met_sections"] == met
        if met < SECTIONS:
            assert body["level_met"] is False
        partial_seen = partial_seen or 0 < met < SECTIONS
    assert partial_seen  # the seed's English sections span several grades
    all_met = client.get(URL, params={"locale": "en", "max_grade": 20}).json()
    assert (all_met["level_met"], all_met["level_met_sections"]) == (True, SECTIONS)
    none_met = client.get(URL, params={"locale": "en", "max_grade": 0}).json()
    assert (none_met["level_met"], none_met["level_met_sections"]) == (False, 0)
