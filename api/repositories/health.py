"""The readiness probe's queries: can the database take a write now? (issue 11, point 4)."""

from sqlalchemy import Engine, text

READY_BUSY_MS = 200  # how long the probe waits for SQLite's write lock


class NotWritable(Exception):
    """The database answers but cannot take a write (locked, read-only)."""


def check_writable(engine: Engine, busy_ms: int = READY_BUSY_MS) -> None:
    """Return when a write transaction could start now; ``NotWritable`` when the database
    answers but would refuse or stall a write; ``SQLAlchemyError`` when it does not answer.

    SQLite: ``BEGIN IMMEDIATE`` + ``ROLLBACK`` with a ``busy_ms`` busy timeout (another writer
    holding the lock longer means writes would wait). PostgreSQL: a fresh transaction must not
    be read-only (a hot standby, or ``default_transaction_read_only``).
    """
    if engine.dialect.name == "sqlite":
        _sqlite_write_lock(engine, busy_ms)
        return
    with engine.connect() as conn:
        read_only = conn.execute(text("SHOW transaction_read_only")).scalar()
        conn.rollback()
    if read_only == "on":
        raise NotWritable("the database server is read-only")


def _sqlite_write_lock(engine: Engine, busy_ms: int) -> None:
    import sqlite3

    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        cursor.execute(f"PRAGMA busy_timeout={int(busy_ms)}")
        try:
            cursor.execute("BEGIN IMMEDIATE")
            cursor.execute("ROLLBACK")
        except sqlite3.OperationalError as exc:
            raise NotWritable(f"SQLite's write lock is held: {exc}") from None
        finally:
            cursor.execute("PRAGMA busy_timeout=5000")  # api.db's setting for every connection
            cursor.close()
    finally:
        raw.close()
