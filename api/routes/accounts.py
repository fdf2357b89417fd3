"""Accounts, API tokens and grants (issue 3, section 1).

Who may call what is ``api.domain.authorization.RULES`` (enforced by ``api.deps``): a global
``admin`` manages accounts and grants; every account may see itself, and mint, list and
revoke its own tokens. A token's text is in the response that creates it and nowhere else.
Nothing is deleted: grants and tokens are revoked, accounts disabled (issue 11).
"""

from typing import Annotated, Any

from fastapi import APIRouter, Query

from api.deps import CurrentUser, IdPath, SessionDep
from api.repositories import accounts
from api.services import accounts as service
from models.account import AccountCreate, GrantCreate, GrantPublic, TokenCreate, TokenPublic

router = APIRouter(prefix="/v1/accounts", tags=["accounts"])
PROBLEM: dict[str, Any] = {"content": {"application/problem+json": {}}}
RESPONSES: dict[int | str, dict[str, Any]] = {
    401: {"description": "Missing or bad token", **PROBLEM},
    403: {"description": "Needs admin (or the account's own token)", **PROBLEM},
    404: {"description": "No such account, token or grant", **PROBLEM},
    409: {"description": "The name or grant exists already", **PROBLEM},
    422: {"description": "Failed validation", **PROBLEM},
}


@router.get("/me", responses=RESPONSES)
def who_am_i(user: CurrentUser, session: SessionDep) -> dict[str, Any]:
    """The caller's account with its grants."""
    return service.account_body(session, accounts.find_account(session, user.account_id))


@router.get("", responses=RESPONSES)
def list_accounts(user: CurrentUser, session: SessionDep) -> list[dict[str, Any]]:
    """Every account with its active grants (admin)."""
    return [service.account_body(session, a) for a in accounts.all_accounts(session)]


@router.post("", status_code=201, responses=RESPONSES)
def create_account(body: AccountCreate, user: CurrentUser, session: SessionDep) -> dict[str, Any]:
    """Create an account with no grants and no token (admin); 409 when the name is taken."""
    return service.account_body(session, service.create_account(session, body.name))


@router.post("/{account_id}/tokens", status_code=201, responses=RESPONSES)
def create_token(
    account_id: IdPath, body: TokenCreate, user: CurrentUser, session: SessionDep
) -> TokenPublic:
    """A new token for the account; ``token`` is shown once. A global admin mints for any
    account; any other caller only for its own account, with the calling token as
    ``parent_id`` and an expiry no later than the parent's. ``expires_days``: default 90."""
    row, text = service.mint_token(session, user, account_id, body)
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
    return TokenPublic.model_validate(service.revoke(session, account_id, token_id, user.name))


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
    return GrantPublic.model_validate(service.grant(session, account_id, body, user.name))


@router.delete("/{account_id}/grants/{grant_id}", status_code=204, responses=RESPONSES)
def revoke_grant(
    account_id: IdPath, grant_id: IdPath, user: CurrentUser, session: SessionDep
) -> None:
    """Revoke a grant (admin): it stops at once and stays in the history with ``revoked_at``
    and ``revoked_by`` (``GET .../grants?include_revoked=true``); revoking twice is harmless.
    409 for the last active admin grant: nobody could manage accounts any more."""
    service.revoke_grant(session, account_id, grant_id, user.name)


@router.post("/{account_id}/disable", responses=RESPONSES)
def disable_account(account_id: IdPath, user: CurrentUser, session: SessionDep) -> dict[str, Any]:
    """Disable an account (admin): every one of its tokens stops at once; nothing is deleted.
    409 for the caller's own account (an admin cannot lock themselves out)."""
    return service.account_body(session, service.set_active(session, user, account_id, False))


@router.post("/{account_id}/enable", responses=RESPONSES)
def enable_account(account_id: IdPath, user: CurrentUser, session: SessionDep) -> dict[str, Any]:
    """Enable a disabled account again (admin): its unrevoked, unexpired tokens work again."""
    return service.account_body(session, service.set_active(session, user, account_id, True))
