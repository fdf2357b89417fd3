"""Dump and restore memory stay flat as the database grows (issue 11, point 6).

Builds SQLite databases with a small and a 10x larger history (accounts, tokens and grants:
the tables with the most rows per byte), dumps and restores each, and prints Python's peak
allocation (tracemalloc) and rows per second for both in the same run, with the large/small
ratios: streaming keeps the memory ratio near 1 while the row ratio is 10.

    python bench/backup_bench.py [SMALL_ROWS]
"""

import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import insert

from api.db import make_engine, migrate
from api.services.backup import dump, restore
from models import Account, ApiToken, Grant


def build(url: str, accounts: int) -> None:
    """A migrated database with ``accounts`` accounts, each with a token and a grant."""
    engine = make_engine(url)
    migrate(engine)
    with engine.begin() as conn:
        for start in range(1, accounts + 1, 5000):
            ids = range(start, min(start + 5000, accounts + 1))
            conn.execute(insert(Account), [{"id": i, "name": f"user-{i}"} for i in ids])
            conn.execute(
                insert(ApiToken),
                [{"account_id": i, "token_hash": f"{i:064x}", "label": "bench"} for i in ids],
            )
            conn.execute(
                insert(Grant),
                [{"account_id": i, "role": "translator", "language": "es-*"} for i in ids],
            )
    engine.dispose()


def measure(step: Callable[[str], object]) -> tuple[float, int]:
    """Seconds of ``step("a")`` alone, and Python's peak allocation during ``step("b")``
    (tracemalloc slows Python several times, so it is kept out of the timing)."""
    began = time.perf_counter()
    step("a")
    seconds = time.perf_counter() - began
    tracemalloc.start()
    step("b")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return seconds, peak


def run(folder: Path, accounts: int) -> dict[str, tuple[float, int]]:
    """Dump and restore timings and peaks for a database of ``accounts`` accounts."""
    source = make_engine(f"sqlite:///{folder}/src-{accounts}.db")
    build(str(source.url), accounts)
    archive = folder / f"dump-{accounts}.zip"

    def restore_into(copy: str) -> None:
        url = f"sqlite:///{folder}/dst-{accounts}-{copy}.db"
        target = make_engine(url)
        restore(target, archive, url, show_progress=False)
        target.dispose()

    results = {
        "dump": measure(lambda _: dump(source, archive, show_progress=False)),
        "restore": measure(restore_into),
    }
    source.dispose()
    return results


def main() -> None:
    """Print both sizes and the large/small ratios."""
    small = int(sys.argv[1]) if len(sys.argv) > 1 else 5_000
    with tempfile.TemporaryDirectory() as tmp:
        sizes = {n: run(Path(tmp), n) for n in (small, small * 10)}
    rows = {n: 3 * n for n in sizes}
    for step in ("dump", "restore"):
        for n, result in sizes.items():
            seconds, peak = result[step]
            print(
                f"{step:8} {rows[n]:>9} rows  {rows[n] / seconds:>9.0f} rows/s  "
                f"peak {peak / 1e6:6.1f} MB"
            )
        (s_small, p_small), (s_large, p_large) = sizes[small][step], sizes[small * 10][step]
        print(
            f"{step:8} large/small: rows x10, time x{s_large / s_small:.1f}, "
            f"peak x{p_large / p_small:.2f}"
        )


if __name__ == "__main__":
    main()
