"""Accounts, tokens and grants; 401/403 and the role x endpoint matrix (issue 3, section 1)."""

import pytest

URL = "/v1/articles/immunotherapy-breast-cancer"
SEC = f"{URL}/sections/summary"


def test_missing_and_bad_tokens_are_401_with_a_bearer_challenge(client):
    r = client.get(f"{URL}/status")
    assert (r.status_code, r.headers["www-authenticate"]) == (401, 'Bearer realm="content-api"')
    r = client.get(f"{URL}/status", headers={"Authorization": "Bearer nope"})
    assert r.status_code == 401
    assert r.headers["www-authenticate"].endswith('error="invalid_token"')
    assert client.get(f"{URL}/status", headers={"Authorization": "Basic x"}).status_code == 401


def test_admin_creates_an_account_grants_a_role_and_its_token_works_until_revoked(client, people):
    r = client.post("/v1/accounts", json={"name": "gabi"}, headers=people["admin"])
    assert r.status_code == 201
    aid = r.json()["id"]
    r = client.post(
        f"/v1/accounts/{aid}/grants",
        headers=people["admin"],
        json={"role": "translator", "language": "pt_br", "level": "plain"},
    )
    assert (r.status_code, r.json()["language"]) == (201, "pt-BR")
    token = client.post(
        f"/v1/accounts/{aid}/tokens", json={"expires_days": 5}, headers=people["admin"]
    ).json()
    me = {"Authorization": f"Bearer {token['token']}"}
    body = client.get("/v1/accounts/me", headers=me).json()
    assert (body["name"], [g["role"] for g in body["grants"]]) == ("gabi", ["translator"])
    assert client.get(f"/v1/accounts/{aid}/tokens", headers=me).json()[0]["token"] is None
    r = client.post(f"/v1/accounts/{aid}/tokens/{token['id']}/revoke", headers=me)
    assert r.json()["revoked_at"] is not None
    assert client.get("/v1/accounts/me", headers=me).status_code == 401


def test_bad_grant_pattern_is_422_and_duplicates_409(client, people):
    aid = client.get("/v1/accounts/me", headers=people["nobody"]).json()["id"]
    r = client.post(
        f"/v1/accounts/{aid}/grants",
        headers=people["admin"],
        json={"role": "translator", "language": "not a tag"},
    )
    assert (r.status_code, r.json()["errors"][0]["parameter"]) == (422, "language")
    ok = {"role": "reviewer", "language": "es-*"}
    assert (
        client.post(f"/v1/accounts/{aid}/grants", headers=people["admin"], json=ok).status_code
        == 201
    )
    assert (
        client.post(f"/v1/accounts/{aid}/grants", headers=people["admin"], json=ok).status_code
        == 409
    )
    assert (
        client.post("/v1/accounts", json={"name": "ada"}, headers=people["admin"]).status_code
        == 409
    )


def _calls(client, people, current):
    h = current()
    draft = client.post(
        f"{SEC}/versions",
        headers=people["translator"],
        json={
            "locale": "de",
            "level": "plain",
            "base_source_hash": h,
            "text": "Immuntherapie hilft. Sie ist neu. Sie macht Mut.",
        },
    ).json()["id"]
    sub = {
        "locale": "de",
        "level": "plain",
        "base_source_hash": h,
        "text": "Immuntherapie hilft. Sie ist neu. Sie macht Mut.",
    }
    return {
        "submit de": ("post", f"{SEC}/versions", sub),
        "publish": ("post", f"{SEC}/versions/{draft}/publish", None),
        "reject": ("post", f"{SEC}/versions/{draft}/reject", {"comment": "no"}),
        "withdraw": ("post", f"{SEC}/versions/{draft}/withdraw", {"comment": "no"}),
        "edit source": ("put", f"{SEC}/source", {"text": "x", "change": "minor"}),
        "create article": (
            "post",
            "/v1/articles",
            {
                "slug": "new-one",
                "source_locale": "en",
                "title": "T",
                "sections": [{"key": "a", "heading": "A", "text": "x"}],
            },
        ),
        "create section": ("post", f"{URL}/sections", {"key": "new", "heading": "N", "text": "x"}),
        "list accounts": ("get", "/v1/accounts", None),
        "create account": ("post", "/v1/accounts", {"name": "zed"}),
        "import po": ("post", f"{URL}/files/de/plain.po", None),
    }


# who -> the calls that must get past authorization (anything but 401/403)
ALLOWED = {
    "admin": {"list accounts", "create account"},
    "translator": {"submit de", "import po"},
    "translator_es": set(),
    "reviewer": {"publish", "reject", "withdraw"},
    "editor": {"edit source", "create article", "create section"},
    "nobody": set(),
}


@pytest.mark.parametrize("who", sorted(ALLOWED))
def test_every_role_against_every_write_endpoint(client, people, current_hash, who):
    for name, (method, url, body) in _calls(client, people, current_hash).items():
        kwargs = {"json": body} if body is not None else {"content": b""}
        r = client.request(method.upper(), url, headers=people[who], **kwargs)
        if name in ALLOWED[who]:
            assert r.status_code not in (401, 403), (who, name, r.json())
        else:
            assert r.status_code == 403, (who, name, r.status_code)
            assert r.json()["detail"].split(" ", 1)[1].startswith("needs ")
        anonymous = client.request(method.upper(), url, **kwargs)
        assert anonymous.status_code == 401, (name, anonymous.status_code)


