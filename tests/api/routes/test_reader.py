"""The reader page's HTML through real HTTP against the seeded database (structure, words,
links); tests/browser drives the same page in Chromium."""

from itertools import pairwise

import pytest
from lxml import html as lxml_html
from sqlmodel import select

from api.services import content
from models import Article, Section, Version
from models.common import Origin

SLUG = "immunotherapy-breast-cancer"
URL = f"/read/{SLUG}"
KEYS = [
    "about-breast-cancer",
    "what-is-immunotherapy",
    "checkpoint-inhibitors",
    "t-cell-therapy",
    "research-and-results",
    "combining-treatments",
    "side-effects",
    "summary",
]
LANGUAGES = ["en", "ar", "es", "fr", "zh-Hans"]
SKIP_LINK = {
    "en": "Skip to main content",
    "es": "Saltar al contenido principal",
    "fr": "Aller au contenu principal",
    "ar": "انتقل إلى المحتوى الرئيسي",
    "zh-Hans": "跳到主要内容",
}


def _page(client, **params):
    r = client.get(URL, params=params)
    assert r.status_code == 200, r.text
    return r, lxml_html.document_fromstring(r.text)


def _text(element) -> str:
    return " ".join(element.text_content().split())


@pytest.mark.parametrize(("locale", "dir_"), [("en", "ltr"), ("ar", "rtl"), ("zh-Hans", "ltr")])
def test_page_language_direction_and_headers_follow_the_served_article(client, locale, dir_):
    r, doc = _page(client, locale=locale, level="plain")
    assert (doc.get("lang"), doc.get("dir")) == (locale, dir_)
    assert r.headers["content-type"] == "text/html; charset=utf-8"
    assert r.headers["content-language"] == locale
    assert "script-src" not in r.headers["content-security-policy"]
    assert r.headers["content-security-policy"].startswith("default-src 'none';")
    assert r.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize("locale", LANGUAGES)
def test_interface_speaks_the_article_language(client, locale):
    _, doc = _page(client, locale=locale)
    assert _text(doc.cssselect("a.skip-link")[0]) == SKIP_LINK[locale]
    assert doc.cssselect("header")[0].get("lang") is None  # same language as the page


def test_skip_link_comes_first_then_landmarks_and_real_headings(client):
    _, doc = _page(client, locale="en", level="plain")
    focusable = doc.xpath("//body//a[@href] | //body//*[@tabindex and @tabindex != '-1']")
    assert focusable[0].get("href") == "#main"
    assert [e.tag for e in doc.xpath("/html/body/*")] == ["a", "header", "main", "footer"]
    assert len(doc.cssselect("header nav")) == 2
    assert doc.cssselect("main")[0].get("id") == "main"
    headings = [int(h.tag[1]) for h in doc.xpath("//h1|//h2|//h3|//h4|//h5|//h6")]
    assert headings[0] == 1 and headings.count(1) == 1
    assert all(b - a <= 1 for a, b in pairwise(headings))
    assert [s.get("id") for s in doc.cssselect("main section[id]")] == KEYS


def test_language_switcher_is_links_named_in_their_own_language(client):
    _, doc = _page(client, locale="ar", level="easy")
    links = doc.cssselect("nav[aria-labelledby=languages-label] a")
    assert [a.get("href") for a in links] == [
        f"/read/{SLUG}?locale={tag}&level=easy" for tag in LANGUAGES
    ]
    assert [_text(a) for a in links] == ["English", "العربية", "español", "français", "中文 (简体)"]
    assert [a.get("hreflang") for a in links] == LANGUAGES
    assert [a.get("lang") for a in links] == ["en", None, "es", "fr", "zh-Hans"]  # None: page's
    assert [a.get("aria-current") for a in links] == [None, "page", None, None, None]


def test_level_switcher_lists_the_levels_of_the_language_and_marks_the_served_one(
    client, session, scheme
):
    _withdraw(session, scheme, "ar", "easy")
    _, doc = _page(client, locale="ar", level="full")
    links = doc.cssselect("nav[aria-labelledby=levels-label] a")
    assert [(a.get("href"), _text(a), a.get("aria-current")) for a in links] == [
        (f"/read/{SLUG}?locale=ar&level=plain", "لغة مبسطة", None),
        (f"/read/{SLUG}?locale=ar&level=full", "النص الكامل", "page"),
    ]


