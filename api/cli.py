"""``content-api``: serve, seed, score, migrate, create-admin, dump, restore."""

import argparse
import json
import logging
import sys
from datetime import datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

# SQLModel, Alembic (api.db) and the settings are imported inside the commands that use them,
# so ``content-api score`` answers a Spanish sentence in under 0.5 s (issue 8 point 9).

LOG_LEVELS = ("critical", "error", "warning", "info", "debug")  # Granian's (api/server.py)


def _serve(args: argparse.Namespace) -> int:
    """Migrate and seed once, then serve on Granian with ``--workers`` processes."""
    from api.config import get_settings
    from api.db import usable_engine
    from api.server import serve

    usable_engine(get_settings().database_url)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    serve(args.host, args.port, args.workers or get_settings().workers, args.log_level)
    return 0


def _positive_int(raw: str) -> int:
    """``--workers``: a whole number from 1 to 64."""
    if not raw.isdigit() or not 1 <= int(raw) <= 64:
        raise argparse.ArgumentTypeError(f"must be a whole number from 1 to 64, not {raw!r}")
    return int(raw)


def _seed(_: argparse.Namespace) -> int:
    from sqlmodel import Session

    from api.config import get_settings
    from api.db import migrate, usable_engine
    from api.domain.levels import load_scheme
    from api.services.seed import seed_all

    engine = usable_engine(get_settings().database_url)
    migrate(engine)
    with Session(engine) as session:
        report = seed_all(session, load_scheme())
    print(
        json.dumps(
            {
                "articles_created": report.articles_created,
                "versions_added": report.versions_added,
                "titles_added": report.titles_added,
            }
        )
    )
    return 0


