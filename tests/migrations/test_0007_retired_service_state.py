"""Migration 0007 (retired_at, service_state): up from 0004 and back down."""

from sqlalchemy import inspect

from api.db import downgrade, migrate

from .test_migrations import _drop, _fresh_engine


def test_0007_up_and_down(tmp_path):
    engine, owned = _fresh_engine(tmp_path)
    try:
        migrate(engine, "0004")
        assert "service_state" not in inspect(engine).get_table_names()
        migrate(engine, "0007")
        insp = inspect(engine)
        assert {c["name"] for c in insp.get_columns("service_state")} == {
            "key",
            "value",
            "updated_at",
        }
        for table in ("article", "section"):
            retired = [c for c in insp.get_columns(table) if c["name"] == "retired_at"]
            assert len(retired) == 1 and retired[0]["nullable"] is True
        downgrade(engine, "0004")
        insp = inspect(engine)
        assert "service_state" not in insp.get_table_names()
        assert "retired_at" not in {c["name"] for c in insp.get_columns("section")}
        assert "retired_at" not in {c["name"] for c in insp.get_columns("article")}
    finally:
        engine.dispose()
        _drop(owned)
