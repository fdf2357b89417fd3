"""Delta sync for apps: ``GET /v1/sync`` (issue 10, point 4; reference.md section 4)."""

import re
from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field

from api.deps import SchemeDep, SessionDep, SignerDep, parse_locale
from api.domain.levels import LevelScheme
from api.errors import InvalidParameter
from api.services.sync import Syncer
from api.services.sync_token import Filters, InvalidToken
from models.common import SLUG_PATTERN

router = APIRouter(prefix="/v1", tags=["sync"])
MAX_LOCALES = 20
MAX_ARTICLES = 100
SLUG = re.compile(SLUG_PATTERN)
PROBLEM: dict[str, Any] = {"content": {"application/problem+json": {}}}
RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"description": "A forged, damaged or foreign token, or one for other filters", **PROBLEM},
    410: {"description": "The sync token is older than the kept change log: sync anew", **PROBLEM},
    422: {"description": "A parameter failed validation; errors[] names it", **PROBLEM},
}
EXAMPLE: dict[str, Any] = {
    "items": [
        {
            "type": "section",
            "op": "upsert",
            "article": "immunotherapy-breast-cancer",
            "section": "summary",
            "locale": "es",
            "level": "plain",
            "etag": '"9f2c…"',
            "body": {"article": "immunotherapy-breast-cancer", "key": "summary", "text": "…"},
        },
        {
            "type": "section",
            "op": "delete",
            "article": "immunotherapy-breast-cancer",
            "section": "side-effects",
            "locale": "es",
            "level": "easy",
            "etag": None,
            "body": None,
        },
    ],
    "next_page_token": None,
    "next_sync_token": "eyJmIjp7ImwiOlsiZXMiXX0sInAiOjQyfQ.sig",
}


class SyncItem(BaseModel):
    """One change to apply: ``upsert`` the body at this place, or ``delete`` it (tombstone)."""

    type: str = Field(description="section, title, glossary or article")
    op: str = Field(description="upsert or delete")
    article: str
    section: str | None = Field(description="Section key (section items)")
    locale: str | None = Field(
        description="The language served (section, title, glossary items): for a requested "
        "tag such as es-MX, the stored language it is matched to (es)"
    )
    level: str | None = Field(description="Reading level (section and title items)")
    etag: str | None = Field(description="SHA-256 of the body's JSON bytes, quoted; null: delete")
    body: dict[str, Any] | None = Field(
        description="section: the section endpoint's JSON for that locale and level "
        "(fallback=none); title: {title, lang, dir}; glossary: {lang, dir, entries}; "
        "article: {slug, source_lang, sections, references, editorial_notes, ...}; null: delete"
    )


class SyncPageRead(BaseModel):
    """A page of a sync: follow ``next_page_token`` until a page carries ``next_sync_token``."""

    model_config = ConfigDict(json_schema_extra={"examples": [EXAMPLE]})

    items: list[SyncItem]
    next_page_token: str | None
    next_sync_token: str | None


Problems = list[dict[str, str]]


def _split(raw: str | None, parameter: str, limit: int, problems: Problems) -> list[str] | None:
    if raw is None:
        return None
    parts = [p.strip() for p in raw.split(",") if p.strip()]
    if not parts or len(parts) > limit:
        reason = f"must list 1 to {limit} values, comma-separated"
        problems.append({"parameter": parameter, "reason": reason})
        return []
    return parts


def _tags(tags: list[str], problems: Problems) -> list[str]:
    canonical, bad = [], []
    for tag in tags:
        try:
            canonical.append(parse_locale(tag) or "")
        except InvalidParameter:
            bad.append(repr(tag))
    if bad:
        reason = f"{', '.join(bad)} {'is not a' if len(bad) == 1 else 'are not'} BCP 47 tag"
        problems.append({"parameter": "locales", "reason": reason + "s" * (len(bad) > 1)})
    return canonical


