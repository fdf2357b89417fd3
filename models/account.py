"""Accounts, their API tokens and their role grants (issue 3, section 1).

A token is shown once when created and stored only as the SHA-256 of its text (a
``secrets.token_urlsafe(32)`` value: 256 bits of entropy, so a fast hash is enough). A grant
gives one role for a language pattern (``es``, ``es-*``, ``*``) and optionally one level.
"""

import unicodedata
from datetime import datetime
from enum import StrEnum

from pydantic import field_validator
from pydantic_core import PydanticCustomError
from sqlalchemy import Index, UniqueConstraint, text
from sqlmodel import Field, SQLModel

from models.common import LEVEL_MAX, UTCDateTime, utcnow

NAME_MAX = 200
PATTERN_MAX = 40
TOKEN_DAYS_MIN, TOKEN_DAYS_MAX = 1, 3650  # a token's lifetime (API and create-admin)
# Refused anywhere in a name: controls (Cc), format characters such as the bidi overrides
# U+202E and zero-width joiners (Cf), surrogates (Cs) and line/paragraph separators (Zl, Zp).
NAME_REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})


def check_account_name(raw: str) -> str:
    """``raw`` without surrounding whitespace, or ``ValueError`` saying what is wrong.

    The one rule for account names: the API (:class:`AccountCreate`) and ``content-api
    create-admin`` both apply it.
    """
    name = raw.strip()
    if not name:
        raise ValueError("must not be empty or only whitespace")
    if len(name) > NAME_MAX:
        raise ValueError(f"must be at most {NAME_MAX} characters")
    bad = next((ch for ch in name if unicodedata.category(ch) in NAME_REFUSED_CATEGORIES), None)
    if bad is not None:
        raise ValueError(f"must not contain control or formatting characters (U+{ord(bad):04X})")
    return name


class Role(StrEnum):
    """What a grant allows: translator submits, reviewer publishes/rejects/withdraws,
    editor changes source text and creates articles and sections, admin manages accounts."""

    translator = "translator"
    reviewer = "reviewer"
    editor = "editor"
    admin = "admin"


class AccountBase(SQLModel):
    """Fields an admin sets. Validated on the way in (:class:`AccountCreate`) only, so that a
    stored name never fails to be shown."""

    name: str = Field(
        max_length=NAME_MAX,
        description="Unique login name; recorded as author/reviewer of versions",
    )


class Account(AccountBase, table=True):
    """A person or tool that calls the write API."""

    __tablename__ = "account"
    __table_args__ = (UniqueConstraint("name"),)

    id: int | None = Field(default=None, primary_key=True)
    active: bool = Field(default=True)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    # The last disable and enable, by whom (an account name); nothing is ever deleted.
    disabled_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    disabled_by: str | None = Field(default=None, max_length=NAME_MAX)
    enabled_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    enabled_by: str | None = Field(default=None, max_length=NAME_MAX)


class AccountCreate(AccountBase):
    """Body of ``POST /v1/accounts``: surrounding whitespace is removed; the name must not be
    empty nor contain control or formatting characters."""

    @field_validator("name", mode="before")
    @classmethod
    def _name(cls, value: object) -> object:
        if not isinstance(value, str):
            return value  # pydantic reports the type
        try:
            return check_account_name(value)
        except ValueError as exc:
            raise PydanticCustomError("account_name", str(exc)) from None


class AccountPublic(AccountBase):
    """An account as the API shows it."""

    id: int
    active: bool
    created_at: datetime
    disabled_at: datetime | None = None
    disabled_by: str | None = None
    enabled_at: datetime | None = None
    enabled_by: str | None = None


class ApiToken(SQLModel, table=True):
    """A bearer token: only its SHA-256 is stored; revoked or expired tokens authenticate no one.

    ``parent_id``: the token that minted this one for its own account (revoking a token revokes
    its descendants); null for tokens an admin or ``create-admin`` made.
    """

    __tablename__ = "api_token"
    __table_args__ = (UniqueConstraint("token_hash"),)

    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="account.id", index=True, ondelete="CASCADE")
    token_hash: str = Field(max_length=64)
    label: str = Field(default="", max_length=200)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    expires_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    revoked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    parent_id: int | None = Field(default=None, foreign_key="api_token.id", index=True)
    created_by: str | None = Field(default=None, max_length=NAME_MAX)
    revoked_by: str | None = Field(default=None, max_length=NAME_MAX)


class TokenCreate(SQLModel):
    """Body of ``POST /v1/accounts/{id}/tokens``: days until expiry (1-3650). A token an
    account mints for itself expires no later than the token that mints it."""

    label: str = Field(default="", max_length=200)
    expires_days: int = Field(default=90, ge=TOKEN_DAYS_MIN, le=TOKEN_DAYS_MAX)


class TokenPublic(SQLModel):
    """A token's metadata; ``token`` is only ever filled in the response that creates it."""

    id: int
    account_id: int
    label: str
    created_at: datetime
    expires_at: datetime | None
    revoked_at: datetime | None
    parent_id: int | None = None
    created_by: str | None = None
    revoked_by: str | None = None
    token: str | None = None


class GrantBase(SQLModel):
    """One role for a language pattern and optionally a single reading level."""

    role: Role
    language: str = Field(
        min_length=1,
        max_length=PATTERN_MAX,
        description="es (exactly es), es-* (es and its variants) or *",
    )
    level: str | None = Field(
        default=None, max_length=LEVEL_MAX, description="Reading level id; null means every level"
    )


ACTIVE_GRANT = text("revoked_at IS NULL")


class Grant(GrantBase, table=True):
    """A role granted to an account; revoking keeps the row (``revoked_at``, ``revoked_by``).
    At most one active grant per account, role, language pattern and level."""

    __tablename__ = "role_grant"  # "grant" is an SQL keyword
    __table_args__ = (
        Index(
            "uq_role_grant_active",
            "account_id",
            "role",
            "language",
            "level",
            unique=True,
            sqlite_where=ACTIVE_GRANT,
            postgresql_where=ACTIVE_GRANT,
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="account.id", index=True, ondelete="CASCADE")
    role: str = Field(max_length=16, description="a Role value")  # type: ignore[assignment]
    granted_by: str | None = Field(default=None, max_length=200)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    revoked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    revoked_by: str | None = Field(default=None, max_length=200)


class GrantCreate(GrantBase):
    """Body of ``POST /v1/accounts/{id}/grants``; ``admin`` is granted globally only
    (language ``*``, no level: ``api.domain.roles.global_only_errors``, checked by the route)."""

    @field_validator("language")
    @classmethod
    def _pattern(cls, value: str) -> str:
        from api.domain.roles import canonical_pattern  # the one place patterns are defined

        return canonical_pattern(value)

    @field_validator("level")
    @classmethod
    def _level(cls, value: str | None) -> str | None:
        from api.domain.levels import load_scheme  # the configured reading levels

        ids = load_scheme().ids
        if value is not None and value not in ids:
            raise PydanticCustomError(
                "level",
                "must be one of {levels}, or null for every level",
                {"levels": ", ".join(ids)},
            )
        return value


class GrantPublic(GrantBase):
    """A grant as the API shows it."""

    id: int
    account_id: int
    granted_by: str | None
    created_at: datetime
    revoked_at: datetime | None = None
    revoked_by: str | None = None
