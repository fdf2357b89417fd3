"""The one read cache: representations by what shaped them, the fast path's request index,
revision checks and per-article invalidation (through the store and through real HTTP)."""

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from api.http import represent_text
from api.main import create_app
from api.services.read_cache import ReadCache, RenderKey

SLUG = "immunotherapy-breast-cancer"
REQUEST = ("", "/v1/articles/a", b"", "es", None)


def _rep(text: str):
    return represent_text(text, {}, "text/plain")


def _cache(size: int = 8, request_size: int = 8) -> ReadCache:
    return ReadCache(size, request_size)


def test_through_builds_once_and_indexes_the_request():
    cache, built = _cache(), []
    key = RenderKey("article", "a", 1, ("es",))

    def build():
        built.append(1)
        return _rep("one")

    first = cache.through(REQUEST, key, build)
    assert cache.through(REQUEST, key, build) is first
    assert built == [1]
    assert cache.indexed(REQUEST) == (key, first)
    assert cache.indexed(("", "/v1/articles/a", b"", "fr", None)) is None


def test_invalidate_drops_one_article_or_all():
    cache = _cache()
    key_a, key_b = RenderKey("article", "a", 1, ()), RenderKey("article", "b", 1, ())
    request_b = ("", "/v1/articles/b", b"", "es", None)
    cache.through(REQUEST, key_a, lambda: _rep("a"))
    cache.through(request_b, key_b, lambda: _rep("b"))
    cache.invalidate("a")
    assert (cache.get(key_a), cache.indexed(REQUEST)) == (None, None)
    assert cache.get(key_b) is not None and cache.indexed(request_b) is not None
    cache.invalidate(None)
    assert (cache.get(key_b), cache.indexed(request_b)) == (None, None)


def test_bounds_evict_the_least_recently_used_and_zero_turns_the_fast_path_off():
    cache = _cache(size=2, request_size=0)
    keys = [RenderKey("article", "a", 1, (n,)) for n in range(3)]
    for n, key in enumerate(keys):
        cache.through(REQUEST, key, lambda n=n: _rep(str(n)))
    assert cache.get(keys[0]) is None
    assert [cache.get(k).body for k in keys[1:]] == [b"1", b"2"]
    assert cache.indexed(REQUEST) is None


@pytest.fixture
def cached_client(connection, settings):
    """A client whose snapshots stay fresh for a minute, so the fast path answers."""

    def sessions() -> Session:
        return Session(bind=connection, join_transaction_mode="create_savepoint")

    app = create_app(settings.model_copy(update={"content_check_interval": 60}), sessions)
    with TestClient(app) as c:
        yield c


def test_store_invalidate_drops_what_was_served_of_the_article(cached_client):
    client = cached_client
    headers = {"Accept-Language": "es", "Accept": "application/json"}
    first = client.get(f"/v1/articles/{SLUG}", headers=headers)
    store = client.app.state.store
    key = ("", f"/v1/articles/{SLUG}", b"", "es", "application/json")
    assert store.lookup(key) is not None
    store.invalidate(SLUG)
    assert store.lookup(key) is None
    assert store.get(SLUG) is not None  # the same revision again: only dropping the entry helps
    assert store.lookup(key) is None
    again = client.get(f"/v1/articles/{SLUG}", headers=headers)
    assert (again.status_code, again.content, again.headers["etag"]) == (
        200,
        first.content,
        first.headers["etag"],
    )
    assert store.lookup(key) is not None


def test_the_fast_path_is_checked_against_the_current_snapshot(cached_client):
    client, headers = cached_client, {"Accept-Language": "fr", "Accept": "application/json"}
    client.get(f"/v1/articles/{SLUG}", headers=headers)
    store = client.app.state.store
    key = ("", f"/v1/articles/{SLUG}", b"", "fr", "application/json")
    rendered_under, rep = store.reads.indexed(key)
    assert store.lookup(key) is rep
    store.check_interval = 0  # the snapshot is due for a check: never answered from the index
    assert store.lookup(key) is None
    store.check_interval = 60
    snapshot = store.get(SLUG)
    assert snapshot.revision == rendered_under.revision and store.lookup(key) is rep
