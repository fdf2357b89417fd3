"""Language negotiation: one policy for every client (reference.md section 3).

1. Take the reader's tags in descending q order (ties keep header order; ``q=0`` excludes).
2. For each, the closest language the article has with ``langcodes.tag_distance`` below 10 (same
   language: region and script variants CLDR treats as interchangeable, e.g. ``es-MX`` -> ``es``,
   ``zh-CN`` -> ``zh-Hans``, but not ``zh-TW`` -> ``zh-Hans``, distance 54).
3. The first tag with a match decides the article's language. A section missing in that language
   falls back along the rest of the reader's matched languages, then the source language.

Accept-Language is parsed leniently (RFC 9110 section 12.5.4): junk entries are skipped, never
an error, so a malformed header can only ever lead to the source language.
"""

import math
from dataclasses import dataclass
from functools import lru_cache

import langcodes

from api.domain.languages import InvalidLanguageTag, canonical_tag

MATCH_DISTANCE_LIMIT = 9  # "below 10": same language, interchangeable region or script
MAX_HEADER_LENGTH = 4096
MAX_RANGES = 32


@dataclass(frozen=True, slots=True)
class LanguageRange:
    """One Accept-Language entry: a canonical tag (or ``*``) and its quality 0..1."""

    tag: str
    q: float


@dataclass(frozen=True, slots=True)
class Negotiated:
    """The outcome: the article's language and the per-section fallback chain.

    ``chain`` starts with ``lang`` and ends with the source language; ``matched`` is False when
    the reader asked for languages, none of them matched, and the source language is served as
    the last resort (``fallback=none`` answers 404 then). ``accepted``: the languages of the
    chain the reader accepts (matched by one of their tags; the source language when they
    stated no preference), so a served part in any other language is a fallback they did not
    ask for (issue 8 point 6: ``language_met``). ``asked`` is True when ``lang`` is a
    language the reader asked for (a positive preference matched), False when it is the
    default (the source language, for no preference, junk or no match).
    """

    lang: str
    chain: tuple[str, ...]
    matched: bool
    accepted: tuple[str, ...] = ()
    asked: bool = False


def _parse_q(params: list[str]) -> float | None:
    q = 1.0
    seen = False
    for param in params:
        name, _, value = param.partition("=")
        if name.strip().lower() != "q":
            continue
        if seen:
            return None  # "en;q=0.9;q=0.8": ambiguous, drop the entry
        seen = True
        try:
            q = float(value.strip())
        except ValueError:
            return None
        if not math.isfinite(q) or not 0.0 <= q <= 1.0:
            return None
    return q


def parse_accept_language(header: str) -> tuple[LanguageRange, ...]:
    """Parse an Accept-Language value into ranges by descending q (stable for ties).

    Entries with ``q=0`` are kept (they exclude); malformed entries are dropped.
    """
    ranges: list[LanguageRange] = []
    for entry in header[:MAX_HEADER_LENGTH].split(",")[:MAX_RANGES]:
        tag_text, *params = entry.strip().split(";")
        q = _parse_q(params)
        tag_text = tag_text.strip()
        if q is None or not tag_text:
            continue
        if tag_text == "*":
            ranges.append(LanguageRange("*", q))
            continue
        try:
            ranges.append(LanguageRange(canonical_tag(tag_text), q))
        except InvalidLanguageTag:
            continue
    return tuple(sorted(ranges, key=lambda r: -r.q))


@lru_cache(maxsize=4096)
def closest_language(tag: str, available: tuple[str, ...]) -> str | None:
    """The available language closest to ``tag`` with a distance below 10, or None.

    Memoized per (canonical tag, languages): tags and language sets in use are few, so the
    distance is computed once for each pair, however many distinct headers carry them."""
    if not available:
        return None
    match, distance = langcodes.closest_match(tag, list(available), MATCH_DISTANCE_LIMIT)
    return match if distance <= MATCH_DISTANCE_LIMIT else None


def matching_languages(tag: str, available: tuple[str, ...]) -> tuple[str, ...]:
    """Every available language a reader asking for ``tag`` could be served: those within the
    matching distance (below 10), the tag itself first if available. Delta sync uses it to turn
    a requested tag into the stored languages it covers (``es-MX`` -> ``es``, ``es-419``...),
    since which one an article serves depends on the article (:func:`closest_language`)."""
    found = [a for a in available if _distance(tag, a) <= MATCH_DISTANCE_LIMIT]
    return tuple(sorted(found, key=lambda a: (a != tag, a)))


@lru_cache(maxsize=4096)
def _distance(tag: str, language: str) -> int:
    return int(langcodes.tag_distance(tag, language))


def _excluded(ranges: tuple[LanguageRange, ...], available: tuple[str, ...]) -> set[str]:
    excluded: set[str] = set()
    for r in ranges:
        if r.q == 0 and r.tag != "*":
            match = closest_language(r.tag, available)
            if match is not None and langcodes.tag_distance(r.tag, match) == 0:
                excluded.add(match)
            excluded.update(a for a in available if a == r.tag)
    return excluded


@lru_cache(maxsize=8192)
def negotiate(
    ranges: tuple[LanguageRange, ...], available: tuple[str, ...], source: str
) -> Negotiated:
    """Apply the matching rule to ``ranges`` against the article's ``available`` languages.

    ``*`` matches the source language (or, if excluded, the first available language not
    excluded). The source language always closes the chain so that every section has text.
    """
    excluded = _excluded(ranges, available)
    candidates = tuple(a for a in available if a not in excluded)
    chain: list[str] = []
    for r in ranges:
        if r.q == 0:
            continue
        if r.tag == "*":
            wildcard = [source] if source in candidates else list(candidates[:1])
            match = wildcard[0] if wildcard else None
        else:
            match = closest_language(r.tag, candidates)
        if match is not None and match not in chain:
            chain.append(match)
    # No positive preference at all (no header, only junk, only exclusions): the source
    # language is the answer, not a fallback, unless the reader excluded it.
    preferred = any(r.q > 0 for r in ranges)
    matched = bool(chain) or (not preferred and source not in excluded)
    accepted = tuple(chain) if chain else ((source,) if matched else ())
    asked = bool(chain)
    if source not in chain:
        chain.append(source)
    return Negotiated(
        lang=chain[0], chain=tuple(chain), matched=matched, accepted=accepted, asked=asked
    )
