"""Offline bundles (issue 10, point 5; reference.md section 4).

A bundle is one language and reading level of one article, or of every article: per article
its ``article`` item, ``title``, ``glossary`` and ``sections`` (each the section endpoint's JSON
for that locale and level with ``fallback=none``, byte for byte: ``api.services.sync_items``),
a ``manifest`` of each section's SHA-256 over those bytes, and the ``sync_token`` to continue
from with ``GET /v1/sync``. The token's position is the newest change row that concerns the
bundle (never older than the compaction mark), so the same content gives the same bytes and the
same strong ETag; every coding (identity, gzip, Brotli) has its own ETag.
"""

import gzip
import hashlib
import json
from base64 import urlsafe_b64encode
from collections import OrderedDict
from dataclasses import dataclass
from threading import Lock

import brotli
from sqlmodel import Session
from starlette.datastructures import Headers
from starlette.responses import Response

from api.domain.levels import LevelScheme
from api.domain.negotiation import LanguageRange, closest_language, negotiate
from api.domain.selection import Fallback, LevelRequest
from api.errors import NotFound
from api.http import etag_matches
from api.repositories import sync as repo
from api.repositories.changes import ChangeFilter, last_change_id
from api.services.render import render_section
from api.services.store import ArticleSnapshot, SectionView, load_snapshot
from api.services.sync import served_filters
from api.services.sync_items import (
    article_body,
    explicit_auto,
    glossary_body,
    section_body,
    sha256,
    title_body,
)
from api.services.sync_token import Filters, TokenSigner

BATCH = 50
CODINGS = ("br", "gzip")


@dataclass(frozen=True, slots=True)
class Bundle:
    """A bundle's bytes in each coding, with a strong ETag each."""

    variants: dict[str, tuple[bytes, str]]  # coding ("identity", "gzip", "br") -> body, ETag
    languages: tuple[str, ...] = ()  # the languages served (Content-Language)


