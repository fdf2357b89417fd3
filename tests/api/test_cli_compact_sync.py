"""``content-api compact-sync --before DATE``: drops old change-log rows, keeps a low-water
mark, and a sync token from before it then gets 410 (issue 10, point 4)."""

import json
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from api import cli
from api.config import Settings, get_settings
from api.db import make_engine
from api.main import create_app
from api.repositories.changes import log_change
from models import Article, ChangeKind, ChangeLog, ServiceState


def _now() -> str:
    """The present moment as ``--before`` takes it: every row written so far is older."""
    return datetime.now(UTC).isoformat()


@pytest.fixture
def seeded(tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    get_settings.cache_clear()
    assert cli.main(["seed"]) == 0
    yield url
    get_settings.cache_clear()


def test_compact_sync_drops_old_rows_and_old_tokens_get_410(seeded, capsys):
    capsys.readouterr()
    settings = Settings(database_url=seeded, seed_on_start=False, warm_readability=False)
    with TestClient(create_app(settings)) as client:
        r = client.get("/v1/sync", params={"locales": "es", "levels": "plain", "limit": 500})
        token = r.json()["next_sync_token"]
        assert client.get("/v1/sync", params={"sync_token": token}).status_code == 200
        with Session(make_engine(seeded)) as s:  # a change after the token, then compacted
            article_id = s.exec(select(Article.id)).one() or 0
            log_change(s, ChangeKind.article_changed, article_id=article_id, actor="test")
            s.commit()
        assert cli.main(["compact-sync", "--before", _now()]) == 0
        out = json.loads(capsys.readouterr().out)
        assert out["removed"] > 0 and out["low_water_mark"] > 0
        with Session(make_engine(seeded)) as s:
            assert s.exec(select(ChangeLog)).first() is None
            mark = s.get(ServiceState, "change_log_low_water")
            assert mark is not None and int(mark.value) == out["low_water_mark"]
        gone = client.get("/v1/sync", params={"sync_token": token})
        assert gone.status_code == 410 and gone.json()["errors"][0]["parameter"] == "sync_token"
        fresh = client.get("/v1/sync", params={"locales": "es", "levels": "plain", "limit": 500})
        again = client.get("/v1/sync", params={"sync_token": fresh.json()["next_sync_token"]})
        assert again.status_code == 200 and again.json()["items"] == []
    assert cli.main(["compact-sync", "--before", _now()]) == 0
    assert json.loads(capsys.readouterr().out)["removed"] == 0


def test_compact_sync_refuses_a_bad_date(seeded, capsys):
    with pytest.raises(SystemExit):
        cli.main(["compact-sync", "--before", "yesterday"])
    assert "ISO 8601" in capsys.readouterr().err


def test_compact_sync_refuses_a_future_date_and_keeps_every_row(seeded, capsys):
    with Session(make_engine(seeded)) as s:
        before = len(s.exec(select(ChangeLog.id)).all())
    tomorrow = (datetime.now(UTC) + timedelta(days=1)).date().isoformat()
    assert cli.main(["compact-sync", "--before", tomorrow]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(
        f"content-api compact-sync: --before {tomorrow}T00:00:00+00:00 is in the future (now: "
    )
    assert captured.err.endswith(
        "give a moment up to now, or every change would be dropped and every sync token refused\n"
    )
    with Session(make_engine(seeded)) as s:
        assert before > 0 and len(s.exec(select(ChangeLog.id)).all()) == before
        assert s.get(ServiceState, "change_log_low_water") is None
