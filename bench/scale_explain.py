"""EXPLAIN (ANALYZE, BUFFERS) of every query the read side runs, captured from the real code.

    python bench/scale_explain.py [--database-url postgresql://.../scale_bench]

Runs, for an article in the middle of the slug order: ``load_snapshot``; one page of the
article list 90 % deep (``api.services.article_list.list_page``); one batch of initial sync
(ten snapshots with the es versions only, after ``articles_after``); and the delta's queries
over the last 1,000 change rows (``scopes``, ``article_slugs``, ``section_keys``). It records
each statement with its parameters as SQLAlchemy sends it, and prints the plan PostgreSQL
chooses for it; the plans in docs/scale.md come from here.
"""

import argparse
from typing import Any

from sqlalchemy import event, text
from sqlmodel import Session, col, select

from api.db import make_engine
from api.domain.levels import load_scheme
from api.repositories import sync
from api.repositories.changes import ChangeFilter, last_change_id
from api.services.article_list import list_page
from api.services.snapshot import load_snapshot, load_snapshots
from models import Article


def capture(url: str) -> list[tuple[str, Any]]:
    """The statements of one snapshot build and one deep list page."""
    engine = make_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    seen: list[tuple[str, Any]] = []

    @event.listens_for(engine, "before_cursor_execute")
    def _record(conn, cursor, statement, parameters, context, executemany) -> None:  # type: ignore[no-untyped-def]
        seen.append((statement, parameters))

    with Session(engine) as session:
        slugs = list(session.exec(select(Article.slug).order_by(col(Article.slug))))
        middle, deep = slugs[len(slugs) // 2], slugs[int(len(slugs) * 0.9)]
        head = last_change_id(session)
        seen.clear()
        assert load_snapshot(session, middle) is not None
        list_page(session, load_scheme(), (deep, 20), "es", None)
        batch = sync.articles_after(session, middle, True, 50, None)
        load_snapshots(session, batch[:10], ["es"])
        es_plain = ChangeFilter(frozenset({"es"}), frozenset({"plain"}), None)
        scopes = sync.scopes(session, head - 1000, head, es_plain)
        ids = {s.article_id for s in scopes}
        sync.article_slugs(session, ids)
        sync.section_keys(session, ids)
    explained = []
    with engine.connect() as conn:
        for statement, parameters in seen:
            if not statement.lstrip().upper().startswith("SELECT"):
                continue
            driver = conn.connection.dbapi_connection
            assert driver is not None
            with driver.cursor() as cur:
                cur.execute("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + statement, parameters)
                plan = "\n".join(r[0] for r in cur.fetchall())
            explained.append((statement, plan))
        conn.execute(text("SELECT 1"))
    engine.dispose()
    return explained


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--database-url", default="postgresql://postgres@127.0.0.1:5432/scale_bench"
    )
    args = parser.parse_args()
    for statement, plan in capture(args.database_url):
        print("-- " + " ".join(statement.split())[:400])
        print(plan, end="\n\n")


if __name__ == "__main__":
    main()
