"""HTTP representations for apps on slow or metered networks (reference.md section 4).

- strong ``ETag`` over the exact bytes served (RFC 9110 8.8.3); the gzip-coded body is another
  representation and gets its own strong ETag, so no middleware rewrites a body under a strong
  validator;
- ``If-None-Match`` -> 304 with the same ETag, Cache-Control, Content-Location and Vary as the
  200 (RFC 9110 13.1.2, 15.4.5), also when the request says ``Cache-Control: no-cache``;
- ``Cache-Control`` for published content: ``public, max-age, stale-while-revalidate`` (RFC 9111,
  RFC 5861).
"""

import gzip
import hashlib
import json
from base64 import urlsafe_b64encode
from dataclasses import dataclass, field
from functools import lru_cache

from pydantic import BaseModel
from starlette.datastructures import Headers
from starlette.responses import Response
from starlette.types import Send

GZIP_MIN_BYTES = 1024
MEMO_MAX_CODINGS = 128  # longer Accept-Encoding values are parsed each time, never kept

RawHeaders = tuple[tuple[bytes, bytes], ...]
"""Response header fields as ASGI sends them: lower-case name and value bytes."""


def _etag(data: bytes) -> str:
    digest = hashlib.sha256(data).digest()[:18]
    return '"' + urlsafe_b64encode(digest).decode("ascii") + '"'


@dataclass(frozen=True, slots=True)
class Representation:
    """A rendered body with its validators, ready to serve again and again."""

    body: bytes
    etag: str
    gzip_body: bytes | None
    gzip_etag: str | None
    media_type: str
    headers: tuple[tuple[str, str], ...]
    heads: dict[tuple[bool, int, bool], RawHeaders] = field(init=False, repr=False, compare=False)
    """Header fields of each answer, built once: ``(gzip, status, vary_origin)`` -> fields."""

    def __post_init__(self) -> None:
        codings = (False, True) if self.gzip_body is not None else (False,)
        heads = {
            (gz, status, origin): _head(self, gz, status, origin)
            for gz in codings
            for status in (200, 304)
            for origin in (False, True)
        }
        object.__setattr__(self, "heads", heads)

    def answer(
        self, accept_encoding: str, if_none_match: str | None, vary_origin: bool = False
    ) -> "Answer":
        """What to send for a request with these header values: 304 when ``If-None-Match``
        matches the ETag of the coding chosen (RFC 9110 13.1.2), else 200 with the gzip-coded
        body when ``Accept-Encoding`` admits gzip. ``vary_origin`` adds ``Origin`` to ``Vary``
        as the CORS middleware does to what passes it (the edge answers in front of it)."""
        use_gzip = self.gzip_body is not None and accepts_gzip(accept_encoding)
        etag = self.gzip_etag if use_gzip and self.gzip_etag else self.etag
        if if_none_match is not None and etag_matches(if_none_match, etag):
            return Answer(304, self.heads[(use_gzip, 304, vary_origin)], b"")
        body = self.gzip_body if use_gzip and self.gzip_body is not None else self.body
        return Answer(200, self.heads[(use_gzip, 200, vary_origin)], body)

    def head_bytes(self) -> int:
        """Bytes the prepared header fields hold (the read cache's bound counts them)."""
        return sum(len(n) + len(v) for head in self.heads.values() for n, v in head)


@dataclass(frozen=True, slots=True)
class Answer:
    """One response ready for ASGI: status, header fields and body bytes."""

    status: int
    headers: RawHeaders
    body: bytes

    async def send(self, send: Send, head: bool = False) -> None:
        """Send it; a HEAD request gets the same status and fields without the body."""
        start = {"type": "http.response.start", "status": self.status, "headers": self.headers}
        await send(start)
        await send({"type": "http.response.body", "body": b"" if head else self.body})


class PreparedResponse(Response):
    """A Starlette response whose header fields were built once (``Representation.heads``)."""

    def __init__(self, answer: Answer) -> None:
        self.status_code = answer.status
        self.body = answer.body
        self.background = None
        self.raw_headers = list(answer.headers)  # Response.__call__ sends these as they are


