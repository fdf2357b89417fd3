"""The reader page: one article as server-rendered HTML that works with a screen reader and
without JavaScript (reference.md section 6; WCAG 2.2 AA).

Negotiated exactly like ``GET /v1/articles/{slug}`` (same parameters, headers and errors) and
rendered from the same ``ArticleRead``; the interface speaks the served article's language.
"""

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, Response

from api.deps import Reader, ReaderDep
from api.domain.languages import text_direction
from api.domain.levels import LevelScheme
from api.domain.media import choose_format
from api.domain.negotiation import negotiate, parse_accept_language
from api.errors import NotFound
from api.http import Representation, public_cache_control, represent_text
from api.schemas import ArticleRead
from api.services import reader_view as view
from api.services.coverage import partial_languages
from api.services.render import render_article
from api.services.store import ArticleSnapshot, ContentStore
from api.services.ui_i18n import (
    environment,
    language_name,
    long_date,
    ui_language,
    ui_languages,
)

router = APIRouter(tags=["reader"])

# No script may run on the page, and nothing is loaded from elsewhere.
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'self'; img-src 'self'; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
}
PROBLEMS: dict[int | str, dict[str, object]] = {
    200: {"content": {"text/html": {}}, "description": "The article page"},
    404: {
        "description": "No such article (an HTML page when the client prefers text/html), "
        "or (fallback=none) not in that language or level",
        "content": {"application/problem+json": {}, "text/html": {}},
    },
    422: {
        "description": "A parameter failed validation; errors[] names it",
        "content": {"application/problem+json": {}},
    },
}


def page_context(
    scheme: LevelScheme,
    snapshot: ArticleSnapshot,
    body: ArticleRead,
    reader: Reader,
    matched: bool,
    root_path: str,
) -> dict[str, object]:
    """Template variables: the article plus links, sections and words for notices.

    ``matched`` is False when no language the reader asked for is published (the source
    language is served instead, and the page says so).
    """
    ui = ui_language(body.lang)
    unmatched = reader.locale or next(
        (r.tag for r in reader.ranges() if r.q > 0 and r.tag != "*"), None
    )
    asked = reader.request.asked_level or reader.request.level
    by_grade = reader.request.max_grade is not None
    return {
        "article": body,
        "ui_lang": ui,
        "ui_dir": text_direction(ui),
        "title_dir": text_direction(body.title_lang),
        "unmatched": language_name(unmatched, ui) if unmatched and not matched else None,
        "css_href": f"{root_path}/static/reader.css",
        "json_href": f"{root_path}/v1/articles/{body.slug}?locale={body.lang}&level={body.level}",
        "languages": view.language_links(
            body, asked, reader.request.max_grade, partial_languages(snapshot)
        ),
        "levels": view.level_links(body, scheme),
        "level_label": view.level_label(scheme, body.level),
        "asked_label": None if by_grade else view.level_label(scheme, asked),
        "sections": [view.section_page(scheme, snapshot, body, s) for s in body.sections],
        "level_labels": {lv: view.level_label(scheme, lv) for lv in scheme.ids},
        "page_language": language_name(body.lang, ui),
        "names": {tag: language_name(tag, ui) for tag in body.available},
        "reading_minutes": view.minutes([s.reading_time_seconds for s in body.sections]),
        "listening_minutes": view.minutes([s.listening_time_seconds for s in body.sections]),
        "updated": long_date(body.updated_at, ui),
        "reviewed": long_date(body.last_reviewed_at, ui),
    }


def not_found_page(request: Request) -> HTMLResponse:
    """The 404 a browser gets for an unknown article: an HTML page in the interface language
    closest to its Accept-Language (reference.md section 3's rule over the interface
    catalogs), with ``lang``, a title, a heading and a link on (WCAG 2.2 SC 2.4.2, 3.1.1)."""
    ranges = parse_accept_language(request.headers.get("accept-language", ""))
    ui = negotiate(ranges, ui_languages(), "en").lang
    root = request.scope.get("root_path", "")
    html = (
        environment(ui)
        .get_template("not_found.html")
        .render(
            ui_lang=ui,
            ui_dir=text_direction(ui),
            css_href=f"{root}/static/reader.css",
            home_href=f"{root}/v1/articles",
        )
    )
    headers = {**SECURITY_HEADERS, "Cache-Control": "no-store", "Vary": "Accept, Accept-Language"}
    return HTMLResponse(html, status_code=404, headers={"Content-Language": ui, **headers})


async def _page_article(
    slug: Annotated[str, Path(max_length=100, description="Article slug")], request: Request
) -> ArticleSnapshot | HTMLResponse:
    """The article, or (unknown slug) the HTML 404 for a browser; other clients get the
    problem+json 404 naming the article, as every API route."""
    store: ContentStore = request.app.state.store
    found = store.cached(slug) or await run_in_threadpool(store.get, slug)
    if found is not None:
        return found
    if choose_format(request.headers.get("accept")) == "html":
        return not_found_page(request)
    raise NotFound(f"no article '{slug}'", missing={"article": slug})


@router.head("/read/{slug}", include_in_schema=False)
@router.get("/read/{slug}", response_class=HTMLResponse, responses=PROBLEMS)
async def read_page(
    request: Request,
    found: Annotated[ArticleSnapshot | HTMLResponse, Depends(_page_article)],
    reader: ReaderDep,
) -> Response:
    """The article as an accessible HTML page (``text/html; charset=utf-8``).

    Parameters as ``GET /v1/articles/{slug}``: ``locale`` (wins over ``Accept-Language``),
    ``level`` or ``max_grade``, ``fallback``. Language and level switchers are plain links to
    ``/read/{slug}?locale=..&level=..``. Strong ETag, 304, gzip; ``Content-Language`` is the
    served language. Errors: 422 and 404 as ``application/problem+json``, except an unknown
    article asked for by a browser (``Accept`` preferring ``text/html``): an HTML 404 page.
    """
    if isinstance(found, HTMLResponse):
        return found
    article = found
    neg = reader.negotiate(article)
    root = request.scope.get("root_path", "")
    key = reader.cache_key("reader", article, neg, None, root)

    def build() -> Representation:
        scheme, settings = reader.scheme, reader.settings
        body = render_article(scheme, article, neg, reader.request, reader.echo())
        context = page_context(scheme, article, body, reader, neg.matched, root)
        html = environment(ui_language(body.lang)).get_template("reader.html").render(context)
        headers = {
            "Content-Language": body.lang,
            **SECURITY_HEADERS,
            "Cache-Control": public_cache_control(
                settings.cache_max_age, settings.cache_stale_while_revalidate
            ),
        }
        if reader.locale is None:
            headers["Vary"] = "Accept-Language"
        return represent_text(html, headers, "text/html")

    return await reader.respond(request, key, build)
