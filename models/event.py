"""Version events: the append-only log of what happened to each version (issue 3, section 2).

Every submission, publication, supersession, rejection, withdrawal and source edit is one
row. A ``withdrawn`` event is the tombstone of a published version that was taken down: the
version row itself stays (versions are append-only) with status ``withdrawn``.
"""

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Index, Text
from sqlmodel import Field, SQLModel

from models.common import LEVEL_MAX, TAG_MAX, UTCDateTime, utcnow


class EventAction(StrEnum):
    """What happened to a version."""

    submitted = "submitted"
    published = "published"
    superseded = "superseded"
    rejected = "rejected"
    withdrawn = "withdrawn"  # the tombstone
    source_minor = "source-minor"
    source_substantive = "source-substantive"


class VersionEventBase(SQLModel):
    """One thing that happened to one version of a slot (section x language x level)."""

    version_id: int = Field(foreign_key="version.id", ondelete="CASCADE")
    section_id: int = Field(foreign_key="section.id", ondelete="CASCADE")
    locale: str = Field(max_length=TAG_MAX)
    level: str = Field(max_length=LEVEL_MAX)
    action: str = Field(max_length=24)
    actor: str = Field(max_length=200)
    comment: str | None = Field(default=None, sa_type=Text)
    details: dict[str, Any] = Field(
        default_factory=dict, sa_type=JSON, description="e.g. the check results of a submission"
    )
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class VersionEvent(VersionEventBase, table=True):
    """A stored event; the slot's latest event id is part of the slot's ETag."""

    __tablename__ = "version_event"
    __table_args__ = (Index("ix_version_event_slot", "section_id", "locale", "level"),)

    id: int | None = Field(default=None, primary_key=True)


class VersionEventPublic(VersionEventBase):
    """An event as the history shows it."""

    id: int
