"""Dependencies as ``Annotated`` aliases; route signatures carry no ``= Depends(...)``."""

import logging
from collections.abc import AsyncIterator, Callable, Hashable
from dataclasses import replace
from typing import Annotated

from fastapi import Depends, Header, Path, Query, Request
from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import State
from starlette.responses import Response

from api.config import Settings
from api.db import WRITE, WriteGate, WriteQueueFull, WriteWaitTimeout, describe_database_error
from api.domain.authorization import Rule, Scope, admits, rule_for
from api.domain.languages import InvalidLanguageTag, canonical_tag
from api.domain.levels import LevelScheme, load_scheme
from api.domain.media import FORMATS, choose_format
from api.domain.negotiation import LanguageRange, Negotiated, parse_accept_language
from api.domain.selection import Fallback, LevelRequest
from api.errors import (
    Forbidden,
    InvalidParameter,
    NotAcceptable,
    NotFound,
    ServiceUnavailable,
    TooManyRequests,
    Unauthorized,
)
from api.http import Representation, serve
from api.schemas import Requested
from api.services.auth import MISSING_TOKEN, FailedAuthLimiter, Principal, authenticate
from api.services.read_cache import ReadTemplate, RenderKey, template_key
from api.services.render import missing_language
from api.services.store import ArticleSnapshot, ContentStore, SectionView
from api.services.sync_token import TokenSigner, resolve_secret

LOCALE_REASON = "must be a BCP 47 language tag such as es, pt-BR or zh-Hans"
ID_MAX = 2_147_483_647  # ids are 32-bit INTEGER columns on PostgreSQL

IdPath = Annotated[int, Path(ge=1, le=ID_MAX, description="A row id: 1 to 2147483647")]
"""An id path parameter: out of range is a 422 naming it, never a database overflow (500)."""

# Pure, non-blocking dependencies are ``async def``: FastAPI runs a plain ``def`` dependency in
# the thread pool, and a hop per dependency costs more than the whole cached read path.


async def _settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings  # create_app's, so tests can override
    return settings


SettingsDep = Annotated[Settings, Depends(_settings)]


async def _scheme() -> LevelScheme:
    return load_scheme()


SchemeDep = Annotated[LevelScheme, Depends(_scheme)]


log = logging.getLogger(__name__)


def _route_rule(request: Request) -> Rule:
    route = request.scope.get("route")
    rule = rule_for(request.method, getattr(route, "path", ""))
    if rule is None:  # fail closed; tests/api/test_authorization.py keeps this from happening
        log.error("no authorization rule for %s %s", request.method, getattr(route, "path", "?"))
        raise Forbidden("this route has no authorization rule")
    return rule


def _authenticate_in_own_session(request: Request, authorization: str) -> Principal:
    with request.app.state.sessions() as session:  # a short read: no write lock is taken
        return authenticate(session, authorization)


async def _authorize(request: Request) -> Principal | None:
    """The caller, authenticated and checked against the route's rule (``RULES``) before any
    write transaction begins; None on a public route. 401 without a valid token, 403 without
    the role, 429 after too many failed authentications from this client address."""
    rule = _route_rule(request)
    if rule.scope is Scope.public:
        return None
    header = request.headers.get("authorization")
    if not header:
        raise Unauthorized(MISSING_TOKEN)  # before any I/O; not counted as a failure
    limiter: FailedAuthLimiter = request.app.state.auth_limiter
    client = request.client.host if request.client else "unknown"
    if not limiter.allows(client):
        seconds = limiter.retry_after(client)
        raise TooManyRequests(
            f"too many failed authentications from this address; retry in {seconds} s",
            headers={"Retry-After": str(seconds)},
        )
    try:
        principal = await run_in_threadpool(_authenticate_in_own_session, request, header)
    except Unauthorized:
        limiter.failed(client)
        raise
    if not admits(rule, principal.grants, principal.account_id, request.path_params):
        need = rule.describe()
        raise Forbidden(f"{principal.name} needs {need}", needs={"role": rule.role})
    return replace(principal, rule=rule)


Authorized = Annotated[Principal | None, Depends(_authorize)]


def _close(session: Session) -> None:
    # After a commit the answer is earned: a connection lost now (PostgreSQL backend killed,
    # server gone) must not turn it into a dropped connection (issue 11, point 4).
    try:
        session.close()
    except Exception as exc:  # any driver error; its values are never logged
        log.warning("closing a database session failed: %s", type(exc).__name__)


def _lost(exc: DBAPIError) -> Exception:
    """A connection lost mid-request (a killed PostgreSQL backend, a closed SQLite handle) is
    a 503 problem; any other database error goes on to its own handler (api.errors)."""
    if not exc.connection_invalidated:
        return exc
    log.warning("database connection lost mid-request: %s", describe_database_error(exc))
    return ServiceUnavailable(
        "the database connection was lost before the request finished; retry shortly",
        headers={"Retry-After": "1"},
    )


