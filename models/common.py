"""Shared column types and vocabularies (reference.md section 5)."""

from datetime import UTC, datetime
from enum import StrEnum

from sqlalchemy import JSON, DateTime
from sqlalchemy.types import TypeDecorator

TAG_MAX = 35  # RFC 5646 section 4.4.1
LEVEL_MAX = 32
SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


def utcnow() -> datetime:
    """Timezone-aware now, UTC."""
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Timestamps stored with time zone and always read back as aware UTC (SQLite drops tz)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: object) -> datetime | None:
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value

    def process_result_value(self, value: datetime | None, dialect: object) -> datetime | None:
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value


JSONType = JSON


class VersionStatus(StrEnum):
    """Workflow states; ``stale`` is a flag derived from the source hash, not a state."""

    submitted = "submitted"
    published = "published"
    rejected = "rejected"
    superseded = "superseded"
    withdrawn = "withdrawn"


LIVE_STATUSES = (VersionStatus.submitted, VersionStatus.published)
"""A slot's live versions: what a translator sees as its current text (files, work list)."""
SOURCE_HISTORY = (VersionStatus.published, VersionStatus.superseded)
"""Statuses of every wording a source text has had (a source is never rejected)."""


class Origin(StrEnum):
    """Where a version came from."""

    source = "source"  # the authored text (the full version in the source language)
    seed = "seed"  # shipped with the package in translations/content
    api = "api"
    po_import = "po-import"
    xliff_import = "xliff-import"
