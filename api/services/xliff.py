"""XLIFF 2.0 export and import through translate-toolkit (issue 3, section 3).

State mapping (reference.md section 5) on ``<segment state>``: missing -> ``initial`` (no
target); stale -> ``initial`` with ``subState="content-api:stale"`` (the toolkit has no
sub-state API, so the attribute is set on the toolkit's own segment element); submitted ->
``translated``; published -> ``final``. One ``<unit id="<key>.text">`` and one
``<unit id="<key>.heading">`` per section. Imports are parsed with defusedxml first (no DTD,
no entities: billion laughs and external entities are refused), then by the toolkit.
"""

import io

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring
from sqlmodel import Session
from translate.storage.xliff2 import Xliff2File, Xliff2Unit

from api.repositories import articles
from api.services.imports import FileEntry
from api.services.po_files import FileTarget, file_slots, readability_comment
from models import Section, VersionStatus

STALE_SUBSTATE = "content-api:stale"
STATES = {VersionStatus.submitted: "translated", VersionStatus.published: "final"}


class BadXliffError(ValueError):
    """A file that is not safe or not XLIFF 2 we can read; ``where`` names the unit or line."""

    def __init__(self, where: str, problem: str) -> None:
        super().__init__(f"{where}: {problem}")
        self.where, self.problem = where, problem


def _unit(
    store: Xliff2File,
    unit_id: str,
    source: str,
    target: str | None,
    state: str,
    stale: bool,
    note: str | None,
) -> None:
    unit = Xliff2Unit(source)
    store.addunit(unit)
    unit.setid(unit_id)
    if target is not None:
        unit.target = target
    unit.xmlelement.set("state", state)
    if stale:
        unit.xmlelement.set("subState", STALE_SUBSTATE)
    if note:
        unit.addnote(note, origin="readability")


def _add_section(store: Xliff2File, session: Session, file: FileTarget, section: Section) -> None:
    source, version, _ = file_slots(session, file, section)
    stale = version is not None and version.source_hash != section.source_hash
    state = "initial" if version is None or stale else STATES[VersionStatus(version.status)]
    note = readability_comment(version.readability) if version is not None else None
    _unit(
        store,
        f"{section.key}.heading",
        source.heading if source else "",
        version.heading if version else None,
        state,
        stale,
        None,
    )
    _unit(
        store,
        f"{section.key}.text",
        source.text if source else "",
        version.text if version else None,
        state,
        stale,
        note,
    )


def export_xliff(session: Session, file: FileTarget) -> bytes:
    """The XLIFF 2.0 document of ``file.article`` for ``file.locale`` x ``file.level`` (UTF-8)."""
    article = file.article
    store = Xliff2File()
    store.setsourcelanguage(article.source_locale)
    store.settargetlanguage(file.locale)
    store.body.set("id", f"{article.slug}.{file.level}")
    for section in articles.sections_of(session, article.id or 0):
        _add_section(store, session, file, section)
    out = io.BytesIO()
    store.serialize(out)
    return out.getvalue()


def _parse(data: bytes) -> Xliff2File:
    try:
        fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise BadXliffError(
            "document", f"refused: {type(exc).__name__} (DTDs and entities are not accepted)"
        ) from None
    except Exception as exc:
        position = getattr(exc, "position", None)
        where = f"line {position[0]}" if position else "document"
        raise BadXliffError(where, f"not well-formed XML: {exc}") from None
    try:
        return Xliff2File.parsestring(data)
    except Exception as exc:  # lxml's XMLSyntaxError (e.g. depth over 256) is no ValueError
        line = getattr(exc, "lineno", None)
        raise BadXliffError(f"line {line}" if line else "document", str(exc)) from None


def xliff_entries(data: bytes, locale: str) -> list[FileEntry]:
    """The file's sections as import entries; ``BadXliffError`` for an unsafe or foreign file.

    ``trgLang`` must be ``locale``. Units in state ``initial`` (missing or stale) are skipped;
    ``translated``, ``reviewed`` and ``final`` targets are submitted (publishing stays a
    reviewer's act in the service).
    """
    store = _parse(data)
    target_lang = store.gettargetlanguage()
    if target_lang and target_lang.lower() != locale.lower():
        raise BadXliffError("xliff/@trgLang", f"is {target_lang}, not {locale}")
    headings = {
        str(u.getid())[: -len(".heading")]: u.target or ""
        for u in store.units
        if str(u.getid()).endswith(".heading")
    }
    entries = []
    seen: set[str] = set()
    for unit in store.units:
        unit_id = str(unit.getid())
        if unit_id in seen:
            raise BadXliffError(f"unit {unit_id}", "appears more than once")
        seen.add(unit_id)
        if unit_id.endswith(".heading"):
            continue
        key, _, part = unit_id.rpartition(".")
        state = unit.xmlelement.get("state", "initial")
        skip = (
            "not a section text unit"
            if part != "text"
            else "untranslated"
            if not unit.target
            else f"state {state}: not a finished translation"
            if state == "initial"
            else None
        )
        entries.append(
            FileEntry(
                f"unit {unit_id}",
                key or unit_id,
                str(unit.source or ""),
                str(unit.target or ""),
                str(headings.get(key, "")),
                skip,
            )
        )
    return entries
