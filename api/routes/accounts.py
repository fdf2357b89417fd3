"""Accounts, API tokens and grants (issue 3, section 1).

Who may call what is ``api.domain.authorization.RULES`` (enforced by ``api.deps``): a global
``admin`` manages accounts and grants; every account may see itself, and mint, list and
revoke its own tokens. A token's text is in the response that creates it and nowhere else.
Nothing is deleted: grants and tokens are revoked, accounts disabled (issue 11).
"""

from datetime import timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Query
from sqlmodel import Session

from api.deps import CurrentUser, IdPath, SessionDep
from api.domain.roles import global_only_errors
from api.errors import Conflict, InvalidParameter
from api.repositories import accounts
from api.services.auth import Principal, issue_token, revoke_token
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
    422: {"description": "Failed validation", **PROBLEM},
}


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
    """Every account with its active grants (admin)."""
    return [_public(session, a) for a in accounts.all_accounts(session)]


@router.post("", status_code=201, responses=RESPONSES)
def create_account(body: AccountCreate, user: CurrentUser, session: SessionDep) -> dict[str, Any]:
    """Create an account with no grants and no token (admin); 409 when the name is taken."""
    if accounts.account_by_name(session, body.name) is not None:
        raise Conflict(f"an account '{body.name}' exists already")
    account = Account(name=body.name)
    session.add(account)
    session.commit()
    return _public(session, account)


def _expiry_days(user: Principal, account_id: int, body: TokenCreate) -> int:
    """Days the new token lives: an account's own token cannot outlive the minting token
    (``expires_days`` given explicitly beyond it is a 422; the default is cut to fit)."""
    if (user.is_admin and account_id != user.account_id) or user.token_expires_at is None:
        return body.expires_days
    left = (user.token_expires_at - utcnow()) / timedelta(days=1)
    if body.expires_days <= left:
        return body.expires_days
    if "expires_days" in body.model_fields_set or left < 1:
        reason = f"must be at most {int(left)}: a token cannot outlive the token that mints it"
        raise InvalidParameter.single("expires_days", reason)
    return int(left)


@router.post("/{account_id}/tokens", status_code=201, responses=RESPONSES)
def create_token(
    account_id: IdPath, body: TokenCreate, user: CurrentUser, session: SessionDep
) -> TokenPublic:
    """A new token for the account; ``token`` is shown once. A global admin mints for any
    account; any other caller only for its own account, with the calling token as
    ``parent_id`` and an expiry no later than the parent's. ``expires_days``: default 90."""
    account = accounts.find_account(session, account_id)
    days = _expiry_days(user, account_id, body)
    own = account_id == user.account_id
    parent = accounts.find_token(session, account_id, user.token_id) if own else None
    row, text = issue_token(session, account, days, body.label, parent=parent, created_by=user.name)
    if parent is not None and parent.expires_at is not None and row.expires_at is not None:
        row.expires_at = min(row.expires_at, parent.expires_at)
    session.commit()
    return TokenPublic.model_validate(row).model_copy(update={"token": text})


@router.get("/{account_id}/tokens", responses=RESPONSES)
def list_tokens(account_id: IdPath, user: CurrentUser, session: SessionDep) -> list[TokenPublic]:
    """The account's tokens without their text (admin, or the account itself)."""
    return [TokenPublic.model_validate(r) for r in accounts.tokens_of(session, account_id)]


@router.post("/{account_id}/tokens/{token_id}/revoke", responses=RESPONSES)
def revoke_token_route(
    account_id: IdPath, token_id: IdPath, user: CurrentUser, session: SessionDep
) -> TokenPublic:
    """Revoke a token at once, and every token minted from it (admin, or the account itself);
    revoking twice is harmless. The row is kept with ``revoked_at`` and ``revoked_by``."""
    row = accounts.find_token(session, account_id, token_id)
    revoke_token(session, row, user.name)
    session.commit()
    return TokenPublic.model_validate(row)


@router.get("/{account_id}/grants", responses=RESPONSES)
def list_grants(
    account_id: IdPath,
    user: CurrentUser,
    session: SessionDep,
    include_revoked: Annotated[
        bool, Query(description="true: the whole history, revoked grants included")
    ] = False,
) -> list[GrantPublic]:
    """The account's active grants by id (admin); ``include_revoked=true`` adds revoked ones."""
    accounts.find_account(session, account_id)
    rows = accounts.grants_of(session, account_id, include_revoked)
    return [GrantPublic.model_validate(g) for g in rows]


@router.post("/{account_id}/grants", status_code=201, responses=RESPONSES)
def create_grant(
    account_id: IdPath, body: GrantCreate, user: CurrentUser, session: SessionDep
) -> GrantPublic:
    """Grant a role for a language pattern (``es``, ``es-*``, ``*``) and optional level (admin).

    ``admin`` is granted globally only: ``language`` other than ``*`` or a ``level`` is a 422
    naming the field. 409 when the same grant is active already."""
    errors = global_only_errors(body.role.value, body.language, body.level)
    if errors:
        raise InvalidParameter("; ".join(f"{e['parameter']} {e['reason']}" for e in errors), errors)
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
def revoke_grant(
    account_id: IdPath, grant_id: IdPath, user: CurrentUser, session: SessionDep
) -> None:
    """Revoke a grant (admin): it stops at once and stays in the history with ``revoked_at``
    and ``revoked_by`` (``GET .../grants?include_revoked=true``); revoking twice is harmless.
    409 for the last active admin grant: nobody could manage accounts any more."""
    grant = accounts.find_grant(session, account_id, grant_id)
    if grant.revoked_at is None and accounts.admin_grant_ids(session) == [grant.id]:
        raise Conflict("this is the last admin grant; grant admin to another account first")
    if grant.revoked_at is None:
        grant.revoked_at, grant.revoked_by = utcnow(), user.name
        session.add(grant)
        session.commit()


@router.post("/{account_id}/disable", responses=RESPONSES)
def disable_account(account_id: IdPath, user: CurrentUser, session: SessionDep) -> dict[str, Any]:
    """Disable an account (admin): every one of its tokens stops at once; nothing is deleted.
    409 for the caller's own account (an admin cannot lock themselves out)."""
    if account_id == user.account_id:
        raise Conflict("an account cannot disable itself; ask another admin")
    account = accounts.find_account(session, account_id)
    if account.active:
        account.active, account.disabled_at, account.disabled_by = False, utcnow(), user.name
        session.add(account)
        session.commit()
    return _public(session, account)


@router.post("/{account_id}/enable", responses=RESPONSES)
def enable_account(account_id: IdPath, user: CurrentUser, session: SessionDep) -> dict[str, Any]:
    """Enable a disabled account again (admin): its unrevoked, unexpired tokens work again."""
    account = accounts.find_account(session, account_id)
    if not account.active:
        account.active, account.enabled_at, account.enabled_by = True, utcnow(), user.name
        session.add(account)
        session.commit()
    return _public(session, account)
