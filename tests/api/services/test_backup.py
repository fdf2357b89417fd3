"""``content-api dump`` / ``restore`` (issue 11, point 6): the whole content round-trips on
SQLite, on PostgreSQL and across them, tokens still authenticate, restored PostgreSQL
sequences hand out fresh ids, and damaged archives or non-empty targets are refused.

Each test works on databases of its own (SQLite files; PostgreSQL databases created and
dropped here). The PostgreSQL tests run in CI's PostgreSQL pass (``TEST_DATABASE_URL``) and
are skipped in the SQLite pass.
"""

import json
import os
import uuid
import zipfile
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from fastapi.testclient import TestClient
from sqlalchemy import Engine, create_engine, inspect, select, text
from sqlmodel import Session

from api.cli import main
from api.config import Settings, get_settings
from api.db import alembic_config, make_engine, migrate
from api.domain.levels import load_scheme
from api.main import create_app
from api.services.auth import authenticate, create_admin
from api.services.backup import BackupError, content_tables, dump, restore
from api.services.seed import seed_all
from models import Account

SEC = "/v1/articles/immunotherapy-breast-cancer/sections/summary"
DE = (
    "Immuntherapie ist eine neue Hilfe gegen Brustkrebs. Sie hilft dem Körper, Krebs zu "
    "finden. Dann kann der Körper den Krebs angreifen. Es gibt noch nicht alle Antworten. "
    "Die Forscher lernen jeden Tag mehr. Die ersten Ergebnisse machen vielen Frauen Mut."
)
CONFIGURED = os.environ.get("TEST_DATABASE_URL", "")
needs_postgres = pytest.mark.skipif(
    not CONFIGURED.startswith("postgresql"),
    reason="PostgreSQL tests run in the pass with TEST_DATABASE_URL=postgresql://...",
)


@contextmanager
def new_database(kind: str, folder: Path) -> Iterator[str]:
    """The URL of a database that does not exist yet: a SQLite file, or a PostgreSQL
    database created empty and dropped afterwards."""
    name = f"backup_{uuid.uuid4().hex[:10]}"
    if kind == "sqlite":
        yield f"sqlite:///{folder / name}.db"
        return
    url = Settings(database_url=CONFIGURED).database_url
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield url.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        admin.dispose()


@contextmanager
def http(engine: Engine) -> Iterator[TestClient]:
    """Real HTTP against the database behind ``engine``."""
    settings = Settings(
        database_url=str(engine.url),
        migrate_on_start=False,
        seed_on_start=False,
        warm_readability=False,
        content_check_interval=0,
    )
    with TestClient(create_app(settings, lambda: Session(engine))) as client:
        yield client


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def account_with_token(client: TestClient, admin: dict[str, str], name: str, role: str) -> str:
    """An account made through the API with one grant; its new token."""
    aid = client.post("/v1/accounts", json={"name": name}, headers=admin).json()["id"]
    grant = {"role": role, "language": "*"}
    assert client.post(f"/v1/accounts/{aid}/grants", json=grant, headers=admin).status_code == 201
    r = client.post(f"/v1/accounts/{aid}/tokens", json={"expires_days": 30}, headers=admin)
    return str(r.json()["token"])


def add_history(client: TestClient, admin: dict[str, str]) -> None:
    """Accounts, grants and tokens; a version submitted and published, one rejected."""
    tom = bearer(account_with_token(client, admin, "tom", "translator"))
    rita = bearer(account_with_token(client, admin, "rita", "reviewer"))
    slot = {"locale": "de", "level": "plain"}
    for extra, action in (("", "publish"), (" Fragen Sie nach.", "reject")):
        source = client.get(f"{SEC}/versions", params=slot, headers=rita).json()["source"]
        body = {**slot, "text": DE + extra, "base_source_hash": source["source_hash"]}
        r = client.post(f"{SEC}/versions", json=body, headers=tom)
        assert r.status_code == 201, r.text
        etag = client.get(f"{SEC}/versions", params=slot, headers=rita).headers["etag"]
        r = client.post(
            f"{SEC}/versions/{r.json()['id']}/{action}",
            json={"comment": "Danke"},
            headers=rita | {"If-Match": etag},
        )
        assert r.status_code == 200, r.text


def populate(url: str) -> str:
    """Migrate and seed the database at ``url`` and add history; the admin's token."""
    engine = make_engine(url)
    migrate(engine)
    with Session(engine) as session:
        seed_all(session, load_scheme())
        token = create_admin(session, "ada", 30)
    with http(engine) as client:
        add_history(client, bearer(token))
    engine.dispose()
    return token


