"""Response shapes of the write API, translation files and accounts, for the OpenAPI document.

The routes build these bodies as dicts (``api.services.status``, ``api.services.imports``);
the models here describe them for clients and client generators, and ``api.openapi`` attaches
them to the operations by endpoint name (:data:`api.openapi.RESPONSE_MODELS`). They allow
extra members (``additionalProperties``), so a route that adds a member stays conformant;
the fuzz test (tests/api/test_schema_fuzz.py) checks that every answer matches.
"""

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from models.account import AccountPublic, GrantPublic
from models.common import Origin, VersionStatus


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class VersionRead(_Open):
    """One stored version with its workflow state, stale flag, people, times, scores and
    checks (``api.services.status.version_json``). Times are ISO 8601 UTC."""

    id: int
    revision: int
    locale: str = Field(description="BCP 47 tag")
    level: str = Field(description="Reading level id")
    status: VersionStatus
    stale: bool = Field(description="Written against a source text that has changed since")
    heading: str
    text: str
    origin: Origin
    source_hash: str = Field(description="source_hash of the source text it was written from")
    author: str | None
    reviewed_by: str | None
    comment: str | None
    created_at: str
    reviewed_at: str | None
    readability: dict[str, Any] | None = Field(description="Readability report when stored")
    checks: list[dict[str, Any]] = Field(description="Check results: check, ok, message...")
    source_text_then: str | None = Field(
        default=None, description="Only on stale versions: the source text it was written from"
    )
    section_source_hash: str | None = Field(
        default=None, description="Only on source edits: the section's new source_hash"
    )


class SourceText(_Open):
    """A section's current source: hash, language, heading and text."""

    source_hash: str
    locale: str
    heading: str
    text: str


class VersionEventRead(_Open):
    """One event of a slot's history (append-only)."""

    id: int
    version_id: int
    action: str
    actor: str | None
    comment: str | None
    details: dict[str, Any] | None
    created_at: str


class SlotHistory(_Open):
    """Every version of one section x language x level, newest first, with its events and
    the slot's ETag (send it as ``If-Match`` to publish, reject or withdraw)."""

    article: str
    section: str
    locale: str
    level: str
    etag: str
    source: SourceText = Field(description="The section's current source text")
    versions: list[VersionRead]
    events: list[VersionEventRead]


class StatusCell(_Open):
    """One cell of the work list: ``missing``, ``submitted``, ``published`` or ``stale``."""

    state: str
    published_version: int | None
    pending: int = Field(description="Submissions waiting for review")


class StatusSection(_Open):
    """One row of the work list: a section with a cell per language and level."""

    key: str
    source_hash: str
    cells: dict[str, dict[str, StatusCell]] = Field(description="cells[locale][level]")


class ArticleStatus(_Open):
    """The translator's work list (``api.services.status.article_status``)."""

    article: str
    source_locale: str
    languages: list[str]
    levels: list[str]
    sections: list[StatusSection]
    summary: dict[str, dict[str, dict[str, Any]]] = Field(
        description="summary[locale][level]: counts per state, pending, meets_target"
    )


class ArticleCreated(_Open):
    """A new article: its slug, source language and section keys (``Location`` header)."""

    slug: str
    source_locale: str
    sections: list[str]


class SectionCreated(_Open):
    """A new section: its key, position and source hash (``Location`` header)."""

    key: str
    position: int
    source_hash: str


class ImportEntry(_Open):
    """What happened to one entry of a translation file."""

    where: str = Field(description="PO: the 1-based line; XLIFF: the unit id")
    key: str = Field(description="Section key (or title)")
    outcome: str = Field(description="e.g. submit, unchanged, skipped, conflict, error")
    detail: str | None = None
    checks: list[dict[str, Any]] | None = None
    version_id: int | None = None


class ImportReport(_Open):
    """The per-entry report of a file import (or its dry run)."""

    dry_run: bool
    locale: str
    level: str
    counts: dict[str, int] = Field(description="Entries per outcome")
    entries: list[ImportEntry]


class CommentRequired(BaseModel):
    """Body of reject and withdraw: the reason, required and not blank (422 otherwise)."""

    comment: str = Field(min_length=1, max_length=5000, pattern=r"\S")


class AccountRead(AccountPublic):
    """An account with its grants."""

    grants: list[GrantPublic]


class TitleVersionRead(_Open):
    """One title version (``api.services.status.title_json``). Times are ISO 8601 UTC."""

    id: int
    revision: int
    locale: str = Field(description="BCP 47 tag")
    level: str = Field(description="Reading level id")
    status: VersionStatus
    stale: bool = Field(description="Written against a source title that has changed since")
    text: str
    origin: Origin
    source_hash: str
    author: str | None
    reviewed_by: str | None
    comment: str | None
    created_at: str
    reviewed_at: str | None
    checks: list[dict[str, Any]] = Field(description="Check results: check, ok, message...")


class TitleHistory(_Open):
    """The title slot: its versions newest first, events, current source title and ETag
    (``api.services.status.title_history``)."""

    article: str
    locale: str
    level: str
    etag: str = Field(description="The slot's ETag for If-Match")
    source: dict[str, Any]
    versions: list[TitleVersionRead]
    events: list[dict[str, Any]]


class BatchPublished(_Open):
    """A batch publish: each published item in request order (``batch_review.item_json``)."""

    published: list[dict[str, Any]]


class ArticleRetired(_Open):
    """A retired article: its slug and when it was retired (ISO 8601 UTC)."""

    slug: str
    retired_at: str | None


class SectionRetired(_Open):
    """A retired section: its article, key and when it was retired (ISO 8601 UTC)."""

    article: str
    key: str
    retired_at: str | None


class SectionOrder(_Open):
    """The article's live sections in their new order: ``{key, position}`` each."""

    article: str
    sections: list[dict[str, Any]]


class Bundle(_Open):
    """An offline bundle (``api.services.bundles``): the article or articles of one language
    and level with their sections, title, glossary and a manifest of SHA-256 per section
    (the body may be Brotli- or gzip-coded: ``Content-Encoding``)."""
