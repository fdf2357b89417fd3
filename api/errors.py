"""One error hierarchy and one ``application/problem+json`` handler (RFC 9457).

Every problem has ``type``, ``title``, ``status``, ``detail`` and, for bad input, the extension
member ``errors: [{"parameter": ..., "reason": ...}]`` (reference.md section 4). Nothing here
ever puts a stack trace in a response.
"""

import logging
from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.exc import DataError, DBAPIError, OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException

from api.db import describe_database_error
from api.validation_wording import reason

PROBLEM_JSON = "application/problem+json"
log = logging.getLogger(__name__)


class ProblemParameter(BaseModel):
    """One bad input: the parameter (query, path, header, body member, ``file``) and why."""

    parameter: str = Field(description="The parameter, header or body member at fault")
    reason: str = Field(description="What is wrong and what is accepted")


class Problem(BaseModel):
    """An ``application/problem+json`` document (RFC 9457; reference.md section 4): every error
    answer has this shape. Extension members (``line``, ``entries``, ``available``,
    ``current_source``...) add detail where an error has more to say."""

    model_config = ConfigDict(extra="allow")

    type: str = Field(
        description="A URI reference naming the problem type, e.g. /problems/not-found"
    )
    title: str = Field(description="Short summary of the problem type")
    status: int = Field(ge=400, le=599, description="The HTTP status code")
    detail: str = Field(description="What went wrong with this request")
    errors: list[ProblemParameter] = Field(
        default_factory=list, description="Each bad parameter and the reason (bad input only)"
    )


class ProblemError(Exception):
    """Base of every error the service answers on purpose."""

    status = 400
    slug = "bad-request"
    title = "Bad request"

    def __init__(
        self,
        detail: str,
        errors: Sequence[dict[str, str]] = (),
        headers: dict[str, str] | None = None,
        **extensions: Any,
    ) -> None:
        super().__init__(detail)
        self.detail = detail
        self.errors = list(errors)
        self.headers = headers or {}
        self.extensions = extensions

    def body(self) -> dict[str, Any]:
        """The problem document as a dict."""
        doc: dict[str, Any] = {
            "type": f"/problems/{self.slug}",
            "title": self.title,
            "status": self.status,
            "detail": self.detail,
        }
        if self.errors:
            doc["errors"] = self.errors
        doc.update(self.extensions)
        return doc


class InvalidParameter(ProblemError):
    """422: a value that fails validation; ``errors`` names each parameter."""

    status = 422
    slug = "invalid-parameter"
    title = "Invalid parameter"

    @classmethod
    def single(cls, parameter: str, reason: str) -> "InvalidParameter":
        """One bad parameter, with the reason saying what is accepted."""
        return cls(f"{parameter} {reason}", [{"parameter": parameter, "reason": reason}])


class NotFound(ProblemError):
    """404: the thing asked for does not exist (or not in the language/level asked)."""

    status = 404
    slug = "not-found"
    title = "Not found"


class PayloadTooLarge(ProblemError):
    """413: a request body or text over the configured limit."""

    status = 413
    slug = "payload-too-large"
    title = "Payload too large"


class NotAcceptable(ProblemError):
    """406: ``Accept`` excludes every rendition offered; ``available`` lists their media types."""

    status = 406
    slug = "not-acceptable"
    title = "Not acceptable"


class ServiceUnavailable(ProblemError):
    """503: a dependency (the database) cannot be reached."""

    status = 503
    slug = "service-unavailable"
    title = "Service unavailable"


class Unauthorized(ProblemError):
    """401: no bearer token, or one that is unknown, revoked or expired (RFC 6750 section 3)."""

    status = 401
    slug = "unauthorized"
    title = "Unauthorized"

    def __init__(self, detail: str, invalid_token: bool = False) -> None:
        challenge = 'Bearer realm="content-api"'
        if invalid_token:
            challenge += ', error="invalid_token"'
        super().__init__(detail, headers={"WWW-Authenticate": challenge})


class TooManyRequests(ProblemError):
    """429: too many failed authentications from this client; ``Retry-After`` says when."""

    status = 429
    slug = "too-many-requests"
    title = "Too many requests"


class Forbidden(ProblemError):
    """403: authenticated, but without the grant this needs; ``needs`` names it."""

    status = 403
    slug = "forbidden"
    title = "Forbidden"


class Conflict(ProblemError):
    """409: the request contradicts the current state (e.g. written against an old source)."""

    status = 409
    slug = "conflict"
    title = "Conflict"


class Gone(ProblemError):
    """410: what was asked for existed once and is gone for good (e.g. a sync token older than
    the change log's compaction: start over with an initial sync)."""

    status = 410
    slug = "gone"
    title = "Gone"


