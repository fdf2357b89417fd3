"""The change log (``models.change_log``): append, read for delta sync, invalidate on commit.

Writers call :func:`log_change` inside the transaction that makes the change, so a row exists
exactly when its change committed (issue 7, point 4).

Ordering guarantee (delta sync, issue 10 point 4): a reader that has seen every row up to id
``N`` and then reads "rows after N" must never miss a row committed later with an id <= N.
On PostgreSQL sequence values are handed out at INSERT and transactions commit in any order,
so without care row 11 can be visible while row 10 is still uncommitted. Every transaction
that logs a change therefore takes one transaction-scoped advisory lock,
``pg_advisory_xact_lock(CHANGE_LOG_LOCK)``, *before* its first change row is inserted, and
keeps it until commit or rollback: change-writing transactions run one at a time from their
first change row to their end, so ids are allocated and committed in the same order (the
``change_log`` sequence keeps PostgreSQL's default ``CACHE 1``: no per-session id blocks).
SQLite has one writer at a time anyway (``BEGIN IMMEDIATE``, ``api.db``); ``AUTOINCREMENT``
keeps ids from being reused after old rows are compacted away. Lock order: writers take their
row locks (section, article) before logging where they can; PostgreSQL breaks any remaining
cycle with a deadlock error rather than hanging.

In-process invalidation: an ``after_flush`` hook collects the article slugs of change rows
added in the transaction; ``after_commit`` hands them to every callback registered with
:func:`on_commit` (``ContentStore.invalidate``), so no write route invalidates by hand. Other
processes poll :func:`changed_articles_since` once per check interval.
"""

import inspect
import weakref
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import event, func, or_, text
from sqlmodel import Session, col, select

from api.domain.slot import Slot
from models import Article, ChangeKind, ChangeLog

NOTIFY_CHANNEL = "content_changes"  # api.services.change_listener LISTENs here (PostgreSQL)
CHANGE_LOG_LOCK = 0x63686C67  # "chlg": the advisory lock key of change-log writers
_SLUGS = "changed_slugs"  # session.info key: slugs of change rows in this transaction
_LOCKED = "change_log_locked"  # session.info key: the root transaction holding the lock
_listeners: list[Callable[[], Callable[[str], None] | None]] = []


def _serialize(session: Session) -> None:
    """Take the change-log advisory lock once per transaction (PostgreSQL; no-op on SQLite)."""
    connection = session.connection()  # begins the transaction if none has begun yet
    transaction = session.get_transaction()
    if session.info.get(_LOCKED) is transaction or connection.dialect.name != "postgresql":
        return
    connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": CHANGE_LOG_LOCK})
    session.info[_LOCKED] = transaction


def log_change(
    session: Session,
    kind: ChangeKind,
    *,
    article_id: int,
    actor: str,
    slot: Slot | None = None,
    language_level: tuple[str, str | None] | None = None,
    version_id: int | None = None,
) -> ChangeLog:
    """Append one change row (no commit); the id is allocated under the advisory lock.

    ``slot`` for a change to one section x language x level; ``language_level`` for one that
    concerns a language and level of the whole article (a title); neither for the article.
    """
    _serialize(session)
    locale, level = (slot.locale, slot.level) if slot else language_level or (None, None)
    row = ChangeLog(
        kind=kind.value,
        article_id=article_id,
        section_id=slot.section_id if slot else None,
        locale=locale,
        level=level,
        version_id=version_id,
        actor=actor,
    )
    session.add(row)
    session.flush()
    _notify_listeners(session, article_id)
    return row


def _notify_listeners(session: Session, article_id: int) -> None:
    """PostgreSQL: ``pg_notify`` in this transaction, delivered to every process's
    ``ChangeListener`` only if it commits (identical payloads in one transaction fold into one)."""
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        connection.execute(
            text("SELECT pg_notify(:channel, :payload)"),
            {"channel": NOTIFY_CHANNEL, "payload": str(article_id)},
        )


