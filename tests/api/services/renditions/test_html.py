"""The HTML fragment: structure, languages, glossary, abbreviations, isolation, escaping."""

from html.parser import HTMLParser
from itertools import pairwise

from api.services.renditions.html import render_article_html, render_section_html

from .conftest import HOSTILE


class Outline(HTMLParser):
    """Collects start tags with attributes, heading levels and the decoded text."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def outline(html: str) -> Outline:
    parser = Outline()
    parser.feed(html)
    parser.close()
    return parser


def test_headings_are_in_order_and_every_part_has_lang_and_dir(article):
    page = outline(render_article_html(article))
    levels = [int(t[1]) for t, _ in page.tags if t in {"h1", "h2", "h3", "h4", "h5", "h6"}]
    assert levels == [1, 2, 2, 2]
    assert all(b <= a + 1 for a, b in pairwise(levels))
    root_tag, root = page.tags[0]
    assert (root_tag, root["lang"], root["dir"]) == ("article", "ar", "rtl")
    parts = [
        a
        for t, a in page.tags
        if t in {"article", "section"} and "glossary" not in (a.get("class") or "")
    ]
    assert [(a["lang"], a["dir"]) for a in parts] == [("ar", "rtl"), ("ar", "rtl"), ("en", "ltr")]
    assert all("dir" in a for _, a in page.tags if "lang" in a)
    note = next(a for t, a in page.tags if a.get("class") == "editorial-note")
    assert (note["lang"], note["dir"]) == ("en", "ltr")


def test_terms_are_dfn_linked_to_their_definitions_once_per_section(article):
    html = render_article_html(article)
    page = outline(html)
    links = [a for t, a in page.tags if t == "a"]
    assert len(links) == 2  # first "العلاج الكيميائي" and first "T cell"
    ids = {a["id"] for _, a in page.tags if "id" in a}
    for link in links:
        assert link["href"][1:] in ids and link["aria-describedby"] in ids
    assert html.count("<dfn>") == 2
    assert '<span class="ipa" lang="en-fonipa" dir="ltr">/ˈtiː sɛl/</span>' in html
    assert "A cell &amp; &lt;i&gt;more&lt;/i&gt;" in html


def test_abbreviation_is_expanded_on_first_use_only(article):
    html = render_article_html(article)
    first = 'National Cancer Institute (<abbr title="National Cancer Institute">NCI</abbr>)'
    assert html.count(first) == 1
    assert html.count('<abbr title="National Cancer Institute">NCI</abbr>') == 2


def test_numbers_and_latin_runs_are_isolated_in_rtl_text(article):
    html = render_article_html(article)
    assert "<bdi>5</bdi> <bdi>mg</bdi>" in html
    assert "<bdi>NCI</bdi>" not in html  # English section: no isolation needed


def test_hostile_content_is_escaped_intact_and_bidi_contained(article):
    html = render_article_html(article)
    page = outline(html)
    assert "script" not in {t for t, _ in page.tags} and "b" not in {t for t, _ in page.tags}
    assert HOSTILE in "".join(page.text)
    assert "\u202eevil\u202c" in html
    bdi_text = html.split("<bdi>")[-1].split("</bdi>")[0]
    assert "\u202e" in bdi_text
    assert "Side &lt;b&gt;effects&lt;/b&gt; &amp; &#34;more&#34;" in html


def test_section_fragment_has_its_own_glossary_one_level_below(section):
    html = render_section_html(section)
    page = outline(html)
    assert page.tags[0][0] == "section" and page.tags[0][1]["lang"] == "en"
    assert [t for t, _ in page.tags if t.startswith("h")] == ["h2", "h3"]
    assert html.count("<dt") == 2
