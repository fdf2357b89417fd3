"""``python -m api.cli``: the ``content-api`` command."""

from api.cli import main

raise SystemExit(main())
