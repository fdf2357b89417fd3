"""Translation files: gettext PO and XLIFF 2 export and import (issue 3, section 3).

``GET /v1/articles/{slug}/files/{locale}/{level}.po`` (or ``.xlf``): any account.
``POST`` the same path with the file as the request body (``text/x-gettext-translation``,
``application/xliff+xml`` or any type), or as the one file part of a ``multipart/form-data``
form (``curl -F file=@es.po``): translator for the language and
level; ``?dry_run=true`` reports per entry what would happen and stores nothing. Entries are
``submitted``, ``unchanged``, ``skipped`` (with the reason), ``conflict`` (translated from an
older source; the current source is given) or ``error`` (``api.services.imports``). The
entries that pass are stored even when others conflict or fail: 201 when at least one entry
was stored, 200 when nothing changed (and for a dry run), 422 when nothing was stored and some
entry failed, 409 when nothing was stored and some entry conflicts. ``?strict=true`` keeps
all or nothing: any conflict is 409, any error 422, and nothing is stored. A bad file is 422
naming the 1-based line (PO) or unit and line (XLIFF) and the problem; over
``max_catalog_bytes`` it is 413.
"""

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse, Response
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException as StarletteHTTPException

from api.deps import CurrentUser, SchemeDep, SessionDep, SettingsDep, parse_locale
from api.domain.languages import language_subtag
from api.domain.po_bytes import BadPoFileError
from api.errors import InvalidParameter, PayloadTooLarge
from api.repositories import articles
from api.services.imports import FileEntry, ImportBatch, import_entries, stored_anything
from api.services.po_files import FileTarget, export_po, po_entries
from api.services.xliff import BadXliffError, export_xliff, xliff_entries
from models.common import Origin

router = APIRouter(prefix="/v1/articles", tags=["translation files"])
PO_PATH, XLF_PATH = "/{slug}/files/{locale}/{level}.po", "/{slug}/files/{locale}/{level}.xlf"
PO_TYPE, XLF_TYPE = "text/x-gettext-translation; charset=utf-8", "application/xliff+xml"
PROBLEM: dict[str, Any] = {"content": {"application/problem+json": {}}}
RESPONSES: dict[int | str, dict[str, Any]] = {
    code: {"description": text, **PROBLEM}
    for code, text in (
        (401, "Missing or bad token"),
        (403, "Needs translator for the language and level"),
        (404, "No such article"),
        (409, "Nothing stored: entries translated from an older source"),
        (413, "File over the size limit"),
        (422, "Bad file, or nothing stored and entries failing checks"),
    )
}


def _file_request(media_type: str, what: str) -> dict[str, Any]:
    """``openapi_extra``: the file as the raw body, or as the one file part of a form."""
    upload = {"type": "string", "format": "binary", "description": what}
    return {
        "requestBody": {
            "required": True,
            "description": f"{what}: the raw body, or a multipart form with one file part",
            "content": {
                media_type: {"schema": {"type": "string", "format": "binary"}},
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "properties": {"file": upload},
                        "required": ["file"],
                    }
                },
            },
        }
    }


async def _uploaded_file(request: Request, limit: int) -> bytes:
    """The one file part of a ``multipart/form-data`` body (``curl -F file=@x.po``)."""
    reason = "must be one file part of a multipart form, e.g. curl -F file=@es.po"
    try:
        async with request.form(max_files=1, max_fields=20) as form:
            files = [v for _, v in form.multi_items() if isinstance(v, UploadFile)]
            if len(files) != 1:
                raise InvalidParameter.single("file", reason)
            return await files[0].read(limit + 1)
    except StarletteHTTPException as exc:  # malformed form, or more than one file
        raise InvalidParameter.single("file", f"{reason} ({exc.detail})") from None


async def _file_body(request: Request, settings: SettingsDep) -> bytes:
    limit = settings.max_catalog_bytes
    if request.headers.get("content-type", "").lower().startswith("multipart/form-data"):
        data = await _uploaded_file(request, limit)
    else:
        data = await request.body()
    if len(data) > limit:
        raise PayloadTooLarge(f"translation files are limited to {limit} bytes")
    return data


def _not_empty(data: bytes, kind: str) -> None:
    """422 naming ``file`` for an empty (or blank) upload: there is nothing to import."""
    if not data.strip():
        raise InvalidParameter.single(
            "file", f"is empty: must be {kind} with the translations, as GET on this URL exports"
        )


FileBody = Annotated[bytes, Depends(_file_body)]
DryRun = Annotated[bool, Query(description="report what would happen; store nothing")]
Strict = Annotated[
    bool, Query(description="all or nothing: any conflict or failing entry refuses the file")
]


