"""Choosing the rendition of a read response: ``format`` parameter, else ``Accept``.

RFC 9110 12.5.1: ``Accept`` lists media ranges with optional ``q`` (0-1, ``q=0`` = "not this");
each rendition takes the q of the most specific range that covers it (``text/html`` over
``text/*`` over ``*/*``); the highest q wins, ties go to the server's order below (JSON first).
No ``Accept``, an empty one, or one with no well-formed range at all means JSON (junk never
fails a request); a well-formed ``Accept`` that excludes every rendition gets ``None`` (the
route answers 406 with the renditions it offers).
"""

import re
from dataclasses import dataclass
from functools import lru_cache

FORMATS: dict[str, str] = {  # server preference order
    "json": "application/json",
    "html": "text/html",
    "text": "text/plain",
    "ssml": "application/ssml+xml",
    "jsonld": "application/ld+json",
}
TOKEN = re.compile(r"^[A-Za-z0-9!#$%&'*+.^_`|~-]+$")
Q_VALUE = re.compile(r"^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$")


@dataclass(frozen=True, slots=True)
class MediaRange:
    """One member of ``Accept``."""

    type: str
    subtype: str
    q: float

    def specificity(self, media_type: str) -> int:
        """2 exact, 1 ``type/*``, 0 ``*/*``, -1 when the range does not cover ``media_type``."""
        kind, sub = media_type.split("/")
        if (self.type, self.subtype) == (kind, sub):
            return 2
        if self.type == kind and self.subtype == "*":
            return 1
        return 0 if (self.type, self.subtype) == ("*", "*") else -1


def _range(item: str) -> MediaRange | None:
    media, *params = (p.strip() for p in item.split(";"))
    kind, _, sub = media.lower().partition("/")
    if not (TOKEN.match(kind) and TOKEN.match(sub)) or (kind == "*" and sub != "*"):
        return None
    q = 1.0
    for param in params:
        name, _, value = param.partition("=")
        if name.strip().lower() == "q":
            if not Q_VALUE.match(value.strip()):
                return None
            q = float(value)
    return MediaRange(kind, sub, q)


def parse_accept(header: str) -> tuple[MediaRange, ...]:
    """The well-formed media ranges of an ``Accept`` header, in header order."""
    ranges = (_range(item) for item in header.split(",") if item.strip())
    return tuple(r for r in ranges if r is not None)


ACCEPT_MEMO_MAX = 256  # longer Accept values are parsed each time, never kept


def choose_format(accept: str | None) -> str | None:
    """The rendition name (a key of ``FORMATS``) for ``Accept``, or None for 406; memoized for
    values up to ``ACCEPT_MEMO_MAX`` characters (a bounded LRU: a few kB of strings)."""
    if accept is None or len(accept) > ACCEPT_MEMO_MAX:
        return _choose_format(accept)
    return _memo_format(accept)


@lru_cache(maxsize=1024)
def _memo_format(accept: str) -> str | None:
    return _choose_format(accept)


def _choose_format(accept: str | None) -> str | None:
    ranges = parse_accept(accept or "")
    if not ranges:
        return "json"
    best, best_q = None, 0.0
    for name, media_type in FORMATS.items():
        covering = [(s, r.q) for r in ranges if (s := r.specificity(media_type)) >= 0]
        q = max(covering)[1] if covering else 0.0
        if q > best_q:
            best, best_q = name, q
    return best
