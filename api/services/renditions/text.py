"""Plain text for braille displays and plain text-to-speech (reference.md section 6).

The title, each heading and each paragraph are blocks separated by one blank line (LF line
ends); an abbreviation is expanded on its first use ("expansion (ABBR)", WCAG 2.2 SC 3.1.4);
notices (``notices``: stale, fallback, language, level, partial language) are blocks of
their own after the title or the section heading, in the served language; the glossary
follows the last section as "term: definition" lines under its heading. Content
is kept exactly as stored, bidi controls included: served as ``text/plain`` it is inert.
"""

from collections.abc import Sequence

from api.domain.glossary import ABBREVIATION
from api.domain.languages import language_subtag
from api.domain.segments import paragraph_spans, runs
from api.schemas import ArticleRead, SectionBody, SectionRead
from api.services.renditions import glossary_label
from api.services.renditions.notices import (
    Notice,
    article_notices,
    of_section,
    section_read_notices,
)


def _paragraphs(section: SectionBody, used: set[tuple[str, str]]) -> list[str]:
    text, lang = section.text, section.lang
    out = []
    for start, end in paragraph_spans(text):
        pieces = []
        for r in runs(start, end, section.glossary):
            piece = text[r.start : r.end]
            entry = r.match
            if entry and entry.kind == ABBREVIATION and (lang, entry.term) not in used:
                used.add((lang, entry.term))
                piece = f"{entry.definition} ({piece})"
            pieces.append(piece)
        out.append("".join(pieces))
    return out


def _glossary(sections: Sequence[SectionBody], lang: str) -> list[str]:
    lines: dict[tuple[str, str, str], str] = {}
    for section in sections:
        for g in section.glossary:
            cjk = language_subtag(g.lang) in ("zh", "ja")
            colon = "：" if cjk else ": "  # CJK punctuation is full-width
            lines.setdefault((g.lang, g.kind, g.term), f"{g.term}{colon}{g.definition}")
    if not lines:
        return []
    return [glossary_label(lang)[0], "\n".join(lines.values())]


def _blocks(sections: Sequence[SectionBody], notices: Sequence[Notice]) -> list[str]:
    used: set[tuple[str, str]] = set()
    blocks = []
    for section in sections:
        if section.heading.strip():
            blocks.append(section.heading.strip())
        blocks += [n.text for n in of_section(list(notices), section.key)]
        blocks += _paragraphs(section, used)
    return blocks


def render_article_text(article: ArticleRead) -> str:
    """The article as plain text (UTF-8 string, LF line ends)."""
    sections, notices = article.sections, article_notices(article)
    own = [n.text for n in of_section(notices, None)]
    blocks = [article.title, *own, *_blocks(sections, notices), *_glossary(sections, article.lang)]
    return "\n\n".join(blocks) + "\n"


def render_section_text(section: SectionRead) -> str:
    """One section as plain text."""
    notices = section_read_notices(section)
    blocks = [*_blocks([section], notices), *_glossary([section], section.lang)]
    return "\n\n".join(blocks) + "\n"
