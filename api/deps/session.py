"""The request's database session and the write gate: a write waits its turn, then begins its
write transaction; a lost connection is a 503 (issue 11 point 4)."""

import logging
from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session
from starlette.concurrency import run_in_threadpool

from api.db import WRITE, WriteGate, WriteQueueFull, WriteWaitTimeout, describe_database_error
from api.deps.auth import Authorized
from api.errors import ServiceUnavailable

log = logging.getLogger(__name__)


def _close(session: Session) -> None:
    # After a commit the answer is earned: a connection lost now (PostgreSQL backend killed,
    # server gone) must not turn it into a dropped connection (issue 11, point 4).
    try:
        session.close()
    except Exception as exc:  # any driver error; its values are never logged
        log.warning("closing a database session failed: %s", type(exc).__name__)


def _lost(exc: DBAPIError) -> Exception:
    """A connection lost mid-request (a killed PostgreSQL backend, a closed SQLite handle) is
    a 503 problem; any other database error goes on to its own handler (api.errors)."""
    if not exc.connection_invalidated:
        return exc
    log.warning("database connection lost mid-request: %s", describe_database_error(exc))
    return ServiceUnavailable(
        "the database connection was lost before the request finished; retry shortly",
        headers={"Retry-After": "1"},
    )


def _begin_as_writer(session: Session) -> None:
    # The first statement, in the route's own thread, begins the write transaction (SQLite:
    # BEGIN IMMEDIATE, api.db): no extra trip through the thread pool, whose queue is what a
    # flood lengthens. A Connection bind (tests) is already in its transaction.
    bind = session.bind
    if isinstance(bind, Engine):
        session.bind = bind.execution_options(**WRITE)


async def _session(request: Request, _: Authorized) -> AsyncIterator[Session]:
    """The request's session, after authorization (``_authorize``). A write (any method but
    GET and HEAD) waits its turn at the write gate on the event loop, then starts its write
    transaction (SQLite: BEGIN IMMEDIATE, api.db); a full queue is a 503 with Retry-After."""
    if request.method in ("GET", "HEAD"):
        session = request.app.state.sessions()
        try:
            yield session
        except DBAPIError as exc:
            raise _lost(exc) from None
        finally:
            await run_in_threadpool(_close, session)
        return
    gate: WriteGate = request.app.state.write_gate
    try:
        async with gate.turn():
            session = request.app.state.sessions()
            _begin_as_writer(session)
            try:
                yield session
            except DBAPIError as exc:
                raise _lost(exc) from None
            finally:
                await run_in_threadpool(_close, session)
    except (WriteQueueFull, WriteWaitTimeout) as exc:
        raise ServiceUnavailable(
            f"too many writes are waiting ({exc}); retry shortly", headers={"Retry-After": "1"}
        ) from None


SessionDep = Annotated[Session, Depends(_session, scope="function")]
