"""Regression tests for the authorization findings of issue 11 (docs/security.md names each):
scoped admin grants, self-minted tokens, revocation of descendants, disabled accounts, grant
history, and the failed-authentication rate limit."""

from datetime import timedelta

import pytest
from sqlmodel import Session

from api.config import Settings
from api.main import create_app
from models import ApiToken, Grant
from models.common import utcnow
from tests.api.routes.conftest import make_account

Headers = dict[str, str]


def _me(client, headers: Headers) -> dict:
    return client.get("/v1/accounts/me", headers=headers).json()


def _bearer(token: dict) -> Headers:
    return {"Authorization": f"Bearer {token['token']}"}


@pytest.mark.parametrize(
    ("grant", "parameter"),
    [
        ({"role": "admin", "language": "es"}, "language"),
        ({"role": "admin", "language": "es-*"}, "language"),
        ({"role": "admin", "language": "*", "level": "plain"}, "level"),
    ],
)
def test_a_scoped_admin_grant_is_refused_naming_the_field(client, people, grant, parameter):
    aid = _me(client, people["nobody"])["id"]
    r = client.post(f"/v1/accounts/{aid}/grants", headers=people["admin"], json=grant)
    assert r.status_code == 422, r.text
    assert r.headers["content-type"] == "application/problem+json"
    assert [e["parameter"] for e in r.json()["errors"]] == [parameter]
    assert r.json()["errors"][0]["reason"].endswith("admin grants are global")
    assert _me(client, people["nobody"])["grants"] == []


def test_a_stored_scoped_admin_grant_cannot_escalate_list_accounts_or_mint(client, session):
    """The finding: with {"role": "admin", "language": "es"} an account granted itself
    ``admin *``, listed every account and minted a token for the first admin."""
    ada = make_account(session, "ada", ("admin", "*", None))
    mallory = make_account(session, "mallory", ("admin", "es", None))
    ada_id, mid = _me(client, ada)["id"], _me(client, mallory)["id"]
    escalate = {"role": "admin", "language": "*"}
    r = client.post(f"/v1/accounts/{mid}/grants", headers=mallory, json=escalate)
    assert (r.status_code, r.json()["needs"]) == (403, {"role": "admin"})
    assert client.get("/v1/accounts", headers=mallory).status_code == 403
    assert client.post(f"/v1/accounts/{ada_id}/tokens", headers=mallory, json={}).status_code == 403
    assert client.get(f"/v1/accounts/{ada_id}/tokens", headers=mallory).status_code == 403
    assert [g["language"] for g in _me(client, mallory)["grants"]] == ["es"]


def test_an_account_mints_only_for_itself_and_never_beyond_its_own_token(client, people):
    me, other = _me(client, people["translator"]), _me(client, people["reviewer"])
    assert (
        client.post(f"/v1/accounts/{other['id']}/tokens", headers=people["translator"], json={})
    ).status_code == 403
    url = f"/v1/accounts/{me['id']}/tokens"
    r = client.post(url, headers=people["translator"], json={"expires_days": 3650})
    assert r.status_code == 422
    assert r.json()["errors"][0]["parameter"] == "expires_days"
    assert r.json()["errors"][0]["reason"].startswith("must be at most 29:")
    child = client.post(url, headers=people["translator"], json={"label": "ci"})
    assert child.status_code == 201
    parent = client.get(url, headers=people["translator"]).json()[0]
    assert child.json()["parent_id"] == parent["id"]
    assert child.json()["created_by"] == "tom"
    assert child.json()["expires_at"] <= parent["expires_at"]


def test_admins_mint_for_any_account_without_a_parent(client, people):
    other = _me(client, people["reviewer"])["id"]
    r = client.post(
        f"/v1/accounts/{other}/tokens", headers=people["admin"], json={"expires_days": 400}
    )
    assert (r.status_code, r.json()["parent_id"], r.json()["created_by"]) == (201, None, "ada")
    assert _me(client, _bearer(r.json()))["name"] == "rita"


def test_revoking_a_token_revokes_every_token_minted_from_it(client, people):
    """The finding: a token minted before its parent was revoked kept working."""
    me = _me(client, people["translator"])["id"]
    url = f"/v1/accounts/{me}/tokens"
    child = client.post(url, headers=people["translator"], json={}).json()
    grandchild = client.post(url, headers=_bearer(child), json={}).json()
    assert grandchild["parent_id"] == child["id"]
    root = client.get(url, headers=people["translator"]).json()[0]
    r = client.post(f"{url}/{root['id']}/revoke", headers=people["translator"])
    assert (r.status_code, r.json()["revoked_by"]) == (200, "tom")
    for headers in (people["translator"], _bearer(child), _bearer(grandchild)):
        assert client.get("/v1/accounts/me", headers=headers).status_code == 401
    listed = client.get(url, headers=people["admin"]).json()
    assert [t["revoked_at"] is not None for t in listed] == [True, True, True]


