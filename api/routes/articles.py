"""Read API for articles and sections: negotiated by language and reading level."""

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from api.config import Settings
from api.deps import (
    ArticleDep,
    Reader,
    ReaderDep,
    Rendition,
    RenditionDep,
    SchemeDep,
    SectionDep,
    SessionDep,
    SettingsDep,
    parse_locale,
)
from api.errors import InvalidParameter
from api.http import Representation, public_cache_control, represent, represent_text, serve
from api.schemas import ArticleList, ArticleRead, ArticleSummary, SectionRead
from api.services.article_list import list_page
from api.services.cursor import decode_cursor
from api.services.render import render_article, render_section
from api.services.renditions import registry

router = APIRouter(prefix="/v1/articles", tags=["articles"])
PROBLEMS: dict[int | str, dict[str, object]] = {
    404: {
        "description": "No such article or section, or (fallback=none) not in that language "
        "or level",
        "content": {"application/problem+json": {}},
    },
    406: {
        "description": "Accept excludes every representation offered (format= overrides it)",
        "content": {"application/problem+json": {}},
    },
    422: {
        "description": "A parameter failed validation; errors[] names it",
        "content": {"application/problem+json": {}},
    },
}
RENDITIONS: dict[str, dict[str, object]] = {
    "text/html": {},
    "application/ssml+xml": {},
    "text/plain": {},
    "application/ld+json": {},
}


def _headers(
    settings: Settings, lang: str, reader: Reader, location: str, rendition: Rendition
) -> dict[str, str]:
    headers = {
        "Content-Language": lang,
        "Cache-Control": public_cache_control(
            settings.cache_max_age, settings.cache_stale_while_revalidate
        ),
        "Content-Location": location,
        "X-Content-Type-Options": "nosniff",
    }
    vary = [
        name
        for name, decided in (
            ("Accept-Language", reader.locale is None),
            ("Accept", not rendition.from_parameter),
        )
        if decided
    ]
    if vary:  # a header decided: caches must key on it
        headers["Vary"] = ", ".join(vary)
    return headers


def _location(path: str, lang: str, level: str, reader: Reader, rendition: Rendition) -> str:
    fmt = "" if rendition.name == "json" else f"&format={rendition.name}"
    if reader.request.max_grade is not None:
        return f"{path}?locale={lang}&max_grade={reader.request.max_grade:g}{fmt}"
    return f"{path}?locale={lang}&level={level}{fmt}"


def _represent(
    body: ArticleRead | SectionRead,
    text: str | None,
    path: str,
    reader: Reader,
    rendition: Rendition,
) -> Representation:
    """``text`` (the rendition asked for), or else the body as JSON (serialized here, once);
    with its headers."""
    location = _location(path, body.lang, body.level, reader, rendition)
    headers = _headers(reader.settings, body.lang, reader, location, rendition)
    if text is None:
        return represent(body, headers)
    return represent_text(text, headers, registry.CONTENT_TYPES[rendition.name])


@router.head("/{slug}", include_in_schema=False)
@router.get(
    "/{slug}", response_model=ArticleRead, responses={**PROBLEMS, 200: {"content": RENDITIONS}}
)
async def read_article(
    request: Request,
    article: ArticleDep,
    reader: ReaderDep,
    rendition: RenditionDep,
) -> Response:
    """The article in the reader's language and reading level, section by section.

    Language: ``locale`` wins over ``Accept-Language``; matching per reference.md section 3.
    Level: ``level`` (default plain) or ``max_grade`` (finite, 0-20 US grade). Each section says
    the ``lang``/``dir``/``level`` it is served in, ``level_met``, ``locale_fallback``, its
    readability, ``word_count`` (characters for zh/ja), ``reading_time_seconds``,
    ``listening_time_seconds`` and the ``glossary`` terms in its text (code point offsets); the
    article carries the whole-article readability, totals and ``reading_rates`` with sources.
    Representation: ``format`` (json, html, ssml, text, jsonld) wins over ``Accept``
    (q-values; none or junk -> JSON; only unacceptable types -> 406). ``Vary`` names the
    headers that decided. Strong ETag per rendition, 304 on ``If-None-Match``; gzip when
    accepted. Errors: 404, 406, 422 problem+json.
    """
    neg = reader.negotiate(article)
    key = reader.cache_key("article", article, neg, rendition)

    def build() -> Representation:
        body = render_article(reader.scheme, article, neg, reader.request, reader.echo())
        renderer = registry.ARTICLE.get(rendition.name)
        text = renderer(body) if renderer else None
        return _represent(body, text, request.url.path, reader, rendition)

    return await reader.respond(request, key, build)