@pytest.mark.parametrize(
    ("locale", "level", "easier"),
    [
        ("en", "full", "plain"),
        ("en", "plain", "easy"),
        ("en", "easy", None),
        ("ar", "full", "plain"),
        ("ar", "plain", "easy"),
        ("ar", "easy", None),
        ("zh-Hans", "full", "plain"),
        ("zh-Hans", "plain", "easy"),
        ("fr", "plain", "easy"),
    ],
)
def test_every_section_with_an_easier_level_links_to_it(client, locale, level, easier):
    _, doc = _page(client, locale=locale, level=level)
    links = [s.cssselect(".simpler a") for s in doc.cssselect("main section[id]")[:8]]
    if easier is None:
        assert links == [[]] * 8
        return
    assert [found[0].get("href") for found in links] == [
        f"/read/{SLUG}?locale={locale}&level={easier}#{key}" for key in KEYS
    ]


def test_a_level_that_does_not_exist_is_said_in_words(client, session, scheme):
    _withdraw(session, scheme, "ar", "easy")
    _, doc = _page(client, locale="ar", level="easy")
    notices = [_text(p) for p in doc.cssselect("main > article > p.notice")]
    assert notices == [
        "لا توجد نسخة «قراءة سهلة» من هذه الصفحة باللغة العربية. تُعرض بمستوى «لغة مبسطة»."
    ]
    assert _text(doc.cssselect("p.meta")[0]).startswith("مستوى القراءة: لغة مبسطة")


def test_a_language_the_article_lacks_is_said_in_words_and_varies_on_the_header(client):
    r = client.get(URL, headers={"Accept-Language": "zh-TW"})
    doc = lxml_html.document_fromstring(r.text)
    assert doc.get("lang") == "en"
    assert "Accept-Language" in r.headers["vary"]
    assert _text(doc.cssselect("main > article > p.notice")[0]) == (
        "This page is not available in Chinese (Traditional, Taiwan). It is shown in English."
    )


def _section(session, key: str) -> Section:
    article = session.exec(select(Article).where(Article.slug == SLUG)).one()
    return session.exec(
        select(Section).where(Section.article_id == article.id, Section.key == key)
    ).one()


def _withdraw(session, scheme, locale: str, level: str) -> None:
    """Withdraw every published section of one language and level (the seed has them all)."""
    article = session.exec(select(Article).where(Article.slug == SLUG)).one()
    versions = session.exec(
        select(Version).where(
            Version.locale == locale, Version.level == level, Version.status == "published"
        )
    ).all()
    assert len(versions) == len(KEYS)
    for version in versions:
        version.status = "withdrawn"
        session.add(version)
    content.recompute_readability(session, scheme, article, [(locale, level)])
    content.touch(session, article)
    session.commit()


def test_fallback_and_stale_sections_are_said_in_words_with_their_own_language(client, session):
    summary = _section(session, "summary")
    zh = session.exec(
        select(Version).where(
            Version.section_id == summary.id,
            Version.locale == "zh-Hans",
            Version.status == "published",
        )
    ).all()
    for version in zh:
        version.status = "superseded"
        session.add(version)
    side = _section(session, "side-effects")
    side.source_hash = "0" * 64  # the English source changed: translations are stale
    session.add(side)
    content.touch(session, session.exec(select(Article).where(Article.slug == SLUG)).one())
    session.commit()

    _, doc = _page(client, locale="zh-Hans", level="plain")
    fallback = doc.get_element_by_id("summary")
    assert fallback.cssselect("h2")[0].get("lang") == "en"
    assert fallback.cssselect("div.text")[0].get("lang") == "en"
    assert fallback.cssselect("div.text")[0].get("dir") == "ltr"
    assert [_text(p) for p in fallback.cssselect("p.notice")] == [
        "本节以英语显示，因为尚未翻译成中文 (简体)。"
    ]
    stale = doc.get_element_by_id("side-effects")
    assert stale.cssselect("div.text")[0].get("lang") is None
    assert [_text(p) for p in stale.cssselect("p.notice")] == [
        "此译文可能已过时：原文在翻译后已有更改。"
    ]


def test_glossary_terms_link_to_definitions_that_open_without_script(client):
    _, doc = _page(client, locale="en", level="plain")
    section = doc.get_element_by_id("what-is-immunotherapy")
    terms = section.cssselect("div.text a.term")
    assert terms, "the seeded glossary marks terms in this section"
    for term in terms:
        target = doc.get_element_by_id(term.get("href").removeprefix("#"))
        details = target.getparent()
        assert details.tag == "details"
        assert _text(details.cssselect("summary dfn")[0]).casefold() == _text(term).casefold()
        assert _text(target)


def test_content_is_escaped_never_markup(client, session, scheme):
    section = _section(session, "summary")
    version = Version(
        locale="en",
        level="plain",
        heading="Summary <b>bold</b>",
        text="Before <script>window.__pwned=1</script> after.",
        status="draft",
        origin=Origin.api.value,
        source_hash=section.source_hash,
    )
    content.append_version(session, scheme, section, version)
    content.publish(session, version)
    content.touch(session, session.exec(select(Article).where(Article.slug == SLUG)).one())
    session.commit()
    r, doc = _page(client, locale="en", level="plain")
    assert "<script" not in r.text
    assert "Before &lt;script&gt;window.__pwned=1&lt;/script&gt; after." in r.text
    assert _text(doc.get_element_by_id("heading-summary")) == "Summary <b>bold</b>"


