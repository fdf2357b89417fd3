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
from dataclasses import dataclass

from pydantic import BaseModel
from starlette.datastructures import Headers
from starlette.responses import Response

GZIP_MIN_BYTES = 1024


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
    """True when ``Accept-Encoding`` lists gzip with a non-zero q."""
    for item in accept_encoding.lower().split(","):
        coding, _, params = item.strip().partition(";")
        if coding.strip() in ("gzip", "x-gzip"):
            return params.replace(" ", "") not in ("q=0", "q=0.0", "q=0.00", "q=0.000")
    return False


def serve(rep: Representation, request_headers: Headers) -> Response:
    """200 with the best representation for the request, or 304 if the client has it."""
    accept_encoding = request_headers.get("accept-encoding", "")
    use_gzip = rep.gzip_body is not None and accepts_gzip(accept_encoding)
    etag = rep.gzip_etag if use_gzip and rep.gzip_etag else rep.etag
    headers = dict(rep.headers)
    headers["ETag"] = etag
    if rep.gzip_body is not None:
        headers["Vary"] = ", ".join(filter(None, (headers.get("Vary"), "Accept-Encoding")))
    inm = request_headers.get("if-none-match")
    if inm is not None and etag_matches(inm, etag):
        return Response(status_code=304, headers=headers)
    if use_gzip and rep.gzip_body is not None:
        headers["Content-Encoding"] = "gzip"
        return Response(rep.gzip_body, media_type=rep.media_type, headers=headers)
    return Response(rep.body, media_type=rep.media_type, headers=headers)


def public_cache_control(max_age: int, stale_while_revalidate: int) -> str:
    """``Cache-Control`` for published content."""
    return f"public, max-age={max_age}, stale-while-revalidate={stale_while_revalidate}"
