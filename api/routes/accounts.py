"""Accounts, API tokens and grants (issue 3, section 1).

``admin`` manages accounts and grants; every account may see itself, and create and revoke
its own tokens. A token's text is in the response that creates it and nowhere else.
"""

from typing import Any

from fastapi import APIRouter
from sqlmodel import Session

from api.deps import CurrentUser, IdPath, SessionDep
from api.errors import Conflict
from api.repositories import accounts
from api.services.auth import Principal, issue_token
from models import Account, Grant
from models.account import (
    AccountCreate,
    AccountPublic,
    GrantCreate,
    GrantPublic,
    TokenCreate,
    TokenPublic,
)
from models.common import utcnow

router = APIRouter(prefix="/v1/accounts", tags=["accounts"])
PROBLEM: dict[str, Any] = {"content": {"application/problem+json": {}}}
RESPONSES: dict[int | str, dict[str, Any]] = {
    401: {"description": "Missing or bad token", **PROBLEM},
    403: {"description": "Needs admin (or the account's own token)", **PROBLEM},
    404: {"description": "No such account, token or grant", **PROBLEM},
    409: {"description": "The name or grant exists already", **PROBLEM},
}


def _self_or_admin(user: Principal, account_id: int) -> None:
    if user.account_id != account_id:
        user.require("admin")


def _public(session: Session, account: Account) -> dict[str, Any]:
    grants = accounts.grants_of(session, account.id or 0)
    body = AccountPublic.model_validate(account).model_dump(mode="json")
    body["grants"] = [GrantPublic.model_validate(g).model_dump(mode="json") for g in grants]
    return body


@router.get("/me", responses=RESPONSES)
def who_am_i(user: CurrentUser, session: SessionDep) -> dict[str, Any]:
    """The caller's account with its grants."""
    return _public(session, accounts.find_account(session, user.account_id))


@router.get("", responses=RESPONSES)
def list_accounts(user: CurrentUser, session: SessionDep) -> list[dict[str, Any]]:
    """Every account with its grants (admin)."""
    user.require("admin")
    return [_public(session, a) for a in accounts.all_accounts(session)]


@router.post("", status_code=201, responses=RESPONSES)
def create_account(body: AccountCreate, user: CurrentUser, session: SessionDep) -> dict[str, Any]:
    """Create an account with no grants and no token (admin); 409 when the name is taken."""
    user.require("admin")
    if accounts.account_by_name(session, body.name) is not None:
        raise Conflict(f"an account '{body.name}' exists already")
    account = Account(name=body.name)
    session.add(account)
    session.commit()
    return _public(session, account)


@router.post("/{account_id}/tokens", status_code=201, responses=RESPONSES)
def create_token(
    account_id: IdPath, body: TokenCreate, user: CurrentUser, session: SessionDep
) -> TokenPublic:
    """A new token for the account (admin, or the account itself); ``token`` is shown once.
    Expires after ``expires_days`` (default 90)."""
    _self_or_admin(user, account_id)
    row, text = issue_token(
        session, accounts.find_account(session, account_id), body.expires_days, body.label
    )
    session.commit()
    return TokenPublic.model_validate(row).model_copy(update={"token": text})


@router.get("/{account_id}/tokens", responses=RESPONSES)
def list_tokens(account_id: IdPath, user: CurrentUser, session: SessionDep) -> list[TokenPublic]:
    """The account's tokens without their text (admin, or the account itself)."""
    _self_or_admin(user, account_id)
    return [TokenPublic.model_validate(r) for r in accounts.tokens_of(session, account_id)]


@router.post("/{account_id}/tokens/{token_id}/revoke", responses=RESPONSES)
def revoke_token(
    account_id: IdPath, token_id: IdPath, user: CurrentUser, session: SessionDep
) -> TokenPublic:
    """Revoke a token at once (admin, or the account itself); revoking twice is harmless."""
    _self_or_admin(user, account_id)
    row = accounts.find_token(session, account_id, token_id)
    row.revoked_at = row.revoked_at or utcnow()
    session.add(row)
    session.commit()
    return TokenPublic.model_validate(row)


@router.post("/{account_id}/grants", status_code=201, responses=RESPONSES)
def create_grant(
    account_id: IdPath, body: GrantCreate, user: CurrentUser, session: SessionDep
) -> GrantPublic:
    """Grant a role for a language pattern (``es``, ``es-*``, ``*``) and optional level (admin)."""
    user.require("admin")
    accounts.find_account(session, account_id)
    exists = accounts.same_grant(session, account_id, body.role, body.language, body.level)
    if exists is not None:
        raise Conflict("this grant exists already", grant_id=exists.id)
    grant = Grant(
        account_id=account_id,
        role=body.role.value,
        language=body.language,
        level=body.level,
        granted_by=user.name,
    )
    session.add(grant)
    session.commit()
    return GrantPublic.model_validate(grant)


@router.delete("/{account_id}/grants/{grant_id}", status_code=204, responses=RESPONSES)
def delete_grant(
    account_id: IdPath, grant_id: IdPath, user: CurrentUser, session: SessionDep
) -> None:
    """Take a grant away (admin)."""
    user.require("admin")
    grant = accounts.find_grant(session, account_id, grant_id)
    session.delete(grant)
    session.commit()
