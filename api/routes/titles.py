"""Write API for article titles (issue 9, point 4): the title of each language and level is
content, submitted, reviewed and published like a section version.

Who may call: submit: translator for the language and level; publish/reject/withdraw:
reviewer for it, never on their own version (``If-Match`` with the title slot's ETag from
``GET .../title/versions``); history: any account. Errors are problem+json: 401, 403, 404,
409, 412, 422, 428.
"""

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse

from api.deps import CurrentUser, IdPath, IfMatch, SchemeDep, SessionDep, parse_locale
from api.errors import InvalidParameter
from api.repositories import articles, titles
from api.repositories.titles import TitleSlot
from api.routes.workflow_common import RESPONSES
from api.services import status
from api.services import titles as service
from api.services.workflow import Decision
from models import EventAction
from models.submission import ReviewComment, TitleSubmit

router = APIRouter(prefix="/v1/articles", tags=["workflow"])
TITLE = "/{slug}/title/versions"
NO_STORE = {"Cache-Control": "private, no-store"}


def _level(scheme: SchemeDep, level: str) -> str:
    if scheme.get(level) is None:
        raise InvalidParameter.single("level", f"must be one of {', '.join(scheme.ids)}")
    return level


@router.post(TITLE, status_code=201, responses=RESPONSES)
def submit_title(
    slug: str, body: TitleSubmit, user: CurrentUser, session: SessionDep, scheme: SchemeDep
) -> JSONResponse:
    """Submit the article's title in ``locale`` x ``level`` (translator). Checked for
    ``empty``, ``numbers`` (against the source title) and ``characters``. 201: the stored
    title version with its checks and the title slot's ``ETag``; 409 with ``current_source``
    when ``base_source_hash`` is not the source title's; 422 listing each failed check."""
    locale, level = parse_locale(body.locale) or "", _level(scheme, body.level)
    user.require("translator", locale, level)
    article = articles.find_article(session, slug)
    proposal = (locale, level, body.text, body.base_source_hash)
    title = service.submit(session, scheme, article, proposal, user.name)
    history = titles.events(session, titles.slot_of(title))
    checks: list[object] = next(
        (e.details.get("checks", []) for e in history if e.title_id == title.id), []
    )
    source_hash = service.current_source(session, scheme, article)["source_hash"]
    return JSONResponse(
        status.title_json(title, source_hash, checks),
        status_code=201,
        headers={"ETag": titles.etag(session, titles.slot_of(title)), **NO_STORE},
    )


@router.get(TITLE, responses=RESPONSES)
def title_history(
    slug: str,
    user: CurrentUser,
    session: SessionDep,
    scheme: SchemeDep,
    locale: Annotated[str, Query(max_length=64, description="BCP 47 tag")],
    level: Annotated[str, Query(max_length=32, description="Reading level id")],
) -> JSONResponse:
    """Every version of the title slot (newest first, with checks, stale flag, people, times)
    and its events; ``ETag``: the slot's ETag for ``If-Match``. Any account."""
    article = articles.find_article(session, slug)
    slot = TitleSlot(article.id or 0, parse_locale(locale) or "", _level(scheme, level))
    body = status.title_history(session, scheme, article, slot)
    return JSONResponse(body, headers={"ETag": body["etag"], **NO_STORE})


def _review(
    session: SessionDep, scheme: SchemeDep, user: CurrentUser, slug: str, decision: Decision
) -> JSONResponse:
    article = articles.find_article(session, slug)
    title = service.review(session, scheme, article, decision, user)
    source_hash = service.current_source(session, scheme, article)["source_hash"]
    return JSONResponse(
        status.title_json(title, source_hash),
        headers={"ETag": titles.etag(session, titles.slot_of(title)), **NO_STORE},
    )


@router.post(TITLE + "/{title_id}/publish", responses=RESPONSES)
def publish_title(
    slug: str,
    title_id: IdPath,
    user: CurrentUser,
    session: SessionDep,
    scheme: SchemeDep,
    if_match: IfMatch,
    body: ReviewComment | None = None,
) -> JSONResponse:
    """Publish a submitted title (reviewer, not its author); the previous one becomes
    ``superseded``. ``If-Match``: 428 without, 412 when stale. 409 for a stale source."""
    comment = body.comment if body else None
    decision = Decision(title_id, EventAction.published, comment, if_match)
    return _review(session, scheme, user, slug, decision)


@router.post(TITLE + "/{title_id}/reject", responses=RESPONSES)
def reject_title(
    slug: str,
    title_id: IdPath,
    body: ReviewComment,
    user: CurrentUser,
    session: SessionDep,
    scheme: SchemeDep,
    if_match: IfMatch,
) -> JSONResponse:
    """Reject a submitted title with a ``comment`` (required: 422). Reviewer, If-Match."""
    decision = Decision(title_id, EventAction.rejected, body.comment, if_match)
    return _review(session, scheme, user, slug, decision)


@router.post(TITLE + "/{title_id}/withdraw", responses=RESPONSES)
def withdraw_title(
    slug: str,
    title_id: IdPath,
    body: ReviewComment,
    user: CurrentUser,
    session: SessionDep,
    scheme: SchemeDep,
    if_match: IfMatch,
) -> JSONResponse:
    """Withdraw a published title with a ``comment``; readers then get the title of the next
    language of their fallback chain. Reviewer, If-Match."""
    decision = Decision(title_id, EventAction.withdrawn, body.comment, if_match)
    return _review(session, scheme, user, slug, decision)