@pytest.fixture(scope="module")
def sqlite_source(tmp_path_factory) -> Iterator[tuple[str, str]]:
    """A seeded SQLite database with history: (URL, admin token)."""
    with new_database("sqlite", tmp_path_factory.mktemp("backup")) as url:
        yield url, populate(url)


@pytest.fixture(scope="module")
def postgres_source(tmp_path_factory) -> Iterator[tuple[str, str]]:
    """A seeded PostgreSQL database with history: (URL, admin token)."""
    with new_database("postgresql", tmp_path_factory.mktemp("backup")) as url:
        yield url, populate(url)


@pytest.fixture
def target(tmp_path) -> Callable[[str], AbstractContextManager[str]]:
    """``target(kind)``: a new empty database of that kind, dropped after the test."""
    return lambda kind: new_database(kind, tmp_path)


def every_row(url: str) -> dict[str, list[tuple[object, ...]]]:
    """Every table's rows as sorted tuples, typed by the models (aware datetimes, JSON)."""
    engine = make_engine(url)
    with engine.connect() as conn:
        rows = {
            t.name: sorted(tuple(r) for r in conn.execute(select(t))) for t in content_tables(conn)
        }
    engine.dispose()
    return rows


def round_trip(source: str, target: str, archive: Path) -> None:
    """Dump ``source`` and restore it into ``target``; their rows must be equal."""
    source_engine, target_engine = make_engine(source), make_engine(target)
    manifest = dump(source_engine, archive)
    restored = restore(target_engine, archive, target)
    source_engine.dispose()
    target_engine.dispose()
    assert restored == manifest
    before, after = every_row(source), every_row(target)
    assert after == before
    assert {name: len(rows) for name, rows in after.items()} == manifest.tables


def assert_tokens_work(url: str, admin_token: str) -> None:
    """The admin token authenticates in-process and over HTTP after the restore."""
    engine = make_engine(url)
    with Session(engine) as session:
        assert authenticate(session, f"Bearer {admin_token}").name == "ada"
    with http(engine) as client:
        r = client.get("/v1/accounts", headers=bearer(admin_token))
        assert (r.status_code, sorted(a["name"] for a in r.json())) == (
            200,
            ["ada", "rita", "tom"],
        )
    engine.dispose()


def test_sqlite_round_trip_keeps_every_row_and_tokens(sqlite_source, target, tmp_path):
    url, token = sqlite_source
    with target("sqlite") as restored:
        round_trip(url, restored, tmp_path / "content.zip")
        assert_tokens_work(restored, token)
    counts = json.loads(zipfile.ZipFile(tmp_path / "content.zip").read("manifest.json"))
    assert counts["tables"]["version_event"] == 4  # submitted, published, submitted, rejected
    assert (counts["tables"]["account"], counts["tables"]["api_token"]) == (3, 3)


@needs_postgres
def test_postgresql_round_trip_and_new_rows_get_fresh_ids(postgres_source, target, tmp_path):
    url, token = postgres_source
    with target("postgresql") as restored:
        round_trip(url, restored, tmp_path / "content.zip")
        assert_tokens_work(restored, token)
        engine = make_engine(restored)
        with Session(engine) as session:
            account = Account(name="new")
            session.add(account)
            session.commit()
            assert account.id == 4
        with http(engine) as client:  # a grant, a token, a version and its event
            admin = bearer(token)
            grant = {"role": "translator", "language": "de"}
            r = client.post("/v1/accounts/4/grants", json=grant, headers=admin)
            assert r.status_code == 201, r.text
            r = client.post("/v1/accounts/4/tokens", json={"expires_days": 1}, headers=admin)
            assert r.status_code == 201, r.text
            new = bearer(r.json()["token"])
            slot = {"locale": "de", "level": "plain"}
            source = client.get(f"{SEC}/versions", params=slot, headers=new).json()["source"]
            body = {
                **slot,
                "text": DE + " Bleiben Sie stark.",
                "base_source_hash": source["source_hash"],
            }
            r = client.post(f"{SEC}/versions", json=body, headers=new)
            assert r.status_code == 201, r.text
        engine.dispose()


@needs_postgres
def test_sqlite_to_postgresql_and_back(sqlite_source, target, tmp_path):
    url, token = sqlite_source
    with target("postgresql") as on_postgres, target("sqlite") as back:
        round_trip(url, on_postgres, tmp_path / "to-postgres.zip")
        assert_tokens_work(on_postgres, token)
        round_trip(on_postgres, back, tmp_path / "back.zip")
        assert every_row(back) == every_row(url)


