"""XLIFF 2.0 export and import (issues 3 and 9).

State mapping (reference.md section 5) on ``<segment state>``: missing -> ``initial`` (no
target); stale -> ``initial`` with ``subState="content-api:stale"``; submitted ->
``translated``; published -> ``final``. One ``<unit id="<key>.heading">`` and one
``<unit id="<key>.text">`` per section; the readability note is the unit's ``<notes>``. The
article title is ``<unit id="title">`` first, its source the source title, a note naming its
``source_hash`` (imported through ``api.services.titles.submit_title``).

Export is built by translate-toolkit, whose XLIFF 2 unit is the ``<segment>``: the toolkit puts
``xml:space`` and ``<notes>`` on the segment, which the XLIFF 2.0 schema refuses, so they are
moved to the ``<unit>`` (tests validate every export against the OASIS schema).

Import reads units as CAT tools write them (the toolkit reads one segment per unit): a unit
split into several ``<segment>`` and ``<ignorable>`` elements is joined in document order with
their own whitespace (nothing added, so zh and ja segments join without a space); inline
markup (``<pc>``, ``<mrk>``, ``<ph>``, ``<cp>``...) keeps its text (``equiv`` for codes) and is
reported as a warning naming the unit (a heading unit's warning goes with its section's text
entry, which imports the heading); ``state="final"`` is a submission like any other.
Documents are parsed with defusedxml first (no DTD, no entities), then by lxml without entity
resolution or network.
"""

import io

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring
from lxml import etree
from sqlmodel import Session
from translate.storage.xliff2 import Xliff2File, Xliff2Unit

from api.domain.languages import InvalidLanguageTag, canonical_tag
from api.domain.po_header import language_mismatch
from api.repositories import articles
from api.services.catalogs import TITLE
from api.services.imports import FileEntry
from api.services.po_files import FileTarget, file_slots, readability_comment, title_slots
from models import Section, VersionStatus

NS = "urn:oasis:names:tc:xliff:document:2.0"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
STALE_SUBSTATE = "content-api:stale"
STATES = {VersionStatus.submitted: "translated", VersionStatus.published: "final"}
UNFINISHED = "initial"


class BadXliffError(ValueError):
    """A file that is not safe or not XLIFF 2 we can read; ``where`` names the unit or line."""

    def __init__(self, where: str, problem: str) -> None:
        super().__init__(f"{where}: {problem}")
        self.where, self.problem = where, problem


def _q(name: str) -> str:
    return f"{{{NS}}}{name}"


def _unit(store: Xliff2File, unit_id: str, texts: tuple[str, str | None], state: str) -> None:
    source, target = texts
    unit = Xliff2Unit(source)
    store.addunit(unit)
    unit.setid(unit_id)
    if target is not None:
        unit.target = target
    unit.xmlelement.set("state", state)
    if state == UNFINISHED and target is not None:
        unit.xmlelement.set("subState", STALE_SUBSTATE)


def _add_section(store: Xliff2File, session: Session, file: FileTarget, section: Section) -> None:
    source, version, _ = file_slots(session, file, section)
    stale = version is not None and version.source_hash != section.source_hash
    state = UNFINISHED if version is None or stale else STATES[VersionStatus(version.status)]
    heading = (source.heading if source else "", version.heading if version else None)
    _unit(store, f"{section.key}.heading", heading, state)
    _unit(
        store,
        f"{section.key}.text",
        (source.text if source else "", version.text if version else None),
        state,
    )
    if version is not None:
        unit = store.units[-1].xmlelement.getparent()
        notes = etree.Element(_q("notes"))
        note = etree.SubElement(notes, _q("note"), category="readability")
        note.text = readability_comment(version.readability)
        unit.insert(0, notes)


def _add_title(store: Xliff2File, session: Session, file: FileTarget) -> None:
    """Unit ``title``: the source title, the live title; a note names its source hash."""
    source, live, _ = title_slots(session, file)
    if source is None:
        return
    stale = live is not None and live.source_hash != source.source_hash
    state = UNFINISHED if live is None or stale else STATES[VersionStatus(live.status)]
    _unit(store, TITLE, (source.title, live.title if live else None), state)
    unit = store.units[-1].xmlelement.getparent()
    notes = etree.Element(_q("notes"))
    note = etree.SubElement(notes, _q("note"), category="source")
    note.text = f"article title; source_hash {source.source_hash}"
    unit.insert(0, notes)


def _schema_valid(root: etree._Element) -> None:
    """Move what the toolkit puts on ``<segment>`` but XLIFF 2.0 allows only on ``<unit>``."""
    for segment in root.iter(_q("segment")):
        space = segment.attrib.pop(XML_SPACE, None)
        if space is not None:
            segment.getparent().set(XML_SPACE, space)


def export_xliff(session: Session, file: FileTarget) -> bytes:
    """The XLIFF 2.0 document of ``file.article`` for ``file.locale`` x ``file.level`` (UTF-8),
    valid against the OASIS XLIFF 2.0 core schema."""
    article = file.article
    store = Xliff2File()
    store.setsourcelanguage(article.source_locale)
    store.settargetlanguage(file.locale)
    store.body.set("id", f"{article.slug}.{file.level}")
    _add_title(store, session, file)
    for section in articles.sections_of(session, article.id or 0):
        _add_section(store, session, file, section)
    _schema_valid(store.document.getroot())
    out = io.BytesIO()
    store.serialize(out)
    return out.getvalue()


NEWLINE = b"\n"


def _declaration_line(data: bytes) -> str:
    """``line N`` of the first DTD or entity declaration (where defusedxml refused the file)."""
    found = [i for i in (data.find(b"<!DOCTYPE"), data.find(b"<!ENTITY")) if i >= 0]
    return f"line {data.count(NEWLINE, 0, min(found)) + 1}" if found else "document"


