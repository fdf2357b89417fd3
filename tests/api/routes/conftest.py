"""Accounts with tokens for the write API tests (issue 3): one per role, made in the test's
rolled-back transaction, so every test starts from the seeded content and no accounts."""

from collections.abc import Callable

import pytest
from sqlmodel import Session, select

from api.services.auth import issue_token
from models import Account, Grant, Section

SLUG = "immunotherapy-breast-cancer"
KEY = "summary"

Headers = dict[str, str]


def make_account(session: Session, name: str, *grants: tuple[str, str, str | None]) -> Headers:
    """An account with ``(role, language pattern, level)`` grants; its bearer header."""
    account = Account(name=name)
    session.add(account)
    session.flush()
    for role, language, level in grants:
        session.add(Grant(account_id=account.id or 0, role=role, language=language, level=level))
    _, token = issue_token(session, account, 30)
    session.commit()
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def people(session: Session) -> dict[str, Headers]:
    """Bearer headers by role: admin, translator (de), translator_es (es-*, plain only),
    reviewer and reviewer2 (every language), editor (en), nobody (no grants)."""
    return {
        "admin": make_account(session, "ada", ("admin", "*", None)),
        "translator": make_account(session, "tom", ("translator", "de", None)),
        "translator_es": make_account(session, "tess", ("translator", "es-*", "plain")),
        "reviewer": make_account(session, "rita", ("reviewer", "*", None)),
        "reviewer2": make_account(session, "rob", ("reviewer", "*", None)),
        "editor": make_account(session, "eve", ("editor", "en", None)),
        "nobody": make_account(session, "nils"),
    }


@pytest.fixture
def current_hash(session: Session) -> Callable[[str], str]:
    """The current source_hash of a section of the seeded article."""

    def get(key: str = KEY) -> str:
        session.expire_all()
        return session.exec(select(Section.source_hash).where(Section.key == key)).one()

    return get
