"""The edge's fast read lane (api/edge.py): a repeated read is answered before any other
middleware, with exactly what the route answered; cross-origin reads and refused hosts are not."""

import asyncio
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session
from starlette.types import Receive, Scope, Send

from api.config import Settings
from api.edge import HOST_MEMO_MAX, EdgeMiddleware, HostCheck
from api.main import create_app

URL = "/v1/articles/immunotherapy-breast-cancer"


class Routed:
    """Counts the requests the edge passes on to the app."""

    def __init__(self, edge: EdgeMiddleware) -> None:
        self.edge, self.inner, self.calls = edge, edge.app, 0
        edge.app = self

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        self.calls += 1
        await self.inner(scope, receive, send)


class Uncached:
    """A store the edge finds nothing in."""

    def lookup(self, *args: object) -> None:
        return None


def _edge(stack: object) -> EdgeMiddleware:
    """The edge inside Starlette's and FastAPI's own outer middlewares."""
    while not isinstance(stack, EdgeMiddleware):
        stack = stack.app  # type: ignore[attr-defined]
    return stack


@pytest.fixture
def lane(connection, settings: Settings) -> Iterator[tuple[TestClient, Routed]]:
    """A client whose snapshots stay fresh for a minute, and the counter behind its edge."""

    def sessions() -> Session:
        return Session(bind=connection, join_transaction_mode="create_savepoint")

    app = create_app(settings.model_copy(update={"content_check_interval": 60}), sessions)
    with TestClient(app) as client:
        client.get("/readyz")  # builds the middleware stack
        yield client, Routed(_edge(app.middleware_stack))


@pytest.mark.parametrize(
    "headers",
    [
        {"Accept-Language": "es-MX,es;q=0.9", "Accept-Encoding": "identity"},
        {"Accept-Language": "fr-CA", "Accept-Encoding": "gzip, br"},
        {"Accept-Language": "ar", "Accept": "text/html"},
    ],
)
def test_a_repeated_read_gets_what_the_route_sent_without_routing(lane, headers):
    client, routed = lane
    first = client.get(URL, headers=headers)
    assert (first.status_code, routed.calls) == (200, 1)
    again = client.get(URL, headers=headers)
    assert routed.calls == 1
    assert again.status_code == 200
    assert again.headers.multi_items() == first.headers.multi_items()
    assert again.content == first.content
    head = client.head(URL, headers=headers)
    assert (head.status_code, head.content, routed.calls) == (200, b"", 1)
    assert head.headers.multi_items() == first.headers.multi_items()


def test_a_conditional_read_gets_the_routes_304(lane):
    client, routed = lane
    etag = client.get(URL, params={"locale": "es"}).headers["etag"]
    store, routed.edge.store = routed.edge.store, Uncached()  # the app answers this one
    routed_304 = client.get(URL, params={"locale": "es"}, headers={"If-None-Match": etag})
    assert (routed_304.status_code, routed.calls) == (304, 2)
    routed.edge.store = store
    fast_304 = client.get(URL, params={"locale": "es"}, headers={"If-None-Match": etag})
    assert (fast_304.status_code, routed.calls) == (304, 2)
    assert fast_304.headers.multi_items() == routed_304.headers.multi_items()
    assert fast_304.content == b""


def test_a_cross_origin_read_is_left_to_cors(lane):
    client, routed = lane
    plain = client.get(URL, headers={"Accept-Language": "fr"})
    cors = client.get(URL, headers={"Accept-Language": "fr", "Origin": "https://app.example"})
    assert routed.calls == 2
    assert cors.headers["access-control-allow-origin"] == "*"
    assert (cors.content, cors.headers["etag"]) == (plain.content, plain.headers["etag"])


def test_a_refused_host_is_refused_on_a_cached_read(lane):
    client, routed = lane
    client.get(URL)
    refused = client.get(URL, headers={"Host": "evil.example"})
    assert (refused.status_code, routed.calls) == (400, 1)
    assert refused.json()["type"] == "/problems/host-not-allowed"


def test_the_host_memo_keeps_admitted_values_only_and_is_bounded():
    check = HostCheck(["localhost", "*.health.example"])
    assert asyncio.run(check.allows("evil.example")) is False
    assert check.admitted == set()
    for n in range(HOST_MEMO_MAX + 10):
        assert asyncio.run(check.allows(f"a{n}.health.example:8000")) is True
    assert len(check.admitted) == HOST_MEMO_MAX
    assert asyncio.run(check.allows("a9999.health.example")) is True  # decided, not remembered
    assert asyncio.run(check.allows("health.example.evil")) is False


def test_telemetry_is_off_unless_configured(settings: Settings):
    assert create_app(settings)._telemetry["logs"] is False  # no exception messages logged
    on = create_app(settings.model_copy(update={"telemetry": True}))
    assert (on._telemetry["tracing"], on._telemetry["logs"]) == (True, True)
