"""SSML 1.1 for text-to-speech (reference.md section 6: the subset both major engines accept).

``speak`` with ``xml:lang`` of the response; the title and each heading are paragraphs of their
own; notices (stale, fallback, language, level, partial language) are paragraphs before the
content they are about, each ``<s xml:lang>`` in the language of its sentence; section texts
are ``p`` of ``s`` (sentences, ``api.domain.segments``); a section in another language
than the response is wrapped in ``<lang xml:lang>``; every abbreviation is
``<sub alias=..>`` (a listener cannot look back to a first use); a glossary term with an
IPA pronunciation is ``<phoneme alphabet="ipa" ph>`` where the text has the term's own form
(the IPA of "T cell" would mispronounce "T cells"). Escaped with ``xml.sax.saxutils``;
characters XML 1.0 forbids (C0 controls other than tab and line breaks) become U+FFFD; bidi
controls are legal XML characters and are kept.
"""

import re
from xml.sax.saxutils import escape, quoteattr

from api.domain.glossary import ABBREVIATION
from api.domain.segments import paragraph_spans, runs, sentence_spans
from api.schemas import ArticleRead, GlossaryMatch, SectionBody, SectionRead
from api.services.renditions.notices import (
    Notice,
    article_notices,
    of_section,
    section_read_notices,
)

SSML_NS = "http://www.w3.org/2001/10/synthesis"
MEDIA_TYPE = "application/ssml+xml"
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _clean(text: str) -> str:
    return _XML_ILLEGAL.sub("\ufffd", text)


def _text(text: str) -> str:
    return escape(_clean(text))


def _attr(text: str) -> str:
    return quoteattr(_clean(text), {"\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})


def _match(text: str, match: GlossaryMatch) -> str:
    surface, entry = text[match.start : match.end], match
    if entry.kind == ABBREVIATION:
        return f"<sub alias={_attr(entry.definition)}>{_text(surface)}</sub>"
    if entry.ipa and surface.casefold() == entry.term.casefold():
        return f'<phoneme alphabet="ipa" ph={_attr(entry.ipa)}>{_text(surface)}</phoneme>'
    return _text(surface)


def _sentence(text: str, start: int, end: int, matches: list[GlossaryMatch]) -> str:
    inner = "".join(
        _match(text, r.match) if r.match else _text(text[r.start : r.end])
        for r in runs(start, end, matches)
    )
    return f"<s>{inner}</s>"


def _paragraphs(text: str, matches: list[GlossaryMatch]) -> list[str]:
    out = []
    for start, end in paragraph_spans(text):
        sentences = "".join(
            _sentence(text, a, b, matches) for a, b in sentence_spans(text, start, end, matches)
        )
        out.append(f"<p>{sentences}</p>")
    return out


def notice_ssml(notice: Notice) -> str:
    """A notice as a paragraph whose sentence carries its own ``xml:lang``."""
    return f"<p><s xml:lang={_attr(notice.lang)}>{_text(notice.text)}</s></p>"


def _section(section: SectionBody, root_lang: str, notices: list[Notice]) -> str:
    parts = [f"<p><s>{_text(section.heading)}</s></p>"] if section.heading.strip() else []
    parts += _paragraphs(section.text, section.glossary)
    body = "\n".join(parts)
    if section.lang != root_lang:
        body = f"<lang xml:lang={_attr(section.lang)}>\n{body}\n</lang>"
    return "\n".join([*(notice_ssml(n) for n in notices), body])


def _speak(lang: str, parts: list[str]) -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<speak version="1.1" xmlns="{SSML_NS}" '
        f"xml:lang={_attr(lang)}>\n" + "\n".join(parts) + "\n</speak>\n"
    )


def render_article_ssml(article: ArticleRead) -> str:
    """The article as an SSML document (a well-formed XML string)."""
    lang = article.lang
    title = f"<p><s>{_text(article.title)}</s></p>"
    if article.title_lang != lang:
        title = f"<lang xml:lang={_attr(article.title_lang)}>{title}</lang>"
    notices = article_notices(article)
    own = [notice_ssml(n) for n in of_section(notices, None)]
    sections = [_section(s, lang, of_section(notices, s.key)) for s in article.sections]
    return _speak(lang, [title, *own, *sections])


def render_section_ssml(section: SectionRead) -> str:
    """One section as an SSML document."""
    return _speak(section.lang, [_section(section, section.lang, section_read_notices(section))])
