"""The document and the server agree: schemathesis against ``app.openapi()`` (issues 9 and 11).

Every operation of the OpenAPI document, authenticated as an admin (so the fuzzer reaches past
401), with a fixed seed (``derandomize``) and a bounded number of examples, in one rolled-back
transaction over the seeded database. Checks: no 5xx, and each answer's status code, content
type, headers and body as the document describes them. PO and XLIFF bodies are drawn from
real files (``po_bodies``/``xliff_bodies``) as well as junk, so imports get past the parser.
"""

import os
import tempfile

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from sqlalchemy import Connection
from sqlmodel import Session

from api.config import Settings
from api.main import create_app
from api.services.auth import issue_token
from models import Account, Grant

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "15"))

PO = (
    'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: {lang}\\n"\n\n'
    'msgctxt "summary/text"\nmsgid "{source}"\nmsgstr "{text}"\n'
)
XLIFF = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0"'
    ' version="2.0" srcLang="en" trgLang="{lang}"><file id="f"><unit id="summary/text"><segment>'
    "<source>{source}</source><target>{text}</target></segment></unit></file></xliff>"
)
_words = st.text(st.characters(codec="utf-8", exclude_characters='"\\<>&'), max_size=40)
_langs = st.sampled_from(["de", "es", "es_ES", "fr", "xx", "pt-BR"])


def _files(template: str) -> st.SearchStrategy[bytes]:
    filled = st.builds(
        lambda lang, source, text: template.format(lang=lang, source=source, text=text).encode(),
        _langs,
        _words,
        _words,
    )
    return st.one_of(filled, st.binary(max_size=200))


schemathesis.openapi.media_type("text/x-gettext-translation", _files(PO))
schemathesis.openapi.media_type("application/xliff+xml", _files(XLIFF))


@pytest.fixture
def admin(session) -> dict[str, str]:
    """Bearer header of an admin made in the test's transaction."""
    account = Account(name="fuzz-admin")
    session.add(account)
    session.flush()
    session.add(Grant(account_id=account.id or 0, role="admin", language="*", level=None))
    _, token = issue_token(session, account, 1)
    session.commit()
    return {"Authorization": f"Bearer {token}"}


_bound: dict[str, Connection] = {}


def _sessions() -> Session:
    return Session(bind=_bound["connection"], join_transaction_mode="create_savepoint")


# schemathesis' lazy ``from_fixture`` does not run under pytest 9 (it sets ``Function._nodeid``),
# so the app is built here, its sessions bound to each test's transaction by ``_bind``.
APP = create_app(
    Settings(
        # /readyz checks the URL in the settings (the app's own engine in production): a
        # throwaway file here, so the run never opens the user's DATABASE_URL or ./content.db
        database_url=os.environ.get("TEST_DATABASE_URL")
        or f"sqlite:///{tempfile.mkdtemp(prefix='fuzz-')}/readyz.db",
        migrate_on_start=False,
        seed_on_start=False,
        warm_readability=False,
        content_check_interval=0,
    ),
    _sessions,
)
schema = schemathesis.openapi.from_asgi("/openapi.json", APP)
REAL = {"slug": "immunotherapy-breast-cancer", "key": "summary", "locale": "es"}


@schema.hook
def flatmap_path_parameters(context, path_parameters):
    """Half the cases name the seeded article, section and a language, so the fuzzer reaches
    past 404 into the reads, the workflow and the imports."""
    if not path_parameters:
        return st.just(path_parameters)
    real = {k: REAL.get(k, v) for k, v in path_parameters.items()}
    return st.sampled_from([path_parameters, real])


@pytest.fixture(autouse=True)
def _bind(connection):
    _bound["connection"] = connection
    yield
    _bound.clear()


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    derandomize=True,  # the fixed seed: every run draws the same cases
    database=None,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_document_and_server_agree(case, admin):
    case.call_and_validate(headers=admin, checks=CHECKS)
