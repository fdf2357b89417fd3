"""Two reviewers publish different versions of one slot at the same moment: exactly one is
published, the other is told 412 (issue 3, section 4). Real concurrent HTTP requests against a
live server on its own database (PostgreSQL with TEST_DATABASE_URL, else a SQLite file)."""

import os
import socket
import threading
import time
import uuid
from collections.abc import Iterator

import httpx
import pytest
import uvicorn
from sqlalchemy import create_engine, text
from sqlmodel import Session

from api.config import Settings
from api.db import make_engine, migrate
from api.domain.levels import load_scheme
from api.main import create_app
from api.services.auth import issue_token
from api.services.seed import seed_all
from models import Account, Grant

SEC = "/v1/articles/immunotherapy-breast-cancer/sections/summary"
PLAIN = (
    "Immuntherapie ist eine neue Hilfe gegen Brustkrebs. Sie hilft dem Körper, Krebs zu "
    "finden. Dann kann der Körper den Krebs angreifen. Es gibt noch nicht alle Antworten. "
    "Die Forscher lernen jeden Tag mehr. Die ersten Ergebnisse machen vielen Frauen Mut."
)


@pytest.fixture
def own_database(tmp_path) -> Iterator[str]:
    """A fresh database URL, dropped afterwards."""
    configured = os.environ.get("TEST_DATABASE_URL")
    if not configured:
        yield f"sqlite:///{tmp_path / 'concurrent.db'}"
        return
    url = Settings(database_url=configured).database_url
    name = f"conc_{uuid.uuid4().hex[:10]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield url.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        admin.dispose()


def _token(session: Session, name: str, role: str) -> dict[str, str]:
    account = Account(name=name)
    session.add(account)
    session.flush()
    session.add(Grant(account_id=account.id or 0, role=role, language="*"))
    _, token = issue_token(session, account, 1)
    session.commit()
    return {"Authorization": f"Bearer {token}"}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def live(own_database: str) -> Iterator[tuple[str, dict[str, dict[str, str]]]]:
    """A live server on its own database, and tokens for a translator and two reviewers."""
    engine = make_engine(own_database)
    migrate(engine)
    with Session(engine) as session:
        seed_all(session, load_scheme())
        people = {
            n: _token(session, n, r)
            for n, r in (
                ("t1", "translator"),
                ("t2", "translator"),
                ("r1", "reviewer"),
                ("r2", "reviewer"),
            )
        }
    settings = Settings(
        database_url=own_database,
        migrate_on_start=False,
        seed_on_start=False,
        warm_readability=False,
        content_check_interval=0,
    )
    app = create_app(settings, lambda: Session(engine))
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}", people
    finally:
        server.should_exit = True
        thread.join(10)
        engine.dispose()


def test_two_reviewers_publishing_at_once_end_with_one_published(live):
    base, people = live
    with httpx.Client(base_url=base, timeout=30) as http:
        slot = {"locale": "de", "level": "plain"}
        source = http.get(f"{SEC}/versions", params=slot, headers=people["r1"]).json()["source"]
        ids = [
            http.post(
                f"{SEC}/versions",
                headers=people[t],
                json={**slot, "text": PLAIN + extra, "base_source_hash": source["source_hash"]},
            ).json()["id"]
            for t, extra in (("t1", ""), ("t2", " Fragen Sie nach."))
        ]
        etag = http.get(f"{SEC}/versions", params=slot, headers=people["r1"]).headers["etag"]
    barrier = threading.Barrier(2)
    statuses: dict[str, int] = {}

    def publish(reviewer: str, version_id: int) -> None:
        with httpx.Client(base_url=base, timeout=30) as http:
            barrier.wait()
            r = http.post(
                f"{SEC}/versions/{version_id}/publish",
                headers=people[reviewer] | {"If-Match": etag},
            )
            statuses[reviewer] = r.status_code

    threads = [
        threading.Thread(target=publish, args=(r, v))
        for r, v in zip(("r1", "r2"), ids, strict=True)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert sorted(statuses.values()) == [200, 412]
    with httpx.Client(base_url=base, timeout=30) as http:
        history = http.get(f"{SEC}/versions", params=slot, headers=people["r1"]).json()
    assert sorted(v["status"] for v in history["versions"]) == ["published", "submitted"]
    assert [e["action"] for e in history["events"]].count("published") == 1
