"""PO files through the tools translators use (issue 9, points 1, 3 and 5).

Every input here that is not our own export is written at test time by the real tools: gettext's
msgmerge, msgcat and msgattrib, polib and translate-toolkit, run on our exports. Every export is
checked by ``msgfmt -c``, polib and translate-toolkit.
"""

import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from translate.storage import po as ttk_po

URL = "/v1/articles/immunotherapy-breast-cancer"
PO = f"{URL}/files/de/plain.po"
SUMMARY_DE = (
    "Immuntherapie ist eine neue Hilfe gegen Brustkrebs. Sie hilft dem Körper, Krebs zu "
    "finden. Dann kann der Körper den Krebs angreifen. Es gibt noch nicht alle Antworten. "
    "Die Forscher lernen jeden Tag mehr. Die ersten Ergebnisse machen vielen Frauen Mut."
)
SIDE_DE = (
    "Auch diese Behandlung hat Nebenwirkungen. Man kann müde sein. Manchen ist übel. "
    "Manche fühlen sich wie bei einer Grippe. Meist ist das aber weniger schlimm als bei "
    "anderen Behandlungen gegen Krebs."
)
HARD_DE = (  # Wiener Sachtextformel 1 about 16: reliable, above the plain target (at most 8)
    "Die Immuntherapie ist eine vielversprechende neue Behandlung, die bei fortgeschrittenem "
    "Brustkrebs die körpereigene Abwehr gegen die Krebszellen richten soll. "
    "Obwohl weitere wissenschaftliche Untersuchungen zur langfristigen Wirksamkeit nötig sind, "
    "zeigen die ersten Ergebnisse der Studien bereits deutliche Verbesserungen. "
    "Besonders Patientinnen mit fortgeschrittener Erkrankung könnten davon profitieren."
)
NEW_SOURCE = (
    "In short, immunotherapy is a new way to treat breast cancer. It helps the body's own "
    "defences find and attack cancer cells, and research on it goes on every year."
)
pytestmark = pytest.mark.skipif(
    shutil.which("msgfmt") is None or shutil.which("msgmerge") is None,
    reason="gettext tools are not installed",
)


