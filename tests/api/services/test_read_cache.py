"""The one read cache: representations keyed by the negotiation outcome, bounded in bytes;
the fast path's templates and header memo; revision checks and per-article invalidation
(through the store and through real HTTP)."""

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from api.domain.negotiation import negotiate, parse_accept_language
from api.domain.selection import LevelRequest
from api.http import represent_text
from api.main import create_app
from api.services.read_cache import (
    ENTRY_OVERHEAD,
    NegotiationMemo,
    ReadCache,
    ReadTemplate,
    RenderKey,
    representation_bytes,
)

SLUG = "immunotherapy-breast-cancer"
URL = f"/v1/articles/{SLUG}"
TARGET = ("", "/v1/articles/a", b"")
TEMPLATE = ReadTemplate("article", "a", LevelRequest("plain"), None, "", ())


def _rep(text: str):
    return represent_text(text, {}, "text/plain")


def test_through_builds_once_and_files_the_template():
    cache, built = ReadCache(1 << 20, 8), []
    key = RenderKey("article", "a", 1, ("es",))

    def build():
        built.append(1)
        return _rep("one")

    first = cache.through(TARGET, TEMPLATE, key, build)
    assert cache.through(TARGET, TEMPLATE, key, build) is first
    assert built == [1]
    assert cache.template(TARGET) == TEMPLATE
    assert cache.template(("", "/v1/articles/a", b"level=easy")) is None


def test_invalidate_drops_representations_of_one_article_or_all_and_keeps_templates():
    cache = ReadCache(1 << 20, 8)
    key_a, key_b = RenderKey("article", "a", 1, ()), RenderKey("article", "b", 1, ())
    cache.through(TARGET, TEMPLATE, key_a, lambda: _rep("a"))
    cache.through(("", "/b", b""), TEMPLATE, key_b, lambda: _rep("b"))
    cache.invalidate("a")
    assert cache.get(key_a) is None and cache.get(key_b) is not None
    assert cache.template(TARGET) == TEMPLATE  # no revision in it: still valid
    cache.invalidate(None)
    assert cache.get(key_b) is None


def test_the_bound_is_in_bytes_least_recently_used_first():
    rep = _rep("x" * 100)
    one = representation_bytes(rep)
    fields = [f for variant in rep.heads.values() for f in variant]  # the prepared heads count
    assert one == 100 + sum(len(name) + len(value) for name, value in fields) + ENTRY_OVERHEAD
    assert len(rep.heads) == 4  # 200 and 304, with and without Vary: Origin; no gzip variant
    cache = ReadCache(2 * one + 10, 8)
    keys = [RenderKey("article", "a", 1, (n,)) for n in range(3)]
    for n, key in enumerate(keys):
        cache.through(TARGET, TEMPLATE, key, lambda n=n: _rep(str(n) * 100))
    assert cache.get(keys[0]) is None
    assert [cache.get(k).body[:1] for k in keys[1:]] == [b"1", b"2"]
    assert cache.stats()["bytes"] == 2 * one


def test_a_representation_larger_than_the_bound_is_served_not_kept():
    cache = ReadCache(64 * 1024, 8)
    key = RenderKey("article", "a", 1, ())
    rep = cache.through(TARGET, TEMPLATE, key, lambda: _rep("y" * 100_000))
    assert len(rep.body) == 100_000 and cache.get(key) is None


def test_zero_template_entries_turns_the_fast_path_off():
    cache = ReadCache(1 << 20, 0)
    cache.through(TARGET, TEMPLATE, RenderKey("article", "a", 1, ()), lambda: _rep("a"))
    assert cache.template(TARGET) is None


def test_the_header_memo_is_bounded_and_counts_hits():
    memo, langs = NegotiationMemo(2), ("en", "es", "fr")
    for header in ("es-MX", "es-MX", "fr", "de, es;q=0.5", "es-MX"):
        memo.negotiate(header, langs, "en")
    assert memo.stats() == {"entries": 2, "max_entries": 2, "hits": 1, "misses": 4}
    assert memo.negotiate("es-MX", langs, "en") == negotiate(
        parse_accept_language("es-MX"), langs, "en"
    )
    long_header = ",".join(f"x{n}" for n in range(100))
    memo.negotiate(long_header, langs, "en")
    assert (long_header, langs, "en") not in memo._memo


@pytest.fixture
def cached_client(connection, settings):
    """A client whose snapshots stay fresh for a minute, so the fast path answers."""

    def sessions() -> Session:
        return Session(bind=connection, join_transaction_mode="create_savepoint")

    app = create_app(settings.model_copy(update={"content_check_interval": 60}), sessions)
    with TestClient(app) as c:
        yield c


def _lookup(store, header: str):
    return store.lookup(("", URL, b""), header, lambda: "json")


def test_readers_negotiated_to_the_same_content_share_bytes_and_etag(cached_client):
    client = cached_client
    store = client.app.state.store
    mx = client.get(URL, headers={"Accept-Language": "es-MX"})
    assert _lookup(store, "es-ES,es;q=0.9") is not None  # the fast path answers a new header
    es = client.get(URL, headers={"Accept-Language": "es-ES,es;q=0.9"})
    assert (mx.status_code, es.status_code) == (200, 200)
    assert mx.headers["etag"] == es.headers["etag"] and mx.content == es.content
    assert mx.json()["negotiated"] == {"language": "es", "via": "accept-language"}
    for n in range(30):  # distinct headers, one outcome: one representation
        header = f"es-{['MX', 'AR', 'CO'][n % 3]},es;q=0.{n % 9 + 1}"
        assert client.get(URL, headers={"Accept-Language": header}).content == mx.content
    assert store.reads.stats()["entries"] == 1
    etag = mx.headers["etag"]
    nm = client.get(URL, headers={"Accept-Language": "es-CL", "If-None-Match": etag})
    assert (nm.status_code, nm.headers["etag"]) == (304, etag)


def test_store_invalidate_drops_what_was_served_of_the_article(cached_client):
    client = cached_client
    first = client.get(URL, headers={"Accept-Language": "es"})
    store = client.app.state.store
    assert _lookup(store, "es") is not None
    store.invalidate(SLUG)
    assert _lookup(store, "es") is None
    assert store.get(SLUG) is not None  # the same revision again: only dropping the entry helps
    assert _lookup(store, "es") is None
    again = client.get(URL, headers={"Accept-Language": "es"})
    assert (again.status_code, again.content, again.headers["etag"]) == (
        200,
        first.content,
        first.headers["etag"],
    )
    assert _lookup(store, "es") is not None


def test_the_fast_path_is_checked_against_the_current_snapshot(cached_client):
    client = cached_client
    client.get(URL, headers={"Accept-Language": "fr"})
    store = client.app.state.store
    rep = _lookup(store, "fr")
    assert rep is not None
    store.check_interval = 0  # the snapshot is due for a check: never answered from the cache
    assert _lookup(store, "fr") is None
    store.check_interval = 60
    store.get(SLUG)
    assert _lookup(store, "fr") is rep


def test_an_unacceptable_accept_is_left_to_the_route(cached_client):
    client = cached_client
    client.get(URL, headers={"Accept-Language": "fr"})
    store = client.app.state.store
    assert store.lookup(("", URL, b""), "fr", lambda: None) is None
    r = client.get(URL, headers={"Accept-Language": "fr", "Accept": "image/png"})
    assert r.status_code == 406
