"""``content-api dump FILE`` and ``content-api restore FILE`` (api/services/backup.py)."""

import argparse
import json
import sys
from pathlib import Path

from api.cli.parsing import Help, SubParsers

SIDE_FILES = ("-wal", "-shm", "-journal")  # what SQLite may create beside a database file


def dump_command(args: argparse.Namespace) -> int:
    from api.config import get_settings
    from api.db import require_existing
    from api.services.backup import BackupError, dump

    engine = require_existing(get_settings().database_url)
    try:
        manifest = dump(engine, args.file, args.progress)
    except BackupError as exc:
        print(f"content-api dump: {exc}", file=sys.stderr)
        return 2
    rows = sum(manifest.tables.values())
    print(json.dumps({"file": str(args.file), "revision": manifest.alembic_revision, "rows": rows}))
    return 0


def restore_command(args: argparse.Namespace) -> int:
    """Restore ``args.file``; on failure a SQLite file this command created is removed again
    (with its WAL and shared-memory files), so a bad archive leaves nothing behind."""
    from api.config import get_settings
    from api.db import shown_url, sqlite_file, usable_engine
    from api.services.backup import BackupError, restore

    url = get_settings().database_url
    if not args.file.is_file():  # before opening (and so creating) a SQLite database
        print(f"content-api restore: cannot read {args.file}: no such file", file=sys.stderr)
        return 2
    database = sqlite_file(url)
    created = database if database is not None and not database.exists() else None
    engine = usable_engine(url)
    try:
        manifest = restore(engine, args.file, str(database or shown_url(url)), args.progress)
    except BackupError as exc:
        note = ""
        if created is not None:
            engine.dispose()
            for path in (created, *(created.with_name(created.name + s) for s in SIDE_FILES)):
                path.unlink(missing_ok=True)
            note = f"; no database was created at {created}"
        print(f"content-api restore: {exc}{note}", file=sys.stderr)
        return 2
    rows = sum(manifest.tables.values())
    print(json.dumps({"file": str(args.file), "revision": manifest.alembic_revision, "rows": rows}))
    return 0


def add_backup_commands(sub: SubParsers) -> None:
    """``dump FILE`` and ``restore FILE`` (api/services/backup.py, docs/reference.md)."""
    bar = "progress bar on stderr (default: on a terminal, for 10,000 rows or more)"
    dump = sub.add_parser(
        "dump", help="write the whole database to a versioned archive", formatter_class=Help
    )
    dump.add_argument("file", type=Path, help="archive to write (.zip), replaced atomically")
    dump.add_argument("--progress", action=argparse.BooleanOptionalAction, help=bar)
    dump.set_defaults(run=dump_command)
    restore = sub.add_parser(
        "restore",
        help="load an archive into a missing or empty database (one transaction)",
        formatter_class=Help,
    )
    restore.add_argument("file", type=Path, help="archive written by content-api dump")
    restore.add_argument("--progress", action=argparse.BooleanOptionalAction, help=bar)
    restore.set_defaults(run=restore_command)
