"""The Alembic migrations: up, down and up again, and in step with the models."""

import os
import uuid

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text
from sqlmodel import SQLModel

import models  # noqa: F401
from api.config import Settings
from api.db import downgrade, make_engine, migrate

TABLES = {"article", "article_title", "article_readability", "section", "version", "glossary_entry"}


def _fresh_engine(tmp_path):
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        return make_engine(f"sqlite:///{tmp_path / 'migrations.db'}"), None
    url = Settings(database_url=url).database_url
    name = f"mig_{uuid.uuid4().hex[:10]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    return make_engine(url.rsplit("/", 1)[0] + f"/{name}"), (admin, name)


def _drop(owned) -> None:
    if owned:
        admin, name = owned
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        admin.dispose()


def test_upgrade_downgrade_upgrade_and_models_match(tmp_path):
    engine, owned = _fresh_engine(tmp_path)
    try:
        migrate(engine)
        assert set(inspect(engine).get_table_names()) >= TABLES
        with engine.connect() as conn:
            diff = compare_metadata(
                MigrationContext.configure(conn, opts={"compare_type": True}), SQLModel.metadata
            )
        assert diff == []
        downgrade(engine, "base")
        assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
        migrate(engine)
        assert set(inspect(engine).get_table_names()) >= TABLES
    finally:
        engine.dispose()
        _drop(owned)
