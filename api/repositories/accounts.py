"""Queries on accounts, API tokens and grants (``models.account``, issue 3 section 1)."""

from datetime import datetime

from sqlmodel import Session, col, select

from api.errors import NotFound
from models import Account, ApiToken, Grant


def find_account(session: Session, account_id: int) -> Account:
    """The account, or 404."""
    account = session.get(Account, account_id)
    if account is None:
        raise NotFound(f"no account {account_id}", missing={"account": account_id})
    return account


def account_by_name(session: Session, name: str) -> Account | None:
    """The account with this name, or None."""
    return session.exec(select(Account).where(Account.name == name)).first()


def all_accounts(session: Session) -> list[Account]:
    """Every account by id."""
    return list(session.exec(select(Account).order_by(col(Account.id))))


def grants_of(session: Session, account_id: int, include_revoked: bool = False) -> list[Grant]:
    """The account's active grants by id (with ``include_revoked``, its whole grant history)."""
    query = select(Grant).where(Grant.account_id == account_id)
    if not include_revoked:
        query = query.where(col(Grant.revoked_at).is_(None))
    return list(session.exec(query.order_by(col(Grant.id))))


def admin_grant_ids(session: Session) -> list[int]:
    """Ids of the active global admin grants of active accounts (who can still administer)."""
    query = (
        select(Grant)
        .join(Account, col(Account.id) == Grant.account_id)
        .where(
            Grant.role == "admin",
            Grant.language == "*",
            col(Grant.level).is_(None),
            col(Grant.revoked_at).is_(None),
            col(Account.active).is_(True),
        )
    )
    return [g.id for g in session.exec(query) if g.id is not None]


def same_grant(
    session: Session, account_id: int, role: str, language: str, level: str | None
) -> Grant | None:
    """The account's grant of exactly this role, language pattern and level, if any."""
    return session.exec(
        select(Grant).where(
            Grant.account_id == account_id,
            Grant.role == role,
            Grant.language == language,
            col(Grant.level).is_(None) if level is None else Grant.level == level,
            col(Grant.revoked_at).is_(None),
        )
    ).first()


def find_grant(session: Session, account_id: int, grant_id: int) -> Grant:
    """The account's grant ``grant_id``, or 404."""
    grant = session.get(Grant, grant_id)
    if grant is None or grant.account_id != account_id:
        raise NotFound(f"account {account_id} has no grant {grant_id}", missing={"grant": grant_id})
    return grant


def tokens_of(session: Session, account_id: int) -> list[ApiToken]:
    """The account's tokens by id."""
    return list(
        session.exec(
            select(ApiToken).where(ApiToken.account_id == account_id).order_by(col(ApiToken.id))
        )
    )


def find_token(session: Session, account_id: int, token_id: int) -> ApiToken:
    """The account's token ``token_id``, or 404."""
    row = session.get(ApiToken, token_id)
    if row is None or row.account_id != account_id:
        raise NotFound(f"account {account_id} has no token {token_id}", missing={"token": token_id})
    return row


def descendants(session: Session, token_id: int) -> list[ApiToken]:
    """Every token minted from ``token_id``, transitively, breadth first."""
    found: list[ApiToken] = []
    frontier = [token_id]
    while frontier:
        children = list(
            session.exec(
                select(ApiToken)
                .where(col(ApiToken.parent_id).in_(frontier))
                .order_by(col(ApiToken.id))
            )
        )
        found.extend(children)
        frontier = [c.id for c in children if c.id is not None]
    return found


def token_with_account(session: Session, token_hash: str) -> tuple[ApiToken, Account] | None:
    """The token with this SHA-256 and its account, or None."""
    row = session.exec(
        select(ApiToken, Account).join(Account).where(ApiToken.token_hash == token_hash)
    ).first()
    return (row[0], row[1]) if row is not None else None


# Writes: each adds or changes rows and flushes; the caller (``api.services.accounts``,
# ``api.services.auth``) commits, so one request's changes land in one transaction.


def add_account(session: Session, name: str) -> Account:
    """Insert an active account with no grants; flushed, so it has its id."""
    account = Account(name=name)
    session.add(account)
    session.flush()
    return account


def add_grant(
    session: Session, account_id: int, role: str, language: str, level: str | None, by: str
) -> Grant:
    """Insert an active grant of ``role`` for ``language`` (a pattern) and ``level``."""
    grant = Grant(account_id=account_id, role=role, language=language, level=level, granted_by=by)
    session.add(grant)
    session.flush()
    return grant


def add_token(
    session: Session,
    account_id: int,
    token_hash: str,
    label: str,
    expires_at: datetime | None,
    parent_id: int | None,
    created_by: str | None,
) -> ApiToken:
    """Insert a token row (only the token's SHA-256 is stored); flushed, so it has its id."""
    row = ApiToken(
        account_id=account_id,
        token_hash=token_hash,
        label=label,
        expires_at=expires_at,
        parent_id=parent_id,
        created_by=created_by,
    )
    session.add(row)
    session.flush()
    return row


def save(session: Session, *rows: Account | Grant | ApiToken) -> None:
    """Write back changed account, grant or token rows (revoked, disabled, enabled, cut)."""
    session.add_all(rows)
    session.flush()
