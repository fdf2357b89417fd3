"""Authoring and overview routes under ``/v1/articles``: source edits, new articles and
sections (editor for the source language), the translator's status matrix (any account) and
batch publishing (reviewer); issue 3, section 2. Included in ``api.routes.versions.router``
after the version routes, so the application's route order is unchanged.
"""

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from api.deps import CurrentUser, IfMatch, SchemeDep, SessionDep, parse_locale
from api.repositories import articles, slots
from api.routes.workflow_common import RESPONSES, SECTION
from api.services import authoring, batch_review, source_edit, status, workflow
from models.submission import (
    ArticleCreate,
    BatchPublish,
    SectionCreate,
    SourceEdit,
)

router = APIRouter(prefix="/v1/articles", tags=["workflow"])


@router.put(SECTION + "/source", responses=RESPONSES)
def edit_source(
    slug: str,
    key: str,
    body: SourceEdit,
    user: CurrentUser,
    session: SessionDep,
    scheme: SchemeDep,
    if_match: IfMatch,
) -> JSONResponse:
    """Change a section's source text (editor for the source language), ``minor`` (typo:
    translations stay current) or ``substantive`` (every version written against the old
    source becomes stale). Needs ``If-Match`` with the source slot's ETag (GET .../versions
    with the source locale and ``full``). Answers the new source version and ``source_hash``."""
    place = workflow.Place(*articles.find_section(session, slug, key))
    user.require("editor", place.article.source_locale, scheme.source_level)
    request = source_edit.SourceEditRequest(body, user.name, if_match)
    version = source_edit.edit_source(session, scheme=scheme, place=place, request=request)
    etag = slots.etag(session, slots.slot_of(version))
    section = place.section
    return JSONResponse(
        status.version_json(version, section, None) | {"section_source_hash": section.source_hash},
        headers={"ETag": etag},
    )


@router.get("/{slug}/status", responses=RESPONSES)
def article_status(
    slug: str, user: CurrentUser, session: SessionDep, scheme: SchemeDep
) -> JSONResponse:
    """The translator's work list: sections x languages x levels, each ``missing``,
    ``submitted``, ``published`` or ``stale`` with ``pending`` submissions; counts and the
    whole-article ``meets_target`` per language and level. Any account."""
    article = articles.find_article(session, slug)
    return JSONResponse(
        status.article_status(session, scheme, article),
        headers={"Cache-Control": "private, no-store"},
    )


@router.post("", status_code=201, responses=RESPONSES)
def create_article(
    body: ArticleCreate, user: CurrentUser, session: SessionDep, scheme: SchemeDep
) -> JSONResponse:
    """Create an article with its title and sections (editor for its source language)."""
    locale = parse_locale(body.source_locale) or ""
    user.require("editor", locale, scheme.source_level)
    article = authoring.create_article(session, scheme, body, locale, user.name)
    return JSONResponse(
        {"slug": article.slug, "source_locale": locale, "sections": [s.key for s in body.sections]},
        status_code=201,
        headers={"Location": f"/v1/articles/{article.slug}"},
    )


@router.post("/{slug}/sections", status_code=201, responses=RESPONSES)
def create_section(
    slug: str,
    body: SectionCreate,
    user: CurrentUser,
    session: SessionDep,
    scheme: SchemeDep,
) -> JSONResponse:
    """Append a section with its source text (editor for the article's source language)."""
    article = articles.find_article(session, slug)
    user.require("editor", article.source_locale, scheme.source_level)
    section = authoring.create_section(session, scheme, article, body, user.name)
    return JSONResponse(
        {"key": section.key, "position": section.position, "source_hash": section.source_hash},
        status_code=201,
        headers={"Location": f"/v1/articles/{slug}/sections/{section.key}"},
    )


@router.post("/{slug}/publish", responses=RESPONSES)
def publish_batch(
    slug: str, body: BatchPublish, user: CurrentUser, session: SessionDep, scheme: SchemeDep
) -> JSONResponse:
    """Publish many submissions of one article at once, all or none (reviewer).

    Body: ``{"items": [{"version_id": 12, "etag": "\"slot-7-3\""}, {"title_id": 4, "etag":
    "\"title-4-9\""}], "comment": null}``; each ``etag`` is the slot's ETag as ``If-Match``
    carries it for a single publish. Nothing is published unless every item passes: 422
    (an item naming neither or both ids; two items for one slot), 404 (not this article's),
    403 (no reviewer grant for an item's language and level, or the reviewer's own
    versions: ``items`` names them), 409 (not submitted, or stale), 412 (``items`` whose
    slot changed, ``etags`` their current ETags). 200: ``published`` in request order, each
    with its slot's new ``etag``.
    """
    article = articles.find_article(session, slug)
    done = batch_review.publish_batch(
        session,
        scheme=scheme,
        article=article,
        items=body.items,
        reviewer=user,
        comment=body.comment,
    )
    published = [batch_review.item_json(session, scheme, article, item) for item in done]
    return JSONResponse({"published": published}, headers={"Cache-Control": "private, no-store"})
