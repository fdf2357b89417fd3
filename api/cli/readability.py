"""``content-api score`` and ``content-api rescore``: readability from the command line.

``score`` needs no database: it imports only the domain (issue 8 point 9: under 0.5 s).
"""

import argparse
import json
import sys

from api.cli.parsing import Help, SubParsers


def score(args: argparse.Namespace) -> int:
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


def rescore_all(_: argparse.Namespace) -> int:
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


def add_readability_commands(sub: SubParsers) -> None:
    """``score [--locale --level --detail] TEXT`` and ``rescore``."""
    parser = sub.add_parser(
        "score", help="print a readability report for a text", formatter_class=Help
    )
    parser.add_argument("--locale", required=True, help="BCP 47 tag, e.g. es or en-GB")
    parser.add_argument("--level", default=None, help="judge against this level's target")
    parser.add_argument(
        "--detail",
        action="store_true",
        help="also each sentence's own score, hardest first, and the long words, as tables",
    )
    parser.add_argument("text", help="the text, or - to read standard input")
    parser.set_defaults(run=score)
    again = sub.add_parser(
        "rescore",
        help="recompute readability stored by older counters (counter_version)",
        formatter_class=Help,
    )
    again.set_defaults(run=rescore_all)
