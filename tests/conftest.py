"""Test fixtures: one migrated and seeded database per session, one rolled-back transaction
per test, real HTTP through Starlette's TestClient (httpx).

``TEST_DATABASE_URL`` picks the database (default: a SQLite file in a temporary directory);
on PostgreSQL each session works in its own schema so that runs never see each other's data.
"""

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, create_engine, event, text
from sqlmodel import Session

from api.config import Settings
from api.db import make_engine, migrate
from api.domain.levels import LevelScheme, load_scheme
from api.main import create_app
from api.services.seed import seed_all

SLUG = "immunotherapy-breast-cancer"


def _postgres_schema_engine(url: str, schema: str) -> Engine:
    admin = create_engine(url)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    admin.dispose()
    engine = make_engine(url)

    @event.listens_for(engine, "connect")
    def _search_path(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        with dbapi_connection.cursor() as cursor:
            cursor.execute(f'SET search_path TO "{schema}"')
        dbapi_connection.commit()

    return engine


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The URL under test."""
    configured = os.environ.get("TEST_DATABASE_URL")
    if configured:
        return Settings(database_url=configured).database_url
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"


@pytest.fixture(scope="session")
def engine(database_url: str) -> Iterator[Engine]:
    """A migrated, seeded database for the whole session."""
    schema = None
    if database_url.startswith("postgresql"):
        schema = f"test_{uuid.uuid4().hex[:10]}"
        eng = _postgres_schema_engine(database_url, schema)
    else:
        eng = make_engine(database_url)
    migrate(eng)
    with Session(eng) as session:
        seed_all(session, load_scheme())
    yield eng
    eng.dispose()
    if schema:
        admin = create_engine(database_url)
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def connection(engine: Engine) -> Iterator[object]:
    """A connection inside a transaction that is rolled back after the test."""
    conn = engine.connect()
    trans = conn.begin()
    try:
        yield conn
    finally:
        trans.rollback()
        conn.close()


@pytest.fixture
def session(connection) -> Iterator[Session]:
    """An ORM session joined to the test transaction (its commits become savepoints)."""
    with Session(bind=connection, join_transaction_mode="create_savepoint") as s:
        yield s


@pytest.fixture
def settings(database_url: str) -> Settings:
    """Settings for an app under test: no start-up migration or seed, no read caching delay."""
    return Settings(
        database_url=database_url,
        migrate_on_start=False,
        seed_on_start=False,
        warm_readability=False,
        content_check_interval=0,
    )


@pytest.fixture
def client(connection, settings: Settings) -> Iterator[TestClient]:
    """HTTP client for an app whose every session joins the test transaction."""

    def sessions() -> Session:
        return Session(bind=connection, join_transaction_mode="create_savepoint")

    with TestClient(create_app(settings, sessions)) as c:
        yield c


@pytest.fixture(scope="session")
def scheme() -> LevelScheme:
    """The default reading-level scheme."""
    return load_scheme()


@pytest.fixture(scope="session")
def content_root() -> Path:
    """The article folders shipped with the package."""
    from api.resources import content_dir

    return content_dir()
