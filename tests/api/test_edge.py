"""Host allow-list and relative redirects (issue 11: the Host header was reflected in the
trailing-slash redirect's Location)."""

from fastapi.testclient import TestClient

from api.config import Settings
from api.main import create_app


def test_an_unknown_host_is_refused_with_a_problem_naming_host(client):
    response = client.get("/v1/articles", headers={"Host": "evil.example"})
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["type"] == "/problems/host-not-allowed"
    assert body["errors"][0]["parameter"] == "Host"
    assert "localhost" in body["errors"][0]["reason"]


def test_allowed_hosts_are_answered(client):
    for host in ("localhost", "127.0.0.1:8000", "testserver"):
        assert client.get("/v1/levels", headers={"Host": host}).status_code == 200


def test_trailing_slash_redirect_is_relative(client):
    response = client.get("/v1/articles/", follow_redirects=False, headers={"Host": "localhost"})
    assert response.status_code == 307
    assert response.headers["location"] == "/v1/articles"


def test_configured_hosts_with_a_wildcard(settings: Settings):
    configured = settings.model_copy(update={"allowed_hosts": ["*.health.example"]})
    with TestClient(create_app(configured), base_url="http://api.health.example") as c:
        assert c.get("/v1/levels").status_code == 200
        refused = c.get("/v1/levels", headers={"Host": "health.example.evil"})
        assert refused.status_code == 400


def test_a_body_that_is_not_utf8_is_a_problem_naming_the_body(client):
    """Issue 11: a body that is not UTF-8 got a 400 without ``errors[]``."""
    response = client.post(
        "/v1/readability",
        content='{"text": "caf\u00e9", "locale": "fr"}'.encode("latin-1"),
        headers={"Content-Type": "application/json"},
    )
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["errors"] == [
        {"parameter": "body", "reason": "must be JSON encoded as UTF-8"}
    ]
