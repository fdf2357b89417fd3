"""SQLModel tables and API schemas.

The naming convention is set before any table is defined so that Alembic generates stable,
portable constraint names on SQLite and PostgreSQL alike.
"""

from sqlmodel import SQLModel

SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

from models.account import Account, ApiToken, Grant, Role  # noqa: E402
from models.article import (  # noqa: E402
    Article,
    ArticleReadability,
    ArticleTitle,
    ArticleTitleEvent,
)
from models.change_log import ChangeKind, ChangeLog  # noqa: E402
from models.common import VersionStatus  # noqa: E402
from models.event import EventAction, VersionEvent  # noqa: E402
from models.glossary import GlossaryEntry, GlossaryKind  # noqa: E402
from models.section import Section  # noqa: E402
from models.service_state import ServiceState  # noqa: E402
from models.version import Version  # noqa: E402

__all__ = [
    "Account",
    "ApiToken",
    "Article",
    "ArticleReadability",
    "ArticleTitle",
    "ArticleTitleEvent",
    "ChangeKind",
    "ChangeLog",
    "EventAction",
    "GlossaryEntry",
    "GlossaryKind",
    "Grant",
    "Role",
    "Section",
    "ServiceState",
    "Version",
    "VersionEvent",
    "VersionStatus",
]
