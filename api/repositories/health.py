"""The readiness probe's query."""

from sqlalchemy import text
from sqlmodel import Session


def ping(session: Session) -> None:
    """Run ``SELECT 1``; raises ``SQLAlchemyError`` when the database does not answer."""
    session.connection().execute(text("SELECT 1"))
