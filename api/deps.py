"""Dependencies as ``Annotated`` aliases; route signatures carry no ``= Depends(...)``."""

from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import Depends, Header, Path, Query, Request
from sqlmodel import Session

from api.config import Settings, get_settings
from api.domain.languages import InvalidLanguageTag, canonical_tag
from api.domain.levels import LevelScheme, load_scheme
from api.domain.negotiation import LanguageRange, Negotiated, negotiate, parse_accept_language
from api.domain.selection import Fallback, LevelRequest
from api.errors import InvalidParameter, NotFound
from api.services.store import ArticleSnapshot, ContentStore, SectionView

LOCALE_REASON = "must be a BCP 47 language tag such as es, pt-BR or zh-Hans"

SettingsDep = Annotated[Settings, Depends(get_settings)]


def _scheme() -> LevelScheme:
    return load_scheme()


SchemeDep = Annotated[LevelScheme, Depends(_scheme)]


def _session(request: Request) -> Iterator[Session]:
    with request.app.state.sessions() as session:
        yield session


SessionDep = Annotated[Session, Depends(_session)]


def _store(request: Request) -> ContentStore:
    store: ContentStore = request.app.state.store
    return store


StoreDep = Annotated[ContentStore, Depends(_store)]


async def _article(
    slug: Annotated[str, Path(max_length=100, description="Article slug")], store: StoreDep
) -> ArticleSnapshot:
    snapshot = store.cached(slug)
    if snapshot is None:
        from starlette.concurrency import run_in_threadpool  # DB work off the event loop

        snapshot = await run_in_threadpool(store.get, slug)
    if snapshot is None:
        raise NotFound(f"no article '{slug}'", missing={"article": slug})
    return snapshot


ArticleDep = Annotated[ArticleSnapshot, Depends(_article)]


def _section(
    key: Annotated[str, Path(max_length=100, description="Section key")], article: ArticleDep
) -> SectionView:
    section = next((s for s in article.sections if s.key == key), None)
    if section is None:
        keys = ", ".join(s.key for s in article.sections)
        raise NotFound(f"'{article.slug}' has no section '{key}'; sections: {keys}",
                       missing={"section": key})
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


def _level_request(
    scheme: SchemeDep,
    settings: SettingsDep,
    level: Annotated[str | None, Query(max_length=32, description="Reading level id: easy, plain, full")] = None,
    max_grade: Annotated[float | None, Query(ge=0, le=20, allow_inf_nan=False,
                                             description="Highest US grade wanted, 0-20")] = None,
    fallback: Annotated[Fallback, Query(description="auto, or none for exactly what was asked")] = Fallback.auto,
) -> LevelRequest:
    if level is not None and scheme.get(level) is None:
        raise InvalidParameter.single("level", f"must be one of {', '.join(scheme.ids)}")
    if level is not None and max_grade is not None:
        reason = "give either level or max_grade, not both"
        raise InvalidParameter(reason, [{"parameter": "level", "reason": reason},
                                        {"parameter": "max_grade", "reason": reason}])
    return LevelRequest(level or settings.default_level, max_grade, fallback, level)


LevelRequestDep = Annotated[LevelRequest, Depends(_level_request)]


class Reader:
    """What the reader asked for, and the language negotiation's answer for one article."""

    __slots__ = ("locale", "ranges", "request")

    def __init__(self, locale: str | None, ranges: tuple[LanguageRange, ...], request: LevelRequest):
        self.locale, self.ranges, self.request = locale, ranges, request

    def negotiate(self, article: ArticleSnapshot) -> Negotiated:
        """Apply the matching rule against the article's languages."""
        return negotiate(self.ranges, article.languages, article.source_locale)

    def echo(self) -> dict[str, Any]:
        """The ``requested`` member of a response: what the reader asked, as understood."""
        return {
            "locale": self.locale,
            "accept_language": [f"{r.tag};q={r.q:g}" for r in self.ranges] if not self.locale else [],
            "level": self.request.asked_level, "max_grade": self.request.max_grade,
            "fallback": self.request.fallback.value,
        }


def _reader(
    request: LevelRequestDep,
    locale: Annotated[str | None, Query(max_length=64, description="BCP 47 tag; wins over Accept-Language")] = None,
    accept_language: Annotated[str | None, Header()] = None,
) -> Reader:
    tag = parse_locale(locale)
    ranges = (LanguageRange(tag, 1.0),) if tag else parse_accept_language(accept_language or "")
    return Reader(tag, ranges, request)


ReaderDep = Annotated[Reader, Depends(_reader)]