def _raw(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _absent(
    scheme: LevelScheme, snapshot: ArticleSnapshot, section: SectionView, slot: tuple[str, str]
) -> dict[str, object]:
    """A section the bundle lacks, with what a reader online would get instead: the section
    endpoint's choice with ``fallback=auto`` (``{"lang", "level"}``), or None when nothing."""
    tag, level = slot
    neg = negotiate((LanguageRange(tag, 1.0),), snapshot.languages, snapshot.source_locale)
    request = LevelRequest(level, None, Fallback.auto, level)
    try:
        body = render_section(scheme, snapshot, section, neg, request, explicit_auto(tag, level))
    except NotFound:
        return {"key": section.key, "fallback": None}
    return {"key": section.key, "fallback": {"lang": body.lang, "level": body.level}}


def served_language(snapshot: ArticleSnapshot, tag: str) -> str | None:
    """The language of ``snapshot`` a reader with the explicit locale ``tag`` is served
    (reference.md section 3: the closest with a distance below 10), or None."""
    return closest_language(tag, snapshot.languages)


def _article_json(
    scheme: LevelScheme, snapshot: ArticleSnapshot, tag: str, level: str
) -> tuple[str, str] | None:
    """``(served language, the article's part of the bundle)``, or None when nothing of it is
    published in the language ``tag`` is served at ``level``."""
    locale = served_language(snapshot, tag)
    if locale is None:
        return None
    sections: list[tuple[str, bytes]] = []
    absent: list[dict[str, object]] = []
    for section in snapshot.sections:
        body = section_body(scheme, snapshot, section, locale, level)
        if body is not None:
            sections.append((section.key, body))
        else:
            absent.append(_absent(scheme, snapshot, section, (tag, level)))
    title = title_body(snapshot, locale, level)
    if not sections and title is None:
        return None
    manifest = [{"key": k, "sha256": sha256(b), "bytes": len(b)} for k, b in sections]
    parts = {
        "slug": _raw(snapshot.slug),
        "locale": _raw(locale),
        "article": article_body(snapshot, (locale,)).decode(),
        "title": (title or b"null").decode(),
        "glossary": (glossary_body(snapshot, locale) or b"null").decode(),
        "sections": "[" + ",".join(b.decode() for _, b in sections) + "]",
        "manifest": _raw(manifest),
        "absent": _raw(absent),
    }
    return locale, "{" + ",".join(f'"{name}":{value}' for name, value in parts.items()) + "}"


class Bundler:
    """Builds bundles, keeping the last few by content position (a small LRU)."""

    def __init__(self, entries: int = 16) -> None:
        self._cache: OrderedDict[tuple[object, ...], Bundle] = OrderedDict()
        self._entries, self._lock = entries, Lock()

    def bundle(
        self,
        session: Session,
        scheme: LevelScheme,
        signer: TokenSigner,
        slot: tuple[str, str],
        slug: str | None,
    ) -> Bundle:
        """The bundle of ``slot`` (requested tag, level) for one article (``slug``) or every
        article; each article in the language a reader with that explicit locale is served.
        404 when the article does not exist or has nothing published there."""
        locale, level = slot
        filters = Filters((locale,), (level,), (slug,) if slug else None)
        position = self._position(session, served_filters(session, filters))
        key = (locale, level, slug, position)
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
        articles = self._articles(session, scheme, slot, slug)
        body = (
            f'{{"locale":{_raw(locale)},"level":{_raw(level)},'
            f'"sync_token":{_raw(signer.sync_token(filters, position))},'
            f'"articles":[{",".join(part for _, part in articles)}]}}'
        ).encode()
        built = _encode(body, tuple(sorted({lang for lang, _ in articles})))
        with self._lock:
            self._cache[key] = built
            while len(self._cache) > self._entries:
                self._cache.popitem(last=False)
        return built

    @staticmethod
    def _position(session: Session, filters: Filters) -> int:
        head = last_change_id(session)
        ids = None
        if filters.articles:
            ids = frozenset(repo.article_ids(session, frozenset(filters.articles)).values())
        change_filter = ChangeFilter(frozenset(filters.locales), frozenset(filters.levels), ids)
        return max(repo.newest_matching(session, head, change_filter), repo.low_water(session))

    @staticmethod
    def _articles(
        session: Session, scheme: LevelScheme, slot: tuple[str, str], slug: str | None
    ) -> list[tuple[str, str]]:
        if slug is not None:
            snapshot = load_snapshot(session, slug)
            if snapshot is None:
                raise NotFound(f"no article '{slug}'", missing={"article": slug})
            found = _article_json(scheme, snapshot, *slot)
            if found is None:
                raise NotFound(
                    f"'{slug}' has nothing published in {slot[0]} at {slot[1]} "
                    f"(its languages: {', '.join(snapshot.languages)})",
                    missing={"article": slug, "locale": slot[0], "level": slot[1]},
                )
            return [found]
        out: list[tuple[str, str]] = []
        after, inclusive = "", True
        while True:
            slugs = repo.articles_after(session, after, inclusive, BATCH, None)
            for s in slugs:
                snap = load_snapshot(session, s)
                part = _article_json(scheme, snap, *slot) if snap else None
                if part is not None:
                    out.append(part)
            if len(slugs) < BATCH:
                return out
            after, inclusive = slugs[-1], False


def _strong(data: bytes) -> str:
    """A strong ETag over exactly these bytes (each coding is its own representation)."""
    return '"' + urlsafe_b64encode(hashlib.sha256(data).digest()[:18]).decode("ascii") + '"'


def _encode(body: bytes, languages: tuple[str, ...]) -> Bundle:
    gz = gzip.compress(body, compresslevel=6, mtime=0)
    br = brotli.compress(body, quality=9)
    return Bundle(
        {
            name: (data, _strong(data))
            for name, data in (("identity", body), ("gzip", gz), ("br", br))
        },
        languages,
    )


def _coding(accept_encoding: str) -> str:
    """``br`` if accepted, else ``gzip``, else identity (q=0 refuses a coding)."""
    accepted: dict[str, float] = {}
    for item in accept_encoding.lower().split(","):
        name, _, params = item.strip().partition(";")
        q = 1.0
        if params.strip().startswith("q="):
            try:
                q = float(params.strip()[2:])
            except ValueError:
                q = 0.0
        accepted[name.strip()] = q
    for coding in CODINGS:
        if accepted.get(coding, accepted.get("*", 0.0)) > 0:
            return coding
    return "identity"


def serve_bundle(bundle: Bundle, request: Headers, headers: dict[str, str]) -> Response:
    """200 in the best coding the client accepts, or 304 when ``If-None-Match`` has its ETag
    (reference.md section 4: the 304 carries the same ETag, Cache-Control and Vary)."""
    coding = _coding(request.get("accept-encoding", ""))
    body, etag = bundle.variants[coding]
    out = headers | {"ETag": etag, "Vary": "Accept-Encoding"}
    inm = request.get("if-none-match")
    if inm is not None and etag_matches(inm, etag):
        return Response(status_code=304, headers=out)
    if coding != "identity":
        out["Content-Encoding"] = coding
    return Response(body, media_type="application/json", headers=out)
