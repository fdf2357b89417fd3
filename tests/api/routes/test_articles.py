"""The read API through real HTTP against the seeded database."""

import pytest
from sqlmodel import select

from api.schemas import ArticleRead, SectionRead
from api.services import content
from models import Article, Version

SLUG = "immunotherapy-breast-cancer"
URL = f"/v1/articles/{SLUG}"
SECTION_KEYS = [
    "about-breast-cancer",
    "what-is-immunotherapy",
    "checkpoint-inhibitors",
    "t-cell-therapy",
    "research-and-results",
    "combining-treatments",
    "side-effects",
    "summary",
]


def test_spanish_plain_is_served_with_its_language_level_and_scores(client):
    r = client.get(URL, params={"locale": "es", "level": "plain"})
    assert r.status_code == 200
    body = ArticleRead.model_validate(r.json())
    assert (body.lang, body.dir, body.level, body.level_met) == ("es", "ltr", "plain", True)
    assert r.headers["content-language"] == "es"
    assert [s.key for s in body.sections] == SECTION_KEYS
    assert {(s.lang, s.level, s.level_met, s.locale_fallback) for s in body.sections} == {
        ("es", "plain", True, False)
    }
    assert body.readability is not None
    assert body.readability.formula == "inflesz"
    assert body.readability.meets_target is True
    assert body.requested.locale == "es" and body.requested.level == "plain"
    assert body.negotiated.model_dump() == {"language": "es", "via": "locale"}


def test_arabic_is_right_to_left_and_english_easy_exists(client):
    ar = client.get(URL, params={"locale": "ar"}).json()
    assert (ar["lang"], ar["dir"], ar["level"]) == ("ar", "rtl", "plain")
    assert {s["dir"] for s in ar["sections"]} == {"rtl"}
    assert ar["readability"]["reliable"] is False
    en = client.get(URL, params={"locale": "en", "level": "easy"}).json()
    assert en["level"] == "easy"
    assert en["readability"]["meets_target"] is True
    assert en["readability"]["score"] <= 6


def test_english_full_is_the_source_and_says_it_misses_the_plain_target(client, content_root):
    body = client.get(URL, params={"locale": "en", "level": "full"}).json()
    source = (content_root / SLUG / "source.txt").read_text(encoding="utf-8").split("\n\n")
    assert [s["text"] for s in body["sections"]] == [p.strip() for p in source[1:]]
    assert body["title"] == source[0].strip()
    report = body["readability"]
    assert report["meets_target"] is None  # full has no target
    assert report["grade_equivalent"] > 12


@pytest.mark.parametrize(
    ("header", "lang"),
    [
        ("es-MX", "es"),
        ("ca, en;q=0.8", "en"),
        ("zh-TW", "en"),
        ("zh-CN", "zh-Hans"),
        ("fr-CH;q=0.7, ar;q=0.8", "ar"),
        ("it, es;q=0.3", "es"),
        ("de;q=0, es", "es"),
        ("ja'a=0", "en"),
        ("en;q=0.9;q=0.8", "en"),
        ("*", "en"),
        ("", "en"),
        (";;;", "en"),
    ],
)
def test_accept_language_follows_the_matching_rule(client, header, lang):
    r = client.get(URL, headers={"Accept-Language": header})
    assert r.status_code == 200
    assert r.json()["lang"] == lang
    assert r.headers["content-language"] == lang
    assert "Accept-Language" in r.headers["vary"]


def test_locale_parameter_wins_over_the_header_and_accepts_underscores(client):
    r = client.get(URL, params={"locale": "zh_cn"}, headers={"Accept-Language": "es"})
    assert r.json()["lang"] == "zh-Hans"
    assert r.json()["requested"]["locale"] == "zh-CN"
    assert "Accept-Language" not in r.headers.get("vary", "")
    pt = client.get(URL, params={"locale": "pt_br"}).json()
    assert pt["requested"]["locale"] == "pt-BR"
    assert pt["lang"] == "en"


def _withdraw(session, scheme, locale: str, level: str) -> None:
    """Withdraw every published section of one language and level (the seed has them all)."""
    article = session.exec(select(Article).where(Article.slug == SLUG)).one()
    versions = session.exec(
        select(Version).where(
            Version.locale == locale, Version.level == level, Version.status == "published"
        )
    ).all()
    assert len(versions) == len(SECTION_KEYS)
    for version in versions:
        version.status = "withdrawn"
        session.add(version)
    content.recompute_readability(session, scheme, article, [(locale, level)])
    content.touch(session, article)
    session.commit()


def test_every_language_has_every_level_and_easy_is_served_as_easy(client):
    for locale in ["en", "es", "fr", "ar", "zh-Hans"]:
        body = client.get(URL, params={"locale": locale, "level": "easy"}).json()
        assert (body["lang"], body["level"], body["level_met"]) == (locale, "easy", True)
        assert {s["level"] for s in body["sections"]} == {"easy"}


def test_section_missing_a_level_falls_back_to_the_nearest_easier_then_harder(
    client, session, scheme
):
    _withdraw(session, scheme, "fr", "easy")
    _withdraw(session, scheme, "ar", "easy")
    fr_easy = client.get(URL, params={"locale": "fr", "level": "easy"}).json()
    assert fr_easy["level"] == "plain"  # no easier level exists: nearest harder
    assert fr_easy["level_met"] is False
    assert {s["level"] for s in fr_easy["sections"]} == {"plain"}
    ar_easy = client.get(URL, params={"locale": "ar", "level": "easy", "fallback": "none"})
    assert ar_easy.status_code == 404
    assert ar_easy.headers["content-type"] == "application/problem+json"