def test_forbidden_names_the_missing_grant(client, people, current_hash):
    r = client.post(
        f"{SEC}/versions",
        headers=people["translator_es"],
        json={"locale": "es", "level": "easy", "text": "Hola.", "base_source_hash": current_hash()},
    )
    assert r.status_code == 403
    assert r.json()["detail"] == "tess needs translator for es easy"
    assert r.json()["needs"] == {"role": "translator", "language": "es", "level": "easy"}


def test_reading_published_content_needs_no_token(client):
    assert client.get(URL).status_code == 200


def _problem(r, parameter):
    assert r.status_code == 422, r.text
    assert r.headers["content-type"] == "application/problem+json"
    assert [e["parameter"] for e in r.json()["errors"]] == [parameter]


@pytest.mark.parametrize(
    "name",
    [
        "",
        "   ",
        "\t",
        "a\u202eb",
        "\u202egabi",
        "ga\u200bbi",
        "ga\nbi",
        "ga\x00bi",
        "ga\u2028bi",
        "x" * 201,
    ],
)
def test_blank_names_and_names_with_control_or_bidi_characters_are_422(client, people, name):
    _problem(client.post("/v1/accounts", json={"name": name}, headers=people["admin"]), "name")
    names = [a["name"] for a in client.get("/v1/accounts", headers=people["admin"]).json()]
    assert names == ["ada", "tom", "tess", "rita", "rob", "eve", "nils"]


def test_names_lose_surrounding_whitespace_and_keep_the_rest(client, people):
    r = client.post("/v1/accounts", json={"name": "  Ana María\u00a0"}, headers=people["admin"])
    assert (r.status_code, r.json()["name"]) == (201, "Ana María")
    assert (
        client.post("/v1/accounts", json={"name": " ada "}, headers=people["admin"]).status_code
        == 409
    )


def test_a_stored_name_the_api_would_refuse_still_lists(client, people, session):
    from models import Account

    session.add(Account(name=""))
    session.commit()
    r = client.get("/v1/accounts", headers=people["admin"])
    assert (r.status_code, r.json()[-1]["name"]) == (200, "")


@pytest.mark.parametrize("level", ["medium", "", "PLAIN"])
def test_a_grant_for_an_unknown_level_is_422(client, people, level):
    aid = client.get("/v1/accounts/me", headers=people["nobody"]).json()["id"]
    r = client.post(
        f"/v1/accounts/{aid}/grants",
        headers=people["admin"],
        json={"role": "translator", "language": "es", "level": level},
    )
    _problem(r, "level")
    grants = client.get("/v1/accounts/me", headers=people["nobody"]).json()["grants"]
    assert grants == []


@pytest.mark.parametrize("level", ["easy", "plain", "full", None])
def test_a_grant_for_a_known_level_or_every_level_is_201(client, people, level):
    aid = client.get("/v1/accounts/me", headers=people["nobody"]).json()["id"]
    r = client.post(
        f"/v1/accounts/{aid}/grants",
        headers=people["admin"],
        json={"role": "translator", "language": "es", "level": level},
    )
    assert (r.status_code, r.json()["level"]) == (201, level)


HUGE = "99999999999999999999999"


@pytest.mark.parametrize("bad", [HUGE, "2147483648", "0", "-3"])
@pytest.mark.parametrize(
    ("method", "template", "parameter", "body"),
    [
        ("POST", "/v1/accounts/{bad}/tokens", "account_id", {}),
        ("GET", "/v1/accounts/{bad}/tokens", "account_id", None),
        ("POST", "/v1/accounts/{bad}/grants", "account_id", {"role": "reviewer", "language": "*"}),
        ("POST", "/v1/accounts/{me}/tokens/{bad}/revoke", "token_id", None),
        ("DELETE", "/v1/accounts/{me}/grants/{bad}", "grant_id", None),
    ],
)
def test_out_of_range_ids_are_422_naming_the_parameter(
    client, people, bad, method, template, parameter, body
):
    me = client.get("/v1/accounts/me", headers=people["admin"]).json()["id"]
    url = template.format(bad=bad, me=me)
    kwargs = {"json": body} if body is not None else {}
    _problem(client.request(method, url, headers=people["admin"], **kwargs), parameter)


def test_the_largest_ids_are_404(client, people):
    me = client.get("/v1/accounts/me", headers=people["admin"]).json()["id"]
    top = 2_147_483_647
    for method, url in (
        ("POST", f"/v1/accounts/{top}/tokens"),
        ("POST", f"/v1/accounts/{me}/tokens/{top}/revoke"),
        ("DELETE", f"/v1/accounts/{me}/grants/{top}"),
    ):
        r = client.request(
            method, url, headers=people["admin"], **({"json": {}} if url.endswith("tokens") else {})
        )
        assert r.status_code == 404, (url, r.text)


def test_the_last_admin_grant_cannot_be_revoked(client, people):
    """A fresh user's finding: the only admin revoked their own admin grant (204), and nobody
    could manage accounts any more."""
    me = client.get("/v1/accounts/me", headers=people["admin"]).json()
    grants = client.get(f"/v1/accounts/{me['id']}/grants", headers=people["admin"]).json()
    admin = next(g for g in grants if g["role"] == "admin")
    url = f"/v1/accounts/{me['id']}/grants/{admin['id']}"
    refused = client.delete(url, headers=people["admin"])
    assert refused.status_code == 409
    assert refused.json()["detail"] == (
        "this is the last admin grant; grant admin to another account first"
    )
    other = client.post("/v1/accounts", json={"name": "bea"}, headers=people["admin"]).json()
    given = client.post(
        f"/v1/accounts/{other['id']}/grants",
        json={"role": "admin", "language": "*"},
        headers=people["admin"],
    )
    assert given.status_code == 201
    assert client.delete(url, headers=people["admin"]).status_code == 204
