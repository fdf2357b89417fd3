"""Account, token and grant rules behind ``api.routes.accounts`` (issue 3 section 1, issue 11).

Each function checks its rule, writes through ``api.repositories.accounts`` and commits, so a
route makes one call and never touches the session. Nothing is deleted: grants and tokens are
revoked and accounts disabled, each recorded with who and when.
"""

from datetime import timedelta
from typing import Any

from sqlmodel import Session

from api.domain.roles import global_only_errors
from api.errors import Conflict, InvalidParameter
from api.repositories import accounts
from api.services.auth import Principal, issue_token, revoke_token
from models import Account, ApiToken, Grant
from models.account import AccountPublic, GrantCreate, GrantPublic, TokenCreate
from models.common import utcnow


def account_body(session: Session, account: Account) -> dict[str, Any]:
    """``AccountPublic`` as JSON with ``grants``: the account's active grants by id."""
    grants = accounts.grants_of(session, account.id or 0)
    body = AccountPublic.model_validate(account).model_dump(mode="json")
    body["grants"] = [GrantPublic.model_validate(g).model_dump(mode="json") for g in grants]
    return body


def create_account(session: Session, name: str) -> Account:
    """A new active account with no grants and no token; 409 when ``name`` is taken."""
    if accounts.account_by_name(session, name) is not None:
        raise Conflict(f"an account '{name}' exists already")
    account = accounts.add_account(session, name)
    session.commit()
    return account


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


def mint_token(
    session: Session, user: Principal, account_id: int, body: TokenCreate
) -> tuple[ApiToken, str]:
    """A new token for ``account_id`` and its text (shown once). Minted for the caller's own
    account, it records the calling token as ``parent_id`` and expires no later than it.
    404 for no such account; 422 naming ``expires_days`` when it would outlive its parent."""
    account = accounts.find_account(session, account_id)
    days = _expiry_days(user, account_id, body)
    own = account_id == user.account_id
    parent = accounts.find_token(session, account_id, user.token_id) if own else None
    row, text = issue_token(session, account, days, body.label, parent=parent, created_by=user.name)
    if parent is not None and parent.expires_at is not None and row.expires_at is not None:
        row.expires_at = min(row.expires_at, parent.expires_at)
        accounts.save(session, row)
    session.commit()
    return row, text


def revoke(session: Session, account_id: int, token_id: int, by: str) -> ApiToken:
    """Revoke the account's token ``token_id`` and its descendants (twice is harmless); 404
    for no such token of this account."""
    row = accounts.find_token(session, account_id, token_id)
    revoke_token(session, row, by)
    session.commit()
    return row


def grant(session: Session, account_id: int, body: GrantCreate, by: str) -> Grant:
    """A new grant of ``body.role`` for ``body.language`` and ``body.level``. 422 naming the
    field when ``admin`` is not global; 404 for no such account; 409 when it exists already."""
    errors = global_only_errors(body.role.value, body.language, body.level)
    if errors:
        raise InvalidParameter("; ".join(f"{e['parameter']} {e['reason']}" for e in errors), errors)
    accounts.find_account(session, account_id)
    exists = accounts.same_grant(session, account_id, body.role, body.language, body.level)
    if exists is not None:
        raise Conflict("this grant exists already", grant_id=exists.id)
    row = accounts.add_grant(session, account_id, body.role.value, body.language, body.level, by)
    session.commit()
    return row


def revoke_grant(session: Session, account_id: int, grant_id: int, by: str) -> None:
    """Revoke the account's grant (twice is harmless); 409 for the last active admin grant,
    since nobody could manage accounts any more."""
    row = accounts.find_grant(session, account_id, grant_id)
    if row.revoked_at is None and accounts.admin_grant_ids(session) == [row.id]:
        raise Conflict("this is the last admin grant; grant admin to another account first")
    if row.revoked_at is None:
        row.revoked_at, row.revoked_by = utcnow(), by
        accounts.save(session, row)
        session.commit()


def set_active(session: Session, user: Principal, account_id: int, active: bool) -> Account:
    """Enable or disable the account (recorded with who and when; no change when it is so
    already). 409 when the caller disables their own account; 404 for no such account."""
    if not active and account_id == user.account_id:
        raise Conflict("an account cannot disable itself; ask another admin")
    account = accounts.find_account(session, account_id)
    if account.active == active:
        return account
    if active:
        account.active, account.enabled_at, account.enabled_by = True, utcnow(), user.name
    else:
        account.active, account.disabled_at, account.disabled_by = False, utcnow(), user.name
    accounts.save(session, account)
    session.commit()
    return account