def test_revoking_a_child_leaves_its_parent_working(client, people):
    me = _me(client, people["translator"])["id"]
    url = f"/v1/accounts/{me}/tokens"
    child = client.post(url, headers=people["translator"], json={}).json()
    client.post(f"{url}/{child['id']}/revoke", headers=people["translator"])
    assert client.get("/v1/accounts/me", headers=_bearer(child)).status_code == 401
    assert client.get("/v1/accounts/me", headers=people["translator"]).status_code == 200


def test_a_disabled_account_stops_at_once_and_comes_back_when_enabled(client, people):
    tom = _me(client, people["translator"])["id"]
    second = client.post(f"/v1/accounts/{tom}/tokens", headers=people["admin"], json={}).json()
    r = client.post(f"/v1/accounts/{tom}/disable", headers=people["admin"])
    assert (r.status_code, r.json()["active"], r.json()["disabled_by"]) == (200, False, "ada")
    for headers in (people["translator"], _bearer(second)):
        r = client.get("/v1/accounts/me", headers=headers)
        assert (r.status_code, r.json()["detail"]) == (401, "this account is disabled")
    assert (
        client.post(f"/v1/accounts/{tom}/enable", headers=people["translator"]).status_code == 401
    )
    r = client.post(f"/v1/accounts/{tom}/enable", headers=people["admin"])
    assert (r.status_code, r.json()["active"], r.json()["enabled_by"]) == (200, True, "ada")
    assert r.json()["disabled_at"] is not None  # the history of the last disable stays
    assert client.get("/v1/accounts/me", headers=people["translator"]).status_code == 200


def test_disable_is_admin_only_and_never_of_oneself(client, people):
    ada, tom = _me(client, people["admin"])["id"], _me(client, people["translator"])["id"]
    assert client.post(f"/v1/accounts/{ada}/disable", headers=people["admin"]).status_code == 409
    assert client.post(f"/v1/accounts/{tom}/disable", headers=people["reviewer"]).status_code == 403
    assert client.post("/v1/accounts/999999/disable", headers=people["admin"]).status_code == 404


def test_deleting_a_grant_revokes_it_and_keeps_the_history(client, people):
    """The finding: deleting a grant erased it."""
    tom = _me(client, people["translator"])
    gid = tom["grants"][0]["id"]
    url = f"/v1/accounts/{tom['id']}/grants"
    assert client.delete(f"{url}/{gid}", headers=people["admin"]).status_code == 204
    assert _me(client, people["translator"])["grants"] == []
    assert client.get(url, headers=people["admin"]).json() == []
    history = client.get(url, params={"include_revoked": "true"}, headers=people["admin"]).json()
    assert [(g["id"], g["revoked_by"]) for g in history] == [(gid, "ada")]
    again = {"role": "translator", "language": "de"}
    assert client.post(url, headers=people["admin"], json=again).status_code == 201
    assert client.post(url, headers=people["admin"], json=again).status_code == 409
    history = client.get(url, params={"include_revoked": True}, headers=people["admin"]).json()
    assert [g["revoked_at"] is None for g in history] == [False, True]


def test_failed_authentication_is_rate_limited_per_client(connection, settings):
    def sessions() -> Session:
        return Session(bind=connection, join_transaction_mode="create_savepoint")

    from fastapi.testclient import TestClient

    limited = settings.model_copy(update={"auth_failure_limit": "3/minute"})
    with TestClient(create_app(limited, sessions)) as client:
        bad = {"Authorization": "Bearer cat_nope"}
        codes = [client.get("/v1/accounts/me", headers=bad).status_code for _ in range(4)]
        assert codes == [401, 401, 401, 429]
        r = client.get("/v1/accounts/me", headers=bad)
        assert r.headers["content-type"] == "application/problem+json"
        assert 1 <= int(r.headers["retry-after"]) <= 60
        assert client.get("/v1/articles/immunotherapy-breast-cancer").status_code == 200


def test_expired_tokens_of_a_chain_stop(client, people, session):
    me = _me(client, people["translator"])["id"]
    child = client.post(f"/v1/accounts/{me}/tokens", headers=people["translator"], json={}).json()
    row = session.get(ApiToken, child["id"])
    assert row is not None
    row.expires_at = utcnow() - timedelta(seconds=1)
    session.add(row)
    session.commit()
    assert client.get("/v1/accounts/me", headers=_bearer(child)).status_code == 401


def test_settings_default_limits():
    s = Settings()
    assert (s.write_queue_max, s.auth_failure_limit) == (128, "20/minute")


def test_grant_rows_are_never_deleted(client, people, session):
    tom = _me(client, people["translator"])
    gid = tom["grants"][0]["id"]
    client.delete(f"/v1/accounts/{tom['id']}/grants/{gid}", headers=people["admin"])
    session.expire_all()
    assert session.get(Grant, gid) is not None