def _begin_as_writer(session: Session) -> None:
    # The first statement, in the route's own thread, begins the write transaction (SQLite:
    # BEGIN IMMEDIATE, api.db): no extra trip through the thread pool, whose queue is what a
    # flood lengthens. A Connection bind (tests) is already in its transaction.
    bind = session.bind
    if isinstance(bind, Engine):
        session.bind = bind.execution_options(**WRITE)


async def _session(request: Request, _: Authorized) -> AsyncIterator[Session]:
    """The request's session, after authorization (``_authorize``). A write (any method but
    GET and HEAD) waits its turn at the write gate on the event loop, then starts its write
    transaction (SQLite: BEGIN IMMEDIATE, api.db); a full queue is a 503 with Retry-After."""
    if request.method in ("GET", "HEAD"):
        session = request.app.state.sessions()
        try:
            yield session
        except DBAPIError as exc:
            raise _lost(exc) from None
        finally:
            await run_in_threadpool(_close, session)
        return
    gate: WriteGate = request.app.state.write_gate
    try:
        async with gate.turn():
            session = request.app.state.sessions()
            _begin_as_writer(session)
            try:
                yield session
            except DBAPIError as exc:
                raise _lost(exc) from None
            finally:
                await run_in_threadpool(_close, session)
    except (WriteQueueFull, WriteWaitTimeout) as exc:
        raise ServiceUnavailable(
            f"too many writes are waiting ({exc}); retry shortly", headers={"Retry-After": "1"}
        ) from None


SessionDep = Annotated[Session, Depends(_session, scope="function")]


async def _store(request: Request) -> ContentStore:
    store: ContentStore = request.app.state.store
    return store


StoreDep = Annotated[ContentStore, Depends(_store)]


async def _article(
    slug: Annotated[str, Path(max_length=100, description="Article slug")], http: Request
) -> ArticleSnapshot:
    store: ContentStore = http.app.state.store
    snapshot = store.cached(slug)
    if snapshot is None:
        snapshot = await run_in_threadpool(store.get, slug)  # database work off the event loop
    if snapshot is None:
        raise NotFound(f"no article '{slug}'", missing={"article": slug})
    return snapshot


ArticleDep = Annotated[ArticleSnapshot, Depends(_article)]


async def _section(
    key: Annotated[str, Path(max_length=100, description="Section key")], article: ArticleDep
) -> SectionView:
    section = next((s for s in article.sections if s.key == key), None)
    if section is None:
        keys = ", ".join(s.key for s in article.sections)
        raise NotFound(
            f"'{article.slug}' has no section '{key}'; sections: {keys}", missing={"section": key}
        )
    return section


SectionDep = Annotated[SectionView, Depends(_section)]


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
        "ranges",
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
        self.ranges: tuple[LanguageRange, ...] = (
            (LanguageRange(locale, 1.0),)
            if locale
            else parse_accept_language(accept_language or "")
        )
        self.scheme: LevelScheme = load_scheme()
        self.settings: Settings = state.settings
        self.store: ContentStore = state.store
        self.template: ReadTemplate | None = None

    def negotiate(self, article: ArticleSnapshot) -> Negotiated:
        """Apply the matching rule against the article's languages (reference.md section 3),
        through the store's bounded Accept-Language memo. ``fallback=none`` with no match is
        a 404 naming what was asked (errors are never cached, so they may name it)."""
        neg = self.store.negotiate(article, self.locale, self.accept_language)
        if self.request.fallback is Fallback.none and not neg.matched:
            ranges = ", ".join(f"{r.tag};q={r.q:g}" for r in self.ranges)
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

    def respond(
        self, http: Request, key: RenderKey, build: Callable[[], Representation]
    ) -> Response:
        """The representation cached under ``key`` (built on a miss), served for this request
        (200 or 304); the read's template is filed for the fast path (``api.fastpath``)."""
        scope = http.scope
        target = (scope.get("root_path", ""), scope["path"], scope["query_string"])
        assert self.template is not None, "cache_key() first"
        rep = self.store.reads.through(target, self.template, key, build)
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
            available=list(FORMATS.values()),
        )
    return Rendition(name, False)


RenditionDep = Annotated[Rendition, Depends(_rendition)]


async def _current_user(
    principal: Authorized, authorization: Annotated[str | None, Header()] = None
) -> Principal:
    """The caller of a write (or draft-reading) endpoint, checked against the route's rule
    (``_authorize``); ``authorization`` is declared for the OpenAPI document."""
    if principal is None:  # a public rule on a route that asks for a caller: fail closed
        raise Forbidden("this route's authorization rule is public but it needs a caller")
    return principal


CurrentUser = Annotated[Principal, Depends(_current_user)]


async def _if_match(if_match: Annotated[str | None, Header()] = None) -> str | None:
    return if_match


IfMatch = Annotated[str | None, Depends(_if_match)]


def _signer(request: Request) -> TokenSigner:
    """The sync-token signer, made once per app (its secret may be read from the database)."""
    state = request.app.state
    signer: TokenSigner | None = getattr(state, "sync_signer", None)
    if signer is None:
        secret = resolve_secret(state.settings.sync_token_secret, state.sessions)
        signer = state.sync_signer = TokenSigner(secret)
    return signer


SignerDep = Annotated[TokenSigner, Depends(_signer)]
