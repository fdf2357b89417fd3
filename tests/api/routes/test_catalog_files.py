"""PO and XLIFF export/import through HTTP (issue 3, section 3)."""

import codecs
import io
import re
import shutil
import subprocess

import pytest
from babel.messages.pofile import read_po

URL = "/v1/articles/immunotherapy-breast-cancer"
PO = f"{URL}/files/de/plain.po"
XLF = f"{URL}/files/de/plain.xlf"
DE = (
    "Immuntherapie ist eine neue Hilfe gegen Brustkrebs. Sie hilft dem Körper, Krebs zu "
    "finden. Dann kann der Körper den Krebs angreifen. Es gibt noch nicht alle Antworten. "
    "Die Forscher lernen jeden Tag mehr. Die ersten Ergebnisse machen vielen Frauen Mut."
)


def _po_with(client, people, text=DE) -> bytes:
    data = client.get(PO, headers=people["translator"]).content.decode()
    at = data.index('msgctxt "summary/text"')
    head, tail = data[:at], data[at:]
    tail = tail.replace('msgstr ""', 'msgstr "' + text.replace('"', '\\"') + '"', 1)
    head_at = head.index('msgctxt "summary/heading"')
    head = head[:head_at] + head[head_at:].replace('msgstr ""', 'msgstr "Kurz gesagt"', 1)
    return (head + tail).encode()


def test_export_is_a_po_catalog_msgfmt_accepts(client, people):
    r = client.get(PO, headers=people["translator"])
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/x-gettext-translation")
    assert "#, no-python-format" in r.text and "#, python-format" not in r.text
    assert "#. level plain: target {'max': 8}" in r.text
    catalog = read_po(io.BytesIO(r.content))
    assert len([m for m in catalog if m.id]) == 17  # the title and 8 sections x 2
    assert client.get(PO).status_code == 401


def test_import_dry_run_then_for_real(client, people):
    data = _po_with(client, people)
    r = client.post(PO + "?dry_run=true", content=data, headers=people["translator"])
    assert (r.status_code, r.json()["counts"]) == (
        200,
        {"submitted": 1, "unchanged": 0, "skipped": 8, "conflict": 0, "error": 0},
    )
    assert (
        client.get(f"{URL}/status", headers=people["translator"]).json()["summary"].get("de")
        is None
    )
    r = client.post(PO, content=data, headers=people["translator"])
    assert r.status_code == 201
    entry = next(e for e in r.json()["entries"] if e["key"] == "summary")
    assert entry["outcome"] == "submitted" and entry["version_id"] > 0
    again = client.post(PO, content=data, headers=people["translator"])
    assert (again.status_code, again.json()["counts"]["unchanged"]) == (200, 1)


def test_a_file_where_nothing_passes_is_422(client, people):
    data = _po_with(client, people, text=" ")
    r = client.post(PO, content=data, headers=people["translator"])
    assert r.status_code == 422
    assert r.json()["errors"][0]["reason"] == "summary: empty: the text is empty or only whitespace"


@pytest.mark.parametrize(
    "mangle",
    [
        lambda b: codecs.BOM_UTF8 + b,
        lambda b: b.replace(b"\n", b"\r\n"),
        lambda b: b.replace(b"\n", b"\r"),
        lambda b: b + b'\n#~ msgctxt "gone/text"\n#~ msgid "x"\n#~ msgstr "y"\n',
    ],
)
def test_real_file_variants_import(client, people, mangle):
    r = client.post(
        PO + "?dry_run=true", content=mangle(_po_with(client, people)), headers=people["translator"]
    )
    assert (r.status_code, r.json()["counts"]["submitted"]) == (200, 1)


def test_latin1_files_with_and_without_a_charset(client, people):
    full = _po_with(client, people).decode().replace("charset=UTF-8", "charset=ISO-8859-1")
    summary = full.index('#, no-python-format\nmsgctxt "summary/h')
    data = full[: full.index("\n\n") + 2] + full[summary:]
    latin = data.encode("latin-1")
    assert (
        client.post(PO + "?dry_run=true", content=latin, headers=people["translator"]).status_code
        == 200
    )
    undeclared = re.sub(r'"Content-Type: [^"]*"\n', "", data).encode("latin-1")
    r = client.post(PO, content=undeclared, headers=people["translator"])
    assert r.status_code == 422
    assert re.fullmatch(
        r"line \d+: byte 0xF6 is not valid UTF-8 \(no charset is declared\)", r.json()["detail"]
    )


