"""Browser fixtures: the real service on a free 127.0.0.1 port with its own database, driven by
Debian's headless Chromium through Playwright (never ``playwright install``: it downloads).

Each server migrates and seeds its own database on start: a SQLite file in a temporary folder,
or, when ``TEST_DATABASE_URL`` names PostgreSQL, a database of its own created for it and
dropped afterwards. Without ``/usr/bin/chromium`` the browser tests skip, except under
``CI=true``, where they fail: CI installs it (``.ci/run``).
"""

import os
import shutil
import socket
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import uvicorn
from sqlalchemy import create_engine, make_url, text

from api.config import Settings
from api.main import create_app

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SLUG = "immunotherapy-breast-cancer"


@dataclass(frozen=True)
class LiveServer:
    """A running service: its base URL and its database URL."""

    url: str
    database_url: str


@contextmanager
def _own_database(tmp: Path) -> Iterator[str]:
    configured = os.environ.get("TEST_DATABASE_URL")
    if not configured:
        yield f"sqlite:///{tmp / 'live.db'}"
        return
    url = make_url(Settings(database_url=configured).database_url)
    name = f"browser_{uuid.uuid4().hex[:10]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@contextmanager
def serve(tmp: Path) -> Iterator[LiveServer]:
    """Run the service under uvicorn in a thread until the block ends."""
    with _own_database(tmp) as database_url:
        settings = Settings(
            database_url=database_url,
            migrate_on_start=True,
            seed_on_start=True,
            warm_readability=False,
            content_check_interval=0,
        )
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
        config = uvicorn.Config(create_app(settings), log_level="warning", lifespan="on")
        server = uvicorn.Server(config)
        thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
        thread.start()
        base = f"http://127.0.0.1:{port}"
        try:
            _wait_ready(base, thread)
            yield LiveServer(base, database_url)
        finally:
            server.should_exit = True
            thread.join(timeout=15)
            sock.close()
            from api.db import get_engine

            get_engine(database_url).dispose()


def _wait_ready(base: str, thread: threading.Thread, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not thread.is_alive():
            raise RuntimeError("the live server stopped during start-up")
        try:
            if httpx.get(f"{base}/readyz", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"{base}/readyz did not answer 200 within {timeout} s")


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """One service for the read-only browser tests."""
    with serve(tmp_path_factory.mktemp("live")) as server:
        yield server


@pytest.fixture(scope="session")
def start_server() -> Callable[[Path], AbstractContextManager[LiveServer]]:
    """``serve`` itself, for a module that needs a server (and database) of its own."""
    return serve


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's Chromium, headless, launched by Playwright (no downloaded browser)."""
    if not Path(CHROMIUM).exists() or shutil.which(CHROMIUM) is None:
        message = f"{CHROMIUM} is missing: apt-get install -y chromium (as .ci/run does)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser) -> Iterator[object]:
    """A fresh page (own context: no cookies, cache or history shared between tests)."""
    context = browser.new_context(java_script_enabled=True)
    tab = context.new_page()
    yield tab
    context.close()
