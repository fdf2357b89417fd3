"""Database errors are logged without what users submitted (issue 11: "database error logs
carry the SQL parameters, i.e. user-submitted text")."""

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import IntegrityError

from api.db import describe_database_error

SECRET = "a translator's unpublished sentence"


def _refused_insert(engine: Engine) -> IntegrityError:
    with engine.connect() as conn, pytest.raises(IntegrityError) as caught:
        conn.execute(
            text("INSERT INTO article (id, slug) VALUES (:id, :slug)"), {"id": 1, "slug": SECRET}
        )
    return caught.value


def test_statement_parameters_are_hidden(engine: Engine) -> None:
    assert "parameters hidden" in str(_refused_insert(engine))


def test_the_log_line_names_the_error_but_no_value(engine: Engine) -> None:
    line = describe_database_error(_refused_insert(engine))
    assert SECRET not in line
    assert line.startswith("IntegrityError") or line.startswith("NotNullViolation")
    assert "[in: INSERT INTO article" in line
