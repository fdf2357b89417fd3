"""Which function renders which rendition, and with which ``Content-Type``."""

from collections.abc import Callable

from api.domain.media import FORMATS
from api.schemas import ArticleRead, SectionRead
from api.services.renditions.html import render_article_html, render_section_html
from api.services.renditions.jsonld import render_article_jsonld, render_section_jsonld
from api.services.renditions.ssml import render_article_ssml, render_section_ssml
from api.services.renditions.text import render_article_text, render_section_text

ArticleRenderer = Callable[[ArticleRead], str]
SectionRenderer = Callable[[SectionRead], str]

ARTICLE: dict[str, ArticleRenderer] = {
    "html": render_article_html,
    "ssml": render_article_ssml,
    "text": render_article_text,
    "jsonld": render_article_jsonld,
}
SECTION: dict[str, SectionRenderer] = {
    "html": render_section_html,
    "ssml": render_section_ssml,
    "text": render_section_text,
    "jsonld": render_section_jsonld,
}
# Content-Type per rendition; Starlette adds "; charset=utf-8" to text/* itself.
CONTENT_TYPES = {**FORMATS, "ssml": "application/ssml+xml; charset=utf-8"}
