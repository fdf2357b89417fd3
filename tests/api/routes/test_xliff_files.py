"""XLIFF 2.0 files as CAT tools write them (issue 9, points 1 and 2): every export validates
against the OASIS XLIFF 2.0 core schema (copied into xliff_schema/); split segments,
ignorables, inline markup and ``state="final"`` import as a translator expects."""

from pathlib import Path

import pytest
from lxml import etree
from translate.storage.xliff2 import Xliff2File

from api.services.xliff import xliff_entries

URL = "/v1/articles/immunotherapy-breast-cancer"
XLF = f"{URL}/files/de/plain.xlf"
NS = "urn:oasis:names:tc:xliff:document:2.0"
X = f"{{{NS}}}"
SCHEMA = etree.XMLSchema(
    etree.parse(str(Path(__file__).parent / "xliff_schema/xliff_core_2.0.xsd"))
)
DE = (
    "Immuntherapie ist eine neue Hilfe gegen Brustkrebs. Sie hilft dem Körper, Krebs zu "
    "finden. Dann kann der Körper den Krebs angreifen. Es gibt noch nicht alle Antworten. "
    "Die Forscher lernen jeden Tag mehr. Die ersten Ergebnisse machen vielen Frauen Mut."
)
NEW_SOURCE = "In short, immunotherapy is a new way to treat breast cancer. Research goes on."


def _export(client, people) -> etree._Element:
    r = client.get(XLF, headers=people["translator"])
    assert r.status_code == 200
    return etree.fromstring(r.content)


def _valid(root: etree._Element) -> None:
    assert SCHEMA.validate(root), SCHEMA.error_log.filter_from_errors()


def _unit(root: etree._Element, unit_id: str) -> etree._Element:
    return next(u for u in root.iter(f"{X}unit") if u.get("id") == unit_id)


def _split(unit: etree._Element, parts: list[tuple[str, str, str | None]]) -> None:
    """Replace the unit's segment by ``(element, source, target)`` parts, as a CAT tool does."""
    for old in unit.findall(f"{X}segment"):
        unit.remove(old)
    for name, source, target in parts:
        part = etree.SubElement(unit, f"{X}{name}")
        if name == "segment":
            part.set("state", "translated")
        etree.SubElement(part, f"{X}source").text = source
        if target is not None:
            etree.SubElement(part, f"{X}target").text = target


def _post(client, people, root: etree._Element, query: str = ""):
    return client.post(XLF + query, content=etree.tostring(root), headers=people["translator"])


def _summary_target(client, people) -> str:
    segment = _unit(_export(client, people), "summary.text").find(f"{X}segment")
    return "".join(segment.find(f"{X}target").itertext())


def test_exports_validate_against_the_xliff_2_schema_in_every_state(client, people):
    _valid(_export(client, people))
    root = _export(client, people)
    _split(_unit(root, "summary.text"), [("segment", _source(root), DE)])
    assert _post(client, people, root).status_code == 201
    rita = people["reviewer"]
    versions = client.get(
        f"{URL}/sections/summary/versions", params={"locale": "de", "level": "plain"}, headers=rita
    )
    vid = versions.json()["versions"][0]["id"] if "versions" in versions.json() else None
    assert vid is not None, versions.text
    published = client.post(
        f"{URL}/sections/summary/versions/{vid}/publish",
        headers=rita | {"If-Match": versions.headers["etag"]},
    )
    assert published.status_code == 200, published.text
    root = _export(client, people)
    _valid(root)
    assert _unit(root, "summary.text").find(f"{X}segment").get("state") == "final"
    eve = people["editor"]
    source = client.get(
        f"{URL}/sections/summary/versions", params={"locale": "en", "level": "full"}, headers=eve
    )
    client.put(
        f"{URL}/sections/summary/source",
        json={"text": NEW_SOURCE, "change": "substantive"},
        headers=eve | {"If-Match": source.headers["etag"]},
    )
    data = client.get(XLF, headers=people["translator"]).content
    root = etree.fromstring(data)
    _valid(root)
    segment = _unit(root, "summary.text").find(f"{X}segment")
    assert (segment.get("state"), segment.get("subState")) == ("initial", "content-api:stale")
    store = Xliff2File.parsestring(data)
    assert any(u.target == DE for u in store.units)


def _source(root: etree._Element) -> str:
    return "".join(_unit(root, "summary.text").find(f"{X}segment/{X}source").itertext())


def test_a_unit_split_into_segments_and_ignorables_is_joined(client, people):
    root = _export(client, people)
    source = _source(root)
    first, rest = source.split(". ", 1)
    de_first, de_rest = DE.split(". ", 1)
    _split(
        _unit(root, "summary.text"),
        [
            ("segment", first + ".", de_first + "."),
            ("ignorable", " ", None),
            ("segment", rest, de_rest),
        ],
    )
    r = _post(client, people, root)
    assert r.status_code == 201, r.text
    entry = next(e for e in r.json()["entries"] if e["key"] == "summary")
    assert entry["outcome"] == "submitted"
    assert _summary_target(client, people) == DE


