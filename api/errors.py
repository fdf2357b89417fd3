"""One error hierarchy and one ``application/problem+json`` handler (RFC 9457).

Every problem has ``type``, ``title``, ``status``, ``detail`` and, for bad input, the extension
member ``errors: [{"parameter": ..., "reason": ...}]`` (reference.md section 4). Nothing here
ever puts a stack trace in a response. The hierarchy itself is ``api.problems``, re-exported
here: import errors from ``api.errors``.
"""

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DataError, DBAPIError, OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException

from api.db import describe_database_error
from api.problems import (
    Conflict,
    Forbidden,
    Gone,
    InternalError,
    InvalidParameter,
    MethodNotAllowed,
    NotAcceptable,
    NotFound,
    PayloadTooLarge,
    PreconditionFailed,
    PreconditionRequired,
    Problem,
    ProblemError,
    ProblemParameter,
    ServiceUnavailable,
    TooManyRequests,
    Unauthorized,
    UnsupportedMediaType,
    problem_classes,
)
from api.validation_wording import reason

PROBLEM_JSON = "application/problem+json"
log = logging.getLogger(__name__)


__all__ = [
    "PROBLEM_JSON",
    "Conflict",
    "Forbidden",
    "Gone",
    "InternalError",
    "InvalidParameter",
    "MethodNotAllowed",
    "NotAcceptable",
    "NotFound",
    "PayloadTooLarge",
    "PreconditionFailed",
    "PreconditionRequired",
    "Problem",
    "ProblemError",
    "ProblemParameter",
    "ServiceUnavailable",
    "TooManyRequests",
    "Unauthorized",
    "UnsupportedMediaType",
    "problem_classes",
    "problem_response",
    "register_error_handlers",
]


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
