"""``content-api compact-sync --before DATE`` (api/repositories/sync.py, issue 10 point 4)."""

import argparse
import json
import sys
from datetime import datetime

from api.cli.parsing import Help, SubParsers


def compact_sync(args: argparse.Namespace) -> int:
    """Drop change-log rows older than ``--before``; a moment in the future is refused (exit
    2): it would drop every row, and every client would have to sync from the start."""
    from datetime import UTC

    from sqlmodel import Session

    from api.config import get_settings
    from api.db import require_existing
    from api.repositories.sync import compact

    now = datetime.now(UTC)
    if args.before > now:
        print(
            f"content-api compact-sync: --before {args.before.isoformat()} is in the future"
            f" (now: {now.isoformat(timespec='seconds')}); give a moment up to now, or every"
            " change would be dropped and every sync token refused",
            file=sys.stderr,
        )
        return 2
    engine = require_existing(get_settings().database_url)
    with Session(engine) as session:
        removed, mark = compact(session, args.before)
        session.commit()
    print(json.dumps({"removed": removed, "low_water_mark": mark}))
    return 0


def _cutoff(raw: str) -> datetime:
    """``--before``: an ISO 8601 date or date-time; a date means its midnight, UTC."""
    from datetime import UTC

    try:
        moment = datetime.fromisoformat(raw)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{raw!r} is not an ISO 8601 date such as 2026-01-31 or 2026-01-31T12:00:00Z"
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def add_sync_commands(sub: SubParsers) -> None:
    """``compact-sync --before DATE`` (api/repositories/sync.py, docs/reference.md)."""
    compact = sub.add_parser(
        "compact-sync",
        help="drop change-log rows older than a date; older sync tokens then get 410",
        formatter_class=Help,
    )
    compact.add_argument(
        "--before", required=True, type=_cutoff, help="ISO 8601 date or date-time (UTC if bare)"
    )
    compact.set_defaults(run=compact_sync)
