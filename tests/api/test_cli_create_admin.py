"""``content-api create-admin`` prints a working admin token once."""

from sqlmodel import Session

from api.cli import main
from api.config import get_settings
from api.db import get_engine
from api.services.auth import authenticate


def test_create_admin_prints_a_token(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    get_settings.cache_clear()
    try:
        assert main(["create-admin", "--name", "ops", "--expires-days", "7"]) == 0
        token = capsys.readouterr().out.strip()
        assert token.startswith("cat_")
        with Session(get_engine(get_settings().database_url)) as session:
            principal = authenticate(session, f"Bearer {token}")
        assert (principal.name, principal.can("admin")) == ("ops", True)
    finally:
        get_settings.cache_clear()
