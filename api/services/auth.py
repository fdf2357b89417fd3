"""Accounts, API tokens and grants (issue 3, section 1).

Tokens are ``secrets.token_urlsafe(32)`` (256 random bits) prefixed ``cat_``; only their
SHA-256 is stored, so the text is shown once, when created. A token authenticates while its
account is active (not disabled), it is not revoked and ``expires_at`` (if set) is in the
future. Token rules (issue 11): an admin mints tokens for any account; a token mints tokens
for its own account only, expiring no later than itself, recorded with ``parent_id``; revoking
a token revokes its descendants.
"""

import hashlib
import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from limits import RateLimitItem, parse
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter
from sqlmodel import Session

from api.domain.authorization import Rule
from api.domain.roles import GrantRule, allowed, describe_need
from api.errors import Forbidden, Unauthorized
from api.repositories import accounts
from models import Account, ApiToken
from models.common import utcnow

TOKEN_PREFIX = "cat_"
MISSING_TOKEN = "this needs an API token: Authorization: Bearer <token>"


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
    token_id: int = 0
    token_expires_at: datetime | None = None
    rule: Rule | None = field(default=None, compare=False)  # the route's (api.deps sets it)

    def can(self, role: str, locale: str | None = None, level: str | None = None) -> bool:
        """True when a grant covers ``role`` for ``locale`` and ``level`` (both None: the role
        everywhere, which only a global grant gives)."""
        return allowed(self.grants, role, locale, level)

    @property
    def is_admin(self) -> bool:
        """True with a global ``admin`` grant."""
        return self.can("admin")

    def require(self, role: str, locale: str | None = None, level: str | None = None) -> None:
        """Raise 403 naming the missing grant (``needs translator for es``) unless allowed.

        ``RuntimeError`` (a 500, caught by the route walk in the tests) when the route's rule
        in ``api.domain.authorization.RULES`` names another role: code and table must agree.
        """
        if self.rule is not None and self.rule.role not in (None, role):
            raise RuntimeError(f"route rule needs {self.rule.role}, the code asked for {role}")
        if not self.can(role, locale, level):
            need = describe_need(role, locale, level)
            raise Forbidden(
                f"{self.name} {need}", needs={"role": role, "language": locale, "level": level}
            )


def issue_token(
    session: Session,
    account: Account,
    days: int | None,
    label: str = "",
    *,
    parent: ApiToken | None = None,
    created_by: str | None = None,
) -> tuple[ApiToken, str]:
    """Store a new token for ``account`` (minted by ``parent``, if given); returns the row and
    the token text (shown once)."""
    assert account.id is not None
    text = new_token_text()
    expires = utcnow() + timedelta(days=days) if days else None
    parent_id = parent.id if parent is not None else None
    row = accounts.add_token(
        session, account.id, hash_token(text), label, expires, parent_id, created_by
    )
    return row, text


def revoke_token(session: Session, token: ApiToken, by: str) -> list[ApiToken]:
    """Revoke ``token`` and every token minted from it, transitively (already revoked ones
    keep their first ``revoked_at``); returns the tokens revoked now. Does not commit."""
    now, revoked = utcnow(), []
    for row in [token, *accounts.descendants(session, token.id or 0)]:
        if row.revoked_at is None:
            row.revoked_at, row.revoked_by = now, by
            revoked.append(row)
    accounts.save(session, *revoked)
    return revoked


def authenticate(
    session: Session, authorization: str | None, now: datetime | None = None
) -> Principal:
    """The principal for an ``Authorization: Bearer <token>`` header, or 401."""
    if not authorization:
        raise Unauthorized(MISSING_TOKEN)
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthorized("the Authorization header must be 'Bearer <token>'", invalid_token=True)
    row = accounts.token_with_account(session, hash_token(token.strip()))
    now = now or utcnow()
    if row is None:
        raise Unauthorized("unknown API token", invalid_token=True)
    tok, account = row
    if not account.active:
        raise Unauthorized("this account is disabled", invalid_token=True)
    if tok.revoked_at is not None:
        raise Unauthorized("this API token has been revoked", invalid_token=True)
    if tok.expires_at is not None and tok.expires_at <= now:
        raise Unauthorized("this API token has expired", invalid_token=True)
    grants = accounts.grants_of(session, account.id or 0)
    rules = tuple(GrantRule(str(g.role), g.language, g.level) for g in grants)
    return Principal(account.id or 0, account.name, rules, tok.id or 0, tok.expires_at)


class FailedAuthLimiter:
    """Failed authentications per client address in a moving window (the ``limits`` library,
    in-memory storage: per process). ``allows`` before checking a token, ``failed`` after a
    token was refused; ``retry_after`` is whole seconds until the window frees a slot."""

    def __init__(self, limit: str) -> None:
        self.item: RateLimitItem = parse(limit)
        self.limiter = MovingWindowRateLimiter(MemoryStorage())

    def allows(self, client: str) -> bool:
        """True while ``client`` is under the limit."""
        return self.limiter.test(self.item, client)

    def failed(self, client: str) -> None:
        """Count one failed authentication of ``client``."""
        self.limiter.hit(self.item, client)

    def retry_after(self, client: str) -> int:
        """Seconds until ``client`` may try again (at least 1)."""
        reset = self.limiter.get_window_stats(self.item, client).reset_time
        return max(1, int(reset - utcnow().timestamp()) + 1)


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
        account = accounts.add_account(session, name)
    has_admin = next(
        (
            g
            for g in accounts.grants_of(session, account.id or 0)
            if (g.role, g.language) == ("admin", "*")
        ),
        None,
    )
    if has_admin is None:
        accounts.add_grant(session, account.id or 0, "admin", "*", None, "content-api create-admin")
    _, text = issue_token(session, account, days, label="create-admin")
    session.commit()
    return text
