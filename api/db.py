"""Database engine, sessions and migrations (SQLite by default, PostgreSQL via DATABASE_URL)."""

from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

import anyio
from alembic.config import Config
from sqlalchemy import Engine, event, inspect, make_url, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError
from sqlmodel import Session, create_engine

from alembic import command
from api.resources import alembic_dir


def _sqlite_pragmas(dbapi_connection: Any, _: Any) -> None:
    # pysqlite's legacy transaction handling sends no BEGIN until the first write, so reads
    # before it are not isolated and SAVEPOINTs misbehave; SQLAlchemy's documented fix
    # ("Serializable isolation / Savepoints / Transactional DDL"): turn it off, and BEGIN
    # ourselves in _sqlite_begin.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")  # readers never wait for the writer
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


WRITE = {"write_transaction": True}  # execution options of a session that will write


def _sqlite_begin(connection: Connection) -> None:
    # A writing transaction takes SQLite's single write lock up front (IMMEDIATE), so a second
    # writer waits out the busy timeout instead of failing with SQLITE_BUSY_SNAPSHOT when its
    # read turns into a write; reading transactions stay deferred and never wait (WAL).
    write = connection.get_execution_options().get("write_transaction", False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


class WriteQueueFull(Exception):
    """More writers are waiting than ``WRITE_QUEUE_MAX``: answer 503 at once."""


class WriteWaitTimeout(Exception):
    """A writer waited ``WRITE_QUEUE_TIMEOUT`` seconds without getting its turn."""


class WriteGate:
    """Admission to write transactions, awaited on the event loop (issue 11, point 2).

    At most ``capacity`` requests hold a write transaction at once (1 on SQLite: it has one
    write lock; more on PostgreSQL), and at most ``queue_max`` more wait for their turn.
    Waiting here holds no worker thread, so the writer that holds SQLite's lock always finds a
    thread to finish on; before this gate, about 40 writers blocked in ``BEGIN IMMEDIATE``
    took every thread of the pool and stalled it for the whole busy timeout.
    """

    def __init__(self, capacity: int, queue_max: int, wait_timeout: float) -> None:
        self.capacity, self.queue_max, self.wait_timeout = capacity, queue_max, wait_timeout
        self._slots = anyio.Semaphore(capacity)  # anyio: not bound to one event loop
        self.waiting = 0

    @classmethod
    def for_url(cls, url: str, concurrency: int, queue_max: int, wait: float) -> "WriteGate":
        """The gate for ``url``: one writer at a time on SQLite, ``concurrency`` elsewhere."""
        return cls(1 if url.startswith("sqlite") else concurrency, queue_max, wait)

    @asynccontextmanager
    async def turn(self) -> AsyncIterator[None]:
        """Hold one write slot for the block; ``WriteQueueFull`` at once when ``queue_max``
        writers wait already, ``WriteWaitTimeout`` after ``wait_timeout`` seconds."""
        if self._slots.value == 0 and self.waiting >= self.queue_max:
            raise WriteQueueFull(f"{self.waiting} writers are waiting already")
        self.waiting += 1
        try:
            with anyio.fail_after(self.wait_timeout):
                await self._slots.acquire()
        except TimeoutError:
            raise WriteWaitTimeout(f"no write slot within {self.wait_timeout:g} s") from None
        finally:
            self.waiting -= 1
        try:
            yield
        finally:
            self._slots.release()


def make_engine(url: str) -> Engine:
    """An engine for ``url``; SQLite gets real transactions, foreign keys, WAL, a busy timeout.

    ``hide_parameters``: statement parameters are user-submitted text (translations, comments,
    token labels), so database errors and their log lines name the SQL but never the values.
    """
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False}, hide_parameters=True)
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    return create_engine(
        url, pool_pre_ping=True, pool_size=10, max_overflow=20, hide_parameters=True
    )


@lru_cache
def get_engine(url: str) -> Engine:
    """One engine per URL for the process."""
    return make_engine(url)


def session_scope(engine: Engine) -> Iterator[Session]:
    """A session that is closed after use (for dependencies)."""
    with Session(engine) as session:
        yield session


def alembic_config(url: str, connection: Connection | None = None) -> Config:
    """Alembic configuration pointing at the packaged migrations."""
    config = Config()
    config.set_main_option("script_location", str(alembic_dir()))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