def test_max_grade_takes_the_hardest_version_within_it(client):
    body = client.get(URL, params={"locale": "en", "max_grade": 7}).json()
    assert {s["level"] for s in body["sections"]} <= {"plain", "easy"}
    for s in body["sections"]:
        assert s["level_met"] is (s["readability"]["grade_equivalent"] <= 7)
    low = client.get(URL, params={"locale": "en", "max_grade": 0}).json()
    assert {s["level"] for s in low["sections"]} == {"easy"}
    assert {s["level_met"] for s in low["sections"]} == {False}


def test_fallback_none_names_what_is_missing(client):
    r = client.get(URL, params={"locale": "zh-TW", "fallback": "none"})
    assert r.status_code == 404
    problem = r.json()
    assert problem["status"] == 404 and "zh-TW" in problem["detail"]
    assert problem["available_languages"] == ["en", "ar", "es", "fr", "zh-Hans"]


def test_zh_tw_falls_back_to_the_source_language(client):
    body = client.get(URL, params={"locale": "zh-TW"}).json()
    assert body["lang"] == "en"
    assert body["requested"]["locale"] == "zh-TW"
    assert body["negotiated"] == {"language": "en", "via": "default"}


def test_one_section_is_negotiated_like_the_article(client):
    r = client.get(f"{URL}/sections/side-effects", params={"locale": "fr"})
    assert r.status_code == 200
    body = SectionRead.model_validate(r.json())
    assert (body.key, body.lang, body.level) == ("side-effects", "fr", "plain")
    assert r.headers["content-language"] == "fr"


@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({"locale": "not a tag"}, "locale"),
        ({"level": "medium"}, "level"),
        ({"max_grade": "-3"}, "max_grade"),
        ({"max_grade": "abc"}, "max_grade"),
        ({"max_grade": "1e309"}, "max_grade"),
        ({"max_grade": "nan"}, "max_grade"),
        ({"max_grade": "21"}, "max_grade"),
        ({"level": "easy", "max_grade": "5"}, "max_grade"),
        ({"fallback": "sometimes"}, "fallback"),
    ],
)
def test_bad_parameters_get_a_422_problem_naming_them(client, params, parameter):
    r = client.get(URL, params=params)
    assert r.status_code == 422
    assert r.headers["content-type"] == "application/problem+json"
    problem = r.json()
    assert problem["type"] == "/problems/invalid-parameter"
    assert parameter in [e["parameter"] for e in problem["errors"]]
    assert all(e["reason"] for e in problem["errors"])


def test_unknown_article_and_section_are_404_problems(client):
    r = client.get("/v1/articles/no-such-article")
    assert r.status_code == 404 and r.json()["missing"] == {"article": "no-such-article"}
    r = client.get(f"{URL}/sections/nope")
    assert r.status_code == 404 and r.json()["missing"] == {"section": "nope"}
    assert r.headers["content-type"] == "application/problem+json"


@pytest.mark.parametrize(
    ("headers", "negotiated"),
    [
        ({"Accept-Language": "es-MX"}, {"language": "es", "via": "accept-language"}),
        ({"Accept-Language": "ca, en;q=0.8"}, {"language": "en", "via": "accept-language"}),
        ({"Accept-Language": "zh-TW"}, {"language": "en", "via": "default"}),
        ({"Accept-Language": ";;;"}, {"language": "en", "via": "default"}),
        ({}, {"language": "en", "via": "default"}),
    ],
)
def test_negotiated_says_what_decided_and_the_raw_header_is_not_echoed(client, headers, negotiated):
    """Issue 10 point 1: ``requested.accept_language`` (the echoed header) is replaced by
    ``negotiated``, so the body depends only on the outcome."""
    body = client.get(URL, headers=headers).json()
    assert body["negotiated"] == negotiated
    assert "accept_language" not in body["requested"]
    assert list(body["requested"]) == ["locale", "level", "max_grade", "fallback"]


def test_fallback_none_without_a_language_preference_serves_the_source(client):
    r = client.get(URL, params={"fallback": "none"})
    assert r.status_code == 200
    assert (r.json()["lang"], r.json()["level"]) == ("en", "plain")
    refused = client.get(URL, params={"fallback": "none"}, headers={"Accept-Language": "ja"})
    assert refused.status_code == 404
    assert refused.json()["detail"].startswith(
        f"'{SLUG}' has no version matching Accept-Language ja;q=1"
    )


def test_a_version_without_a_heading_shows_the_source_heading_in_its_language(
    client, session, scheme
):
    from sqlmodel import select

    from api.services import content
    from models import Article, Section, Version

    section = session.exec(select(Section).where(Section.key == "summary")).one()
    version = Version(
        section_id=section.id,
        locale="de",
        level="plain",
        heading="",
        text="Immuntherapie hilft dem Körper gegen Krebs. Sie ist neu. Forscher "
        "lernen noch viel darüber.",
        status="submitted",
        origin="api",
        source_hash=section.source_hash,
    )
    content.append_version(session, scheme, section, version)
    content.publish(session, version, reviewer="rita")
    content.touch(session, session.exec(select(Article)).one())
    session.commit()
    body = client.get(f"{URL}/sections/summary", params={"locale": "de"}).json()
    assert (body["lang"], body["heading"], body["heading_lang"], body["heading_dir"]) == (
        "de",
        "In summary",
        "en",
        "ltr",
    )
    page = client.get(f"/read/{SLUG}", params={"locale": "de"}).text
    assert '<h2 id="heading-summary" lang="en" dir="ltr">In summary</h2>' in page
