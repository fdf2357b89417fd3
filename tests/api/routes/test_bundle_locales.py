"""Bundles and sync map a requested tag as the reader does (reference.md sections 3 and 8):
``es-MX`` gets the ``es`` content a reader with ``locale=es-MX`` is served, each article says
the language served, and a bundle names the sections it lacks with what a reader online gets."""

import pytest

from tests.api.routes.sync_client import pages

SLUG = "immunotherapy-breast-cancer"
URL = f"/v1/articles/{SLUG}"


def _bundle(client, tag: str, level: str = "plain"):  # type: ignore[no-untyped-def]
    r = client.get(f"{URL}/bundle", params={"locale": tag, "level": level})
    assert r.status_code == 200, r.text
    return r


@pytest.mark.parametrize("tag", ["es-MX", "es-419", "ES-mx"])
def test_a_regional_tag_gets_the_language_a_reader_with_it_is_served(client, tag):
    es, mx = _bundle(client, "es").json(), _bundle(client, tag)
    assert mx.headers["content-language"] == "es"
    doc = mx.json()
    assert doc["locale"] != "es" and doc["level"] == "plain"
    (article,) = doc["articles"]
    (expected,) = es["articles"]
    assert article["locale"] == "es" and expected["locale"] == "es"
    assert article == expected  # the same bytes per section, manifest and title
    assert len(article["sections"]) == 8 and article["absent"] == []
    read = client.get(URL, params={"locale": tag, "level": "plain"}).json()
    assert [s["text"] for s in read["sections"]] == [s["text"] for s in article["sections"]]
    delta = client.get("/v1/sync", params={"sync_token": doc["sync_token"]})
    assert delta.status_code == 200 and delta.json()["items"] == []


def test_the_all_articles_bundle_maps_the_tag_per_article(client):
    r = client.get("/v1/bundles/es-MX/plain")
    assert r.status_code == 200
    assert r.headers["content-language"] == "es"
    doc = r.json()
    assert doc["locale"] == "es-MX"
    assert doc["articles"] == client.get("/v1/bundles/es/plain").json()["articles"]
    assert [a["locale"] for a in doc["articles"]] == ["es"]


def test_a_tag_no_article_is_served_in_has_nothing_to_bundle(client):
    r = client.get(f"{URL}/bundle", params={"locale": "zh-TW", "level": "plain"})
    assert r.status_code == 404
    assert r.json()["detail"] == (
        f"'{SLUG}' has nothing published in zh-TW at plain (its languages: en, ar, es, fr, zh-Hans)"
    )
    every = client.get("/v1/bundles/zh-TW/plain")
    assert every.status_code == 200 and every.json()["articles"] == []
    assert every.headers["content-language"] == "zh-TW"


def test_an_unknown_article_is_a_404_naming_it(client):
    r = client.get("/v1/articles/nope/bundle", params={"locale": "es", "level": "plain"})
    assert r.status_code == 404
    assert r.headers["content-type"] == "application/problem+json"
    assert r.json()["detail"] == "no article 'nope'"
    assert r.json()["missing"] == {"article": "nope"}


def test_a_withdrawn_section_is_named_with_what_a_reader_online_gets(client, people):
    key = "side-effects"
    _, token = pages(client, {"locales": "es-MX", "levels": "plain"})
    versions = client.get(
        f"{URL}/sections/{key}/versions",
        params={"locale": "es", "level": "plain"},
        headers=people["reviewer"],
    )
    published = [v for v in versions.json()["versions"] if v["status"] == "published"]
    r = client.post(
        f"{URL}/sections/{key}/versions/{published[0]['id']}/withdraw",
        json={"comment": "wrong dose"},
        headers=people["reviewer"] | {"If-Match": versions.headers["etag"]},
    )
    assert r.status_code == 200, r.text
    (article,) = _bundle(client, "es-MX").json()["articles"]
    assert key not in [s["key"] for s in article["sections"]]
    assert article["absent"] == [{"key": key, "fallback": {"lang": "es", "level": "easy"}}]
    online = client.get(f"{URL}/sections/{key}", params={"locale": "es-MX", "level": "plain"})
    assert (online.json()["lang"], online.json()["level"]) == ("es", "easy")
    delta, _ = pages(client, {"sync_token": token})
    gone = [(i["op"], i["locale"]) for i in delta if i["type"] == "section"]
    assert gone == [("delete", "es")]


def test_sync_of_a_regional_tag_sends_the_served_languages_items(client):
    es, _ = pages(client, {"locales": "es", "levels": "plain"})
    mx, token = pages(client, {"locales": "es-MX", "levels": "plain"})
    assert mx == es and len(mx) > 8
    assert {i["locale"] for i in mx if i["type"] != "article"} == {"es"}
    both, _ = pages(client, {"locales": "es,es-MX", "levels": "plain"})
    assert both == es  # one item per served slot, however many tags lead to it
    assert pages(client, {"locales": "zh-TW", "levels": "plain"})[0] == []
    assert pages(client, {"sync_token": token})[0] == []
