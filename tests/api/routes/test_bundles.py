"""Offline bundles through HTTP (issue 10, point 5): sections equal the section endpoint,
manifest hashes over the served bytes, strong ETags per coding (identity, gzip, Brotli), 304,
and a sync token that continues with a delta."""

import gzip
import hashlib
from base64 import urlsafe_b64encode

import brotli

SLUG = "immunotherapy-breast-cancer"
URL = f"/v1/articles/{SLUG}"


def _tag(data: bytes) -> str:
    return urlsafe_b64encode(hashlib.sha256(data).digest()[:18]).decode()


def test_an_article_bundle_carries_the_section_endpoints_bytes_and_their_hashes(client):
    r = client.get(f"{URL}/bundle", params={"locale": "es", "level": "easy"})
    assert r.status_code == 200
    assert r.headers["content-language"] == "es"
    assert r.headers["cache-control"].startswith("public, max-age=")
    doc = r.json()
    assert (doc["locale"], doc["level"]) == ("es", "easy")
    (article,) = doc["articles"]
    assert article["title"]["lang"] == "es" and article["glossary"]["lang"] == "es"
    assert [s["key"] for s in article["sections"]] == [m["key"] for m in article["manifest"]]
    assert len(article["sections"]) == 8
    for section, entry in zip(article["sections"], article["manifest"], strict=True):
        params = {"locale": "es", "level": "easy", "fallback": "none"}
        served = client.get(f"{URL}/sections/{section['key']}", params=params)
        assert served.json() == section
        assert hashlib.sha256(served.content).hexdigest() == entry["sha256"]
        assert len(served.content) == entry["bytes"]
    delta = client.get("/v1/sync", params={"sync_token": doc["sync_token"]})
    assert delta.status_code == 200 and delta.json()["items"] == []


def test_each_coding_has_its_own_strong_etag_and_answers_304(client):
    params = {"locale": "ar", "level": "plain"}
    plain = client.get(f"{URL}/bundle", params=params, headers={"Accept-Encoding": "identity"})
    gz = client.get(f"{URL}/bundle", params=params, headers={"Accept-Encoding": "gzip"})
    br = client.get(f"{URL}/bundle", params=params, headers={"Accept-Encoding": "gzip, br"})
    tags = {plain.headers["etag"], gz.headers["etag"], br.headers["etag"]}
    assert len(tags) == 3 and not any(t.startswith("W/") for t in tags)
    assert br.headers["content-encoding"] == "br" and gz.headers["content-encoding"] == "gzip"
    assert "content-encoding" not in plain.headers
    assert "Accept-Encoding" in br.headers["vary"]
    for coding, decode in (("br", brotli.decompress), ("gzip", gzip.decompress)):
        headers = {"Accept-Encoding": coding}
        with client.stream("GET", f"{URL}/bundle", params=params, headers=headers) as coded:
            raw = b"".join(coded.iter_raw())  # the bytes on the wire, not httpx's decoding
        assert decode(raw) == plain.content
        assert coded.headers["etag"] == ('"' + _tag(raw) + '"')
    assert plain.headers["etag"] == '"' + _tag(plain.content) + '"'
    again = client.get(
        f"{URL}/bundle",
        params=params,
        headers={"Accept-Encoding": "gzip, br", "If-None-Match": br.headers["etag"]},
    )
    assert again.status_code == 304 and again.headers["etag"] == br.headers["etag"]
    assert again.headers["cache-control"] == br.headers["cache-control"]
    stale = client.get(
        f"{URL}/bundle", params=params, headers={"If-None-Match": plain.headers["etag"]}
    )
    assert stale.status_code == 200  # gzip-accepting client: another representation


def test_a_change_gives_a_new_etag_and_the_token_carries_it(client, people):
    params = {"locale": "es", "level": "plain"}
    first = client.get(f"{URL}/bundle", params=params)
    assert client.get(f"{URL}/bundle", params=params).headers["etag"] == first.headers["etag"]
    r = client.post(f"{URL}/sections/side-effects/retire", headers=people["editor"])
    assert r.status_code == 200
    second = client.get(f"{URL}/bundle", params=params)
    assert second.headers["etag"] != first.headers["etag"]
    keys = [s["key"] for s in second.json()["articles"][0]["sections"]]
    assert "side-effects" not in keys and len(keys) == 7
    delta = client.get("/v1/sync", params={"sync_token": first.json()["sync_token"]}).json()
    assert {(i["section"], i["op"]) for i in delta["items"] if i["op"] == "delete"} == {
        ("side-effects", "delete")
    }


def test_every_article_bundle_and_errors(client):
    r = client.get("/v1/bundles/es/plain")
    assert r.status_code == 200
    assert [a["slug"] for a in r.json()["articles"]] == [SLUG]
    assert client.get("/v1/bundles/de/plain").json()["articles"] == []
    missing = client.get(f"{URL}/bundle", params={"locale": "de", "level": "plain"})
    assert missing.status_code == 404
    bad = client.get("/v1/bundles/es/hard")
    assert bad.status_code == 422 and bad.json()["errors"][0]["parameter"] == "level"
    assert client.get("/v1/articles/nope/bundle?locale=es&level=plain").status_code == 404
