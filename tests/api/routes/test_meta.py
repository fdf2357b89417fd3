"""Locales, levels, ad-hoc readability and health probes."""

import pytest


def test_locales_list_every_language_with_names_and_direction(client):
    body = client.get("/v1/locales").json()
    assert [loc["tag"] for loc in body] == ["ar", "en", "es", "fr", "zh-Hans"]
    ar = body[0]
    assert (ar["english_name"], ar["native_name"], ar["dir"], ar["readability_formula"]) == (
        "Arabic",
        "العربية",
        "rtl",
        "osman",
    )
    zh = body[-1]
    assert (zh["native_name"], zh["dir"], zh["readability_formula"]) == ("中文 (简体)", "ltr", None)


def test_levels_give_each_languages_target_on_its_own_scale(client):
    body = client.get("/v1/levels").json()
    levels = {lv["id"]: lv for lv in body["levels"]}
    assert [lv["id"] for lv in body["levels"]] == ["easy", "plain", "full"]
    assert levels["plain"]["targets"]["en"] == {
        "max": 8,
        "formula": "flesch-kincaid-grade",
        "scale": "US school grade, lower is easier",
    }
    assert levels["easy"]["targets"]["es"]["min"] == 65
    assert levels["plain"]["targets"]["fr"]["min"] == 60
    assert levels["full"]["targets"] == {} and levels["full"]["nominal_grade"] is None


def test_readability_endpoint_returns_the_same_report_as_stored_versions(client):
    article = client.get(
        "/v1/articles/immunotherapy-breast-cancer", params={"locale": "es", "level": "plain"}
    ).json()
    section = article["sections"][0]
    r = client.post(
        "/v1/readability", json={"text": section["text"], "locale": "es-MX", "level": "plain"}
    )
    assert r.status_code == 200
    report = r.json()
    stored = dict(section["readability"], locale="es-MX")
    assert report == stored


@pytest.mark.parametrize(
    ("payload", "parameter"),
    [
        ({"text": "x", "locale": "not a tag"}, "locale"),
        ({"text": "x", "locale": "en", "level": "medium"}, "level"),
        ({"locale": "en"}, "text"),
        ({"text": 5, "locale": "en"}, "text"),
    ],
)
def test_readability_bad_input_is_a_422_naming_the_field(client, payload, parameter):
    r = client.post("/v1/readability", json=payload)
    assert r.status_code == 422
    assert r.headers["content-type"] == "application/problem+json"
    assert [e["parameter"] for e in r.json()["errors"]] == [parameter]


def test_readability_text_over_the_limit_is_413(client, settings):
    text = "word " * (settings.readability_max_chars // 5 + 1)
    r = client.post("/v1/readability", json={"text": text, "locale": "en"})
    assert r.status_code == 413
    assert r.json()["errors"][0]["parameter"] == "text"


def test_request_body_over_the_limit_is_413_before_parsing(client, settings):
    body = b'{"text": "' + b"a" * settings.max_request_bytes + b'", "locale": "en"}'
    r = client.post("/v1/readability", content=body, headers={"Content-Type": "application/json"})
    assert r.status_code == 413
    assert r.headers["content-type"] == "application/problem+json"


def test_malformed_json_is_a_422_problem_naming_the_body(client):
    r = client.post(
        "/v1/readability", content=b'{"text": "abc",', headers={"Content-Type": "application/json"}
    )
    assert r.status_code == 422
    assert r.headers["content-type"] == "application/problem+json"
    [error] = r.json()["errors"]
    assert error["parameter"] == "body"
    assert error["reason"].startswith("must be valid JSON") and "character 15" in error["reason"]


def test_a_streamed_body_over_the_limit_is_413_too(client, settings):
    def chunks():
        yield b'{"text": "'
        for _ in range(settings.max_request_bytes // 65536 + 1):
            yield b"a" * 65536
        yield b'", "locale": "en"}'

    r = client.post(
        "/v1/readability", content=chunks(), headers={"Content-Type": "application/json"}
    )
    assert r.status_code == 413
    assert r.headers["content-type"] == "application/problem+json"
    assert r.json()["type"] == "/problems/payload-too-large"


def test_health_and_readiness(client):
    assert client.get("/healthz").json() == {"status": "ok"}
    assert client.get("/readyz").json() == {"status": "ready"}


def test_article_list_is_cursor_paginated_with_negotiated_titles(client):
    page = client.get("/v1/articles", params={"limit": 1}, headers={"Accept-Language": "es"})
    assert page.status_code == 200
    body = page.json()
    item = body["items"][0]
    assert item["slug"] == "immunotherapy-breast-cancer"
    assert item["lang"] == "es" and item["title"].startswith("Inmunoterapia")
    assert item["levels"]["es"] == ["easy", "plain", "full"]
    assert body["next_cursor"] is None
    assert client.get("/v1/articles", params={"cursor": "!!"}).status_code == 422
    assert client.get("/v1/articles", params={"limit": 0}).status_code == 422


def test_article_list_pages_through_every_article_once(client, session):
    from models import Article

    for slug in ("aaa-first", "zzz-last"):
        session.add(Article(slug=slug, source_locale="en"))
    session.commit()
    seen, cursor = [], None
    for _ in range(5):
        params = {"limit": 1} | ({"cursor": cursor} if cursor else {})
        body = client.get("/v1/articles", params=params).json()
        seen += [item["slug"] for item in body["items"]]
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert seen == ["aaa-first", "immunotherapy-breast-cancer", "zzz-last"]


def test_reads_on_sqlite_never_wait_for_each_other(tmp_path):
    """The article list holds a session while the store opens another: on SQLite both must be
    read transactions (deferred), or the second waits out the busy timeout and fails (503)."""
    import time

    from fastapi.testclient import TestClient

    from api.config import Settings
    from api.main import create_app

    settings = Settings(
        database_url=f"sqlite:///{tmp_path / 'own.db'}",
        warm_readability=False,
        content_check_interval=0,
    )
    with TestClient(create_app(settings)) as client:  # migrates and seeds on start
        started = time.monotonic()
        r = client.get("/v1/articles")
        assert r.status_code == 200
        assert [item["slug"] for item in r.json()["items"]] == ["immunotherapy-breast-cancer"]
        assert time.monotonic() - started < 2


@pytest.mark.parametrize(
    "path",
    [
        "/v1/articles/immunotherapy-breast-cancer%00",
        "/read/a%00",
        "/v1/articles/x%00/status",
        "/v1/articles/immunotherapy-breast-cancer/sections/summary%00",
    ],
)
def test_nul_in_a_path_is_never_a_5xx(client, path):
    r = client.get(path)
    assert r.status_code in (401, 404, 422), r.text
    assert r.headers["content-type"] == "application/problem+json"


def test_a_cursor_hiding_a_nul_is_refused(client):
    r = client.get("/v1/articles", params={"cursor": "djE6AA"})  # base64 of "v1:\0"
    assert r.status_code == 422 and r.json()["errors"][0]["parameter"] == "cursor"


@pytest.mark.parametrize(
    ("page", "asset"),
    [("/docs", "swagger-ui-bundle.js"), ("/redoc", "redoc.standalone.js")],
)
def test_api_docs_need_no_network(client, page, asset):
    """Issue 9: /docs was blank without internet (Swagger UI from a CDN)."""
    html = client.get(page)
    assert html.status_code == 200
    assert "https://" not in html.text and "http://" not in html.text
    src = f"/static-offline-docs/{asset}"
    assert src in html.text
    script = client.get(src)
    assert script.status_code == 200
    assert len(script.content) > 100_000