def test_inline_markup_keeps_its_text_and_warns_naming_the_unit(client, people):
    root = _export(client, people)
    unit = _unit(root, "summary.text")
    _split(unit, [("segment", _source(root), None)])
    target = etree.SubElement(unit.find(f"{X}segment"), f"{X}target")
    before, after = DE.split("Brustkrebs", 1)
    target.text = before
    pc = etree.SubElement(target, f"{X}pc", id="1")
    pc.text = "Brustkrebs"
    pc.tail = after
    r = _post(client, people, root)
    assert r.status_code == 201, r.text
    entry = next(e for e in r.json()["entries"] if e["key"] == "summary")
    assert entry["warnings"] == ["unit summary.text: inline markup (pc) imported as its text only"]
    assert _summary_target(client, people) == DE


def _heading_and_text(root: etree._Element) -> etree._Element:
    """Translate summary.text as DE; the summary.heading unit's segment, with a target."""
    _split(_unit(root, "summary.text"), [("segment", _source(root), DE)])
    heading = _unit(root, "summary.heading")
    source = "".join(heading.find(f"{X}segment/{X}source").itertext())
    _split(heading, [("segment", source, "")])
    return heading.find(f"{X}segment")


def test_inline_markup_in_a_heading_unit_warns_naming_the_unit(client, people):
    root = _export(client, people)
    target = _heading_and_text(root).find(f"{X}target")
    target.text = "Kurz "
    pc = etree.SubElement(target, f"{X}pc", id="1")
    pc.text = "gesagt"
    r = _post(client, people, root)
    assert r.status_code == 201, r.text
    entry = next(e for e in r.json()["entries"] if e["key"] == "summary")
    assert entry["outcome"] == "submitted"
    assert entry["warnings"] == [
        "unit summary.heading: inline markup (pc) imported as its text only"
    ]
    versions = client.get(
        f"{URL}/sections/summary/versions",
        params={"locale": "de", "level": "plain"},
        headers=people["reviewer"],
    ).json()["versions"]
    assert versions[0]["heading"] == "Kurz gesagt"


def test_a_bidi_override_in_a_heading_unit_is_an_entry_error(client, people):
    root = _export(client, people)
    _heading_and_text(root).find(f"{X}target").text = "Kurz\u202e gesagt"
    r = _post(client, people, root)
    assert r.status_code == 422, r.text
    entry = next(e for e in r.json()["entries"] if e["key"] == "summary")
    assert (entry["outcome"], entry["detail"]) == (
        "error",
        "heading must not contain control or bidi override characters: U+202E;"
        " use U+2066-U+2069 isolates or U+200E/U+200F marks for direction",
    )


def test_state_final_imports_as_a_submission(client, people):
    root = _export(client, people)
    _split(_unit(root, "summary.text"), [("segment", _source(root), DE)])
    _unit(root, "summary.text").find(f"{X}segment").set("state", "final")
    assert _post(client, people, root).status_code == 201
    status = client.get(f"{URL}/status", headers=people["translator"]).json()["summary"]["de"]
    assert (status["plain"]["submitted"], status["plain"]["published"]) == (1, 0)


def test_an_unfinished_segment_skips_the_unit_with_the_reason(client, people):
    root = _export(client, people)
    source = _source(root)
    first, rest = source.split(". ", 1)
    _split(
        _unit(root, "summary.text"),
        [("segment", first + ". ", "Immuntherapie hilft. "), ("segment", rest, None)],
    )
    r = _post(client, people, root)
    assert r.status_code == 200, r.text
    entry = next(e for e in r.json()["entries"] if e["key"] == "summary")
    assert (entry["outcome"], entry["detail"]) == ("skipped", "segment 2: untranslated")


def test_zh_segments_join_without_an_added_space():
    doc = f"""<xliff xmlns="{NS}" version="2.0" srcLang="en" trgLang="zh-Hans">
      <file id="f"><unit id="summary.text">
        <segment state="translated"><source>Immunotherapy helps.</source>
          <target>免疫疗法有帮助。</target></segment>
        <ignorable><source> </source><target></target></ignorable>
        <segment state="reviewed"><source>Research goes on.</source>
          <target>研究仍在<mrk id="m1" type="term">继续</mrk>。</target></segment>
      </unit></file></xliff>""".encode()
    (entry,) = xliff_entries(doc, "zh-Hans")
    assert (entry.source, entry.text, entry.skip_reason) == (
        "Immunotherapy helps. Research goes on.",
        "免疫疗法有帮助。研究仍在继续。",
        None,
    )
    assert entry.warnings == ["unit summary.text: inline markup (mrk) imported as its text only"]


@pytest.mark.parametrize(("trg", "status"), [("pt-PT", 422), ("de-AT", 200), ("de", 200)])
def test_trglang_follows_the_language_header_rule(client, people, trg, status):
    root = _export(client, people)
    root.set("trgLang", trg)
    r = _post(client, people, root, "?dry_run=true")
    assert r.status_code == status, r.text
    if status == 422:  # the line of the <xliff> element, as every other file error has one
        reason = f"line 1, xliff/@trgLang: is {trg}, not de"
        assert r.json()["errors"] == [{"parameter": "file", "reason": reason}]