@dataclass(frozen=True, slots=True)
class ChangeFilter:
    """Which rows a sync client wants. ``None`` means any. A row with no locale (article
    added, section added) or no level concerns every locale or level and always passes."""

    locales: frozenset[str] | None = None
    levels: frozenset[str] | None = None
    article_ids: frozenset[int] | None = None
    kinds: frozenset[ChangeKind] | None = None


def changes_since(
    session: Session, after_id: int, limit: int, filters: ChangeFilter | None = None
) -> list[ChangeLog]:
    """Up to ``limit`` rows with ``id > after_id`` matching ``filters``, in id order.

    The last row's id is the next ``after_id``; see the module docstring for why no row
    committed later can have a smaller id.
    """
    query = select(ChangeLog).where(col(ChangeLog.id) > after_id)
    f = filters or ChangeFilter()
    if f.locales is not None:
        query = query.where(
            or_(col(ChangeLog.locale).is_(None), col(ChangeLog.locale).in_(f.locales))
        )
    if f.levels is not None:
        query = query.where(or_(col(ChangeLog.level).is_(None), col(ChangeLog.level).in_(f.levels)))
    if f.article_ids is not None:
        query = query.where(col(ChangeLog.article_id).in_(f.article_ids))
    if f.kinds is not None:
        query = query.where(col(ChangeLog.kind).in_([k.value for k in f.kinds]))
    return list(session.exec(query.order_by(col(ChangeLog.id)).limit(limit)))


def last_change_id(session: Session) -> int:
    """The highest change id so far (0 for an empty log)."""
    return session.exec(select(func.max(ChangeLog.id))).one() or 0


def changed_articles_since(session: Session, after_id: int) -> tuple[int, set[str]]:
    """``(highest id seen, slugs of articles with a change after after_id)`` in one query."""
    rows = session.exec(
        select(Article.slug, func.max(ChangeLog.id))
        .join(Article, col(Article.id) == ChangeLog.article_id)
        .where(col(ChangeLog.id) > after_id)
        .group_by(col(Article.slug))
    ).all()
    return max((last or after_id for _, last in rows), default=after_id), {slug for slug, _ in rows}


def on_commit(callback: Callable[[str], None]) -> Callable[[], None]:
    """Call ``callback(slug)`` after every commit in this process that logged a change to that
    article; returns a function that unregisters it. Bound methods are held weakly (a dropped
    ``ContentStore`` unregisters itself)."""
    ref: Callable[[], Callable[[str], None] | None]
    ref = weakref.WeakMethod(callback) if inspect.ismethod(callback) else lambda: callback
    _listeners.append(ref)

    def remove() -> None:
        if ref in _listeners:
            _listeners.remove(ref)

    return remove


def _notify(slugs: Iterable[str]) -> None:
    live = [(ref, ref()) for ref in _listeners]
    _listeners[:] = [ref for ref, callback in live if callback is not None]
    for _, callback in live:
        if callback is not None:
            for slug in slugs:
                callback(slug)


@event.listens_for(Session, "after_flush")
def _collect(session: Session, _context: Any) -> None:
    ids = {obj.article_id for obj in session.new if isinstance(obj, ChangeLog)}
    if not ids:
        return
    slugs = session.connection().execute(select(Article.slug).where(col(Article.id).in_(ids)))
    session.info.setdefault(_SLUGS, set()).update(slug for (slug,) in slugs)


@event.listens_for(Session, "after_commit")
def _committed(session: Session) -> None:
    session.info.pop(_LOCKED, None)
    slugs = session.info.pop(_SLUGS, None)
    if slugs:
        _notify(sorted(slugs))


@event.listens_for(Session, "after_soft_rollback")
def _rolled_back(session: Session, previous_transaction: Any) -> None:
    if not previous_transaction.nested:  # the whole transaction is gone, its rows too
        session.info.pop(_LOCKED, None)
        session.info.pop(_SLUGS, None)