class PreconditionFailed(ProblemError):
    """412: ``If-Match`` does not match the current ETag: another change got there first."""

    status = 412
    slug = "precondition-failed"
    title = "Precondition failed"


class PreconditionRequired(ProblemError):
    """428: this write needs ``If-Match`` with the current ETag (RFC 6585 section 3)."""

    status = 428
    slug = "precondition-required"
    title = "Precondition required"


class UnsupportedMediaType(ProblemError):
    """415: the request body is not in a format this endpoint reads."""

    status = 415
    slug = "unsupported-media-type"
    title = "Unsupported media type"


class MethodNotAllowed(ProblemError):
    """405: the path exists but not with this method; ``Allow`` lists the methods it has."""

    status = 405
    slug = "method-not-allowed"
    title = "Method not allowed"


class InternalError(ProblemError):
    """500: a fault of the service; logged, never with a stack trace in the answer."""

    status = 500
    slug = "internal-error"
    title = "Internal error"


def problem_classes() -> dict[int, type[ProblemError]]:
    """The error hierarchy by status (the first class defined for a status wins): what the
    OpenAPI document describes for each error status (``api.openapi``)."""
    found: dict[int, type[ProblemError]] = {}
    pending: list[type[ProblemError]] = [ProblemError]
    while pending:
        cls = pending.pop(0)
        found.setdefault(cls.status, cls)
        pending.extend(cls.__subclasses__())
    return found


def problem_response(problem: ProblemError) -> JSONResponse:
    """Render a problem as ``application/problem+json``."""
    return JSONResponse(
        problem.body(),
        status_code=problem.status,
        media_type=PROBLEM_JSON,
        headers=problem.headers,
    )


def _validation_errors(exc: RequestValidationError) -> list[dict[str, str]]:
    errors = []
    for error in exc.errors():
        if error.get("type") == "json_invalid":  # loc is ("body", <character offset>)
            where = error.get("loc", ("body", "?"))[-1]
            errors.append(
                {
                    "parameter": "body",
                    "reason": f"must be valid JSON ({error.get('msg')} at character {where})",
                }
            )
            continue
        loc = [str(part) for part in error.get("loc", ()) if part not in ("query", "path", "body")]
        parameter = ".".join(loc) or "body"
        errors.append({"parameter": parameter, "reason": reason(parameter, error)})
    return errors


async def _on_problem(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ProblemError)
    return problem_response(exc)


async def _on_validation(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = _validation_errors(exc)
    detail = "; ".join(f"{e['parameter']} {e['reason']}" for e in errors)
    return problem_response(InvalidParameter(detail, errors))


async def _on_http(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    errors: list[dict[str, str]] = []
    if exc.status_code == 400 and exc.detail == "There was an error parsing the body":
        # FastAPI's answer to a body it cannot decode (e.g. not UTF-8): name the body
        errors = [{"parameter": "body", "reason": "must be JSON encoded as UTF-8"}]
    problem = ProblemError(str(exc.detail), errors, headers=dict(exc.headers or {}))
    problem.status, problem.title = exc.status_code, _reason_phrase(exc.status_code)
    problem.slug = problem.title.lower().replace(" ", "-")
    return problem_response(problem)


async def _on_unexpected(_: Request, exc: Exception) -> JSONResponse:
    if isinstance(exc, DBAPIError):  # its text and traceback carry submitted values
        log.error("unhandled database error: %s", describe_database_error(exc))
    else:
        log.exception("unhandled error", exc_info=exc)
    return problem_response(
        InternalError("The service failed to answer; the error has been logged.")
    )


async def _on_data_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, DBAPIError)
    log.warning("value refused by the database: %s", describe_database_error(exc))
    reason = "contains a value the database cannot take (for example a NUL character)"
    return problem_response(
        InvalidParameter(f"the request {reason}", [{"parameter": "request", "reason": reason}])
    )


async def _on_database_busy(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, DBAPIError)
    log.warning("database unavailable: %s", describe_database_error(exc))
    return problem_response(
        ServiceUnavailable(
            "the database is busy or unreachable; retry shortly", headers={"Retry-After": "1"}
        )
    )


def _reason_phrase(status: int) -> str:
    from http import HTTPStatus

    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


def register_error_handlers(app: FastAPI) -> None:
    """Route every error, expected or not, through the problem+json renderer."""
    app.add_exception_handler(ProblemError, _on_problem)
    app.add_exception_handler(RequestValidationError, _on_validation)
    app.add_exception_handler(StarletteHTTPException, _on_http)
    app.add_exception_handler(OperationalError, _on_database_busy)  # locked, down: 503
    app.add_exception_handler(DataError, _on_data_error)  # e.g. NUL in a path, PostgreSQL: 422
    app.add_exception_handler(Exception, _on_unexpected)
