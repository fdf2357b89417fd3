"""``content-api create-admin`` prints a working admin token once, and refuses a name or a
lifetime the API would refuse (exit status 2, nothing stored)."""

import pytest
from sqlalchemy import inspect
from sqlmodel import Session, select

from api.cli import main
from api.config import get_settings
from api.db import get_engine
from api.services.auth import authenticate
from models import Account


def test_create_admin_prints_a_token(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    get_settings.cache_clear()
    try:
        assert main(["migrate"]) == 0
        assert main(["create-admin", "--name", "ops", "--expires-days", "7"]) == 0
        token = capsys.readouterr().out.strip()
        assert token.startswith("cat_")
        with Session(get_engine(get_settings().database_url)) as session:
            principal = authenticate(session, f"Bearer {token}")
        assert (principal.name, principal.can("admin")) == ("ops", True)
    finally:
        get_settings.cache_clear()


@pytest.fixture
def cli_db(tmp_path, monkeypatch):
    """An empty SQLite database for the command; yields its URL."""
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    get_settings.cache_clear()
    yield get_settings().database_url
    get_settings.cache_clear()


def _names(url):
    engine = get_engine(url)
    if not inspect(engine).has_table("account"):
        return []
    with Session(engine) as session:
        return list(session.exec(select(Account.name)))


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--name", ""], "argument --name: '' is not a valid account name: must not be empty"),
        (["--name", "   "], "must not be empty or only whitespace"),
        (["--name", "ops\u202e"], "must not contain control or formatting characters (U+202E)"),
        (["--name", "o\x07ps"], "(U+0007)"),
        (["--name", "ops", "--expires-days", "-5"], "must be from 1 to 3650 days, not -5"),
        (["--name", "ops", "--expires-days", "0"], "must be from 1 to 3650 days, not 0"),
        (["--name", "ops", "--expires-days", "99999999"], "must be from 1 to 3650 days"),
        (["--name", "ops", "--expires-days", "soon"], "'soon' is not a whole number of days"),
    ],
)
def test_create_admin_refuses_bad_names_and_lifetimes(cli_db, capsys, argv, message):
    with pytest.raises(SystemExit) as exited:
        main(["create-admin", *argv])
    assert exited.value.code == 2
    captured = capsys.readouterr()
    assert message in captured.err and "Traceback" not in captured.err
    assert captured.out == ""
    assert _names(cli_db) == []


def test_create_admin_strips_the_name_as_the_api_does(cli_db, capsys):
    assert main(["migrate"]) == 0
    assert main(["create-admin", "--name", "  ops ", "--expires-days", "3650"]) == 0
    assert main(["create-admin", "--name", "ops", "--promote"]) == 0
    assert _names(cli_db) == ["ops"]


def test_create_admin_of_an_existing_name_needs_promote(cli_db, capsys):
    """Issue 9: ``create-admin --name`` of an existing account silently made it an admin."""
    assert main(["migrate"]) == 0
    assert main(["create-admin", "--name", "ops"]) == 0
    capsys.readouterr()
    assert main(["create-admin", "--name", "ops"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "'ops' already exists; give --promote" in captured.err


def test_create_admin_refuses_a_missing_database_and_says_where_it_looked(
    tmp_path, monkeypatch, capsys
):
    """Issue 9: run in another directory, it silently created a new empty database."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", "sqlite:///./content.db")
    get_settings.cache_clear()
    try:
        assert main(["create-admin", "--name", "ops"]) == 2
    finally:
        get_settings.cache_clear()
    captured = capsys.readouterr()
    assert captured.out == ""
    assert f"no database at {tmp_path / 'content.db'}" in captured.err
    assert not (tmp_path / "content.db").exists()


def test_create_admin_refuses_an_empty_database(cli_db, capsys):
    engine = get_engine(cli_db)
    with engine.connect() as conn:  # the file exists, with no schema
        conn.exec_driver_sql("CREATE TABLE unrelated (x INTEGER)")
        conn.commit()
    assert main(["create-admin", "--name", "ops"]) == 2
    assert "is empty" in capsys.readouterr().err
    assert _names(cli_db) == []