def test_a_non_empty_target_is_refused_and_a_migrated_empty_one_taken(
    sqlite_source, target, tmp_path
):
    url, _ = sqlite_source
    engine = make_engine(url)
    dump(engine, tmp_path / "content.zip")
    before = every_row(url)
    with pytest.raises(BackupError, match=r"is not empty \(table account has rows\)"):
        restore(engine, tmp_path / "content.zip", "the source")
    engine.dispose()
    assert every_row(url) == before
    with target("sqlite") as migrated:
        empty = make_engine(migrated)
        migrate(empty)  # ``content-api migrate`` first: a schema and no rows is empty
        restore(empty, tmp_path / "content.zip", migrated)
        empty.dispose()
        assert every_row(migrated) == before


def damaged(archive: Path, tmp_path: Path) -> dict[str, Path]:
    """Copies of ``archive``: truncated, one byte flipped inside a member, foreign, newer."""
    data = archive.read_bytes()
    spot = data.index(b"tables/version.jsonl") + 200  # inside the compressed rows
    files = {
        "truncated": data[: len(data) // 2],
        "flipped": data[:spot] + bytes([data[spot] ^ 0xFF]) + data[spot + 1 :],
    }
    paths = {}
    for name, content in files.items():
        paths[name] = tmp_path / f"{name}.zip"
        paths[name].write_bytes(content)
    paths["foreign"] = tmp_path / "foreign.zip"
    with zipfile.ZipFile(paths["foreign"], "w") as zf:
        zf.writestr("manifest.json", json.dumps({"format": "something-else"}))
    paths["newer"] = tmp_path / "newer.zip"
    with zipfile.ZipFile(archive) as src, zipfile.ZipFile(paths["newer"], "w") as zf:
        for item in src.namelist():
            body = src.read(item)
            if item == "manifest.json":
                body = json.dumps({**json.loads(body), "alembic_revision": "9999"}).encode()
            zf.writestr(item, body)
    return paths


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("truncated", "is corrupt or not a content-api dump"),
        ("flipped", "is corrupt"),
        ("foreign", "is not a content-api dump: its format is not 'content-api-dump'"),
        ("newer", "is at revision 9999, newer than this content-api .* knows"),
    ],
)
def test_damaged_or_foreign_archives_are_refused(sqlite_source, target, tmp_path, case, message):
    url, _ = sqlite_source
    source = make_engine(url)
    dump(source, tmp_path / "content.zip")
    source.dispose()
    bad = damaged(tmp_path / "content.zip", tmp_path)[case]
    with target("sqlite") as restored:
        engine = make_engine(restored)
        with pytest.raises(BackupError, match=message):
            restore(engine, bad, restored)
        assert inspect(engine).get_table_names() == []  # nothing migrated, nothing kept
        engine.dispose()


@pytest.fixture
def cli_database(monkeypatch) -> Iterator[Callable[[str], None]]:
    """``use(url)`` points ``DATABASE_URL`` at ``url`` for :func:`api.cli.main`."""

    def use(url: str) -> None:
        monkeypatch.setenv("DATABASE_URL", url)
        get_settings.cache_clear()

    yield use
    get_settings.cache_clear()


def test_cli_dump_and_restore(sqlite_source, target, cli_database, tmp_path, capsys):
    url, token = sqlite_source
    archive = tmp_path / "cli.zip"
    cli_database(url)
    assert main(["dump", str(archive)]) == 0
    summary = json.loads(capsys.readouterr().out)
    head = ScriptDirectory.from_config(alembic_config(url)).get_current_head()
    assert (summary["revision"], summary["rows"]) == (
        head,
        sum(len(rows) for rows in every_row(url).values()),
    )
    with target("sqlite") as restored:
        cli_database(restored)
        assert main(["restore", str(archive)]) == 0
        assert json.loads(capsys.readouterr().out) == summary
        assert_tokens_work(restored, token)
        assert main(["restore", str(archive)]) == 2
        err = capsys.readouterr().err
        assert err.startswith("content-api restore: the database at ")
        assert err.endswith("restore only into a missing or empty database\n")
        (tmp_path / "junk.zip").write_bytes(b"not a zip at all")
        assert main(["restore", str(tmp_path / "junk.zip")]) == 2
        assert capsys.readouterr().err == (
            f"content-api restore: {tmp_path / 'junk.zip'} is corrupt or not a content-api "
            "dump (not a readable zip archive)\n"
        )


def test_cli_restore_of_a_bad_archive_leaves_no_database_behind(cli_database, tmp_path, capsys):
    junk, database = tmp_path / "junk.zip", tmp_path / "new" / "content.db"
    junk.write_bytes(b"not a zip at all")
    database.parent.mkdir()
    cli_database(f"sqlite:///{database}")
    assert main(["restore", str(junk)]) == 2
    assert capsys.readouterr().err == (
        f"content-api restore: {junk} is corrupt or not a content-api dump (not a readable zip"
        f" archive); no database was created at {database}\n"
    )
    assert sorted(p.name for p in database.parent.iterdir()) == []
