"""The change log repository: reading rows after an id, commit hooks, the store's poll, and
the ordering guarantee under concurrent writers (api.repositories.changes)."""

import random
import threading
import time

import pytest
from sqlalchemy import Engine, delete, insert
from sqlmodel import Session, col, select

from api.domain.slot import Slot
from api.repositories import changes
from api.repositories.changes import ChangeFilter, changes_since, last_change_id, log_change
from api.services.store import ContentStore
from models import Article, ChangeKind, ChangeLog

SLUG = "immunotherapy-breast-cancer"


def _article_id(session: Session) -> int:
    return session.exec(select(Article.id).where(Article.slug == SLUG)).one() or 0


def test_changes_since_reads_in_id_order_with_filters(session):
    article_id, start = _article_id(session), last_change_id(session)
    for locale, level in (("de", "plain"), ("es", "easy"), ("de", "easy")):
        log_change(
            session,
            ChangeKind.published,
            article_id=article_id,
            actor="t",
            slot=Slot(1, locale, level),
        )
    log_change(session, ChangeKind.article_changed, article_id=article_id, actor="t")
    rows = changes_since(session, start, 10)
    assert [(r.locale, r.level) for r in rows] == [
        ("de", "plain"),
        ("es", "easy"),
        ("de", "easy"),
        (None, None),
    ]
    assert [r.id for r in rows] == sorted(r.id or 0 for r in rows)
    only_de = changes_since(session, start, 10, ChangeFilter(locales=frozenset({"de"})))
    assert [(r.locale, r.level) for r in only_de] == [("de", "plain"), ("de", "easy"), (None, None)]
    easy = ChangeFilter(levels=frozenset({"easy"}), kinds=frozenset({ChangeKind.published}))
    assert [r.locale for r in changes_since(session, start, 10, easy)] == ["es", "de"]
    assert len(changes_since(session, start, 2)) == 2
    assert changes_since(session, rows[-1].id or 0, 10) == []
    other = ChangeFilter(article_ids=frozenset({article_id + 1000}))
    assert changes_since(session, start, 10, other) == []


def test_commit_calls_the_registered_callback_rollback_does_not(session):
    seen: list[str] = []
    remove = changes.on_commit(seen.append)
    article_id = _article_id(session)
    log_change(session, ChangeKind.article_changed, article_id=article_id, actor="t")
    session.rollback()
    assert seen == []
    log_change(session, ChangeKind.article_changed, article_id=article_id, actor="t")
    log_change(session, ChangeKind.glossary_changed, article_id=article_id, actor="t")
    session.commit()
    assert seen == [SLUG]
    session.commit()  # nothing logged in this transaction
    assert seen == [SLUG]
    remove()
    log_change(session, ChangeKind.article_changed, article_id=article_id, actor="t")
    session.commit()
    assert seen == [SLUG]


def test_the_store_polls_the_log_for_other_processes_writes(connection, session):
    def sessions() -> Session:
        return Session(bind=connection, join_transaction_mode="create_savepoint")

    store = ContentStore(sessions, check_interval=0)
    first = store.get(SLUG)
    assert first is not None and store.get(SLUG) is first  # no change: the same snapshot
    # another process's write: a row that no session of this process flushed
    connection.execute(
        insert(ChangeLog).values(
            kind="published",
            article_id=_article_id(session),
            actor="other",
            created_at=first.updated_at,
        )
    )
    second = store.get(SLUG)
    assert second is not None and second is not first
    assert store.get(SLUG) is second


def test_a_dropped_store_unregisters_itself(connection):
    def sessions() -> Session:
        return Session(bind=connection, join_transaction_mode="create_savepoint")

    before = len(changes._listeners)
    store = ContentStore(sessions, check_interval=0)
    assert len(changes._listeners) == before + 1
    del store
    changes._notify(["x"])
    assert len(changes._listeners) <= before


def _writer(engine: Engine, article_id: int, count: int, written: list[int]) -> None:
    for _ in range(count):
        with Session(engine) as s:
            row = log_change(s, ChangeKind.article_changed, article_id=article_id, actor="race")
            time.sleep(random.uniform(0, 0.004))  # hold the row uncommitted for a while
            s.commit()
            written.append(row.id or 0)


def _reader(engine: Engine, after: int, stop: threading.Event, seen: list[int]) -> None:
    while True:
        done = stop.is_set()
        with Session(engine) as s:
            rows = changes_since(
                s, after, 1000, ChangeFilter(kinds=frozenset({ChangeKind.article_changed}))
            )
        seen.extend(r.id or 0 for r in rows if r.actor == "race")
        after = rows[-1].id or after if rows else after
        if done:
            return
        time.sleep(0.001)


def test_a_reader_of_rows_after_n_never_misses_a_row_of_racing_writers(engine, database_url):
    if not database_url.startswith("postgresql"):
        pytest.skip("SQLite has one writer at a time: ids cannot commit out of order")
    with Session(engine) as s:
        article_id, start = _article_id(s), last_change_id(s)
    written: list[int] = []
    seen: list[int] = []
    stop = threading.Event()
    reader = threading.Thread(target=_reader, args=(engine, start, stop, seen))
    writers = [
        threading.Thread(target=_writer, args=(engine, article_id, 40, written)) for _ in range(4)
    ]
    try:
        reader.start()
        for w in writers:
            w.start()
        for w in writers:
            w.join()
        stop.set()
        reader.join()
        assert len(written) == 160
        assert sorted(seen) == sorted(written)  # every row, none twice
    finally:
        with Session(engine) as s:
            s.exec(delete(ChangeLog).where(col(ChangeLog.actor) == "race"))  # type: ignore[call-overload]
            s.commit()
