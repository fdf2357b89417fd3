"""Request bodies of the write API for versions and source text (issue 3, section 2)."""

from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator
from pydantic_core import PydanticCustomError
from sqlmodel import Field, SQLModel

from api.domain import characters
from models.common import LEVEL_MAX, SLUG_PATTERN, TAG_MAX

TEXT_MAX = 50_000
# SQLModel's ``Field(regex=...)`` is not enforced under pydantic v2 and its ``Field`` has no
# ``pattern``: pass pydantic's ``pattern`` through ``schema_extra`` (validated and documented).
SLUG = {"pattern": SLUG_PATTERN}


def _served(value: str) -> str:
    """Refuse what readers must not be served (:mod:`api.domain.characters`, the rule the
    ``characters`` check applies to submitted text)."""
    refused = characters.reason(value)
    if refused is not None:
        raise PydanticCustomError("text_characters", "{reason}", {"reason": refused})
    return value


def _not_blank(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError("blank", "must contain more than whitespace")
    return _served(value)


def _not_blank_if_given(value: str) -> str:
    return _not_blank(value) if value else value


NotBlank = Annotated[str, AfterValidator(_not_blank)]
"""Text that must not be empty or only whitespace (it is kept as given, not stripped)."""
OptionalHeading = Annotated[str, AfterValidator(_not_blank_if_given)]
"""A heading that may be left empty but is never only whitespace."""


class VersionSubmit(SQLModel):
    """Body of ``POST .../versions``: a translation or level rewrite of one section."""

    locale: str = Field(min_length=1, max_length=TAG_MAX, description="BCP 47 tag, e.g. de, pt-BR")
    level: str = Field(min_length=1, max_length=LEVEL_MAX)
    text: str = Field(max_length=TEXT_MAX)
    heading: OptionalHeading = Field(default="", max_length=500)
    base_source_hash: str = Field(
        min_length=64, max_length=64, description="source_hash of the source text worked from"
    )


class ReviewComment(SQLModel):
    """Body of publish (optional comment), reject and withdraw (comment required)."""

    comment: str | None = Field(default=None, max_length=5000)


class SourceChange(StrEnum):
    """Kind of source edit: ``minor`` keeps translations current; ``substantive`` makes
    every version written against the old source stale."""

    minor = "minor"
    substantive = "substantive"


class SourceEdit(SQLModel):
    """Body of ``PUT .../source``."""

    text: NotBlank = Field(min_length=1, max_length=TEXT_MAX)
    heading: NotBlank | None = Field(
        default=None, max_length=500, description="null keeps the current heading"
    )
    change: SourceChange
    comment: str | None = Field(default=None, max_length=5000)


class SectionCreate(SQLModel):
    """Body of ``POST /v1/articles/{slug}/sections``; appended after the last section."""

    key: str = Field(min_length=1, max_length=100, schema_extra=SLUG)
    heading: NotBlank = Field(min_length=1, max_length=500)
    text: NotBlank = Field(min_length=1, max_length=TEXT_MAX)


class SectionMove(SQLModel):
    """Body of ``POST /v1/articles/{slug}/sections/{key}/move``."""

    position: int = Field(ge=0, le=10_000, description="New 0-based place among live sections")


class ArticleCreate(SQLModel):
    """Body of ``POST /v1/articles``."""

    slug: str = Field(min_length=1, max_length=100, schema_extra=SLUG)
    source_locale: str = Field(min_length=1, max_length=TAG_MAX)
    title: NotBlank = Field(min_length=1, max_length=500)
    sections: list[SectionCreate] = Field(min_length=1, max_length=200)


class TitleSubmit(SQLModel):
    """Body of ``POST /v1/articles/{slug}/title/versions``: a translated title (issue 9)."""

    locale: str = Field(min_length=1, max_length=TAG_MAX, description="BCP 47 tag, e.g. de, pt-BR")
    level: str = Field(min_length=1, max_length=LEVEL_MAX)
    text: str = Field(max_length=500, description="Checked: empty, numbers, characters")
    base_source_hash: str = Field(
        min_length=64, max_length=64, description="source_hash of the source title worked from"
    )


class PublishItem(SQLModel):
    """One submission of a batch publish: a section version (``version_id``) or a title
    version (``title_id``), with its slot's ETag as ``If-Match`` would carry it."""

    version_id: int | None = Field(default=None, ge=1, le=2_147_483_647)
    title_id: int | None = Field(default=None, ge=1, le=2_147_483_647)
    etag: str = Field(min_length=1, max_length=200, description='The slot ETag, e.g. "slot-7-3"')


class BatchPublish(SQLModel):
    """Body of ``POST /v1/articles/{slug}/publish``: publish every item or none."""

    items: list[PublishItem] = Field(min_length=1, max_length=500)
    comment: str | None = Field(default=None, max_length=5000)