def _head(rep: Representation, use_gzip: bool, status: int, vary_origin: bool) -> RawHeaders:
    """The header fields Starlette's ``Response`` gives this answer (so the route and the fast
    path send the same ones): the representation's, ``ETag``, ``Vary: Accept-Encoding`` when a
    gzip variant exists (and ``Origin``, as CORS adds it), ``Content-Encoding``, and for a 200
    ``Content-Length``/``Content-Type``."""
    headers = dict(rep.headers)
    headers["ETag"] = rep.gzip_etag if use_gzip and rep.gzip_etag else rep.etag
    vary = [headers.get("Vary"), "Accept-Encoding" if rep.gzip_body is not None else None]
    vary.append("Origin" if vary_origin else None)
    if any(vary[1:]):
        headers["Vary"] = ", ".join(filter(None, vary))
    if status == 304:
        return tuple(Response(status_code=304, headers=headers).raw_headers)
    if use_gzip:
        headers["Content-Encoding"] = "gzip"
    body = rep.gzip_body if use_gzip and rep.gzip_body is not None else rep.body
    return tuple(Response(body, media_type=rep.media_type, headers=headers).raw_headers)


def represent(
    document: BaseModel, headers: dict[str, str], media_type: str = "application/json"
) -> Representation:
    """Serialize ``document`` (a response model) to compact UTF-8 JSON, once, and precompute its
    validators. Members in field order; floats as Python's ``json`` writes them (``1e-05``),
    so the bytes, and so the ETags, stay what clients have cached."""
    data = document.model_dump()
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return represent_bytes(body, headers, media_type)


def represent_text(text: str, headers: dict[str, str], media_type: str) -> Representation:
    """A pre-rendered text body (HTML, SSML, plain text, JSON-LD) as UTF-8, with validators.

    The ETag is over the exact bytes, so each rendition of the same content has its own.
    """
    return represent_bytes(text.encode("utf-8"), headers, media_type)


def represent_bytes(body: bytes, headers: dict[str, str], media_type: str) -> Representation:
    """Precompute the validators and the gzip-coded variant of ``body``."""
    gz = gzip.compress(body, compresslevel=6, mtime=0) if len(body) >= GZIP_MIN_BYTES else None
    return Representation(
        body=body,
        etag=_etag(body),
        gzip_body=gz,
        gzip_etag=_etag(gz) if gz else None,
        media_type=media_type,
        headers=tuple(headers.items()),
    )


def etag_matches(if_none_match: str, etag: str) -> bool:
    """RFC 9110 13.1.2: weak comparison of ``If-None-Match`` members (or ``*``) with ``etag``."""
    if if_none_match.strip() == "*":
        return True
    opaque = etag.removeprefix("W/")
    return any(tag.strip().removeprefix("W/") == opaque for tag in if_none_match.split(","))


def accepts_gzip(accept_encoding: str) -> bool:
    """True when ``Accept-Encoding`` lists gzip with a non-zero q (memoized for short values:
    a bounded LRU of a few kB)."""
    if len(accept_encoding) > MEMO_MAX_CODINGS:
        return _accepts_gzip(accept_encoding)
    return _memo_accepts_gzip(accept_encoding)


@lru_cache(maxsize=256)
def _memo_accepts_gzip(accept_encoding: str) -> bool:
    return _accepts_gzip(accept_encoding)


def _accepts_gzip(accept_encoding: str) -> bool:
    for item in accept_encoding.lower().split(","):
        coding, _, params = item.strip().partition(";")
        if coding.strip() in ("gzip", "x-gzip"):
            return params.replace(" ", "") not in ("q=0", "q=0.0", "q=0.00", "q=0.000")
    return False


def serve(rep: Representation, request_headers: Headers) -> Response:
    """200 with the best representation for the request, or 304 if the client has it
    (``Representation.answer``)."""
    answer = rep.answer(
        request_headers.get("accept-encoding", ""), request_headers.get("if-none-match")
    )
    return PreparedResponse(answer)


def public_cache_control(max_age: int, stale_while_revalidate: int) -> str:
    """``Cache-Control`` for published content."""
    return f"public, max-age={max_age}, stale-while-revalidate={stale_while_revalidate}"
