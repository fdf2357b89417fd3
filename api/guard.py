"""Bounded request heads: the exact request-line and header limits, as problem documents
(issue 11 point 3; docs/server.md "The ASGI guard").

The server (Granian, ``content-api serve``) caps the whole head at ``HTTP_HEAD_BUFFER_BYTES``
(64 kB) and answers beyond it with its own empty 431/414, so no head larger than that is ever
held. Below that cap the outermost middleware (``api.edge.EdgeMiddleware``) counts what the head
carries in one pass (``scan_head``, which also picks the fields the fast path reads) and refuses
before anything else runs (nothing is read, negotiated, cached or logged with the value):

- request line ``METHOD SP target SP HTTP/1.1`` over ``HTTP_MAX_REQUEST_LINE_BYTES`` (8 kB)
  -> 414 (RFC 9110 15.5.15);
- one header field line ``name: value`` over ``HTTP_MAX_HEADER_BYTES`` (8 kB) -> 431 naming
  each such field (RFC 6585 section 5), the value never echoed;
- all field lines (``name: value`` CRLF) over ``HTTP_MAX_HEADERS_BYTES`` (32 kB) -> 431.

Answers are ``application/problem+json`` (RFC 9457, reference.md section 4) with
``Connection: close``.
"""

import json
from typing import Any, NamedTuple

from starlette.types import Scope, Send

from api.errors import PROBLEM_JSON

HTTP_VERSION_BYTES = len(" HTTP/1.1")
READ_FIELDS = frozenset(
    (b"host", b"accept-language", b"accept", b"accept-encoding", b"if-none-match", b"origin")
)


class HeadLimits(NamedTuple):
    """The byte limits on a request head: request line, one field line, all field lines."""

    line_max: int
    field_max: int
    total_max: int


class RequestHead(NamedTuple):
    """The header fields the edge and the fast path read, decoded once (latin-1, as ASGI
    servers pass them); None where absent. A repeated field keeps its first value."""

    host: str
    accept_language: str | None
    accept: str | None
    accept_encoding: str
    if_none_match: str | None
    origin: str | None


NO_LIMITS = HeadLimits(2**62, 2**62, 2**62)


def scan_head(scope: Scope, limits: HeadLimits = NO_LIMITS) -> RequestHead | None:
    """One pass over the head: the fields the fast path needs, or None when the head is over
    a limit (``head_problem`` then says which)."""
    if request_line_bytes(scope) > limits.line_max:
        return None
    found: dict[bytes, str] = {}
    total = 0
    for name, value in scope["headers"]:
        size = len(name) + 2 + len(value)
        if size > limits.field_max:
            return None
        total += size + 2
        if name in READ_FIELDS and name not in found:
            found[name] = value.decode("latin-1")
    if total > limits.total_max:
        return None
    get = found.get
    return RequestHead(
        get(b"host", ""),
        get(b"accept-language"),
        get(b"accept"),
        get(b"accept-encoding", ""),
        get(b"if-none-match"),
        get(b"origin"),
    )


def request_line_bytes(scope: Scope) -> int:
    """Length of the request line as sent (``GET /path?query HTTP/1.1``), without CRLF."""
    target = len(scope.get("raw_path") or scope["path"].encode())
    query = scope.get("query_string", b"")
    return len(scope["method"]) + 1 + target + (1 + len(query) if query else 0) + HTTP_VERSION_BYTES


def head_problem(scope: Scope, line_max: int, field_max: int, total_max: int) -> dict[str, Any]:
    """The problem document for a head over a limit, or ``{}`` when the head is within them."""
    line = request_line_bytes(scope)
    if line > line_max:
        return _problem(
            414,
            "uri-too-long",
            "URI too long",
            f"the request line is {line} bytes; at most {line_max} are accepted",
            [{"parameter": "request-target", "reason": f"must be at most {line_max} bytes"}],
        )
    errors: list[dict[str, str]] = []
    total = 0
    for name, value in scope["headers"]:
        size = len(name) + 2 + len(value)
        total += size + 2
        if size > field_max:
            reason = f"must be at most {field_max} bytes; got {size}"
            errors.append({"parameter": name.decode("latin-1"), "in": "header", "reason": reason})
    if errors:
        names = ", ".join(e["parameter"] for e in errors)
        detail = f"header fields over {field_max} bytes: {names}"
        return _problem(431, "header-too-large", "Request header fields too large", detail, errors)
    if total > total_max:
        reason = f"all header fields must total at most {total_max} bytes; got {total}"
        error = {"parameter": "headers", "in": "header", "reason": reason}
        detail = f"the header fields total {total} bytes; at most {total_max} are accepted"
        return _problem(431, "header-too-large", "Request header fields too large", detail, [error])
    return {}


def _problem(
    status: int, kind: str, title: str, detail: str, errors: list[dict[str, str]]
) -> dict[str, Any]:
    return {
        "type": f"/problems/{kind}",
        "title": title,
        "status": status,
        "detail": detail,
        "errors": errors,
    }


async def send_problem(problem: dict[str, Any], send: Send) -> None:
    """Send a ``head_problem`` document with ``Connection: close``."""
    body = json.dumps(problem).encode()
    await send(
        {
            "type": "http.response.start",
            "status": problem["status"],
            "headers": [
                (b"content-type", PROBLEM_JSON.encode()),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
