"""What the reader page shows, built from a served article dict (``render.article_json``).

Pure functions, no I/O: switcher links, per-section "simpler version" links (WCAG 2.2 SC 3.1.5),
glossary marks inside the text (SC 3.1.3, 3.1.4, 3.1.6) and reading/listening time
(reference.md section 6). Every text part keeps its own ``lang``/``dir`` (SC 3.1.2).
"""

import math
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, urlencode

from api.domain.languages import locale_info, text_direction
from api.domain.levels import LevelScheme
from api.services.store import ArticleSnapshot
from api.services.ui_i18n import N_

# Interface labels of the default levels; a level a deployment adds shows its scheme name.
LEVEL_LABELS = {"easy": N_("Easy read"), "plain": N_("Plain language"), "full": N_("Full text")}
_BLANK_LINES = re.compile(r"\n[ \t]*\n\s*")


@dataclass(frozen=True, slots=True)
class Link:
    """A switcher entry: where it goes, what it says, in which language, and if it is current."""

    href: str
    label: str
    lang: str
    dir: str
    current: bool


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of section text; ``target`` is the id of a glossary entry when it is a term."""

    text: str
    target: str | None = None
    kind: str | None = None
    lang: str | None = None


@dataclass(frozen=True, slots=True)
class GlossaryItem:
    """One term or abbreviation of a section with its definition (or expansion)."""

    id: str
    term: str
    kind: str
    definition: str
    ipa: str | None
    lang: str
    dir: str


@dataclass(slots=True)
class SectionPage:
    """A section as the page shows it."""

    data: dict[str, Any]
    paragraphs: list[list[Segment]]
    glossary: list[GlossaryItem] = field(default_factory=list)
    simpler: Link | None = None
    notes: list[dict[str, Any]] = field(default_factory=list)


def page_url(
    slug: str,
    locale: str,
    level: str | None = None,
    max_grade: float | None = None,
    fragment: str = "",
) -> str:
    """``/read/{slug}?locale=..&level=..`` (or ``max_grade``), with an optional ``#fragment``."""
    params: dict[str, str] = {"locale": locale}
    if max_grade is not None:
        params["max_grade"] = f"{max_grade:g}"
    elif level is not None:
        params["level"] = level
    url = f"/read/{quote(slug)}?{urlencode(params)}"
    return f"{url}#{fragment}" if fragment else url


def level_label(scheme: LevelScheme, level_id: str) -> str:
    """The msgid naming a level (translate it where shown)."""
    level = scheme.get(level_id)
    return LEVEL_LABELS.get(level_id, level.name if level else level_id)


def language_links(body: dict[str, Any], level: str | None, max_grade: float | None) -> list[Link]:
    """One link per language of the article, named in that language (CLDR native name)."""
    links = []
    for tag in body["available"]:
        info = locale_info(tag)
        links.append(
            Link(
                page_url(body["slug"], tag, level, max_grade),
                info.native_name,
                tag,
                info.dir,
                tag == body["lang"],
            )
        )
    return links


def level_links(body: dict[str, Any], scheme: LevelScheme) -> list[Link]:
    """One link per level published in the page's language, easiest first."""
    lang, levels = body["lang"], body["available"].get(body["lang"], [])
    return [
        Link(
            page_url(body["slug"], lang, lv),
            level_label(scheme, lv),
            lang,
            text_direction(lang),
            lv == body["level"],
        )
        for lv in levels
    ]


def simpler_link(
    scheme: LevelScheme, snapshot: ArticleSnapshot, section: dict[str, Any], slug: str
) -> Link | None:
    """Link to the next easier level this section has in the language it is shown in."""
    view = next((s for s in snapshot.sections if s.key == section["key"]), None)
    if view is None:
        return None
    rank = scheme.rank(section["level"])
    easier = [lv for lv in view.versions.get(section["lang"], {}) if scheme.rank(lv) < rank]
    if not easier:
        return None
    target = max(easier, key=scheme.rank)
    return Link(
        page_url(slug, section["lang"], target, fragment=section["key"]),
        level_label(scheme, target),
        section["lang"],
        section["dir"],
        False,
    )


def _offsets(entry: dict[str, Any]) -> tuple[int, int]:
    start, end = entry.get("start"), entry.get("end")
    return (start if isinstance(start, int) else -1, end if isinstance(end, int) else -1)


Mark = tuple[int, int, GlossaryItem]


def _marks(section: dict[str, Any]) -> tuple[list[GlossaryItem], list[Mark]]:
    """Distinct glossary entries of a section, and the first occurrence of each in its text."""
    text = section["text"]
    items: dict[tuple[str, str], GlossaryItem] = {}
    marks: list[Mark] = []
    last_end = 0
    entries = sorted(section.get("glossary") or [], key=_offsets)
    for entry in entries:
        name = (entry.get("kind", "term"), entry.get("term", ""))
        if name not in items:
            lang = entry.get("lang") or section["lang"]
            items[name] = GlossaryItem(
                f"gl-{section['key']}-{len(items) + 1}",
                name[1],
                name[0],
                entry.get("definition", ""),
                entry.get("ipa"),
                lang,
                text_direction(lang),
            )
            start, end = entry.get("start"), entry.get("end")
            if (
                isinstance(start, int)
                and isinstance(end, int)
                and last_end <= start < end <= len(text)
                and "\n" not in text[start:end]
            ):
                marks.append((start, end, items[name]))
                last_end = end
    return list(items.values()), marks


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` code point offsets of the paragraphs of ``text`` (split at blank lines,
    surrounding white space left out)."""
    spans, begin = [], 0
    for gap in [*_BLANK_LINES.finditer(text), None]:
        stop = gap.start() if gap else len(text)
        chunk = text[begin:stop]
        if chunk.strip():
            lead = len(chunk) - len(chunk.lstrip())
            spans.append((begin + lead, begin + len(chunk.rstrip())))
        begin = gap.end() if gap else len(text)
    return spans


def paragraphs(text: str, marks: list[Mark]) -> list[list[Segment]]:
    """Split ``text`` at blank lines; turn each marked span (code point offsets) into a term."""
    result = []
    for start, end in paragraph_spans(text):
        segments: list[Segment] = []
        cursor = start
        for m_start, m_end, item in marks:
            if start <= m_start and m_end <= end:
                if m_start > cursor:
                    segments.append(Segment(text[cursor:m_start]))
                segments.append(Segment(text[m_start:m_end], item.id, item.kind, item.lang))
                cursor = m_end
        if cursor < end:
            segments.append(Segment(text[cursor:end]))
        result.append(segments)
    return result


def section_page(
    scheme: LevelScheme, snapshot: ArticleSnapshot, body: dict[str, Any], section: dict[str, Any]
) -> SectionPage:
    """Everything the template needs for one section."""
    glossary, marks = _marks(section)
    notes = [n for n in body.get("editorial_notes", []) if section["key"] in n.get("sections", [])]
    return SectionPage(
        section,
        paragraphs(section["text"], marks),
        glossary,
        simpler_link(scheme, snapshot, section, body["slug"]),
        notes,
    )


def minutes(sections: list[dict[str, Any]], key: str) -> int | None:
    """Whole minutes (rounded up) of ``reading_time_seconds`` or ``listening_time_seconds``
    over all sections; None when any section lacks the figure."""
    values = [s.get(key) for s in sections]
    numbers = [float(v) for v in values if isinstance(v, int | float)]
    if not values or len(numbers) < len(values):
        return None
    return max(1, math.ceil(sum(numbers) / 60))
