"""Cross-process invalidation: LISTEN for change-log commits on PostgreSQL (issue 10 point 3),
and a poll of the change log in the background on both databases.

Every transaction that logs a change also runs ``pg_notify(NOTIFY_CHANNEL, article_id)``
(``api.repositories.changes.log_change``); PostgreSQL delivers the notification when, and only
when, that transaction commits. Each process (each server worker) runs one ``ChangeListener``:
a daemon thread with its own autocommit connection, ``LISTEN``, that calls
``ContentStore.poll_now`` on every notification (batched: one poll per wake-up), so a publish
through one worker is seen by every worker within milliseconds, well inside 1 s. If the
connection drops, the thread reconnects after a pause; meanwhile the store's poll of the change
log every ``content_check_interval`` still catches every change (the notification only makes it
sooner). SQLite has no such channel: there the poll is the mechanism.

``ChangePoller`` runs that poll in a daemon thread every half interval, so the store's "polled
within the interval" stays true and no read waits on a poll in its own request (measured by
``bench/read_bench.py``: with the poll in the request path, one read a second per article went
through routing and a database round trip, and the p99 of cached reads was 7x the bare
endpoint's).
"""

import logging
import threading
from collections.abc import Callable

import psycopg
from sqlalchemy.engine import make_url

from api.config import Settings
from api.repositories.changes import NOTIFY_CHANNEL
from api.services.store import ContentStore

log = logging.getLogger("content_api")
RECONNECT_SECONDS = 1.0
WAKE_SECONDS = 0.5  # how often the thread checks whether it was asked to stop


def libpq_url(database_url: str) -> str:
    """The SQLAlchemy URL as a libpq connection string (``postgresql+psycopg://`` ->
    ``postgresql://``)."""
    url = make_url(database_url).set(drivername="postgresql")
    return url.render_as_string(hide_password=False)


class Background:
    """A daemon thread running ``_run`` until ``stop()``, which waits for it (at most 5 s)."""

    def __init__(self, name: str) -> None:
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)

    def start(self) -> None:
        """Begin in the background."""
        self._thread.start()

    def stop(self) -> None:
        """Ask the thread to stop and wait for it."""
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=5)

    def _run(self) -> None:
        raise NotImplementedError


class ChangeListener(Background):
    """LISTEN on ``NOTIFY_CHANNEL`` in a daemon thread; ``on_change()`` per wake-up with
    notifications. ``start()`` / ``stop()``; ``stop`` returns within about ``WAKE_SECONDS``."""

    def __init__(self, database_url: str, on_change: Callable[[], None]) -> None:
        super().__init__("change-listener")
        self.conninfo = libpq_url(database_url)
        self.on_change = on_change
        self.ready = threading.Event()  # set once LISTEN is in place (tests wait on it)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self._listen()
            except psycopg.Error as exc:
                log.warning("change listener: %s; reconnecting", type(exc).__name__)
                self._stop.wait(RECONNECT_SECONDS)

    def _listen(self) -> None:
        with psycopg.connect(self.conninfo, autocommit=True) as conn:
            conn.execute(f"LISTEN {NOTIFY_CHANNEL}")
            log.info("listening for change-log commits on %s", NOTIFY_CHANNEL)
            self.ready.set()
            while not self._stop.is_set():
                if any(True for _ in conn.notifies(timeout=WAKE_SECONDS, stop_after=1)):
                    self._drain(conn)
                    self._changed()

    def _changed(self) -> None:
        try:
            self.on_change()
        except Exception as exc:  # the periodic poll still catches up; keep listening
            log.warning("change listener: poll failed: %s", type(exc).__name__)

    @staticmethod
    def _drain(conn: psycopg.Connection) -> None:
        """Take any further notifications already queued, so that one poll covers them."""
        for _ in conn.notifies(timeout=0.01):
            pass


def start_change_listener(settings: Settings, store: ContentStore) -> ChangeListener | None:
    """Start this process's listener on PostgreSQL (``LISTEN_FOR_CHANGES``, on by default);
    None on SQLite, where the change-log poll is the mechanism."""
    if not settings.listen_for_changes or not settings.database_url.startswith("postgresql"):
        return None
    listener = ChangeListener(settings.database_url, store.poll_now)
    listener.start()
    return listener


class ChangePoller(Background):
    """Poll the change log (``ContentStore.poll_now``) every ``interval`` seconds in a daemon
    thread; a failed poll is logged (class only) and retried at the next tick, while reads
    fall back to polling in their own request once the interval has passed."""

    def __init__(self, store: ContentStore, interval: float) -> None:
        super().__init__("change-poller")
        self.store, self.interval = store, interval

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            try:
                self.store.poll_now()
            except Exception as exc:  # the database is away: reads poll for themselves
                log.warning("change poller: poll failed: %s", type(exc).__name__)


def start_change_poller(settings: Settings, store: ContentStore) -> ChangePoller | None:
    """Start this process's poller, ticking at half ``CONTENT_CHECK_INTERVAL``; None when the
    interval is 0 (every read checks for itself)."""
    if settings.content_check_interval <= 0:
        return None
    poller = ChangePoller(store, max(settings.content_check_interval / 2, 0.05))
    poller.start()
    return poller
