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


def test_the_list_titles_each_article_at_the_level_asked_as_a_read_does(client):
    slug = "immunotherapy-breast-cancer"
    for locale in ("en", "es"):
        for level in ("easy", "plain", "full"):
            listed = client.get("/v1/articles", params={"locale": locale, "level": level})
            assert listed.status_code == 200
            (item,) = [i for i in listed.json()["items"] if i["slug"] == slug]
            read = client.get(f"/v1/articles/{slug}", params={"locale": locale, "level": level})
            assert item["title"] == read.json()["title"], (locale, level)
    plain = client.get(f"/v1/articles/{slug}", params={"locale": "en", "level": "plain"})
    full = client.get(f"/v1/articles/{slug}", params={"locale": "en", "level": "full"})
    assert plain.json()["title"] != full.json()["title"]
    default = client.get("/v1/articles", params={"locale": "en"}).json()["items"]
    assert [i["title"] for i in default if i["slug"] == slug] == [full.json()["title"]]
    bad = client.get("/v1/articles", params={"level": "hard"})
    assert bad.status_code == 422
    assert bad.json()["errors"] == [
        {"parameter": "level", "reason": "must be one of easy, plain, full"}
    ]
