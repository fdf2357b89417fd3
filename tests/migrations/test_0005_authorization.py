"""Migration 0005 (authorization history): scoped admin grants are revoked and kept, the rest
untouched; up from 0004 and back down, on the database under test."""

from sqlalchemy import inspect, text

from api.db import downgrade, migrate

from .test_migrations import _drop, _fresh_engine

GRANTS = [
    ("admin", "*", None),
    ("admin", "es", None),
    ("admin", "*", "plain"),
    ("translator", "es", "plain"),
]


def _grants(conn) -> list[tuple]:
    rows = conn.execute(
        text("SELECT role, language, level, revoked_by FROM role_grant ORDER BY id")
    )
    return [tuple(r) for r in rows]


def test_0005_revokes_scoped_admin_grants_and_keeps_them(tmp_path):
    engine, owned = _fresh_engine(tmp_path)
    try:
        migrate(engine, "0009")
        with engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO account (id, name, active, created_at) "
                    "VALUES (1, 'mallory', true, CURRENT_TIMESTAMP)"
                )
            )
            for role, language, level in GRANTS:
                conn.execute(
                    text(
                        "INSERT INTO role_grant (account_id, role, language, level, created_at) "
                        "VALUES (1, :r, :l, :v, CURRENT_TIMESTAMP)"
                    ),
                    {"r": role, "l": language, "v": level},
                )
        migrate(engine, "0005")
        with engine.connect() as conn:
            assert _grants(conn) == [
                ("admin", "*", None, None),
                ("admin", "es", None, "migration 0005"),
                ("admin", "*", "plain", "migration 0005"),
                ("translator", "es", "plain", None),
            ]
        columns = {c["name"] for c in inspect(engine).get_columns("api_token")}
        assert {"parent_id", "created_by", "revoked_by"} <= columns
        downgrade(engine, "0009")
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT role, language FROM role_grant ORDER BY id"))
            assert [tuple(r) for r in rows] == [("admin", "*"), ("translator", "es")]
        assert "parent_id" not in {c["name"] for c in inspect(engine).get_columns("api_token")}
    finally:
        engine.dispose()
        _drop(owned)
