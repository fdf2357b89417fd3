"""EXPLAIN (ANALYZE, BUFFERS) of every query the read side runs, captured from the real code.

    python bench/scale_explain.py [--database-url postgresql://.../scale_bench]

Runs ``load_snapshot`` for an article in the middle of the slug order and one deep page of
the article list (``repositories.articles.listed_page``), records each statement with its
parameters as SQLAlchemy sends it, and prints the plan PostgreSQL chooses for it; the plans in
docs/scale.md come from here (before and after migration 0010).
"""

import argparse
from typing import Any

from sqlalchemy import event, text
from sqlmodel import Session, col, select

from api.db import make_engine
from api.repositories import articles
from api.services.store import load_snapshot
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
        seen.clear()
        assert load_snapshot(session, slugs[len(slugs) // 2]) is not None
        articles.listed_page(session, slugs[int(len(slugs) * 0.9)], 21)
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
