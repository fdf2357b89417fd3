"""Service state: small named values the service keeps for itself in the database.

Used by delta sync (issue 10, point 4): the generated token secret (when ``SYNC_TOKEN_SECRET``
is not set, so tokens survive restarts and work on every worker) and the change log's
low-water mark (the highest id ``content-api compact-sync`` removed).
"""

from datetime import datetime

from sqlalchemy import Text
from sqlmodel import Field, SQLModel

from models.common import UTCDateTime, utcnow


class ServiceState(SQLModel, table=True):
    """One named value; written once or replaced whole."""

    __tablename__ = "service_state"

    key: str = Field(primary_key=True, max_length=64)
    value: str = Field(sa_type=Text)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
