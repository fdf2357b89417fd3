"""Plain text for braille displays and plain text-to-speech (reference.md section 6).

The title, each heading and each paragraph are blocks separated by one blank line (LF line
ends); an abbreviation is expanded on its first use ("expansion (ABBR)", WCAG 2.2 SC 3.1.4);
the glossary follows the last section as "term: definition" lines under its heading. Content
is kept exactly as stored, bidi controls included: served as ``text/plain`` it is inert.
"""

from typing import Any

from api.domain.glossary import ABBREVIATION
from api.domain.languages import language_subtag
from api.domain.segments import paragraph_spans, runs
from api.services.renditions import glossary_label, section_matches


def _paragraphs(section: dict[str, Any], used: set[tuple[str, str]]) -> list[str]:
    text, lang, matches = section["text"], section["lang"], section_matches(section)
    out = []
    for start, end in paragraph_spans(text):
        pieces = []
        for r in runs(start, end, matches):
            piece = text[r.start : r.end]
            entry = r.match.entry if r.match else None
            if entry and entry.kind == ABBREVIATION and (lang, entry.term) not in used:
                used.add((lang, entry.term))
                piece = f"{entry.definition} ({piece})"
            pieces.append(piece)
        out.append("".join(pieces))
    return out


def _glossary(sections: list[dict[str, Any]], lang: str) -> list[str]:
    lines: dict[tuple[str, str, str], str] = {}
    for section in sections:
        for g in section.get("glossary", []):
            cjk = language_subtag(g["lang"]) in ("zh", "ja")
            colon = "：" if cjk else ": "  # CJK punctuation is full-width
            line = f"{g['term']}{colon}{g['definition']}"
            lines.setdefault((g["lang"], g["kind"], g["term"]), line)
    if not lines:
        return []
    return [glossary_label(lang)[0], "\n".join(lines.values())]


def _blocks(sections: list[dict[str, Any]]) -> list[str]:
    used: set[tuple[str, str]] = set()
    blocks = []
    for section in sections:
        if section["heading"].strip():
            blocks.append(section["heading"].strip())
        blocks += _paragraphs(section, used)
    return blocks


def render_article_text(article: dict[str, Any]) -> str:
    """The article dict as plain text."""
    sections = article["sections"]
    blocks = [article["title"], *_blocks(sections), *_glossary(sections, article["lang"])]
    return "\n\n".join(blocks) + "\n"


def render_section_text(section: dict[str, Any]) -> str:
    """One section dict as plain text."""
    blocks = [*_blocks([section]), *_glossary([section], section["lang"])]
    return "\n\n".join(blocks) + "\n"
