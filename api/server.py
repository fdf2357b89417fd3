"""``content-api serve``: the service on Granian (docs/server.md: the measured choice).

The parent process migrates and seeds once, then Granian starts ``workers`` processes, each
building its own app from the factory (``api.main:create_app``: its own engine, content store,
read cache and header memo). Nothing per process breaks correctness: every worker learns of
another's writes from the change log (LISTEN/NOTIFY on PostgreSQL at once, the poll every
``content_check_interval`` on SQLite; ``api.services.store``).

Settings applied here (``api.config.Settings``, docs/server.md "Settings"):

- ``HTTP_HEADER_READ_TIMEOUT`` (s): hyper closes a connection whose request head has not fully
  arrived in time (slowloris, silent or slow clients). Granian has no separate idle keep-alive
  timer: the same timeout closes a keep-alive connection idle after a response.
- ``HTTP_HEAD_BUFFER_BYTES``: the server's cap on a request head (its own empty 431/414 beyond);
  the exact limits below it are ``api.guard``'s.
- ``SHUTDOWN_TIMEOUT`` (s): after SIGTERM in-flight requests get this long.
"""

import os
import socket

from api.config import Settings, get_settings
from api.db import get_engine


class AddressInUse(Exception):
    """Another process listens on the address ``content-api serve`` was asked to use."""


def check_address(host: str, port: int) -> None:
    """Raise ``AddressInUse`` when ``host:port`` cannot be bound by this process alone.

    Granian binds with ``SO_REUSEPORT`` (so its workers share one socket), which would also let
    a second ``content-api serve`` on the same port start silently and take half of the
    requests, answered from another database. A plain bind (no ``SO_REUSEPORT``) fails then."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # TIME_WAIT is no owner
        try:
            probe.bind((host, port))
        except OSError as exc:
            raise AddressInUse(f"cannot listen on {host}:{port}: {exc.strerror}") from exc


def prepare_once(settings: Settings) -> None:
    """Migrate and seed (as ``settings`` say) in this process, then tell the workers not to:
    they inherit the environment and would otherwise race each other."""
    from sqlmodel import Session

    from api.services.startup import prepare

    engine = get_engine(settings.database_url)
    prepare(settings.model_copy(update={"warm_readability": False}), lambda: Session(engine))
    os.environ["MIGRATE_ON_START"] = "false"
    os.environ["SEED_ON_START"] = "false"
    get_settings.cache_clear()  # a forked worker must read the environment set above
    # No pooled connection may cross the fork: workers sharing one socket corrupt each other.
    engine.dispose()
    get_engine.cache_clear()


def serve(host: str, port: int, workers: int, log_level: str) -> None:
    """Serve HTTP/1.1 on ``host:port`` with ``workers`` processes until SIGTERM/SIGINT."""
    from granian import Granian
    from granian.constants import HTTPModes, Interfaces
    from granian.http import HTTP1Settings
    from granian.log import LogLevels

    settings = get_settings()
    prepare_once(settings)
    Granian(
        "api.main:create_app",
        factory=True,  # each worker builds its own app, engine and caches
        address=host,
        port=port,
        interface=Interfaces.ASGI,
        http=HTTPModes.http1,
        websockets=False,
        workers=workers,
        http1_settings=HTTP1Settings(
            header_read_timeout=int(settings.http_header_read_timeout * 1000),
            max_buffer_size=settings.http_head_buffer_bytes,
        ),
        workers_kill_timeout=int(settings.shutdown_timeout),
        log_level=LogLevels(log_level),
        log_access=log_level == "debug",
    ).serve()
