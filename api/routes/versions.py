"""Write API for section versions: submit, history, publish, reject, withdraw and a version's
readability (issue 3, section 2); source edits, new articles and sections, the status matrix
and batch publishing are ``api.routes.authoring``, included in this module's ``router``.

Who may call (grants per language pattern and level, ``api.domain.roles``):
submit: translator for the version's language and level; publish/reject/withdraw: reviewer,
never on their own version; source edits, new articles and sections: editor for the source
language; history and status: any account. Errors are problem+json: 401, 403 (naming the
missing grant), 404, 409, 412, 422, 428. No route invalidates the read cache by hand: every
change readers can see is logged in ``change_log`` and the cache is invalidated from it on
commit (``api.repositories.changes``).
"""

from typing import Annotated

from fastapi import APIRouter, Header, Query
from fastapi.responses import JSONResponse

from api.deps import CurrentUser, IdPath, IfMatch, SchemeDep, SessionDep, parse_locale
from api.domain.readability import score_text
from api.domain.readability_detail import with_detail
from api.errors import Forbidden, InvalidParameter, NotFound
from api.repositories import articles, slots
from api.routes import authoring as authoring_routes
from api.routes.meta import DetailQuery
from api.routes.workflow_common import RESPONSES, SECTION
from api.services import status, workflow
from api.services.auth import authenticate
from models import EventAction, Version, VersionStatus
from models.submission import (
    ReviewComment,
    VersionSubmit,
)

_router = APIRouter(prefix="/v1/articles", tags=["workflow"])


def _level(scheme: SchemeDep, level: str) -> str:
    if scheme.get(level) is None:
        raise InvalidParameter.single("level", f"must be one of {', '.join(scheme.ids)}")
    return level


@_router.post(SECTION + "/versions", status_code=201, responses=RESPONSES)
def submit_version(
    slug: str,
    key: str,
    body: VersionSubmit,
    user: CurrentUser,
    session: SessionDep,
    scheme: SchemeDep,
) -> JSONResponse:
    """Submit a version of one section for ``locale`` x ``level`` (translator).

    Scored on arrival and checked (``api.domain.checks``). 201: the stored version with its
    ``readability`` and every check result, ``ETag`` of the slot. 409 with ``current_source``
    when ``base_source_hash`` is not the section's current one; 422 listing each failed check.
    """
    locale = parse_locale(body.locale) or ""
    level = _level(scheme, body.level)
    user.require("translator", locale, level)
    place = workflow.Place(*articles.find_section(session, slug, key))
    proposal = workflow.Proposal(locale, level, body.text, body.heading, body.base_source_hash)
    version, checked = workflow.submit(
        session, scheme=scheme, place=place, proposal=proposal, author=user.name
    )
    checks = [c.as_dict() for c in checked.checks]
    etag = slots.etag(session, place.slot(locale, level))
    return JSONResponse(
        status.version_json(version, place.section, checks),
        status_code=201,
        headers={"ETag": etag, "Cache-Control": "private, no-store"},
    )


@_router.get(SECTION + "/versions", responses=RESPONSES)
def slot_history(
    slug: str,
    key: str,
    user: CurrentUser,
    session: SessionDep,
    scheme: SchemeDep,
    locale: Annotated[str, Query(max_length=64, description="BCP 47 tag")],
    level: Annotated[str, Query(max_length=32, description="Reading level id")],
) -> JSONResponse:
    """Every version of the slot (newest first: author, reviewer, times, comments, checks,
    stale flag and the source each stale one was written from) and its events. ``ETag``: the
    slot's ETag, to send as ``If-Match`` when publishing, rejecting or withdrawing. Any account.
    """
    tag, lv = parse_locale(locale) or "", _level(scheme, level)
    place = workflow.Place(*articles.find_section(session, slug, key))
    body = status.slot_history(session, scheme, place.article, place.section, place.slot(tag, lv))
    return JSONResponse(body, headers={"ETag": body["etag"], "Cache-Control": "private, no-store"})


def _review(
    session: SessionDep,
    scheme: SchemeDep,
    user: CurrentUser,
    where: tuple[str, str],
    decision: workflow.Decision,
) -> JSONResponse:
    place = workflow.Place(*articles.find_section(session, *where))
    version = workflow.review(session, scheme=scheme, place=place, decision=decision, reviewer=user)
    etag = slots.etag(session, slots.slot_of(version))
    return JSONResponse(
        status.version_json(version, place.section, None),
        headers={"ETag": etag, "Cache-Control": "private, no-store"},
    )


