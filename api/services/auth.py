"""Accounts, API tokens and grants (issue 3, section 1).

Tokens are ``secrets.token_urlsafe(32)`` (256 random bits) prefixed ``cat_``; only their
SHA-256 is stored, so the text is shown once, when created. A token authenticates while its
account is active, it is not revoked and ``expires_at`` (if set) is in the future.
"""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session

from api.domain.roles import GrantRule, allowed, describe_need
from api.errors import Forbidden, Unauthorized
from api.repositories import accounts
from models import Account, ApiToken, Grant
from models.common import utcnow

TOKEN_PREFIX = "cat_"


def hash_token(token: str) -> str:
    """SHA-256 hex digest of a token's text: what is stored and looked up."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_token_text() -> str:
    """A fresh high-entropy token text."""
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


@dataclass(frozen=True, slots=True)
class Principal:
    """The authenticated caller: account name (recorded as author/reviewer) and grants."""

    account_id: int
    name: str
    grants: tuple[GrantRule, ...]

    def can(self, role: str, locale: str | None = None, level: str | None = None) -> bool:
        """True when a grant covers ``role`` for ``locale`` and ``level``."""
        return allowed(self.grants, role, locale, level)

    def require(self, role: str, locale: str | None = None, level: str | None = None) -> None:
        """Raise 403 naming the missing grant (``needs translator for es``) unless allowed."""
        if not self.can(role, locale, level):
            need = describe_need(role, locale, level)
            raise Forbidden(
                f"{self.name} {need}", needs={"role": role, "language": locale, "level": level}
            )


def issue_token(
    session: Session, account: Account, days: int | None, label: str = ""
) -> tuple[ApiToken, str]:
    """Store a new token for ``account``; returns the row and the token text (shown once)."""
    assert account.id is not None
    text = new_token_text()
    expires = utcnow() + timedelta(days=days) if days else None
    row = ApiToken(
        account_id=account.id, token_hash=hash_token(text), label=label, expires_at=expires
    )
    session.add(row)
    session.flush()
    return row, text


def authenticate(
    session: Session, authorization: str | None, now: datetime | None = None
) -> Principal:
    """The principal for an ``Authorization: Bearer <token>`` header, or 401."""
    if not authorization:
        raise Unauthorized("this needs an API token: Authorization: Bearer <token>")
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthorized("the Authorization header must be 'Bearer <token>'", invalid_token=True)
    row = accounts.token_with_account(session, hash_token(token.strip()))
    now = now or utcnow()
    if row is None:
        raise Unauthorized("unknown API token", invalid_token=True)
    tok, account = row
    if tok.revoked_at is not None or not account.active:
        raise Unauthorized("this API token has been revoked", invalid_token=True)
    if tok.expires_at is not None and tok.expires_at <= now:
        raise Unauthorized("this API token has expired", invalid_token=True)
    grants = accounts.grants_of(session, account.id or 0)
    rules = tuple(GrantRule(str(g.role), g.language, g.level) for g in grants)
    return Principal(account.id or 0, account.name, rules)


class AccountExists(Exception):
    """``create-admin`` named an existing account without ``--promote``."""


def create_admin(session: Session, name: str, days: int | None, *, promote: bool = False) -> str:
    """Create account ``name`` with an ``admin`` grant for ``*``; returns a new token.

    Used by ``content-api create-admin`` to bootstrap the first account. An existing account
    is made an admin only with ``promote=True`` (else ``AccountExists``: a typo must not
    silently hand out admin rights). Commits.
    """
    account = accounts.account_by_name(session, name)
    if account is not None and not promote:
        raise AccountExists(
            f"account {name!r} already exists; give --promote to grant it admin and a new token"
        )
    if account is None:
        account = Account(name=name)
        session.add(account)
        session.flush()
    has_admin = next(
        (
            g
            for g in accounts.grants_of(session, account.id or 0)
            if (g.role, g.language) == ("admin", "*")
        ),
        None,
    )
    if has_admin is None:
        session.add(
            Grant(
                account_id=account.id or 0,
                role="admin",
                language="*",
                granted_by="content-api create-admin",
            )
        )
    _, text = issue_token(session, account, days, label="create-admin")
    session.commit()
    return text
