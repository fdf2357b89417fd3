"""``content-api``: serve, seed, score, rescore, migrate, create-admin, dump, restore, and
compact-sync."""

import argparse
import json
import logging
import sys

from api.cli.backup import add_backup_commands
from api.cli.parsing import Help, Parser, package_version, port_number
from api.cli.readability import add_readability_commands
from api.cli.sync import add_sync_commands

# SQLModel, Alembic (api.db) and the settings are imported inside the commands that use them
# (here and in the submodules), so ``content-api score`` answers a Spanish sentence in under
# 0.5 s (issue 8 point 9).

LOG_LEVELS = ("critical", "error", "warning", "info", "debug")  # Granian's (api/server.py)


def _serve(args: argparse.Namespace) -> int:
    """Migrate and seed once, then serve on Granian with ``--workers`` processes."""
    from api.config import get_settings
    from api.db import usable_engine
    from api.server import AddressInUse, check_address, serve

    try:
        check_address(args.host, args.port)  # before anything touches the database
    except AddressInUse as exc:
        print(f"content-api serve: {exc}", file=sys.stderr)
        return 2
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


def build_parser() -> argparse.ArgumentParser:
    """The command-line interface."""
    parser: argparse.ArgumentParser = Parser(
        prog="content-api", description=__doc__, formatter_class=Help
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {package_version()}")
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser(
        "serve", help="migrate, seed an empty database, serve HTTP", formatter_class=Help
    )
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on")
    serve.add_argument("--port", type=port_number, default=8000, help="TCP port, 1-65535")
    serve.add_argument("--log-level", default="info", choices=LOG_LEVELS, help="server log level")
    serve.add_argument(
        "--workers",
        type=_positive_int,
        default=None,
        help="worker processes (default: WORKERS, 1)",
    )
    serve.set_defaults(run=_serve)
    seed = sub.add_parser(
        "seed", help="(re)load the packaged articles idempotently", formatter_class=Help
    )
    seed.set_defaults(run=_seed)
    add_readability_commands(sub)
    mig = sub.add_parser(
        "migrate", help="upgrade (or --down) the database schema", formatter_class=Help
    )
    mig.add_argument("revision", nargs="?", default="head", help="Alembic revision")
    mig.add_argument("--down", action="store_true", help="downgrade to the revision")
    mig.set_defaults(run=_migrate)
    admin = sub.add_parser(
        "create-admin",
        help="create an admin account in an existing database; print a new token once",
        formatter_class=Help,
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
    add_backup_commands(sub)
    add_sync_commands(sub)
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
