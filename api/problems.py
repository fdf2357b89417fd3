"""The one error hierarchy: every error the service answers on purpose is a ``ProblemError``
subclass, and every error answer has the shape of ``Problem`` (RFC 9457; reference.md section 4).

``api.errors`` renders them as ``application/problem+json`` and re-exports them: import from
``api.errors``.
"""

from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


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
