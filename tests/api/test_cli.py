"""The content-api command line."""

import json

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
