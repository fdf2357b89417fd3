"""Retire and move: an article's structure (issue 10, point 4). Editor role for the article's
source language (the grant that creates articles and sections, ``routes.versions``).

Retire, never delete: a retired article or section leaves every read, its rows and history
stay, and delta sync sends tombstones for it. Each call logs its change (``article_retired``,
``section_retired``, ``section_moved``) in the same transaction.
"""

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from api.deps import CurrentUser, SchemeDep, SessionDep
from api.repositories import articles
from api.routes.workflow_common import RESPONSES
from api.services import authoring
from models.submission import SectionMove

router = APIRouter(prefix="/v1/articles", tags=["workflow"])


@router.post("/{slug}/retire", responses=RESPONSES)
def retire_article(
    slug: str, user: CurrentUser, session: SessionDep, scheme: SchemeDep
) -> JSONResponse:
    """Retire the article (editor): 200 ``{"slug", "retired_at"}``; reads answer 404 after.
    409 if already retired."""
    article = articles.find_article(session, slug)
    user.require("editor", article.source_locale, scheme.source_level)
    article = authoring.retire_article(session, article, user.name)
    retired = article.retired_at.isoformat() if article.retired_at else None
    return JSONResponse({"slug": article.slug, "retired_at": retired})


@router.post("/{slug}/sections/{key}/retire", responses=RESPONSES)
def retire_section(
    slug: str, key: str, user: CurrentUser, session: SessionDep, scheme: SchemeDep
) -> JSONResponse:
    """Retire one section (editor): 200 ``{"article", "key", "retired_at"}``; the sections
    after it move up one place. 409 if already retired."""
    article, section = articles.find_section(session, slug, key)
    user.require("editor", article.source_locale, scheme.source_level)
    section = authoring.retire_section(session, scheme, article, section, user.name)
    retired = section.retired_at.isoformat() if section.retired_at else None
    return JSONResponse({"article": slug, "key": section.key, "retired_at": retired})


@router.post("/{slug}/sections/{key}/move", responses=RESPONSES)
def move_section(
    slug: str,
    key: str,
    body: SectionMove,
    user: CurrentUser,
    session: SessionDep,
    scheme: SchemeDep,
) -> JSONResponse:
    """Move a section to ``position`` (0-based among the live sections; editor): 200
    ``{"article", "sections": [{"key", "position"}]}`` in the new order. 422 past the end,
    409 for a retired section."""
    place = articles.find_section(session, slug, key)
    user.require("editor", place[0].source_locale, scheme.source_level)
    live = authoring.move_section(session, scheme, place, body.position, user.name)
    order = [{"key": s.key, "position": s.position} for s in live]
    return JSONResponse({"article": slug, "sections": order})