def _parse(data: bytes) -> etree._Element:
    try:
        fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise BadXliffError(
            _declaration_line(data),
            f"refused: {type(exc).__name__} (DTDs and entities are not accepted)",
        ) from None
    except Exception as exc:
        position = getattr(exc, "position", None)
        where = f"line {position[0]}" if position else "document"
        raise BadXliffError(where, f"not well-formed XML: {exc}") from None
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:  # e.g. nesting deeper than 256
        raise BadXliffError(f"line {exc.lineno}" if exc.lineno else "document", str(exc)) from None
    if root.tag != _q("xliff") or not str(root.get("version", "")).startswith("2."):
        raise BadXliffError(f"line {root.sourceline}", f"not an XLIFF 2 document (namespace {NS})")
    return root


_CODES = {"ph", "sc", "ec"}  # inline codes: their text is ``equiv``


def _content(element: etree._Element | None, markup: set[str]) -> str:
    """The text of a ``<source>``/``<target>`` with inline markup reduced to its text; the
    local names of the markup met are added to ``markup``."""
    if element is None:
        return ""
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str):
            name = etree.QName(child).localname
            markup.add(name)
            if name == "cp":
                parts.append(chr(int(child.get("hex", "0"), 16)))
            elif name in _CODES:
                parts.append(child.get("equiv", ""))
            else:
                parts.append(_content(child, markup))
        parts.append(child.tail or "")
    return "".join(parts)


def _joined(unit: etree._Element) -> tuple[str, str | None, str | None, list[str]]:
    """``(source, target or None, why not finished or None, inline markup met)`` of a unit
    whose ``<segment>`` and ``<ignorable>`` children are joined in document order."""
    sources, targets, unfinished, markup = [], [], None, set[str]()
    parts = [c for c in unit if c.tag in (_q("segment"), _q("ignorable"))]
    for number, part in enumerate(parts, start=1):
        source_text = _content(part.find(_q("source")), markup)
        target = part.find(_q("target"))
        sources.append(source_text)
        if part.tag == _q("ignorable"):
            targets.append(source_text if target is None else _content(target, markup))
            continue
        if target is None:
            unfinished = unfinished or f"segment {number}: untranslated"
            continue
        targets.append(_content(target, markup))
        if part.get("state", UNFINISHED) == UNFINISHED:
            unfinished = (
                unfinished or f"segment {number}: state initial: not a finished translation"
            )
    if not parts:
        return "", None, "no segment", []
    if unfinished and len(parts) == 1:
        unfinished = unfinished.removeprefix("segment 1: ")
    target_text = "".join(targets) if len(targets) == len(parts) else None
    return "".join(sources), target_text, unfinished, sorted(markup)


def _check_language(root: etree._Element, locale: str) -> None:
    target_lang = root.get("trgLang")
    if not target_lang:
        return
    try:
        mismatch = language_mismatch(canonical_tag(target_lang), locale)
    except InvalidLanguageTag:
        mismatch = True
    if mismatch:
        raise BadXliffError(
            f"line {root.sourceline}, xliff/@trgLang", f"is {target_lang}, not {locale}"
        )


def _units(root: etree._Element) -> list[etree._Element]:
    seen: set[str] = set()
    units = list(root.iter(_q("unit")))
    for unit in units:
        unit_id = str(unit.get("id", ""))
        if unit_id in seen:
            raise BadXliffError(
                f"unit {unit_id} (line {unit.sourceline})", "appears more than once"
            )
        seen.add(unit_id)
    return units


def _entry(unit: etree._Element, headings: dict[str, str]) -> FileEntry:
    unit_id = str(unit.get("id", ""))
    key, _, part = unit_id.rpartition(".")
    source, target, unfinished, markup = _joined(unit)
    title = unit_id == TITLE
    skip = (
        "not a section text unit (id <key>.text)"
        if part != "text" and not title
        else unfinished
        if unfinished
        else "untranslated"
        if not target
        else None
    )
    warnings = _markup_warnings(unit_id, markup)
    where = f"unit {unit_id} (line {unit.sourceline})"
    heading = "" if title else headings.get(key, "")
    return FileEntry(where, key or unit_id, source, target or "", heading, skip, warnings, title)


def _markup_warnings(unit_id: str, markup: list[str]) -> list[str]:
    """The warning for a unit whose inline markup was reduced to its text, if it had any."""
    if not markup:
        return []
    return [f"unit {unit_id}: inline markup ({', '.join(markup)}) imported as its text only"]


def xliff_entries(data: bytes, locale: str) -> list[FileEntry]:
    """The file's sections as import entries; ``BadXliffError`` for an unsafe or foreign file.

    ``trgLang``, when given, must fit ``locale`` as a PO ``Language`` header must
    (:func:`api.domain.po_bytes.language_mismatch`). A unit whose segments are not all
    translated (a ``<target>`` and a state other than ``initial``) is skipped with the reason;
    ``translated``, ``reviewed`` and ``final`` targets are submitted alike. Unit ``title``
    is the article title (``FileEntry.title``).
    """
    root = _parse(data)
    _check_language(root, locale)
    units = _units(root)
    headings, heading_warnings = {}, {}
    for unit in units:
        unit_id = str(unit.get("id", ""))
        if unit_id.endswith(".heading"):
            key = unit_id[: -len(".heading")]
            _, target, _, markup = _joined(unit)
            headings[key], heading_warnings[key] = target or "", _markup_warnings(unit_id, markup)
    entries = [_entry(u, headings) for u in units if not str(u.get("id", "")).endswith(".heading")]
    for entry in entries:  # a heading is imported with its section's text entry
        entry.warnings[:0] = [] if entry.title else heading_warnings.get(entry.key, [])
    return entries
