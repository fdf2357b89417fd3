"""The change poller (api/services/change_listener.py): reads never wait for a poll, and another
process's change is seen within the check interval without any read asking."""

import sqlite3
import time
from pathlib import Path

from fastapi.testclient import TestClient

from api.config import Settings
from api.main import create_app

SLUG = "immunotherapy-breast-cancer"


def _other_process_changes(db: Path) -> None:
    """A change-log row written the way another process would: not through this process's
    commit hook (plain sqlite3)."""
    with sqlite3.connect(db) as conn:
        (article_id,) = conn.execute("SELECT id FROM article WHERE slug = ?", (SLUG,)).fetchone()
        conn.execute(
            "INSERT INTO change_log (kind, article_id, actor, created_at) "
            "VALUES ('source_edited', ?, 'elsewhere', '2026-11-29 00:00:00')",
            (article_id,),
        )


def test_reads_need_no_poll_and_other_writers_are_seen(tmp_path: Path) -> None:
    db = tmp_path / "content.db"
    settings = Settings(database_url=f"sqlite:///{db}", content_check_interval=0.4)
    app = create_app(settings)
    with TestClient(app) as client:
        assert client.get(f"/v1/articles/{SLUG}").status_code == 200
        store = app.state.store
        for _ in range(6):  # 1.2 s: three intervals, and no read polled
            time.sleep(0.2)
            assert store.cached(SLUG) is not None
        _other_process_changes(db)
        deadline = time.monotonic() + 2.0
        while store.cached(SLUG) is not None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert store.cached(SLUG) is None  # invalidated by the poller alone
        assert time.monotonic() < deadline


def test_without_an_interval_every_read_checks(tmp_path: Path) -> None:
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'c.db'}", content_check_interval=0)
    app = create_app(settings)
    with TestClient(app) as client:
        assert client.get(f"/v1/articles/{SLUG}").status_code == 200
        assert app.state.store.cached(SLUG) is None
