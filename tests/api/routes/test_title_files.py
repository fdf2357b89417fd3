"""The article title through PO and XLIFF files (issue 9, point 4): exported with its source
title and source hash, imported as a title submission with the same per-entry report and
status rules as sections, published by a reviewer, served to readers."""

import io

from babel.messages.pofile import read_po
from lxml import etree
from sqlmodel import select

from api.services import content
from api.services.catalogs import source_hash
from models import Article, ArticleTitle, VersionStatus
from models.common import Origin

SLUG = "immunotherapy-breast-cancer"
URL = f"/v1/articles/{SLUG}"
PO = f"{URL}/files/de/plain.po"
XLF = f"{URL}/files/de/plain.xlf"
TITLES = f"{URL}/title/versions"
SOURCE = "Immunotherapy for breast cancer: How does it improve treatment?"
DE = "Immuntherapie bei Brustkrebs: Wie hilft sie bei der Behandlung?"
NEW_SOURCE = "Immunotherapy for breast cancer: what it changes in treatment"
SUMMARY = (
    "Immuntherapie ist eine neue Hilfe gegen Brustkrebs. Sie hilft dem Körper, Krebs zu "
    "finden. Dann kann der Körper den Krebs angreifen. Es gibt noch nicht alle Antworten. "
    "Die Forscher lernen jeden Tag mehr. Die ersten Ergebnisse machen vielen Frauen Mut."
)
NS = "urn:oasis:names:tc:xliff:document:2.0"
X = f"{{{NS}}}"


def _filled(data: str, context: str, text: str) -> str:
    at = data.index(f'msgctxt "{context}"\n')
    return data[:at] + data[at:].replace('msgstr ""', f'msgstr "{text}"', 1)


def _po_with_title(client, people, text: str = DE, summary: bool = False) -> bytes:
    data = _filled(client.get(PO, headers=people["translator"]).text, "title", text)
    return (_filled(data, "summary/text", SUMMARY) if summary else data).encode()


def _xliff_with_title(client, people, text: str = DE) -> bytes:
    root = etree.fromstring(client.get(XLF, headers=people["translator"]).content)
    for unit in root.iter(f"{X}unit"):
        target = {"title": text, "summary.text": SUMMARY}.get(str(unit.get("id")))
        if target is None:
            continue
        segment = unit.find(f"{X}segment")
        segment.set("state", "translated")
        for old in segment.findall(f"{X}target"):
            segment.remove(old)
        etree.SubElement(segment, f"{X}target").text = target
    return etree.tostring(root)


def _title_entry(report: dict) -> dict:
    return next(e for e in report["entries"] if e["key"] == "title")


def _publish(client, people, report: dict) -> None:
    """The reviewer publishes the imported title and summary text (If-Match: slot ETags)."""
    summary = f"{URL}/sections/summary/versions"
    for versions, key in ((TITLES, "title"), (summary, "summary")):
        entry = next(e for e in report["entries"] if e["key"] == key)
        params = {"locale": "de", "level": "plain"}
        etag = client.get(versions, params=params, headers=people["reviewer"]).headers["etag"]
        r = client.post(
            f"{versions}/{entry['version_id']}/publish",
            headers={**people["reviewer"], "If-Match": etag},
        )
        assert r.status_code == 200, r.json()


def _new_source_title(session) -> None:
    article = session.exec(select(Article).where(Article.slug == SLUG)).one()
    title = ArticleTitle(
        article_id=article.id or 0,
        locale="en",
        level="full",
        title=NEW_SOURCE,
        status=VersionStatus.submitted,
        origin=Origin.api.value,
        source_hash=source_hash(NEW_SOURCE),
    )
    content.publish_title(session, article, title, "eve")
    session.commit()


def test_po_export_carries_the_source_title_and_its_hash(client, people):
    r = client.get(PO, headers=people["translator"])
    catalog = read_po(io.BytesIO(r.content))
    entry = next(m for m in catalog if m.context == "title")
    assert (entry.id, entry.string) == (SOURCE, "")
    assert f"article title; source_hash {source_hash(SOURCE)}" in entry.auto_comments


