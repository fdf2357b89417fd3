"""HEAD on every GET route, OPTIONS and 405 with the real Allow (api/methods.py; issue 9)."""

import pytest

SECTION = "/v1/articles/immunotherapy-breast-cancer/sections/summary"


@pytest.mark.parametrize(
    "path", ["/v1/articles", "/v1/locales", "/v1/levels", "/healthz", "/readyz", "/openapi.json"]
)
def test_head_answers_like_get_without_a_body(client, path):
    get = client.get(path)
    head = client.head(path)
    assert (head.status_code, head.content) == (200, b"")
    assert head.headers["content-type"] == get.headers["content-type"]
    assert head.headers["content-length"] == str(len(get.content))


def test_head_keeps_the_reads_own_head_route(client):
    get = client.get("/v1/articles/immunotherapy-breast-cancer?locale=es")
    head = client.head("/v1/articles/immunotherapy-breast-cancer?locale=es")
    assert (head.status_code, head.content, head.headers["etag"]) == (200, b"", get.headers["etag"])


def test_head_of_a_missing_thing_is_404_without_a_body(client):
    r = client.head("/v1/articles/no-such-article/status")
    assert (r.status_code, r.content) == (401, b"")
    assert client.head("/nowhere").status_code == 404


@pytest.mark.parametrize(
    ("path", "allow"),
    [
        ("/v1/articles", "GET, HEAD, POST, OPTIONS"),
        ("/v1/articles/flu", "GET, HEAD, OPTIONS"),
        (SECTION + "/versions", "GET, HEAD, POST, OPTIONS"),
        (SECTION + "/versions/3/publish", "POST, OPTIONS"),
        (SECTION + "/source", "PUT, OPTIONS"),
        ("/v1/accounts/1/grants/2", "DELETE, OPTIONS"),
        ("/v1/articles/flu/files/es/plain.po", "GET, HEAD, POST, OPTIONS"),
        ("/static/reader.css", "GET, HEAD, OPTIONS"),
    ],
)
def test_options_answers_the_real_allow(client, path, allow):
    r = client.options(path)
    assert (r.status_code, r.headers["allow"], r.content) == (204, allow, b"")


def test_options_of_nothing_is_a_404_problem(client):
    r = client.options("/v1/nothing-here")
    assert (r.status_code, r.headers["content-type"]) == (404, "application/problem+json")


def test_cors_preflight_is_still_answered_by_cors(client):
    r = client.options(
        "/v1/articles",
        headers={"Origin": "https://app.example", "Access-Control-Request-Method": "POST"},
    )
    assert r.status_code == 200
    assert "POST" in r.headers["access-control-allow-methods"]
    assert "allow" not in r.headers


def test_405_names_every_method_of_the_path(client):
    r = client.delete("/v1/articles")
    assert (r.status_code, r.headers["allow"]) == (405, "GET, HEAD, POST, OPTIONS")
    assert r.headers["content-type"] == "application/problem+json"
    r = client.get(SECTION + "/versions/3/publish")
    assert (r.status_code, r.headers["allow"]) == (405, "POST, OPTIONS")
