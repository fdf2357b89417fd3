"""The content-api command line."""

import json
import socket

import pytest

from api import cli
from api.config import get_settings


@pytest.fixture
def fresh_database(tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def test_score_prints_a_report(capsys):
    text = "El cáncer de mama afecta al tejido del seno. Hay tratamientos. Funcionan bien hoy."
    assert cli.main(["score", "--locale", "es_MX", text]) == 0
    report = json.loads(capsys.readouterr().out)
    assert (report["locale"], report["language"], report["formula"]) == ("es-MX", "es", "inflesz")


def test_score_rejects_a_bad_tag(capsys):
    assert cli.main(["score", "--locale", "not a tag", "x"]) == 2
    assert "--locale" in capsys.readouterr().err


def test_seed_is_idempotent(fresh_database, capsys):
    assert cli.main(["seed"]) == 0
    first = json.loads(capsys.readouterr().out)
    assert first["articles_created"] == ["immunotherapy-breast-cancer"]
    assert first["versions_added"] == 120  # 5 languages x 3 levels x 8 sections
    assert cli.main(["seed"]) == 0
    assert json.loads(capsys.readouterr().out) == {
        "articles_created": [],
        "versions_added": 0,
        "titles_added": 0,
    }


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("nonsense", "DATABASE_URL: 'nonsense' is not a database URL; expected sqlite:///"),
        ("mysql://x@localhost/db", "DATABASE_URL: unsupported database 'mysql'"),
        ("sqlite:////nonexistent-dir/x.db", "DATABASE_URL: cannot open sqlite:////nonexistent-dir"),
        (
            "postgresql://u:hunter2@127.0.0.1:1/db",
            "DATABASE_URL: cannot open postgresql+psycopg://u:***@127.0.0.1:1/db",
        ),
    ],
)
def test_a_bad_database_url_is_one_line_naming_the_variable(monkeypatch, capsys, url, message):
    monkeypatch.setenv("DATABASE_URL", url)
    get_settings.cache_clear()
    try:
        assert cli.main(["seed"]) == 2
    finally:
        get_settings.cache_clear()
    err = capsys.readouterr().err
    assert err.startswith("content-api seed: " + message)
    assert err.count("\n") == 1 and "hunter2" not in err


def test_version_and_help_show_defaults_and_environment(capsys):
    with pytest.raises(SystemExit) as exited:
        cli.main(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out.startswith("content-api ")
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    out = capsys.readouterr().out
    assert 'DATABASE_URL="sqlite:///./content.db"' in out and "ALLOWED_HOSTS=" in out
    with pytest.raises(SystemExit):
        cli.main(["serve", "--help"])
    assert "(default: 8000)" in capsys.readouterr().out


def test_rescore_after_seed_finds_nothing_old(fresh_database, capsys):
    assert cli.main(["seed"]) == 0
    capsys.readouterr()
    assert cli.main(["rescore"]) == 0
    assert json.loads(capsys.readouterr().out) == {
        "versions": 0,
        "article_reports": 0,
        "articles": 0,
    }


@pytest.mark.parametrize("command", [["create-admin", "--name", "x"], ["dump", "d.zip"]])
@pytest.mark.parametrize("url", ["garbage", ""])
def test_commands_that_need_a_database_refuse_an_unparsable_url_in_one_line(
    monkeypatch, capsys, tmp_path, command, url
):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", url)
    get_settings.cache_clear()
    try:
        assert cli.main(command) == 2
    finally:
        get_settings.cache_clear()
    err = capsys.readouterr().err
    assert "is not a database URL" in err and "Traceback" not in err
    assert err.count("\n") == 1


def test_migrate_to_an_unknown_revision_is_one_line(fresh_database, capsys):
    assert cli.main(["migrate", "bogus"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("content-api migrate: revision 'bogus':") and err.count("\n") == 1


def test_score_detail_shows_no_syllables_for_arabic(capsys):
    text = "يعالج العلاج المناعي سرطان الثدي. يساعد الجسم على محاربة الخلايا."
    assert cli.main(["score", "--detail", "--locale", "ar", text]) == 0
    table = capsys.readouterr().out.split("\n\n", 1)[1].splitlines()
    assert table[1].split() == ["#", "score", "words", "syll", "start-end", "text"]
    assert [line.split()[:5] for line in table[2:4]] == [
        ["1", "-", "5", "-", "0-33"],
        ["2", "-", "5", "-", "34-65"],
    ]
    assert table[4:] == [
        "syll -: this language has no syllable rules, so syllables are not counted"
    ]


def test_serve_refuses_a_port_out_of_range_before_touching_a_database(
    fresh_database, tmp_path, capsys
):
    with pytest.raises(SystemExit) as exited:
        cli.main(["serve", "--port", "99999"])
    assert exited.value.code == 2
    assert "--port: must be a TCP port from 1 to 65535, got '99999'" in capsys.readouterr().err
    assert not (tmp_path / "cli.db").exists()


def test_serve_refuses_a_port_another_server_listens_on(fresh_database, tmp_path, capsys):
    """Found by a new user: Granian binds with SO_REUSEPORT, so a second ``serve`` on the same
    port started silently and took half of the requests from another database."""
    with socket.socket() as other:  # a listener the way Granian's is
        other.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        other.bind(("127.0.0.1", 0))
        other.listen()
        port = other.getsockname()[1]
        assert cli.main(["serve", "--port", str(port)]) == 2
    err = capsys.readouterr().err
    assert err == f"content-api serve: cannot listen on 127.0.0.1:{port}: Address already in use\n"
    assert not (tmp_path / "cli.db").exists()