def test_bad_files_are_422_naming_the_line(client, people):
    data = _po_with(client, people)
    lines = data.split(b"\n")
    number = next(i for i, line in enumerate(lines, 1) if line.startswith(b'msgstr "Immun'))
    lines[number - 1] = lines[number - 1][:-1]
    r = client.post(PO, content=b"\n".join(lines), headers=people["translator"])
    assert (r.status_code, r.json()["line"]) == (422, number)
    assert r.json()["detail"] == f"line {number}: unterminated string"
    ctrl = data.replace(b"Mut.", b"Mut\x01.")
    assert (
        "control character U+0001 in entry 'summary/text'"
        in client.post(PO, content=ctrl, headers=people["translator"]).json()["detail"]
    )
    dup = data + b'\nmsgctxt "summary/text"\nmsgid "x"\nmsgstr "y"\n'
    assert (
        "duplicate msgctxt 'summary/text'"
        in client.post(PO, content=dup, headers=people["translator"]).json()["detail"]
    )


def test_oversized_uploads_are_413(client, people):
    client.app.state.settings.max_catalog_bytes = 100
    r = client.post(PO, content=b"#" * 101, headers=people["translator"])
    assert (r.status_code, r.json()["status"]) == (413, 413)


def test_xliff_round_trip_with_states(client, people):
    client.post(PO, content=_po_with(client, people), headers=people["translator"])
    r = client.get(XLF, headers=people["translator"])
    assert r.status_code == 200
    assert r.text.count('state="initial"') == 15 and r.text.count('state="translated"') == 2
    data = r.content.replace(b"Mut.", b"Mut!")
    r = client.post(XLF, content=data, headers=people["translator"])
    assert (r.status_code, r.json()["counts"]) == (
        201,
        {"submitted": 1, "unchanged": 0, "skipped": 8, "conflict": 0, "error": 0},
    )


def test_xliff_entity_attacks_are_refused(client, people):
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>'
        b'<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0"'
        b' srcLang="en" trgLang="de"><file id="f"/></xliff>'
    )
    r = client.post(XLF, content=bomb, headers=people["translator"])
    assert r.status_code == 422
    assert r.json()["detail"].startswith("line 1: refused:")
    r = client.post(XLF, content=b"<xliff", headers=people["translator"])
    assert r.status_code == 422


def test_xliff_too_deep_or_with_duplicate_units_is_a_422(client, people):
    exported = client.get(XLF, headers=people["translator"]).content
    start = exported.index(b"<source>") + len(b"<source>")
    deep = exported[:start] + b'<pc id="1">' * 300 + b"x" + b"</pc>" * 300 + exported[start:]
    r = client.post(f"{XLF}?dry_run=true", content=deep, headers=people["translator"])
    assert (r.status_code, r.headers["content-type"]) == (422, "application/problem+json")
    unit_start = exported.index(b"<unit ")
    unit_end = exported.index(b"</unit>") + len(b"</unit>")
    doubled = exported[:unit_end] + exported[unit_start:unit_end] + exported[unit_end:]
    r = client.post(f"{XLF}?dry_run=true", content=doubled, headers=people["translator"])
    assert r.status_code == 422
    assert "appears more than once" in r.json()["detail"]


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="gettext's msgfmt is not installed")
def test_msgfmt_check_accepts_the_export(client, people, tmp_path):
    client.post(PO, content=_po_with(client, people), headers=people["translator"])
    path = tmp_path / "de.po"
    path.write_bytes(client.get(PO, headers=people["translator"]).content)
    result = subprocess.run(
        ["msgfmt", "-c", "-o", "/dev/null", str(path)], capture_output=True, text=True, check=False
    )
    assert (result.returncode, result.stderr) == (0, "")


def _language(data: bytes, value: str | None) -> tuple[bytes, int]:
    """``data`` with its Language header set to ``value`` (None: line removed); its line."""
    lines = data.split(b"\n")
    number = next(i for i, line in enumerate(lines, 1) if line.startswith(b'"Language:'))
    if value is None:
        del lines[number - 1]
    else:
        lines[number - 1] = b'"Language: ' + value.encode() + b'\\n"'
    return b"\n".join(lines), number


@pytest.fixture
def translators(session, people):
    """``people`` plus translators for pt-BR and zh-Hans (region and script rules)."""
    from tests.api.routes.conftest import make_account

    pt = make_account(session, "paula", ("translator", "pt-BR", None))
    zh = make_account(session, "zhou", ("translator", "zh-Hans", None))
    return people | {"translator_pt": pt, "translator_zh": zh}


