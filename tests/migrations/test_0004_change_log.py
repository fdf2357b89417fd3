"""Migration 0004 (change_log): up from 0003 and back down, on the database under test."""

from sqlalchemy import inspect

from api.db import downgrade, migrate

from .test_migrations import _drop, _fresh_engine


def test_0004_up_and_down(tmp_path):
    engine, owned = _fresh_engine(tmp_path)
    try:
        migrate(engine, "0003")
        assert "change_log" not in inspect(engine).get_table_names()
        migrate(engine, "0004")
        columns = {c["name"] for c in inspect(engine).get_columns("change_log")}
        assert columns == {
            "id",
            "created_at",
            "kind",
            "article_id",
            "section_id",
            "locale",
            "level",
            "version_id",
            "actor",
        }
        assert [i["column_names"] for i in inspect(engine).get_indexes("change_log")] == [
            ["article_id"]
        ]
        downgrade(engine, "0003")
        tables = set(inspect(engine).get_table_names())
        assert "change_log" not in tables and "version_event" in tables
    finally:
        engine.dispose()
        _drop(owned)
