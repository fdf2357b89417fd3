"""Offline bundles: ``GET /v1/articles/{slug}/bundle`` and ``GET /v1/bundles/{locale}/{level}``
(issue 10, point 5; reference.md section 4)."""

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response

from api.deps import SchemeDep, SessionDep, SettingsDep, SignerDep, parse_locale
from api.domain.levels import LevelScheme
from api.errors import InvalidParameter
from api.http import public_cache_control
from api.services.bundles import Bundle, Bundler, serve_bundle

router = APIRouter(tags=["sync"])
PROBLEM: dict[str, Any] = {"content": {"application/problem+json": {}}}
RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The bundle (gzip or Brotli coded when accepted; strong ETag per coding)",
        "content": {
            "application/json": {
                "example": {
                    "locale": "es-MX",
                    "level": "plain",
                    "sync_token": "eyJmIjp7Imwi…",
                    "articles": [
                        {
                            "slug": "immunotherapy-breast-cancer",
                            "locale": "es",
                            "article": {"slug": "immunotherapy-breast-cancer", "sections": []},
                            "title": {"title": "Inmunoterapia…", "lang": "es", "dir": "ltr"},
                            "glossary": {"lang": "es", "dir": "ltr", "entries": []},
                            "sections": [{"article": "immunotherapy-breast-cancer", "key": "…"}],
                            "manifest": [{"key": "summary", "sha256": "9f2c…", "bytes": 2817}],
                            "absent": [
                                {"key": "side-effects", "fallback": {"lang": "es", "level": "easy"}}
                            ],
                        }
                    ],
                }
            }
        },
    },
    304: {"description": "If-None-Match has the current ETag"},
    404: {
        "description": "No such article, or nothing published in the language the locale is "
        "served at that level",
        **PROBLEM,
    },
    422: {"description": "A parameter failed validation; errors[] names it", **PROBLEM},
}


def _slot(scheme: LevelScheme, locale: str, level: str) -> tuple[str, str]:
    tag = parse_locale(locale) or ""
    if scheme.get(level) is None:
        raise InvalidParameter.single("level", f"must be one of {', '.join(scheme.ids)}")
    return tag, level


def _bundler(request: Request) -> Bundler:
    state = request.app.state
    bundler: Bundler | None = getattr(state, "bundler", None)
    if bundler is None:
        bundler = state.bundler = Bundler()
    return bundler


def _headers(settings: SettingsDep, bundle: Bundle, tag: str) -> dict[str, str]:
    """Cache-Control as published content; Content-Language: the languages served (``es`` for
    ``es-MX``), or the tag asked for when the bundle has no article."""
    cache = public_cache_control(settings.cache_max_age, settings.cache_stale_while_revalidate)
    return {"Cache-Control": cache, "Content-Language": ", ".join(bundle.languages) or tag}


@router.get("/v1/articles/{slug}/bundle", response_model=None, responses=RESPONSES)
def article_bundle(
    request: Request,
    session: SessionDep,
    scheme: SchemeDep,
    signer: SignerDep,
    settings: SettingsDep,
    slug: Annotated[str, Path(max_length=100)],
    locale: Annotated[str, Query(max_length=64, description="BCP 47 tag, e.g. es")],
    level: Annotated[str, Query(max_length=32, description="easy, plain or full")],
) -> Response:
    """One article in one language and level for offline use: ``{"locale", "level",
    "sync_token", "articles": [{"slug", "locale", "article", "title", "glossary", "sections",
    "manifest", "absent"}]}``. The locale is matched as a reader's explicit ``locale``
    (reference.md section 3: ``es-MX`` -> the article's ``es``; the article's ``locale`` says
    which). Each section is the section endpoint's JSON for that language and level with
    ``fallback=none`` (only real versions), ``manifest`` lists each section's SHA-256 over those
    bytes, ``absent`` each section it lacks with what a reader online gets instead
    (``fallback``: ``{"lang", "level"}`` or null); continue with ``GET /v1/sync?sync_token=``.
    Strong ETag per coding, 304 on If-None-Match; Brotli (``br``) or gzip when accepted. 404
    (no such article, or nothing published there), 422 problem+json."""
    tag, lvl = _slot(scheme, locale, level)
    bundle = _bundler(request).bundle(session, scheme, signer, (tag, lvl), slug)
    return serve_bundle(bundle, request.headers, _headers(settings, bundle, tag))


@router.get("/v1/bundles/{locale}/{level}", response_model=None, responses=RESPONSES)
def all_bundle(
    request: Request,
    session: SessionDep,
    scheme: SchemeDep,
    signer: SignerDep,
    settings: SettingsDep,
    locale: Annotated[str, Path(max_length=64, description="BCP 47 tag, e.g. es")],
    level: Annotated[str, Path(max_length=32, description="easy, plain or full")],
) -> Response:
    """Every article with something published in the language ``locale`` is served at that
    level (matched per article), each as in the article bundle; its ``sync_token`` continues a
    sync of all articles for that locale and level."""
    tag, lvl = _slot(scheme, locale, level)
    bundle = _bundler(request).bundle(session, scheme, signer, (tag, lvl), None)
    return serve_bundle(bundle, request.headers, _headers(settings, bundle, tag))
