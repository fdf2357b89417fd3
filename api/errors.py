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
from starlette.exceptions import HTTPException as StarletteHTTPException

PROBLEM_JSON = "application/problem+json"
log = logging.getLogger(__name__)


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


class ServiceUnavailable(ProblemError):
    """503: a dependency (the database) cannot be reached."""

    status = 503
    slug = "service-unavailable"
    title = "Service unavailable"


PARAMETER_REASONS = {
    "max_grade": "must be a finite number from 0 to 20",
    "level": "must be one of the reading levels listed at /v1/levels",
    "fallback": "must be 'auto' or 'none'",
    "limit": "must be a whole number from 1 to the page size maximum",
}


def problem_response(problem: ProblemError) -> JSONResponse:
    """Render a problem as ``application/problem+json``."""
    return JSONResponse(
        problem.body(), status_code=problem.status, media_type=PROBLEM_JSON,
        headers=problem.headers,
    )


def _validation_errors(exc: RequestValidationError) -> list[dict[str, str]]:
    errors = []
    for error in exc.errors():
        loc = [str(part) for part in error.get("loc", ()) if part not in ("query", "path", "body")]
        parameter = ".".join(loc) or "body"
        reason = PARAMETER_REASONS.get(parameter, str(error.get("msg", "is invalid")))
        errors.append({"parameter": parameter, "reason": reason})
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
    problem = ProblemError(str(exc.detail), headers=dict(exc.headers or {}))
    problem.status, problem.title = exc.status_code, _reason_phrase(exc.status_code)
    problem.slug = problem.title.lower().replace(" ", "-")
    return problem_response(problem)


async def _on_unexpected(_: Request, exc: Exception) -> JSONResponse:
    log.exception("unhandled error", exc_info=exc)
    problem = ProblemError("The service failed to answer; the error has been logged.")
    problem.status, problem.slug, problem.title = 500, "internal-error", "Internal error"
    return problem_response(problem)


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
    app.add_exception_handler(Exception, _on_unexpected)
