"""Conditional requests, compression, cache headers and CORS through real HTTP."""

URL = "/v1/articles/immunotherapy-breast-cancer"


def test_etag_is_strong_and_304_repeats_the_200_headers(client):
    first = client.get(URL, params={"locale": "es"}, headers={"Accept-Encoding": "identity"})
    etag = first.headers["etag"]
    assert etag.startswith('"') and not etag.startswith("W/")
    again = client.get(
        URL, params={"locale": "es"}, headers={"If-None-Match": etag, "Accept-Encoding": "identity"}
    )
    assert again.status_code == 304
    assert again.content == b""
    for header in ("etag", "cache-control", "content-location", "content-language"):
        assert again.headers[header] == first.headers[header]


def test_304_also_with_cache_control_no_cache_and_for_a_list_or_weak_tag(client):
    etag = client.get(URL, headers={"Accept-Language": "fr"}).headers["etag"]
    for inm in (etag, f'"other", W/{etag}', "*"):
        r = client.get(
            URL,
            headers={"Accept-Language": "fr", "If-None-Match": inm, "Cache-Control": "no-cache"},
        )
        assert r.status_code == 304, inm
        assert "Accept-Language" in r.headers["vary"]


def test_changed_language_or_level_changes_the_etag(client):
    tags = {
        client.get(URL, params=p).headers["etag"]
        for p in ({"locale": "es"}, {"locale": "es", "level": "easy"}, {"locale": "fr"})
    }
    assert len(tags) == 3
    stale = client.get(URL, params={"locale": "fr"}, headers={"If-None-Match": '"nope"'})
    assert stale.status_code == 200


def test_gzip_is_its_own_representation_with_its_own_strong_etag(client):
    plain = client.get(URL, headers={"Accept-Encoding": "identity"})
    zipped = client.get(URL, headers={"Accept-Encoding": "gzip"})
    assert zipped.headers["content-encoding"] == "gzip"
    assert zipped.headers["etag"] != plain.headers["etag"]
    assert not zipped.headers["etag"].startswith("W/")
    assert "Accept-Encoding" in zipped.headers["vary"]
    assert zipped.json() == plain.json()  # httpx decodes the body
    again = client.get(
        URL, headers={"Accept-Encoding": "gzip", "If-None-Match": zipped.headers["etag"]}
    )
    assert again.status_code == 304
    assert (
        client.get(
            URL, headers={"Accept-Encoding": "identity", "If-None-Match": zipped.headers["etag"]}
        ).status_code
        == 200
    )


def test_published_content_is_publicly_cacheable(client):
    r = client.get(URL)
    assert r.headers["cache-control"] == "public, max-age=300, stale-while-revalidate=86400"
    assert r.headers["content-location"] == f"{URL}?locale=en&level=plain"


def test_cors_exposes_etag_and_content_language(client):
    r = client.get(URL, headers={"Origin": "https://app.example"})
    assert r.headers["access-control-allow-origin"] == "*"
    exposed = {h.strip().lower() for h in r.headers["access-control-expose-headers"].split(",")}
    assert {"etag", "content-language"} <= exposed
    pre = client.options(
        URL,
        headers={
            "Origin": "https://app.example",
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "If-None-Match",
        },
    )
    assert pre.status_code == 200


def test_unknown_route_and_method_are_problems(client):
    r = client.get("/v1/nothing-here")
    assert (r.status_code, r.headers["content-type"]) == (404, "application/problem+json")
    r = client.delete(URL)
    assert (r.status_code, r.headers["content-type"]) == (405, "application/problem+json")


def test_head_answers_with_the_get_headers(client):
    for path in (URL, f"{URL}/sections/summary", "/read/immunotherapy-breast-cancer"):
        get = client.get(path, params={"locale": "ar"})
        head = client.head(path, params={"locale": "ar"})
        assert head.status_code == 200, path
        for header in ("etag", "content-language", "cache-control", "content-type"):
            assert head.headers[header] == get.headers[header], (path, header)


def test_405_allows_get(client):
    r = client.delete(URL)
    assert r.status_code == 405
    assert "GET" in r.headers["allow"]