def _check(scheme: LevelScheme, ids: list[str], slugs: list[str], problems: Problems) -> None:
    if [i for i in ids if scheme.get(i) is None]:
        reason = f"must be among {', '.join(scheme.ids)}"
        problems.append({"parameter": "levels", "reason": reason})
    malformed = [repr(s) for s in slugs if not SLUG.match(s)]
    if malformed:
        reason = (
            f"{', '.join(malformed)}: each slug must be lower-case letters and digits in "
            "hyphen-separated words, e.g. flu-shots"
        )
        problems.append({"parameter": "articles", "reason": reason})


def _filters(
    scheme: LevelScheme, locales: str | None, levels: str | None, articles: str | None
) -> Filters | None:
    """The filters given, canonical (sorted, deduplicated); None when none was given. Every
    bad parameter is named (one ``errors[]`` entry each), not only the first."""
    problems: Problems = []
    tags = _split(locales, "locales", MAX_LOCALES, problems)
    ids = _split(levels, "levels", len(scheme.ids), problems)
    slugs = _split(articles, "articles", MAX_ARTICLES, problems)
    if tags is None and ids is None and slugs is None:
        return None
    for name, given in (("locales", tags), ("levels", ids)):
        if given is None:
            problems.append({"parameter": name, "reason": "is required: a comma-separated list"})
    canonical = _tags(tags or [], problems)
    _check(scheme, ids or [], slugs or [], problems)
    if problems:
        detail = "; ".join(f"{p['parameter']} {p['reason']}" for p in problems)
        raise InvalidParameter(detail, problems)
    return Filters(
        tuple(sorted(set(canonical))),
        tuple(sorted(set(ids or []))),
        tuple(sorted(set(slugs))) if slugs else None,
    )


@router.get("/sync", response_model=SyncPageRead, responses=RESPONSES)
def sync(
    session: SessionDep,
    scheme: SchemeDep,
    signer: SignerDep,
    locales: Annotated[
        str | None,
        Query(
            max_length=800,
            description="Comma-separated language tags, e.g. es,ar; each syncs the stored "
            "languages a reader with that locale could be served (es-MX: es), items carry "
            "the language served",
        ),
    ] = None,
    levels: Annotated[
        str | None, Query(max_length=200, description="Comma-separated levels, e.g. plain,easy")
    ] = None,
    articles: Annotated[
        str | None,
        Query(
            max_length=10_000,
            description="Only these article slugs (a slug of no article syncs nothing)",
        ),
    ] = None,
    sync_token: Annotated[
        str | None, Query(max_length=2000, description="next_sync_token of an earlier sync")
    ] = None,
    page_token: Annotated[
        str | None, Query(max_length=2000, description="next_page_token of the previous page")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=500, description="Items per page, 1-500")] = 100,
) -> Response:
    """Delta sync of published content, as Contentful's sync API but filtered.

    Initial sync: ``locales`` and ``levels`` (required), optionally ``articles``: every
    section (the section endpoint's JSON for that locale and level, ``fallback=none``), title,
    glossary and article item that exists now. Follow ``next_page_token`` until a page carries
    ``next_sync_token``; keep it. Later, call with ``sync_token`` (filters optional, but if
    given they must be the token's) to get only what changed since: each changed item once,
    in its final state, ``upsert`` or ``delete`` (a tombstone: withdrawn, superseded without
    replacement, section or article retired). Errors: 400 (forged/foreign token, or other
    filters, naming ``sync_token``/``page_token``), 410 (token older than the kept change log:
    start over with an initial sync), 422 (bad parameter).
    """
    if sync_token is not None and page_token is not None:
        raise InvalidToken.naming("page_token", "cannot be given with sync_token")
    filters = _filters(scheme, locales, levels, articles)
    syncer = Syncer(session, scheme, signer)
    if page_token is not None:
        chosen, position = syncer.resume(filters, page_token)
    elif sync_token is None and filters is None:
        raise InvalidParameter.single("locales", "is required: a comma-separated list")
    else:
        chosen, position = syncer.start(filters, sync_token)
    page = syncer.page(chosen, position, limit)
    return Response(
        page.as_json(), media_type="application/json", headers={"Cache-Control": "no-store"}
    )
