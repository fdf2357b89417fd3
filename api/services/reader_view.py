"""What the reader page shows, built from a served article (``render.render_article``).

Pure functions, no I/O: switcher links, per-section "simpler version" links (WCAG 2.2 SC 3.1.5),
glossary marks inside the text (SC 3.1.3, 3.1.4, 3.1.6) and reading/listening time
(reference.md section 6). Every text part keeps its own ``lang``/``dir`` (SC 3.1.2).
Paragraphs and runs come from ``api.domain.segments``, as in the renditions.
"""

import math
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple
from urllib.parse import quote, urlencode

from api.domain.languages import locale_info, text_direction
from api.domain.levels import LevelScheme
from api.domain.segments import Run, paragraph_spans, runs
from api.schemas import ArticleRead, NoteRead, SectionBody
from api.services.store import ArticleSnapshot
from api.services.ui_i18n import N_

# Interface labels of the default levels; a level a deployment adds shows its scheme name.
LEVEL_LABELS = {"easy": N_("Easy read"), "plain": N_("Plain language"), "full": N_("Full text")}


@dataclass(frozen=True, slots=True)
class Link:
    """A switcher entry: where it goes, what it says, in which language, and if it is current."""

    href: str
    label: str
    lang: str
    dir: str
    current: bool
    partial: bool = False


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

    data: SectionBody
    paragraphs: list[list[Segment]]
    glossary: list[GlossaryItem] = field(default_factory=list)
    simpler: Link | None = None
    notes: list[NoteRead] = field(default_factory=list)


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


def language_links(
    body: ArticleRead,
    level: str | None,
    max_grade: float | None,
    partial: Collection[str] = (),
) -> list[Link]:
    """One link per language of the article, named in that language (CLDR native name);
    a language in ``partial`` (``coverage.partial_languages``) is marked so the page can say
    "partly translated" in words."""
    links = []
    for tag in body.available:
        info = locale_info(tag)
        href = page_url(body.slug, tag, level, max_grade)
        links.append(Link(href, info.native_name, tag, info.dir, tag == body.lang, tag in partial))
    return links


def level_links(body: ArticleRead, scheme: LevelScheme) -> list[Link]:
    """One link per level published in the page's language, easiest first."""
    lang, levels = body.lang, body.available.get(body.lang, [])
    return [
        Link(
            page_url(body.slug, lang, lv),
            level_label(scheme, lv),
            lang,
            text_direction(lang),
            lv == body.level,
        )
        for lv in levels
    ]


def simpler_link(
    scheme: LevelScheme, snapshot: ArticleSnapshot, section: SectionBody, slug: str
) -> Link | None:
    """Link to the next easier level this section has in the language it is shown in."""
    view = next((s for s in snapshot.sections if s.key == section.key), None)
    if view is None:
        return None
    rank = scheme.rank(section.level)
    easier = [lv for lv in view.versions.get(section.lang, {}) if scheme.rank(lv) < rank]
    if not easier:
        return None
    target = max(easier, key=scheme.rank)
    return Link(
        page_url(slug, section.lang, target, fragment=section.key),
        level_label(scheme, target),
        section.lang,
        section.dir,
        False,
    )


class Mark(NamedTuple):
    """The first occurrence of a glossary entry in a section: ``text[start:end]`` (code
    points), linked to ``item``."""

    start: int
    end: int
    item: GlossaryItem


def _marks(section: SectionBody) -> tuple[list[GlossaryItem], list[Mark]]:
    """Distinct glossary entries of a section (in text order), and the first occurrence of
    each in its text: inside the text, after the previous mark, not across a line break."""
    text = section.text
    items: dict[tuple[str, str], GlossaryItem] = {}
    marks: list[Mark] = []
    last_end = 0
    for entry in sorted(section.glossary, key=lambda g: (g.start, g.end)):
        name = (entry.kind, entry.term)
        if name in items:
            continue
        items[name] = GlossaryItem(
            f"gl-{section.key}-{len(items) + 1}",
            entry.term,
            entry.kind,
            entry.definition,
            entry.ipa,
            entry.lang,
            text_direction(entry.lang),
        )
        start, end = entry.start, entry.end
        if last_end <= start < end <= len(text) and "\n" not in text[start:end]:
            marks.append(Mark(start, end, items[name]))
            last_end = end
    return list(items.values()), marks


def _segment(text: str, run: Run[Mark]) -> Segment:
    piece = text[run.start : run.end]
    if run.match is None:
        return Segment(piece)
    item = run.match.item
    return Segment(piece, item.id, item.kind, item.lang)


def paragraphs(text: str, marks: Sequence[Mark]) -> list[list[Segment]]:
    """Split ``text`` into paragraphs (``segments.paragraph_spans``); each marked span becomes a
    term segment linked to its glossary item."""
    return [
        [_segment(text, run) for run in runs(start, end, marks)]
        for start, end in paragraph_spans(text)
    ]


def section_page(
    scheme: LevelScheme, snapshot: ArticleSnapshot, body: ArticleRead, section: SectionBody
) -> SectionPage:
    """Everything the template needs for one section."""
    glossary, marks = _marks(section)
    notes = [n for n in body.editorial_notes if section.key in n.sections]
    return SectionPage(
        section,
        paragraphs(section.text, marks),
        glossary,
        simpler_link(scheme, snapshot, section, body.slug),
        notes,
    )


def minutes(seconds: Sequence[float]) -> int | None:
    """Whole minutes (rounded up, at least 1) of a sum of per-section times in seconds
    (``reading_time_seconds`` or ``listening_time_seconds``); None for no sections."""
    if not seconds:
        return None
    return max(1, math.ceil(sum(seconds) / 60))
