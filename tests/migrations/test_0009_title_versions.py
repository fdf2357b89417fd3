"""Migration 0009 (title versions): existing titles kept, numbered per slot; up and down."""

from sqlalchemy import inspect, text

from api.db import downgrade, migrate

from .test_migrations import _drop, _fresh_engine

INSERT_TITLE = (
    "INSERT INTO article_title (article_id, locale, level, title, status, origin, source_hash,"
    " created_at) VALUES (1, :locale, 'full', :title, :status, 'seed', :hash, :at)"
)


def test_0009_keeps_titles_and_numbers_revisions(tmp_path):
    engine, owned = _fresh_engine(tmp_path)
    try:
        migrate(engine, "0007")
        with engine.begin() as conn:
            conn.execute(
                text(
                    'INSERT INTO article (slug, source_locale, editorial_notes, "references",'
                    " revision, created_at, updated_at) VALUES ('a', 'en', '[]', '[]', 1,"
                    " :at, :at)"
                ),
                {"at": "2026-11-29 00:00:00"},
            )
            for locale, title, status in (
                ("en", "Old", "superseded"),
                ("en", "New", "published"),
                ("es", "Nuevo", "published"),
            ):
                params = {"locale": locale, "title": title, "status": status, "hash": "h" * 64}
                conn.execute(text(INSERT_TITLE), {**params, "at": "2026-11-29 00:00:00"})
        migrate(engine, "0009")
        with engine.connect() as conn:
            rows = conn.execute(
                text("SELECT locale, title, status, revision FROM article_title ORDER BY id")
            ).all()
        assert [tuple(r) for r in rows] == [
            ("en", "Old", "superseded", 1),
            ("en", "New", "published", 2),
            ("es", "Nuevo", "published", 1),
        ]
        assert "article_title_event" in inspect(engine).get_table_names()
        downgrade(engine, "0007")
        columns = {c["name"] for c in inspect(engine).get_columns("article_title")}
        assert "revision" not in columns and "title" in columns
        assert "article_title_event" not in inspect(engine).get_table_names()
    finally:
        engine.dispose()
        _drop(owned)