@contextmanager
def _migrating(engine: Engine) -> Iterator[Connection]:
    """A connection in one transaction for Alembic. On SQLite, foreign keys are off meanwhile
    and checked before commit: Alembic's batch mode rebuilds a table (copy, drop, rename, as
    sqlite.org "ALTER TABLE" section 7 prescribes), and with foreign keys on, dropping the old
    table cascades into every table that references it. ``PRAGMA foreign_keys`` is a no-op
    inside a transaction, so it is set on the driver connection before BEGIN."""
    sqlite = engine.dialect.name == "sqlite"
    with engine.connect() as connection:
        driver = connection.connection.driver_connection
        if sqlite and driver is not None:
            driver.execute("PRAGMA foreign_keys=OFF")
        try:
            with connection.begin():
                yield connection
                if sqlite and connection.exec_driver_sql("PRAGMA foreign_key_check").first():
                    raise RuntimeError("the migration left rows whose foreign keys dangle")
        finally:
            if sqlite and driver is not None:
                driver.execute("PRAGMA foreign_keys=ON")


def migrate(engine: Engine, revision: str = "head") -> None:
    """Upgrade the database behind ``engine`` to ``revision``."""
    with _migrating(engine) as connection:
        command.upgrade(alembic_config(str(engine.url), connection), revision)


def downgrade(engine: Engine, revision: str) -> None:
    """Downgrade the database behind ``engine`` to ``revision`` (``base`` drops everything)."""
    with _migrating(engine) as connection:
        command.downgrade(alembic_config(str(engine.url), connection), revision)


def ping(engine: Engine) -> None:
    """Raise if the database cannot answer ``SELECT 1``."""
    with engine.connect() as connection:
        connection.execute(text("SELECT 1"))


def describe_database_error(exc: DBAPIError) -> str:
    """A log line for a database error that names the driver error, its SQLSTATE and the
    statement's first words, never values: PostgreSQL's ``DETAIL`` ("Failing row contains
    (...)") and the statement parameters are user-submitted text."""
    orig = exc.orig
    primary = getattr(getattr(orig, "diag", None), "message_primary", None)
    message = primary or (str(orig).splitlines()[0] if orig is not None else type(exc).__name__)
    sqlstate = getattr(orig, "sqlstate", None)
    statement = " ".join((exc.statement or "").split()[:4])
    state = f" (SQLSTATE {sqlstate})" if sqlstate else ""
    return f"{type(orig).__name__}{state}: {message} [in: {statement} ...]"


class DatabaseUnusable(Exception):
    """``DATABASE_URL`` cannot be used; the message names the variable and what was wrong."""


URL_FORMS = "sqlite:///path/to/file.db or postgresql://user@host:5432/dbname"


def shown_url(url: str) -> str:
    """``url`` with any password masked, for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return repr(url)


def usable_engine(url: str) -> Engine:
    """The engine for ``url`` after one round trip, or ``DatabaseUnusable`` in one line: an
    unparsable URL, an unsupported database, or a server or file that cannot be opened."""
    try:
        engine = get_engine(url)
        ping(engine)
    except ArgumentError:
        raise DatabaseUnusable(
            f"DATABASE_URL: {url!r} is not a database URL; expected {URL_FORMS}"
        ) from None
    except (NoSuchModuleError, ImportError):  # unknown dialect, or its driver not installed
        scheme = url.split(":", 1)[0]
        raise DatabaseUnusable(
            f"DATABASE_URL: unsupported database {scheme!r}; use sqlite or postgresql"
        ) from None
    except DBAPIError as exc:
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else type(exc).__name__
        raise DatabaseUnusable(f"DATABASE_URL: cannot open {shown_url(url)}: {reason}") from None
    return engine


def sqlite_file(url: str) -> Path | None:
    """The absolute path of a file-backed SQLite URL (relative paths are from the working
    directory), or None for other databases and in-memory SQLite; ``DatabaseUnusable`` for a
    URL that does not parse."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise DatabaseUnusable(
            f"DATABASE_URL: {url!r} is not a database URL; expected {URL_FORMS}"
        ) from None
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database).resolve()


def require_existing(url: str) -> Engine:
    """The engine of a database that exists and has been migrated, else ``DatabaseUnusable``
    saying where it looked: for commands that need existing content (``create-admin``), so a
    run in the wrong directory never silently creates a new, empty database."""
    path = sqlite_file(url)
    hint = "start the service once (content-api serve) or run content-api migrate, or set it"
    if path is not None and not path.exists():
        raise DatabaseUnusable(
            f"DATABASE_URL: no database at {path} ({shown_url(url)}, relative to {Path.cwd()}); "
            + hint
        )
    engine = usable_engine(url)
    if not inspect(engine).has_table("alembic_version"):
        where = path or shown_url(url)
        raise DatabaseUnusable(f"DATABASE_URL: the database at {where} is empty; " + hint)
    return engine