def _run(*args: str) -> str:
    result = subprocess.run(list(args), capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    return result.stdout + result.stderr


def _filled(client, people, texts: dict[str, str], tmp_path: Path) -> bytes:
    """Our export with ``texts`` (section key -> msgstr) filled in by polib."""
    catalog = polib.pofile(client.get(PO, headers=people["translator"]).text)
    for entry in catalog:
        key = entry.msgctxt.rpartition("/")[0] if entry.msgctxt else ""
        if entry.msgctxt == f"{key}/text" and key in texts:
            entry.msgstr = texts[key]
    path = tmp_path / "filled.po"
    catalog.save(str(path))
    return path.read_bytes()


def _edit_source(client, people, key: str, text: str) -> None:
    eve = people["editor"]
    versions = client.get(
        f"{URL}/sections/{key}/versions", params={"locale": "en", "level": "full"}, headers=eve
    )
    r = client.put(
        f"{URL}/sections/{key}/source",
        json={"text": text, "change": "substantive"},
        headers=eve | {"If-Match": versions.headers["etag"]},
    )
    assert r.status_code == 200, r.text


def _stale_export(client, people, tmp_path: Path) -> Path:
    """A de plain export with summary submitted and then made stale by a source edit."""
    data = _filled(client, people, {"summary": SUMMARY_DE}, tmp_path)
    assert client.post(PO, content=data, headers=people["translator"]).status_code == 201
    _edit_source(client, people, "summary", NEW_SOURCE)
    path = tmp_path / "stale.po"
    path.write_bytes(client.get(PO, headers=people["translator"]).content)
    return path


def _import(client, people, data: bytes, query: str = ""):
    return client.post(PO + query, content=data, headers=people["translator"])


def _outcome(report: dict, key: str) -> dict:
    return next(e for e in report["entries"] if e["key"] == key)


def test_every_export_passes_msgfmt_polib_and_translate_toolkit(client, people, tmp_path):
    path = _stale_export(client, people, tmp_path)
    text = path.read_text(encoding="utf-8")
    assert '#| msgid "In conclusion, immunotherapy is an emerging form' in text
    _run("msgfmt", "-c", "-o", "/dev/null", str(path))
    stale = polib.pofile(text).find("summary/text", by="msgctxt")
    assert stale is not None and stale.fuzzy and stale.msgid == NEW_SOURCE
    assert stale.previous_msgid.startswith("In conclusion, immunotherapy is an emerging form")
    store = ttk_po.pofile.parsestring(path.read_bytes())
    unit = next(u for u in store.units if u.getcontext() == "summary/text")
    assert (unit.isfuzzy(), unit.target) == (True, SUMMARY_DE)
    assert unit.prev_source == stale.previous_msgid
    assert store.gettargetlanguage() == "de"


@pytest.mark.parametrize("locale", ["de", "zh-Hans", "ar", "pt-BR"])
def test_fresh_exports_pass_msgfmt_check(client, people, tmp_path, locale):
    path = tmp_path / "fresh.po"
    path.write_bytes(client.get(f"{URL}/files/{locale}/plain.po", headers=people["admin"]).content)
    _run("msgfmt", "-c", "-o", "/dev/null", str(path))
    assert len(polib.pofile(str(path))) == 17  # the title and 8 sections x 2


def test_msgmerge_output_with_fuzzy_previous_and_obsolete_entries_imports(client, people, tmp_path):
    """msgmerge the translator's old file into the new template: fuzzy + ``#|`` entries, and
    the old entry that no longer exists kept as obsolete ``#~`` / ``#~|`` lines (polib)."""
    stale = _stale_export(client, people, tmp_path)
    catalog = polib.pofile(str(stale))
    gone = polib.POEntry(
        msgctxt="retired/text",
        msgid="A retired paragraph.",
        msgstr="Ein alter Absatz.",
        obsolete=True,
        previous_msgid="An older retired paragraph.",
    )
    catalog.append(gone)
    catalog.save(str(stale))
    pot = tmp_path / "new.pot"
    pot.write_bytes(client.get(PO, headers=people["translator"]).content)
    merged = tmp_path / "merged.po"
    _run("msgmerge", "--previous", "-o", str(merged), str(stale), str(pot))
    text = merged.read_text(encoding="utf-8")
    assert "#~| msgid" in text and "#| msgid" in text
    r = _import(client, people, merged.read_bytes(), "?dry_run=true")
    assert r.status_code == 200, r.text
    assert _outcome(r.json(), "summary") == {
        "where": _outcome(r.json(), "summary")["where"],
        "key": "summary",
        "outcome": "skipped",
        "detail": "fuzzy: not a finished translation",
    }
    cleared = tmp_path / "cleared.po"
    _run("msgattrib", "--clear-fuzzy", "-o", str(cleared), str(merged))
    r = _import(client, people, cleared.read_bytes())
    assert (r.status_code, _outcome(r.json(), "summary")["outcome"]) == (201, "submitted")


@pytest.mark.parametrize("width", ["--width=30", "--no-wrap"])
def test_msgcat_rewrapped_and_crlf_files_import(client, people, tmp_path, width):
    filled = tmp_path / "filled.po"
    filled.write_bytes(_filled(client, people, {"summary": SUMMARY_DE}, tmp_path))
    wrapped = tmp_path / "wrapped.po"
    _run("msgcat", width, "-o", str(wrapped), str(filled))
    crlf = wrapped.read_bytes().replace(b"\n", b"\r\n")
    for data in (wrapped.read_bytes(), crlf):
        r = _import(client, people, data, "?dry_run=true")
        assert (r.status_code, r.json()["counts"]["submitted"]) == (200, 1), r.text


def test_translate_toolkit_written_file_imports(client, people):
    store = ttk_po.pofile.parsestring(client.get(PO, headers=people["translator"]).content)
    unit = next(u for u in store.units if u.getcontext() == "summary/text")
    unit.target = SUMMARY_DE
    r = _import(client, people, bytes(store))
    assert (r.status_code, _outcome(r.json(), "summary")["outcome"]) == (201, "submitted")


def test_a_source_change_is_a_conflict_for_that_entry_only(client, people, tmp_path):
    """A file exported before one section changed: that entry is ``conflict`` with the current
    source; the other entry is stored (201). ``?strict=true`` stores nothing (409)."""
    data = _filled(client, people, {"summary": SUMMARY_DE, "side-effects": SIDE_DE}, tmp_path)
    _edit_source(client, people, "summary", NEW_SOURCE)
    strict = _import(client, people, data, "?strict=true")
    assert strict.status_code == 409, strict.text
    assert strict.json()["counts"] == {
        "submitted": 1,
        "unchanged": 0,
        "skipped": 7,
        "conflict": 1,
        "error": 0,
    }
    r = _import(client, people, data)
    assert r.status_code == 201, r.text
    conflict = _outcome(r.json(), "summary")
    assert (conflict["outcome"], conflict["current_source"]) == ("conflict", NEW_SOURCE)
    assert conflict["detail"].startswith("the source text changed since this file was exported")
    stored = _outcome(r.json(), "side-effects")
    assert stored["outcome"] == "submitted" and stored["version_id"] > 0
    status = client.get(f"{URL}/status", headers=people["translator"]).json()["summary"]
    assert status["de"]["plain"]["submitted"] == 1


def test_only_conflicts_is_409_and_only_failures_is_422(client, people, tmp_path):
    data = _filled(client, people, {"summary": SUMMARY_DE}, tmp_path)
    _edit_source(client, people, "summary", NEW_SOURCE)
    r = _import(client, people, data)
    assert (r.status_code, r.json()["counts"]["conflict"]) == (409, 1)
    bad = _filled(client, people, {"summary": " ", "side-effects": HARD_DE}, tmp_path)
    r = _import(client, people, bad)
    assert (r.status_code, r.json()["counts"]["error"]) == (422, 2), r.text


def test_a_typo_in_a_msgid_is_no_such_source_string(client, people, tmp_path):
    data = _filled(client, people, {"summary": SUMMARY_DE, "side-effects": SIDE_DE}, tmp_path)
    typo = data.replace(b'"In conclusion,', b'"In conclusoin,', 1)
    assert typo != data
    r = _import(client, people, typo)
    assert r.status_code == 201, r.text
    entry = _outcome(r.json(), "summary")
    assert entry["outcome"] == "error"
    assert entry["detail"].startswith("no such source string")


def test_plural_skipped_with_a_reason_and_a_polib_title_submitted(client, people, tmp_path):
    catalog = polib.pofile(
        _filled(client, people, {"side-effects": SIDE_DE}, tmp_path).decode("utf-8")
    )
    catalog.find("title", by="msgctxt").msgstr = "Immuntherapie bei Brustkrebs"
    catalog.append(
        polib.POEntry(
            msgctxt="summary/text",
            msgid="one cell",
            msgid_plural="%d cells",
            msgstr_plural={0: "eine Zelle", 1: "%d Zellen"},
            flags=["no-c-format"],
        )
    )
    catalog.remove(catalog.find("summary/text", by="msgctxt"))
    path = tmp_path / "plural.po"
    catalog.save(str(path))
    r = _import(client, people, path.read_bytes())
    assert r.status_code == 201, r.text
    title = _outcome(r.json(), "title")
    assert title["outcome"] == "submitted" and title["version_id"] > 0
    plural = _outcome(r.json(), "summary")
    assert plural["outcome"] == "skipped" and plural["detail"].startswith("plural entry")


def _line_of(data: bytes, prefix: bytes) -> int:
    return next(i for i, line in enumerate(data.split(b"\n"), 1) if line.startswith(prefix))


def test_plural_forms_template_header_is_accepted_and_a_bad_one_names_its_line(
    client, people, tmp_path
):
    data = _filled(client, people, {"summary": SUMMARY_DE}, tmp_path)
    line = _line_of(data, b'"Plural-Forms:')
    lines = data.split(b"\n")
    lines[line - 1] = b'"Plural-Forms: nplurals=INTEGER; plural=EXPRESSION;\\n"'
    r = _import(client, people, b"\n".join(lines), "?dry_run=true")
    assert (r.status_code, r.json()["counts"]["submitted"]) == (200, 1), r.text
    lines[line - 1] = b'"Plural-Forms: nplurals=two; plural=(n != 1);\\n"'
    r = _import(client, people, b"\n".join(lines))
    assert (r.status_code, r.json()["line"]) == (422, line), r.text
    assert "Plural-Forms header" in r.json()["detail"]


def test_es_es_fits_es_and_pt_pt_is_refused_on_pt_br(client, people, session, tmp_path):
    from tests.api.routes.conftest import make_account

    pt = make_account(session, "paula", ("translator", "pt-BR", None))
    catalog = polib.pofile(client.get(f"{URL}/files/pt-BR/plain.po", headers=pt).text)
    catalog.metadata["Language"] = "pt_PT"
    r = client.post(f"{URL}/files/pt-BR/plain.po", content=str(catalog).encode(), headers=pt)
    assert r.status_code == 422
    assert r.json()["detail"].endswith("the Language header is pt_PT, not pt-BR")
    es = people["translator_es"]
    catalog = polib.pofile(client.get(f"{URL}/files/es/plain.po", headers=es).text)
    catalog.metadata["Language"] = "es_ES"
    r = client.post(
        f"{URL}/files/es/plain.po?dry_run=true", content=str(catalog).encode(), headers=es
    )
    assert r.status_code == 200, r.text