def _slot(scheme: SchemeDep, locale: str, level: str) -> tuple[str, str]:
    tag = parse_locale(locale) or ""
    if scheme.get(level) is None:
        raise InvalidParameter.single("level", f"must be one of {', '.join(scheme.ids)}")
    return tag, level


def _download(data: bytes, media_type: str, name: str) -> Response:
    return Response(
        data,
        media_type=media_type,
        headers={
            "Content-Disposition": f'attachment; filename="{name}"',
            "Cache-Control": "private, no-store",
        },
    )


def _import(
    session: SessionDep, scheme: SchemeDep, slug: str, entries: list[FileEntry], batch: ImportBatch
) -> JSONResponse:
    """Run one import; the read cache learns of any change from the change log."""
    article = articles.find_article(session, slug)
    report = import_entries(session, scheme=scheme, article=article, batch=batch, entries=entries)
    stored = stored_anything(report) and not batch.dry_run
    return JSONResponse(report, status_code=201 if stored else 200)


def _file(session: SessionDep, scheme: SchemeDep, slug: str, tag: str, level: str) -> FileTarget:
    article = articles.find_article(session, slug)
    target = scheme.target(level, language_subtag(tag))
    shown = str(target.as_dict()) if target else "none"
    return FileTarget(article, tag, level, shown, scheme.source_level)


@router.get(PO_PATH, responses=RESPONSES, response_class=Response)
def export_po_file(
    slug: str, locale: str, level: str, user: CurrentUser, session: SessionDep, scheme: SchemeDep
) -> Response:
    """The PO catalog of one article, language and level (stale entries ``#, fuzzy``)."""
    tag, lv = _slot(scheme, locale, level)
    data = export_po(session, _file(session, scheme, slug, tag, lv))
    return _download(data, PO_TYPE, f"{slug}.{tag}.{lv}.po")


@router.post(
    PO_PATH,
    status_code=201,
    responses=RESPONSES,
    openapi_extra=_file_request("text/x-gettext-translation", "A gettext PO file"),
)
def import_po_file(
    slug: str,
    locale: str,
    level: str,
    body: FileBody,
    user: CurrentUser,
    session: SessionDep,
    scheme: SchemeDep,
    dry_run: DryRun = False,
    strict: Strict = False,
) -> JSONResponse:
    """Import a PO catalog as a batch of submissions (translator); see the module docstring."""
    tag, lv = _slot(scheme, locale, level)
    user.require("translator", tag, lv)
    _not_empty(body, "a PO file")
    try:
        entries = po_entries(body, tag)
    except BadPoFileError as exc:
        raise InvalidParameter(
            f"line {exc.line}: {exc.problem}",
            [{"parameter": "file", "reason": f"line {exc.line}: {exc.problem}"}],
            line=exc.line,
        ) from None
    batch = ImportBatch(tag, lv, user.name, Origin.po_import, dry_run, strict)
    return _import(session, scheme, slug, entries, batch)


@router.get(XLF_PATH, responses=RESPONSES, response_class=Response)
def export_xliff_file(
    slug: str, locale: str, level: str, user: CurrentUser, session: SessionDep, scheme: SchemeDep
) -> Response:
    """The XLIFF 2.0 document of one article, language and level (state per reference.md 5)."""
    tag, lv = _slot(scheme, locale, level)
    data = export_xliff(session, _file(session, scheme, slug, tag, lv))
    return _download(data, XLF_TYPE, f"{slug}.{tag}.{lv}.xlf")


@router.post(
    XLF_PATH,
    status_code=201,
    responses=RESPONSES,
    openapi_extra=_file_request(XLF_TYPE, "An XLIFF 2.0 document"),
)
def import_xliff_file(
    slug: str,
    locale: str,
    level: str,
    body: FileBody,
    user: CurrentUser,
    session: SessionDep,
    scheme: SchemeDep,
    dry_run: DryRun = False,
    strict: Strict = False,
) -> JSONResponse:
    """Import an XLIFF 2.0 document as a batch of submissions (translator); see the module
    docstring for the statuses."""
    tag, lv = _slot(scheme, locale, level)
    user.require("translator", tag, lv)
    _not_empty(body, "an XLIFF 2.0 document")
    try:
        entries = xliff_entries(body, tag)
    except BadXliffError as exc:
        raise InvalidParameter(
            f"{exc.where}: {exc.problem}",
            [{"parameter": "file", "reason": f"{exc.where}: {exc.problem}"}],
        ) from None
    batch = ImportBatch(tag, lv, user.name, Origin.xliff_import, dry_run, strict)
    return _import(session, scheme, slug, entries, batch)
