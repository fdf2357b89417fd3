"""Migrating down and up again keeps the content (a fresh user's finding: on SQLite, the
downgrade of 0007 rebuilt ``article`` and ``section`` with foreign keys on, and the cascade
emptied every table that references them)."""

from sqlalchemy import text
from sqlmodel import Session

from api.db import downgrade, make_engine, migrate
from api.domain.levels import load_scheme
from api.services.seed import seed_all

TABLES = ("article", "section", "version", "glossary_entry", "article_title", "change_log")


def _counts(engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar_one() for t in TABLES}


def test_down_to_0004_and_up_again_keeps_every_row(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'down.db'}")
    try:
        migrate(engine)
        with Session(engine) as session:
            seed_all(session, load_scheme())
        before = _counts(engine)
        assert before["version"] > 0 and before["glossary_entry"] > 0
        downgrade(engine, "0004")
        assert _counts(engine) == before
        migrate(engine)
        assert _counts(engine) == before
        with engine.connect() as conn:  # foreign keys are back on for the app
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar_one() == 1
    finally:
        engine.dispose()
