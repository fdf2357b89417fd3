"""Response shapes of the title workflow, batch publish, retire/move, readability detail and
offline bundles, for the OpenAPI document (attached by endpoint name in
:data:`api.openapi.RESPONSE_MODELS`).

Each model describes the dict its route builds: ``api.services.status.title_json`` and
``title_history``, ``api.services.batch_review.item_json``, ``api.routes.structure`` and
``api.services.bundles`` (whose sections are :class:`api.schemas.SectionBody`, byte for byte).
Like :mod:`api.responses` they allow extra members; the fuzz test checks every answer.
"""

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from api.responses import VersionRead
from api.schemas import Reference, SectionBody
from models.common import Origin, VersionStatus


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class TitleVersionRead(_Open):
    """One stored title version with its workflow state, stale flag, people, times and checks
    (``api.services.status.title_json``). Times are ISO 8601 UTC."""

    id: int
    revision: int
    locale: str = Field(description="BCP 47 tag")
    level: str = Field(description="Reading level id")
    status: VersionStatus
    stale: bool = Field(description="Written against a source title that has changed since")
    text: str = Field(description="The title")
    origin: Origin
    source_hash: str = Field(description="source_hash of the source title it was written from")
    author: str | None
    reviewed_by: str | None
    comment: str | None
    created_at: str
    reviewed_at: str | None
    checks: list[dict[str, Any]] = Field(description="Check results: check, ok, message...")


class TitleSource(_Open):
    """The source title a translation must be written from (empty strings when none)."""

    source_hash: str
    text: str


class TitleEventRead(_Open):
    """One event of a title slot's history (append-only)."""

    id: int
    title_id: int
    action: str
    actor: str | None
    comment: str | None
    details: dict[str, Any] | None
    created_at: str


class TitleHistory(_Open):
    """Every version of one article title x language x level, newest first, with its events
    and the slot's ETag (send it as ``If-Match`` to publish, reject or withdraw)."""

    article: str
    locale: str
    level: str
    etag: str
    source: TitleSource = Field(description="The current source title")
    versions: list[TitleVersionRead]
    events: list[TitleEventRead]


class PublishedSection(VersionRead):
    """A published section version, as the single publish answers it, with its slot's ETag."""

    kind: Literal["section"]
    section: str = Field(description="Section key")
    etag: str = Field(description="The slot's new ETag")


class PublishedTitle(TitleVersionRead):
    """A published title version, as the single publish answers it, with its slot's ETag."""

    kind: Literal["title"]
    etag: str = Field(description="The slot's new ETag")


class BatchPublished(_Open):
    """What a batch publish published, in request order."""

    published: list[Annotated[PublishedSection | PublishedTitle, Field(discriminator="kind")]]


class ArticleRetired(_Open):
    """A retired article: reads answer 404 from now on."""

    slug: str
    retired_at: str | None = Field(description="ISO 8601 UTC")


class SectionRetired(_Open):
    """A retired section: the sections after it moved up one place."""

    article: str
    key: str
    retired_at: str | None = Field(description="ISO 8601 UTC")


class SectionPlace(_Open):
    """A live section's key and 0-based position."""

    key: str
    position: int


class SectionOrder(_Open):
    """The article's live sections in their new order."""

    article: str
    sections: list[SectionPlace]


class BundleSectionPlace(SectionPlace):
    """A section of the article item: key, position and whether its heading is editorial."""

    heading_editorial: bool


class BundleArticleItem(_Open):
    """The article item of a sync or bundle (``api.services.sync_items.article_body``)."""

    slug: str
    source_lang: str
    sections: list[BundleSectionPlace]
    references: list[Reference]
    editorial_notes: list[dict[str, Any]] = Field(description="Notes, texts per synced locale")
    last_reviewed_at: str | None
    reviewed_by: str | None


class BundleTitle(_Open):
    """The published title in the bundle's locale and level."""

    title: str
    lang: str
    dir: str


class BundleGlossaryEntry(_Open):
    """One glossary entry."""

    kind: str
    term: str
    definition: str
    ipa: str | None


class BundleGlossary(_Open):
    """The article's glossary in the bundle's locale."""

    lang: str
    dir: str
    entries: list[BundleGlossaryEntry]


class ManifestEntry(_Open):
    """A section's SHA-256 (hex) and size in bytes, over its JSON in ``sections``."""

    key: str
    sha256: str
    bytes: int


class BundleFallback(_Open):
    """What a reader online gets for a section the bundle lacks."""

    lang: str
    level: str


class BundleAbsent(_Open):
    """A section with no version in the bundle's language and level."""

    key: str
    fallback: BundleFallback | None = Field(
        description="The section endpoint's choice with fallback=auto (another level of the "
        "language, else another language); null when nothing is published"
    )


class BundleArticle(_Open):
    """One article of a bundle."""

    slug: str
    locale: str = Field(description="The language served: the requested tag's match (es-MX: es)")
    article: BundleArticleItem
    title: BundleTitle | None
    glossary: BundleGlossary | None
    sections: list[SectionBody] = Field(description="The section endpoint's JSON, fallback=none")
    manifest: list[ManifestEntry]
    absent: list[BundleAbsent] = Field(description="Sections the bundle lacks, in order")


class BundleRead(_Open):
    """An offline bundle: one locale and level of one article or of every article, and the
    ``sync_token`` to continue with ``GET /v1/sync``."""

    locale: str = Field(description="The tag asked for; each article says what it is served in")
    level: str
    sync_token: str
    articles: list[BundleArticle]