def test_po_title_is_submitted_published_and_read(client, people):
    data = _po_with_title(client, people, summary=True)
    before = client.get(URL, params={"locale": "de", "level": "plain"}).json()
    assert before["title_lang"] == "en"
    dry = client.post(PO + "?dry_run=true", content=data, headers=people["translator"])
    assert (dry.status_code, _title_entry(dry.json())["outcome"]) == (200, "submitted")
    params = {"locale": "de", "level": "plain"}
    assert client.get(TITLES, params=params, headers=people["reviewer"]).json()["versions"] == []
    r = client.post(PO, content=data, headers=people["translator"])
    assert r.status_code == 201, r.json()
    entry = _title_entry(r.json())
    assert (entry["outcome"], entry["where"]) == ("submitted", "line 20")
    assert [c["check"] for c in entry["checks"]] == ["empty", "numbers", "characters"]
    _publish(client, people, r.json())
    read = client.get(URL, params={"locale": "de", "level": "plain"}).json()
    assert (read["title"], read["title_lang"]) == (DE, "de")
    exported = read_po(io.BytesIO(client.get(PO, headers=people["translator"]).content))
    assert next(m for m in exported if m.context == "title").string == DE


def test_po_title_already_there_is_unchanged(client, people):
    data = _po_with_title(client, people)
    assert client.post(PO, content=data, headers=people["translator"]).status_code == 201
    again = client.post(PO, content=data, headers=people["translator"])
    assert again.status_code == 200
    entry = _title_entry(again.json())
    assert entry["outcome"] == "unchanged" and entry["detail"].startswith("title version ")


def test_po_title_from_an_older_source_title_is_a_conflict(client, people, session):
    data = _po_with_title(client, people, summary=True)
    _new_source_title(session)
    strict = client.post(PO + "?strict=true", content=data, headers=people["translator"])
    assert strict.status_code == 409
    params = {"locale": "de", "level": "plain"}
    assert client.get(TITLES, params=params, headers=people["reviewer"]).json()["versions"] == []
    r = client.post(PO, content=data, headers=people["translator"])
    assert r.status_code == 201
    entry = _title_entry(r.json())
    assert (entry["outcome"], entry["current_source"]) == ("conflict", NEW_SOURCE)
    assert r.json()["counts"]["submitted"] == 1
    assert client.get(TITLES, params=params, headers=people["reviewer"]).json()["versions"] == []


def test_po_title_that_never_was_the_source_is_an_error(client, people):
    data = _po_with_title(client, people).replace(
        f'msgid "{SOURCE}"'.encode(), b'msgid "Immunotherapy"'
    )
    r = client.post(PO, content=data, headers=people["translator"])
    assert r.status_code == 422
    assert _title_entry(r.json())["detail"].startswith("no such source string")


def test_po_title_failing_a_check_is_an_error(client, people):
    bad = _po_with_title(client, people, text="  ")
    r = client.post(PO, content=bad, headers=people["translator"])
    assert r.status_code == 422
    entry = _title_entry(r.json())
    assert entry["outcome"] == "error" and entry["detail"].startswith("empty:")


def test_xliff_title_is_submitted_unchanged_then_conflict(client, people, session):
    data = _xliff_with_title(client, people)
    r = client.post(XLF, content=data, headers=people["translator"])
    assert r.status_code == 201, r.json()
    entry = _title_entry(r.json())
    assert entry["outcome"] == "submitted" and entry["where"].startswith("unit title ")
    again = client.post(XLF, content=data, headers=people["translator"])
    assert (again.status_code, _title_entry(again.json())["outcome"]) == (200, "unchanged")
    _publish(client, people, r.json())
    read = client.get(URL, params={"locale": "de", "level": "plain"}).json()
    assert (read["title"], read["title_lang"]) == (DE, "de")
    root = etree.fromstring(client.get(XLF, headers=people["translator"]).content)
    unit = next(u for u in root.iter(f"{X}unit") if u.get("id") == "title")
    assert unit.find(f"{X}segment").get("state") == "final"
    _new_source_title(session)
    late = client.post(
        XLF, content=_xliff_with_title(client, people, "Neu"), headers=people["translator"]
    )
    assert late.status_code == 201  # exported after the change: current source
    stale = client.post(XLF, content=data, headers=people["translator"])
    assert stale.status_code == 409
    assert _title_entry(stale.json())["current_source"] == NEW_SOURCE
