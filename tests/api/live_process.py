"""A real server in its own process (``uvicorn --factory api.main:create_app``) on its own
migrated and seeded database: load and fault tests measure the server, not a GIL shared with
their client threads, and can ``kill -9`` it."""

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import httpx
from sqlmodel import Session

from api.db import make_engine, migrate
from api.domain.levels import load_scheme
from api.services.auth import issue_token
from api.services.seed import seed_all
from models import Account, Grant
from tests.api.routes.test_concurrent_publish import _free_port

START_TIMEOUT = 120  # seconds; a loaded CI machine imports slowly
ROLES = (("t1", "translator"), ("r1", "reviewer"), ("r2", "reviewer"))


@dataclass
class LiveServer:
    """Where the server answers, its process, and bearer headers by account name."""

    base: str
    process: subprocess.Popen[bytes]
    people: dict[str, dict[str, str]]

    def kill(self) -> None:
        """``kill -9``: no shutdown, no rollback, no flush."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(10)


def prepare(url: str) -> dict[str, dict[str, str]]:
    """Migrate and seed ``url``; an account with a ``*`` grant per role in ``ROLES``."""
    engine = make_engine(url)
    migrate(engine)
    people = {}
    with Session(engine) as session:
        seed_all(session, load_scheme())
        for name, role in ROLES:
            account = Account(name=name)
            session.add(account)
            session.flush()
            session.add(Grant(account_id=account.id or 0, role=role, language="*"))
            _, token = issue_token(session, account, 1)
            people[name] = {"Authorization": f"Bearer {token}"}
        session.commit()
    engine.dispose()
    return people


@contextmanager
def live_process(url: str, people: dict[str, dict[str, str]]) -> Iterator[LiveServer]:
    """A uvicorn process serving ``url``, stopped (or already killed) afterwards."""
    port = _free_port()
    env = os.environ | {
        "DATABASE_URL": url,
        "MIGRATE_ON_START": "false",
        "SEED_ON_START": "false",
        "WARM_READABILITY": "false",
        "CONTENT_CHECK_INTERVAL": "0",
    }
    cmd = [sys.executable, "-m", "uvicorn", "--factory", "api.main:create_app"]
    process = subprocess.Popen(
        [*cmd, "--host", "127.0.0.1", "--port", str(port), "--log-level", "error"],
        env=env,
        stdout=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base, process)
        yield LiveServer(base, process, people)
    finally:
        if process.poll() is None:
            process.terminate()
            process.wait(10)


def _wait_until_up(base: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode}")
        try:
            if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.1)
    raise RuntimeError(f"the server did not start within {START_TIMEOUT} s")
