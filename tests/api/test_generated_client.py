"""A client generated from the document drives a translator's round trip (issue 9 point 8).

openapi-python-client generates a package from ``app.openapi()`` at test time; the test then
uses only that package (its functions, models and ``AuthenticatedClient``) against the app over
real HTTP in-process (a Starlette TestClient as the generated client's httpx client): an admin
makes a translator and a reviewer with grants and tokens, the translator exports the PO file,
fills it with polib, imports it (raw body, and again as a multipart upload), lists the slot's
versions, and the reviewer publishes with ``If-Match``.
"""

import importlib
import json
import pkgutil
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import polib
import pytest
from fastapi.testclient import TestClient

from api.services.auth import issue_token
from models import Account, Grant

SLUG = "immunotherapy-breast-cancer"
DE = (
    "Immuntherapie ist eine neue Hilfe gegen Brustkrebs. Sie hilft dem Körper, Krebs zu "
    "finden. Dann kann der Körper den Krebs angreifen. Es gibt noch nicht alle Antworten. "
    "Die Forscher lernen jeden Tag mehr. Die ersten Ergebnisse machen vielen Frauen Mut."
)
# The generator knows JSON, forms and octet-stream bodies: PO and XLIFF are sent as raw bytes
# (the generated code still labels them with their own media type).
CONFIG = (
    "content_type_overrides:\n"
    "  text/x-gettext-translation: application/octet-stream\n"
    "  application/xliff+xml: application/octet-stream\n"
)


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> ModuleType:
    """The client package generated from the live document."""
    from api.config import Settings
    from api.main import create_app

    work = tmp_path_factory.mktemp("client")
    settings = Settings(migrate_on_start=False, seed_on_start=False, warm_readability=False)
    (work / "openapi.json").write_text(json.dumps(create_app(settings).openapi()))
    (work / "config.yaml").write_text(CONFIG)
    generator = shutil.which("openapi-python-client", path=str(Path(sys.executable).parent))
    assert generator, "openapi-python-client is a test dependency"
    command = [generator, "generate", "--path", "openapi.json", "--config", "config.yaml"]
    command += ["--output-path", "content_client", "--meta", "none"]
    done = subprocess.run(command, cwd=work, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    sys.path.insert(0, str(work))
    try:
        yield importlib.import_module("content_client")
    finally:
        sys.path.remove(str(work))
        for name in [m for m in sys.modules if m.split(".")[0] == "content_client"]:
            del sys.modules[name]


def _operation(package: ModuleType, tag: str, name: str) -> ModuleType:
    """The generated module of one operation (its name is the operationId, which ends with
    the path and method)."""
    api = importlib.import_module(f"{package.__name__}.api.{tag}")
    module = next(m.name for m in pkgutil.iter_modules(api.__path__) if m.name.startswith(name))
    return importlib.import_module(f"{api.__name__}.{module}")


def _client(package: ModuleType, test_client: TestClient, token: str):
    http = TestClient(test_client.app, headers={"Authorization": f"Bearer {token}"})
    return package.AuthenticatedClient(base_url="http://testserver", token=token).set_httpx_client(
        http
    )


def _admin_token(session) -> str:
    account = Account(name="root")
    session.add(account)
    session.flush()
    session.add(Grant(account_id=account.id or 0, role="admin", language="*", level=None))
    _, token = issue_token(session, account, 1)
    session.commit()
    return token


def _person(package, admin, name: str, role: str) -> str:
    """An account with one grant and a token, made through the generated client only."""
    models = importlib.import_module(f"{package.__name__}.models")
    account = _operation(package, "accounts", "create_account").sync(
        client=admin, body=models.AccountCreate(name=name)
    )
    grant = models.GrantCreate(role=models.Role(role), language="de")
    made = _operation(package, "accounts", "create_grant").sync_detailed(
        account.id, client=admin, body=grant
    )
    assert made.status_code == 201, made.content
    token = _operation(package, "accounts", "create_token").sync(
        account.id, client=admin, body=models.TokenCreate(label="trial", expires_days=7)
    )
    return token.token


def _translated(po_text: str) -> bytes:
    catalog = polib.pofile(po_text)
    for entry in catalog:
        if entry.msgctxt == "summary/text":
            entry.msgstr = DE
        elif entry.msgctxt == "summary/heading":
            entry.msgstr = "Kurz gesagt"
    return str(catalog).encode()


def test_a_translators_round_trip_through_the_generated_client(generated, client, session):
    types = importlib.import_module(f"{generated.__name__}.types")
    admin = _client(generated, client, _admin_token(session))
    translator = _client(generated, client, _person(generated, admin, "tina", "translator"))
    reviewer = _client(generated, client, _person(generated, admin, "rhea", "reviewer"))

    exported = _operation(generated, "translation_files", "export_po_file").sync_detailed(
        SLUG, "de", "plain", client=translator
    )
    assert exported.status_code == 200
    data = _translated(exported.content.decode())

    imports = _operation(generated, "translation_files", "import_po_file")
    trial = imports.sync_detailed(
        SLUG, "de", "plain", client=translator, body=types.File(payload=data), dry_run=True
    )
    assert (trial.status_code, trial.parsed.dry_run) == (200, True)
    form_body = next(getattr(imports, n) for n in dir(imports) if n.endswith("FilesBody"))(
        file=types.File(payload=data, file_name="de.po")
    )
    report = imports.sync(SLUG, "de", "plain", client=translator, body=form_body)
    entry = next(e for e in report.entries if e.key == "summary")
    assert (report.dry_run, entry.outcome) == (False, "submitted")
    version_id = entry.version_id

    models = importlib.import_module(f"{generated.__name__}.models")
    level = next(getattr(models, n) for n in dir(models) if n.startswith("SlotHistoryV1"))
    history = _operation(generated, "workflow", "slot_history").sync(
        SLUG, "summary", client=translator, locale="de", level=level("plain")
    )
    assert [v.id for v in history.versions] == [version_id]
    assert history.versions[0].status.value == "submitted"

    publish = _operation(generated, "workflow", "publish_version")
    stale = publish.sync_detailed(
        SLUG, "summary", version_id, client=reviewer, if_match='"slot-0-0"'
    )
    assert (stale.status_code, stale.parsed.status) == (412, 412)
    published = publish.sync(SLUG, "summary", version_id, client=reviewer, if_match=history.etag)
    assert (published.id, published.status.value, published.reviewed_by) == (
        version_id,
        "published",
        "rhea",
    )
    reader = client.get(f"/v1/articles/{SLUG}/sections/summary?locale=de&level=plain")
    assert (reader.json()["lang"], reader.json()["text"]) == ("de", DE)
