"""What a reader asked for: locale, reading level, fallback and representation (the read
side's dependencies; reference.md section 3 for the matching rule)."""

from collections.abc import Callable, Hashable
from typing import Annotated

from fastapi import Depends, Header, Query, Request
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import State
from starlette.responses import Response

from api.config import Settings
from api.domain.languages import InvalidLanguageTag, canonical_tag
from api.domain.levels import LevelScheme, load_scheme
from api.domain.media import FORMATS, choose_format
from api.domain.negotiation import LanguageRange, Negotiated, parse_accept_language
from api.domain.selection import Fallback, LevelRequest
from api.errors import InvalidParameter, NotAcceptable
from api.http import Representation, serve
from api.schemas import Requested
from api.services.read_cache import ReadTemplate, RenderKey, template_key
from api.services.render import missing_language
from api.services.store import ArticleSnapshot, ContentStore

LOCALE_REASON = "must be a BCP 47 language tag such as es, pt-BR or zh-Hans"


def parse_locale(raw: str | None) -> str | None:
    """The canonical form of the ``locale`` parameter, or a 422 naming it."""
    if raw is None:
        return None
    try:
        return canonical_tag(raw)
    except InvalidLanguageTag:
        raise InvalidParameter.single("locale", LOCALE_REASON) from None


def level_request(
    scheme: LevelScheme,
    default_level: str,
    level: str | None,
    max_grade: float | None,
    fallback: Fallback,
) -> LevelRequest:
    """The reading level asked for, or a 422 naming ``level`` (unknown, or given with
    ``max_grade``)."""
    if level is not None and scheme.get(level) is None:
        raise InvalidParameter.single("level", f"must be one of {', '.join(scheme.ids)}")
    if level is not None and max_grade is not None:
        reason = "give either level or max_grade, not both"
        raise InvalidParameter(
            reason,
            [
                {"parameter": "level", "reason": reason},
                {"parameter": "max_grade", "reason": reason},
            ],
        )
    return LevelRequest(level or default_level, max_grade, fallback, level)


class Reader:
    """What the reader asked for, with what answering needs: the level scheme, the settings and
    the content store (one dependency: each extra one costs the cached read path dearly)."""

    __slots__ = (
        "accept_language",
        "locale",
        "request",
        "scheme",
        "settings",
        "store",
        "template",
    )

    def __init__(
        self,
        locale: str | None,
        accept_language: str | None,
        request: LevelRequest,
        state: State,
    ) -> None:
        self.locale, self.accept_language, self.request = locale, accept_language, request
        self.scheme: LevelScheme = load_scheme()
        self.settings: Settings = state.settings
        self.store: ContentStore = state.store
        self.template: ReadTemplate | None = None

    def ranges(self) -> tuple[LanguageRange, ...]:
        """The language ranges asked: the ``locale`` parameter, else Accept-Language's."""
        if self.locale:
            return (LanguageRange(self.locale, 1.0),)
        return parse_accept_language(self.accept_language or "")

    def negotiate(self, article: ArticleSnapshot) -> Negotiated:
        """Apply the matching rule against the article's languages (reference.md section 3),
        through the store's bounded Accept-Language memo. ``fallback=none`` with no match is
        a 404 naming what was asked (errors are never cached, so they may name it)."""
        neg = self.store.negotiate(article, self.locale, self.accept_language)
        if self.request.fallback is Fallback.none and not neg.matched:
            ranges = ", ".join(f"{r.tag};q={r.q:g}" for r in self.ranges())
            asked = self.locale or "Accept-Language " + (ranges or "(none usable)")
            raise missing_language(article, asked)
        return neg

    def cache_key(
        self,
        kind: str,
        article: ArticleSnapshot,
        neg: Negotiated,
        rendition: "Rendition | None",
        *extra: Hashable,
    ) -> RenderKey:
        """Key of a rendered response: the article revision, the negotiation outcome (never
        the raw header) and what the URL asked (``api.services.read_cache``); ``extra`` holds
        route specifics that the URL decides (section key, root path)."""
        param = None if rendition is None else (rendition.name if rendition.from_parameter else "")
        self.template = ReadTemplate(kind, article.slug, self.request, self.locale, param, extra)
        served = None if rendition is None else rendition.name
        return template_key(self.template, article.revision, neg, self.accept_language, served)

    async def respond(
        self, http: Request, key: RenderKey, build: Callable[[], Representation]
    ) -> Response:
        """The representation cached under ``key``, served for this request (200 or 304); the
        read's template is filed for the fast path (``api.fastpath``). On a miss ``build``
        renders in a worker thread: a render takes milliseconds, and the event loop meanwhile
        answers the cached reads of every other connection (the distinct-header p99)."""
        scope = http.scope
        target = (scope.get("root_path", ""), scope["path"], scope["query_string"])
        assert self.template is not None, "cache_key() first"
        reads = self.store.reads
        rep = reads.get(key)
        if rep is None:
            rep = await run_in_threadpool(build)
        reads.file(target, self.template, key, rep)
        return serve(rep, http.headers)

    def echo(self) -> Requested:
        """The ``requested`` member of a response: the parameters asked, as understood (the
        header's outcome is the ``negotiated`` member; ``api.services.render``)."""
        return Requested(
            locale=self.locale,
            level=self.request.asked_level,
            max_grade=self.request.max_grade,
            fallback=self.request.fallback.value,
        )


async def _reader(
    http: Request,
    locale: Annotated[
        str | None, Query(max_length=64, description="BCP 47 tag; wins over Accept-Language")
    ] = None,
    level: Annotated[
        str | None, Query(max_length=32, description="Reading level id: easy, plain, full")
    ] = None,
    max_grade: Annotated[
        float | None,
        Query(ge=0, le=20, allow_inf_nan=False, description="Highest US grade wanted, 0-20"),
    ] = None,
    fallback: Annotated[
        Fallback, Query(description="auto, or none for exactly what was asked")
    ] = Fallback.auto,
    accept_language: Annotated[
        str | None,
        Header(
            description="RFC 9110 language ranges; only the first 32 ranges and 4096 "
            "characters are read, the rest is ignored (reference.md section 3)"
        ),
    ] = None,
) -> Reader:
    state = http.app.state
    request = level_request(load_scheme(), state.settings.default_level, level, max_grade, fallback)
    return Reader(parse_locale(locale), accept_language, request, state)


ReaderDep = Annotated[Reader, Depends(_reader)]


class Rendition:
    """The representation asked for: ``name`` (a key of ``api.domain.media.FORMATS``) and
    whether the ``format`` parameter chose it (else ``Accept`` did, and caches must vary)."""

    __slots__ = ("from_parameter", "name")

    def __init__(self, name: str, from_parameter: bool) -> None:
        self.name, self.from_parameter = name, from_parameter


async def _rendition(
    format: Annotated[
        str | None,
        Query(max_length=16, description="json, html, ssml, text or jsonld; wins over Accept"),
    ] = None,
    accept: Annotated[str | None, Header()] = None,
) -> Rendition:
    if format is not None:
        if format not in FORMATS:
            raise InvalidParameter.single("format", f"must be one of {', '.join(FORMATS)}")
        return Rendition(format, True)
    name = choose_format(accept)
    if name is None:
        offered = ", ".join(FORMATS.values())
        raise NotAcceptable(
            f"Accept excludes every representation offered: {offered}",
            headers={"Vary": "Accept"},  # another Accept gets a 200: caches must key on it
            available=list(FORMATS.values()),
        )
    return Rendition(name, False)


RenditionDep = Annotated[Rendition, Depends(_rendition)]