def test_conditional_requests_and_compression(client):
    first = client.get(URL, params={"locale": "fr"}, headers={"Accept-Encoding": "gzip"})
    assert first.headers["content-encoding"] == "gzip"
    again = client.get(
        URL,
        params={"locale": "fr"},
        headers={"Accept-Encoding": "gzip", "If-None-Match": first.headers["etag"]},
    )
    assert again.status_code == 304
    assert again.headers["etag"] == first.headers["etag"]


def test_bad_input_is_a_problem_naming_the_parameter(client):
    missing = client.get("/read/no-such-article")
    assert missing.status_code == 404
    assert missing.headers["content-type"] == "application/problem+json"
    bad = client.get(URL, params={"locale": "not a tag"})
    assert bad.status_code == 422
    assert bad.json()["errors"] == [
        {
            "parameter": "locale",
            "reason": "must be a BCP 47 language tag such as es, pt-BR or zh-Hans",
        }
    ]


def test_the_stylesheet_is_served_by_the_app(client):
    r = client.get("/static/reader.css")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/css")
    assert ":focus-visible" in r.text


BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


@pytest.mark.parametrize(
    ("accept_language", "lang", "title", "heading", "link"),
    [
        (None, "en", "Page not found – Health information", "Page not found", "articles"),
        ("es-MX,es;q=0.9", "es", "Página no encontrada – Información de salud", None, None),
        ("ar", "ar", None, "الصفحة غير موجودة", None),
    ],
)
def test_a_browser_gets_an_html_404_page(client, accept_language, lang, title, heading, link):
    headers = {"Accept": BROWSER} | (
        {"Accept-Language": accept_language} if accept_language else {}
    )
    r = client.get("/read/no-such-article", headers=headers)
    assert r.status_code == 404
    assert r.headers["content-type"] == "text/html; charset=utf-8"
    assert r.headers["content-language"] == lang
    assert r.headers["cache-control"] == "no-store"
    page = lxml_html.fromstring(r.content)
    assert page.get("lang") == lang
    assert page.get("dir") == ("rtl" if lang == "ar" else "ltr")
    if title:
        assert page.findtext(".//title") == title
    assert len(page.findall(".//h1")) == 1
    if heading:
        assert page.findtext(".//h1") == heading
    (home,) = page.findall(".//main//a")
    assert home.get("href") == "/v1/articles"
    if link:
        assert home.text_content() == "List of all articles (data, JSON)"


@pytest.mark.parametrize("accept", [None, "application/json", "application/problem+json", "*/*"])
def test_an_api_client_still_gets_problem_json_for_an_unknown_article(client, accept):
    r = client.get("/read/no-such-article", headers={"Accept": accept} if accept else {})
    assert r.status_code == 404
    assert r.headers["content-type"] == "application/problem+json"
    assert r.json()["detail"] == "no article 'no-such-article'"


def _notices(client, key: str, **params) -> list[str]:
    _, doc = _page(client, **params)
    return [_text(p) for p in doc.get_element_by_id(key).cssselect("p.notice")]


def _text_notices(client, key: str, **params) -> list[str]:
    r = client.get(f"/v1/articles/{SLUG}", params={**params, "format": "text"})
    assert r.status_code == 200
    return [line for line in r.text.splitlines() if "out of date" in line]


def test_the_source_languages_own_levels_are_not_called_translations(client, people):
    for level in ("plain", "easy", "full"):  # freshly seeded: nothing is stale
        assert _notices(client, "summary", locale="en", level=level) == []
    sec = f"/v1/articles/{SLUG}/sections/summary"
    source = client.get(
        f"{sec}/versions", params={"locale": "en", "level": "full"}, headers=people["editor"]
    )
    r = client.put(
        f"{sec}/source",
        json={
            "text": source.json()["source"]["text"] + " Ask your doctor.",
            "change": "substantive",
        },
        headers=people["editor"] | {"If-Match": source.headers["etag"]},
    )
    assert r.status_code == 200, r.text
    own = "This version may be out of date: the full text has changed since it was written."
    for level in ("plain", "easy"):
        assert _notices(client, "summary", locale="en", level=level) == [own]
        assert _text_notices(client, "summary", locale="en", level=level) == [own]
    assert _notices(client, "summary", locale="en", level="full") == []
    assert _notices(client, "about-breast-cancer", locale="en", level="plain") == []
    assert _notices(client, "summary", locale="es", level="plain") == [
        "Puede que esta traducción no esté actualizada: el texto original ha cambiado desde"
        " que se tradujo."
    ]