@_router.post(SECTION + "/versions/{version_id}/publish", responses=RESPONSES)
def publish_version(
    slug: str,
    key: str,
    version_id: IdPath,
    user: CurrentUser,
    session: SessionDep,
    scheme: SchemeDep,
    if_match: IfMatch,
    body: ReviewComment | None = None,
) -> JSONResponse:
    """Publish a submitted version (reviewer, not its author); the slot's previous published
    version becomes ``superseded``. Needs ``If-Match`` with the slot's ETag: 428 without, 412
    when another change got there first. 409 for a stale or non-submitted version."""
    decision = workflow.Decision(
        version_id, EventAction.published, body.comment if body else None, if_match
    )
    return _review(session, scheme, user, (slug, key), decision)


@_router.post(SECTION + "/versions/{version_id}/reject", responses=RESPONSES)
def reject_version(
    slug: str,
    key: str,
    version_id: IdPath,
    body: ReviewComment,
    user: CurrentUser,
    session: SessionDep,
    scheme: SchemeDep,
    if_match: IfMatch,
) -> JSONResponse:
    """Reject a submitted version with a ``comment`` (required: 422). Reviewer, If-Match."""
    decision = workflow.Decision(version_id, EventAction.rejected, body.comment, if_match)
    return _review(session, scheme, user, (slug, key), decision)


@_router.post(SECTION + "/versions/{version_id}/withdraw", responses=RESPONSES)
def withdraw_version(
    slug: str,
    key: str,
    version_id: IdPath,
    body: ReviewComment,
    user: CurrentUser,
    session: SessionDep,
    scheme: SchemeDep,
    if_match: IfMatch,
) -> JSONResponse:
    """Withdraw a published version that proved harmful, with a ``comment``. Reviewer,
    If-Match. The slot then falls back as if missing; a ``withdrawn`` event is the tombstone."""
    decision = workflow.Decision(version_id, EventAction.withdrawn, body.comment, if_match)
    return _review(session, scheme, user, (slug, key), decision)


def _may_read(session: SessionDep, version: Version, authorization: str | None) -> bool:
    """Published versions are public; any other needs its author or a reviewer for its
    language and level (401 without a token, 403 naming the grant)."""
    if version.status == VersionStatus.published:
        return True
    user = authenticate(session, authorization)
    if version.author != user.name and not user.can("reviewer", version.locale, version.level):
        raise Forbidden(
            f"{user.name} may not read version {version.id}: it is {version.status}; only its"
            " author and reviewers for its language and level read unpublished versions",
            needs={"role": "reviewer", "language": version.locale, "level": version.level},
        )
    return False


@_router.get(SECTION + "/versions/{version_id}/readability", responses=RESPONSES)
def version_readability(
    slug: str,
    key: str,
    version_id: IdPath,
    session: SessionDep,
    scheme: SchemeDep,
    detail: DetailQuery = None,
    authorization: Annotated[str | None, Header()] = None,
) -> JSONResponse:
    """The readability report of one version, measured now by today's counters against its
    own level's target; with ``?detail=sentences`` also every sentence's own score, hardest
    first, and the long words with code-point offsets (docs/reference.md section 11).

    Published versions: anyone (``Cache-Control: public``). Others (submitted, rejected,
    superseded, withdrawn): the version's author or a reviewer for its language and level,
    with a bearer token (401, 403). 404 for an unknown article, section or version.
    """
    _, section = articles.find_section(session, slug, key)
    version = slots.version_in_section(session, section.id or 0, version_id)
    if version is None:
        raise NotFound(f"section has no version {version_id}", missing={"version": version_id})
    public = _may_read(session, version, authorization)
    report = score_text(version.text, version.locale, scheme, version.level)
    body = with_detail(report, version.text, detail).model_dump(mode="json")
    cache = "public, max-age=300" if public else "private, no-store"
    return JSONResponse(body, headers={"Cache-Control": cache})


router = APIRouter()
"""Every route under ``/v1/articles`` tagged ``workflow``: these, then the authoring routes."""
router.include_router(_router)
router.include_router(authoring_routes.router)