def _score(args: argparse.Namespace) -> int:
    from api.domain.languages import InvalidLanguageTag, canonical_tag
    from api.domain.levels import load_scheme
    from api.domain.readability import score_text

    try:
        locale = canonical_tag(args.locale)
    except InvalidLanguageTag:
        print(f"--locale: '{args.locale}' is not a BCP 47 language tag", file=sys.stderr)
        return 2
    scheme = load_scheme()
    if args.level is not None and scheme.get(args.level) is None:
        print(f"--level: '{args.level}' is not one of {', '.join(scheme.ids)}", file=sys.stderr)
        return 2
    text = sys.stdin.read() if args.text == "-" else args.text
    report = score_text(text, locale, scheme, args.level)
    print(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
    if args.detail:
        from api.domain.readability_detail import as_table, detail

        print()
        print(as_table(detail(text, locale)))
    return 0


def _rescore(_: argparse.Namespace) -> int:
    from sqlmodel import Session

    from api.config import get_settings
    from api.db import migrate, require_existing
    from api.domain.levels import load_scheme
    from api.services.rescore import rescore

    engine = require_existing(get_settings().database_url)
    migrate(engine)
    with Session(engine) as session:
        report = rescore(session, load_scheme())
    print(json.dumps(report.__dict__))
    return 0


def _migrate(args: argparse.Namespace) -> int:
    from alembic.util import CommandError

    from api.config import get_settings
    from api.db import downgrade, migrate, usable_engine

    engine = usable_engine(get_settings().database_url)
    try:
        (downgrade if args.down else migrate)(engine, args.revision)
    except CommandError as exc:  # e.g. an unknown revision: one line, no traceback
        print(f"content-api migrate: revision {args.revision!r}: {exc}", file=sys.stderr)
        return 2
    return 0


def _create_admin(args: argparse.Namespace) -> int:
    from sqlmodel import Session

    from api.config import get_settings
    from api.db import migrate, require_existing
    from api.services.auth import AccountExists, create_admin

    engine = require_existing(get_settings().database_url)
    migrate(engine)
    with Session(engine) as session:
        try:
            token = create_admin(session, args.name, args.expires_days, promote=args.promote)
        except AccountExists as exc:
            print(f"content-api create-admin: {exc}", file=sys.stderr)
            return 2
    print(token)
    print("This token is shown once: store it now.", file=sys.stderr)
    return 0


def _dump(args: argparse.Namespace) -> int:
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


def _restore(args: argparse.Namespace) -> int:
    from api.config import get_settings
    from api.db import shown_url, sqlite_file, usable_engine
    from api.services.backup import BackupError, restore

    url = get_settings().database_url
    if not args.file.is_file():  # before opening (and so creating) a SQLite database
        print(f"content-api restore: cannot read {args.file}: no such file", file=sys.stderr)
        return 2
    engine = usable_engine(url)
    try:
        manifest = restore(
            engine, args.file, str(sqlite_file(url) or shown_url(url)), args.progress
        )
    except BackupError as exc:
        print(f"content-api restore: {exc}", file=sys.stderr)
        return 2
    rows = sum(manifest.tables.values())
    print(json.dumps({"file": str(args.file), "revision": manifest.alembic_revision, "rows": rows}))
    return 0


def _add_backup_commands(sub: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    """``dump FILE`` and ``restore FILE`` (api/services/backup.py, docs/reference.md)."""
    bar = "progress bar on stderr (default: on a terminal, for 10,000 rows or more)"
    dump = sub.add_parser(
        "dump", help="write the whole database to a versioned archive", formatter_class=_Help
    )
    dump.add_argument("file", type=Path, help="archive to write (.zip), replaced atomically")
    dump.add_argument("--progress", action=argparse.BooleanOptionalAction, help=bar)
    dump.set_defaults(run=_dump)
    restore = sub.add_parser(
        "restore",
        help="load an archive into a missing or empty database (one transaction)",
        formatter_class=_Help,
    )
    restore.add_argument("file", type=Path, help="archive written by content-api dump")
    restore.add_argument("--progress", action=argparse.BooleanOptionalAction, help=bar)
    restore.set_defaults(run=_restore)


def _compact_sync(args: argparse.Namespace) -> int:
    from sqlmodel import Session

    from api.config import get_settings
    from api.db import require_existing
    from api.repositories.sync import compact

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


def _add_sync_commands(sub: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    """``compact-sync --before DATE`` (api/repositories/sync.py, docs/reference.md)."""
    compact = sub.add_parser(
        "compact-sync",
        help="drop change-log rows older than a date; older sync tokens then get 410",
        formatter_class=_Help,
    )
    compact.add_argument(
        "--before", required=True, type=_cutoff, help="ISO 8601 date or date-time (UTC if bare)"
    )
    compact.set_defaults(run=_compact_sync)


def _account_name(raw: str) -> str:
    """``--name``: the rule ``POST /v1/accounts`` applies (``models.account.AccountCreate``)."""
    from pydantic import ValidationError

    from models.account import AccountCreate

    try:
        return AccountCreate(name=raw).name
    except ValidationError as exc:
        reason = "; ".join(str(e["msg"]) for e in exc.errors())
        raise argparse.ArgumentTypeError(f"{raw!r} is not a valid account name: {reason}") from None


def _expires_days(raw: str) -> int:
    """``--expires-days``: a whole number within ``TokenCreate``'s bounds."""
    from models.account import TOKEN_DAYS_MAX, TOKEN_DAYS_MIN

    try:
        days = int(raw)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{raw!r} is not a whole number of days") from None
    if not TOKEN_DAYS_MIN <= days <= TOKEN_DAYS_MAX:
        raise argparse.ArgumentTypeError(
            f"must be from {TOKEN_DAYS_MIN} to {TOKEN_DAYS_MAX} days, not {days}"
        )
    return days


def _package_version() -> str:
    try:
        return version("content-api")
    except PackageNotFoundError:  # running from a checkout that is not installed
        return "unknown"


def _environment_help() -> str:
    """Every setting's environment variable with its default (``api.config.Settings``)."""
    from api.config import Settings

    lines = ["environment variables (or .env in the working directory), with defaults:"]
    for name, field in Settings.model_fields.items():
        lines.append(f"  {name.upper()}={json.dumps(field.default)}")
    return "\n".join(lines)


class _Parser(argparse.ArgumentParser):
    """Builds the settings epilog only when help is shown, so other commands skip api.config."""

    def format_help(self) -> str:
        if self.epilog is None and " " not in self.prog:
            self.epilog = _environment_help()
        return super().format_help()


class _Help(argparse.ArgumentDefaultsHelpFormatter, argparse.RawDescriptionHelpFormatter):
    """Defaults after each option; the epilog's lines kept as written."""


def build_parser() -> argparse.ArgumentParser:
    """The command-line interface."""
    parser: argparse.ArgumentParser = _Parser(
        prog="content-api", description=__doc__, formatter_class=_Help
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_package_version()}")
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser(
        "serve", help="migrate, seed an empty database, serve HTTP", formatter_class=_Help
    )
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on")
    serve.add_argument("--port", type=int, default=8000, help="TCP port")
    serve.add_argument("--log-level", default="info", choices=LOG_LEVELS, help="server log level")
    serve.add_argument(
        "--workers",
        type=_positive_int,
        default=None,
        help="worker processes (default: WORKERS, 1)",
    )
    serve.set_defaults(run=_serve)
    seed = sub.add_parser(
        "seed", help="(re)load the packaged articles idempotently", formatter_class=_Help
    )
    seed.set_defaults(run=_seed)
    score = sub.add_parser(
        "score", help="print a readability report for a text", formatter_class=_Help
    )
    score.add_argument("--locale", required=True, help="BCP 47 tag, e.g. es or en-GB")
    score.add_argument("--level", default=None, help="judge against this level's target")
    score.add_argument(
        "--detail",
        action="store_true",
        help="also each sentence's own score, hardest first, and the long words, as tables",
    )
    score.add_argument("text", help="the text, or - to read standard input")
    score.set_defaults(run=_score)
    rescore = sub.add_parser(
        "rescore",
        help="recompute readability stored by older counters (counter_version)",
        formatter_class=_Help,
    )
    rescore.set_defaults(run=_rescore)
    mig = sub.add_parser(
        "migrate", help="upgrade (or --down) the database schema", formatter_class=_Help
    )
    mig.add_argument("revision", nargs="?", default="head", help="Alembic revision")
    mig.add_argument("--down", action="store_true", help="downgrade to the revision")
    mig.set_defaults(run=_migrate)
    admin = sub.add_parser(
        "create-admin",
        help="create an admin account in an existing database; print a new token once",
        formatter_class=_Help,
    )
    admin.add_argument("--name", required=True, type=_account_name, help="account name, e.g. ops")
    admin.add_argument(
        "--expires-days",
        type=_expires_days,
        default=90,
        help="days until the token expires, 1-3650",
    )
    admin.add_argument("--promote", action="store_true", help="make an existing account an admin")
    admin.set_defaults(run=_create_admin)
    _add_backup_commands(sub)
    _add_sync_commands(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``content-api`` command."""
    args = build_parser().parse_args(argv)
    if args.command == "score":  # no database: nothing to import or catch (issue 8 point 9)
        scored: int = args.run(args)
        return scored
    from api.db import DatabaseUnusable

    try:
        result: int = args.run(args)
    except DatabaseUnusable as exc:
        print(f"content-api {args.command}: {exc}", file=sys.stderr)
        return 2
    return result


if __name__ == "__main__":
    raise SystemExit(main())
