"""Opaque, signed delta-sync tokens (issue 10, point 4; reference.md section 4).

A token is an ``itsdangerous`` URL-safe serialization of a small JSON document, signed with
HMAC-SHA1 under a secret: ``SYNC_TOKEN_SECRET`` when set, else a random secret generated once
and kept in the database (``service_state``), so tokens survive restarts and work on every
worker. Sync tokens and page tokens are signed under different salts: one cannot stand for
the other. A token carries its filters; a token with other filters, a forged token or one
signed by another deployment is a 400 problem naming the parameter.
"""

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from itsdangerous import BadData, URLSafeSerializer
from sqlmodel import Session

from api.errors import ProblemError
from api.repositories import sync as repo

SYNC_SALT = "content-api.sync-token.v1"
PAGE_SALT = "content-api.page-token.v1"


class InvalidToken(ProblemError):
    """400: a sync or page token that this service did not issue, or issued for other filters."""

    status = 400
    slug = "invalid-token"
    title = "Invalid token"

    @classmethod
    def naming(cls, parameter: str, reason: str) -> "InvalidToken":
        """The problem, with ``errors`` naming the token parameter."""
        return cls(f"{parameter} {reason}", [{"parameter": parameter, "reason": reason}])


@dataclass(frozen=True, slots=True)
class Filters:
    """What a client syncs: canonical locales and level ids, optionally some article slugs."""

    locales: tuple[str, ...]
    levels: tuple[str, ...]
    articles: tuple[str, ...] | None = None

    def as_json(self) -> dict[str, Any]:
        """The filters as a token carries them."""
        return {
            "l": list(self.locales),
            "v": list(self.levels),
            "a": self.articles and list(self.articles),
        }

    @classmethod
    def from_json(cls, data: Any) -> "Filters":
        """Filters from a token's document (already signature-checked)."""
        articles = data["a"]
        return cls(tuple(data["l"]), tuple(data["v"]), tuple(articles) if articles else None)


def resolve_secret(configured: str | None, sessions: Callable[[], Session]) -> str:
    """The configured secret, or the one in the database (generated on first use)."""
    if configured:
        return configured
    with sessions() as session:
        return repo.stored_secret(session, secrets.token_urlsafe(32))


class TokenSigner:
    """Signs and checks sync tokens and page tokens under one secret."""

    def __init__(self, secret: str) -> None:
        self._sync = URLSafeSerializer(secret, salt=SYNC_SALT)
        self._page = URLSafeSerializer(secret, salt=PAGE_SALT)

    def sync_token(self, filters: Filters, position: int) -> str:
        """A token to continue from change ``position`` with ``filters``."""
        return str(self._sync.dumps({"f": filters.as_json(), "p": position}))

    def page_token(self, filters: Filters, state: dict[str, Any]) -> str:
        """A token for the next page of one sync (``state``: mode, window, cursor)."""
        return str(self._page.dumps({"f": filters.as_json(), **state}))

    def read_sync(self, token: str) -> tuple[Filters, int]:
        """``(filters, position)`` of a sync token, or a 400 naming ``sync_token``."""
        data = self._load(self._sync, token, "sync_token")
        try:
            return Filters.from_json(data["f"]), int(data["p"])
        except (KeyError, TypeError, ValueError):
            raise InvalidToken.naming("sync_token", "is not a sync token") from None

    def read_page(self, token: str) -> tuple[Filters, dict[str, Any]]:
        """``(filters, state)`` of a page token, or a 400 naming ``page_token``."""
        data = self._load(self._page, token, "page_token")
        try:
            return Filters.from_json(data.pop("f")), data
        except (KeyError, TypeError, ValueError, AttributeError):
            raise InvalidToken.naming("page_token", "is not a page token") from None

    @staticmethod
    def _load(serializer: URLSafeSerializer, token: str, parameter: str) -> Any:
        try:
            return serializer.loads(token)
        except BadData:
            reason = (
                "was not issued by this service (forged, damaged, or from another deployment);"
                " start again with an initial sync (no token)"
            )
            raise InvalidToken.naming(parameter, reason) from None
