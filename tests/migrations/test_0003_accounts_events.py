"""Migration 0003 (accounts, tokens, grants, version events): up from 0002 and back down."""

from sqlalchemy import inspect

from api.db import downgrade, make_engine, migrate

NEW = {"account", "api_token", "role_grant", "version_event"}


def test_0003_up_and_down(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'm.db'}")
    try:
        migrate(engine, "0002")
        assert not NEW & set(inspect(engine).get_table_names())
        migrate(engine, "0003")
        assert set(inspect(engine).get_table_names()) >= NEW
        columns = {c["name"] for c in inspect(engine).get_columns("api_token")}
        assert {"token_hash", "expires_at", "revoked_at"} <= columns
        downgrade(engine, "0002")
        tables = set(inspect(engine).get_table_names())
        assert not NEW & tables and "version" in tables
    finally:
        engine.dispose()
