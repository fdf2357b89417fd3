"""Tokens: stored hashed, expiring, revocable; the first admin from the CLI."""

from datetime import timedelta

import pytest
from sqlmodel import select

from api.errors import Unauthorized
from api.services.auth import authenticate, create_admin, hash_token, issue_token
from models import Account, ApiToken
from models.common import utcnow


def test_tokens_are_stored_hashed_and_expire(session):
    account = Account(name="exp")
    session.add(account)
    session.flush()
    row, text = issue_token(session, account, 1)
    assert row.token_hash == hash_token(text) and text not in row.token_hash
    assert authenticate(session, f"Bearer {text}").name == "exp"
    with pytest.raises(Unauthorized, match="expired"):
        authenticate(session, f"Bearer {text}", now=utcnow() + timedelta(days=2))


def test_create_admin_makes_a_working_admin_token(session):
    text = create_admin(session, "root", 30)
    principal = authenticate(session, f"Bearer {text}")
    assert principal.can("admin") and not principal.can("translator", "de")
    assert len(session.exec(select(ApiToken)).all()) >= 1