@pytest.mark.parametrize(
    ("url", "who", "header", "locale"),
    [
        (PO, "translator", "fr", "de"),
        (f"{URL}/files/pt-BR/plain.po", "translator_pt", "pt_PT", "pt-BR"),
        (f"{URL}/files/zh-Hans/plain.po", "translator_zh", "zh_TW", "zh-Hans"),
        (f"{URL}/files/es/plain.po", "translator_es", "fr", "es"),
        (f"{URL}/files/es-MX/plain.po", "translator_es", "es", "es-MX"),
    ],
)
def test_a_po_file_for_another_language_is_422_naming_the_header_line(
    client, translators, url, who, header, locale
):
    people = translators
    data, number = _language(_po_with(client, people), header)
    for query in ("?dry_run=true", ""):
        r = client.post(url + query, content=data, headers=people[who])
        assert r.status_code == 422, r.text
        assert r.headers["content-type"] == "application/problem+json"
        reason = f"line {number}: the Language header is {header}, not {locale}"
        assert r.json()["errors"] == [{"parameter": "file", "reason": reason}]
        assert r.json()["line"] == number
    status = client.get(f"{URL}/status", headers=people[who]).json()["summary"]
    assert status.get(locale) is None or status[locale]["plain"]["submitted"] == 0


def test_a_po_file_with_an_invalid_language_header_is_422(client, people):
    data, number = _language(_po_with(client, people), "Klingonish")
    r = client.post(PO, content=data, headers=people["translator"])
    assert (r.status_code, r.json()["line"]) == (422, number)
    assert r.json()["errors"][0]["reason"] == (
        f"line {number}: the Language header 'Klingonish' is not a language tag such as de;"
        " expected de"
    )


@pytest.mark.parametrize(
    ("url", "who", "header"),
    [
        (PO, "translator", "de"),
        (PO, "translator", "DE"),
        (PO, "translator", ""),
        (PO, "translator", None),
        (PO, "translator", "LANGUAGE"),
        (PO, "translator", "de.UTF-8"),
        (PO, "translator", "de_AT"),
        (f"{URL}/files/es/plain.po", "translator_es", "es_ES"),
        (f"{URL}/files/es/plain.po", "translator_es", "es_MX"),
        (f"{URL}/files/es-mx/plain.po", "translator_es", "es_MX"),
        (f"{URL}/files/es-MX/plain.po", "translator_es", "es-mx"),
    ],
)
def test_a_po_file_for_the_same_language_or_none_imports(client, people, url, who, header):
    data, _ = _language(_po_with(client, people), header)
    r = client.post(url + "?dry_run=true", content=data, headers=people[who])
    assert (r.status_code, r.json()["counts"]["submitted"]) == (200, 1), r.text


@pytest.mark.parametrize("locale", ["de", "es", "zh-Hans", "es-MX", "ar"])
def test_every_export_declares_the_language_it_imports_into(client, people, locale):
    from api.services.po_files import po_entries

    data = client.get(f"{URL}/files/{locale}/plain.po", headers=people["translator"]).content
    assert len(po_entries(data, locale)) == 9  # the title and 8 sections


def test_translator_notes_state_readability_in_words(client, people):
    """A fresh user's finding: notes showed Python syntax (``target {'min': 55}``)."""
    data = client.get(f"{URL}/files/es/plain.po", headers=people["translator"]).text
    notes = [line for line in data.splitlines() if "; readability: " in line]
    assert notes, data[:500]
    for note in notes:
        assert "target at least 55, meets target: " in note
        assert "{" not in note and "True" not in note and "None" not in note


def test_a_dtd_is_refused_naming_its_line(client, people):
    doc = (
        b'<?xml version="1.0"?>\n\n<!DOCTYPE xliff SYSTEM "x.dtd">\n'
        b'<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0"'
        b' srcLang="en" trgLang="de"><file id="f"/></xliff>'
    )
    r = client.post(XLF, content=doc, headers=people["translator"])
    assert r.status_code == 422
    reason = "line 3: refused: DTDForbidden (DTDs and entities are not accepted)"
    assert r.json()["errors"] == [{"parameter": "file", "reason": reason}]


@pytest.mark.parametrize(("path", "kind"), [(PO, "a PO file"), (XLF, "an XLIFF 2.0 document")])
@pytest.mark.parametrize("body", [b"", b" \n\n"])
def test_an_empty_upload_is_422_naming_the_file(client, people, path, kind, body):
    reason = f"is empty: must be {kind} with the translations, as GET on this URL exports"
    for sent in ({"content": body}, {"files": {"file": ("x", body)}}):
        r = client.post(path, headers=people["translator"], **sent)
        assert r.status_code == 422, sent
        assert r.headers["content-type"] == "application/problem+json"
        assert r.json()["errors"] == [{"parameter": "file", "reason": reason}]