@router.head("/{slug}/sections/{key}", include_in_schema=False)
@router.get(
    "/{slug}/sections/{key}",
    response_model=SectionRead,
    responses={**PROBLEMS, 200: {"content": RENDITIONS}},
)
async def read_section(
    request: Request,
    article: ArticleDep,
    section: SectionDep,
    reader: ReaderDep,
    rendition: RenditionDep,
) -> Response:
    """One section, negotiated exactly like the article (same parameters, headers, errors,
    renditions). ``Content-Language`` is the language this section is actually served in.
    """
    neg = reader.negotiate(article)
    key = reader.cache_key("section", article, neg, rendition, section.key)

    def build() -> Representation:
        body = render_section(reader.scheme, article, section, neg, reader.request, reader.echo())
        renderer = registry.SECTION.get(rendition.name)
        text = renderer(body) if renderer else None
        return _represent(body, text, request.url.path, reader, rendition)

    return await reader.respond(request, key, build)


@router.get("", response_model=ArticleList, responses={422: PROBLEMS[422]})
def list_articles(
    session: SessionDep,
    scheme: SchemeDep,
    settings: SettingsDep,
    request: Request,
    cursor: Annotated[
        str | None, Query(max_length=200, description="next_cursor of the previous page")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    locale: Annotated[str | None, Query(max_length=64)] = None,
    level: Annotated[
        str | None,
        Query(
            max_length=32,
            description="Show each title at this reading level (else the nearest easier, "
            "else harder), as a read at that level shows it; default: the full title",
        ),
    ] = None,
) -> Response:
    """Articles by slug, with titles in the negotiated language (at ``level``, as a read at
    that level titles the article; without it, the title as authored: ``full``), languages,
    levels, updated_at and ``coverage`` (``{lang: {level: {"sections": n, "of": m}}}``,
    ``api.services.coverage``).

    Keyset pagination: ``next_cursor`` is an opaque token; null on the last page. A page is
    a few indexed queries at any depth (``api.services.article_list``). Strong ETag, 304 on
    If-None-Match, Cache-Control for published content, Content-Language.
    """
    after = decode_cursor(cursor) if cursor else ""
    if cursor and after is None:
        raise InvalidParameter.single("cursor", "must be a next_cursor value from a previous page")
    tag = parse_locale(locale)
    if level is not None and scheme.get(level) is None:
        raise InvalidParameter.single("level", f"must be one of {', '.join(scheme.ids)}")
    accept_language = request.headers.get("accept-language")
    page = list_page(session, scheme, (after or "", limit), tag, accept_language, level)
    return serve(represent(page, _list_headers(settings, tag, page.items)), request.headers)


def _list_headers(
    settings: Settings, tag: str | None, items: list[ArticleSummary]
) -> dict[str, str]:
    """Cache-Control as for articles; Content-Language: the title languages served (RFC 9110
    8.5 allows a list); Vary: Accept-Language when the header chose them."""
    cache = public_cache_control(settings.cache_max_age, settings.cache_stale_while_revalidate)
    headers = {"Cache-Control": cache}
    langs = list(dict.fromkeys(item.lang for item in items))
    if langs:
        headers["Content-Language"] = ", ".join(langs)
    if tag is None:
        headers["Vary"] = "Accept-Language"
    return headers
