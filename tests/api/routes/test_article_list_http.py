"""The article list as an HTTP representation (issue 10, point 5): strong ETag, 304,
Cache-Control and Content-Language."""


def test_the_article_list_has_etag_cache_control_and_content_language(client):
    r = client.get("/v1/articles", params={"locale": "es"})
    assert r.status_code == 200
    assert r.headers["content-language"] == "es"
    assert r.headers["cache-control"].startswith("public, max-age=")
    assert (
        r.headers["etag"].startswith('"')
        and "accept-language" not in r.headers.get("vary", "").lower()
    )
    again = client.get(
        "/v1/articles", params={"locale": "es"}, headers={"If-None-Match": r.headers["etag"]}
    )
    assert again.status_code == 304 and again.headers["etag"] == r.headers["etag"]
    negotiated = client.get("/v1/articles", headers={"Accept-Language": "ar, en;q=0.5"})
    assert negotiated.headers["content-language"] == "ar"
    assert "Accept-Language" in negotiated.headers["vary"]
    assert negotiated.headers["etag"] != r.headers["etag"]


def test_a_list_page_builds_no_article_snapshot(client):
    store = client.app.state.store
    store.invalidate()
    r = client.get("/v1/articles", params={"locale": "fr", "limit": 1})
    assert r.status_code == 200
    assert [item["slug"] for item in r.json()["items"]] == ["immunotherapy-breast-cancer"]
    assert store.stats()["snapshots"]["entries"] == 0
