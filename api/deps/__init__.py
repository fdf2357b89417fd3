"""Dependencies as ``Annotated`` aliases; route signatures carry no ``= Depends(...)``.

Grouped by what they answer: ``api.deps.auth`` (who is calling, checked against the route's
rule), ``api.deps.session`` (the session and the write gate) and ``api.deps.reader`` (what a
reader asked for); this module holds the small ones and re-exports the rest, so routes import
every dependency from ``api.deps``.
"""

from typing import Annotated

from fastapi import Depends, Header, Path, Request
from starlette.concurrency import run_in_threadpool

from api.config import Settings
from api.deps.auth import Authorized, CurrentUser, _current_user
from api.deps.reader import (
    LOCALE_REASON,
    Reader,
    ReaderDep,
    Rendition,
    RenditionDep,
    level_request,
    parse_locale,
)
from api.deps.session import SessionDep
from api.domain.levels import LevelScheme, load_scheme
from api.errors import NotFound
from api.services.store import ArticleSnapshot, ContentStore, SectionView
from api.services.sync_token import TokenSigner, resolve_secret

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

__all__ = [
    "ID_MAX",
    "LOCALE_REASON",
    "ArticleDep",
    "Authorized",
    "CurrentUser",
    "IdPath",
    "IfMatch",
    "Reader",
    "ReaderDep",
    "Rendition",
    "RenditionDep",
    "SchemeDep",
    "SectionDep",
    "SessionDep",
    "SettingsDep",
    "SignerDep",
    "StoreDep",
    "_current_user",
    "level_request",
    "parse_locale",
]
