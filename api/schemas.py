"""Response and request shapes of the read API (documented in OpenAPI, checked in tests).

These models are what ``api.services.render`` produces and what every rendition
(``api.services.renditions``, the reader page) takes; JSON is serialized once, at the edge
(``api.http.represent``).
"""

from typing import Any, Literal

from pydantic import BaseModel, Field

from api.domain.readability import ReadabilityReport, SecondOpinion

Number = int | float
"""A JSON number kept as computed: a whole rate stays an int (``332``, not ``332.0``), so the
serialized bytes, and the ETags over them, do not change."""

SecondOpinionRead = SecondOpinion
ReadabilityRead = ReadabilityReport
"""A readability report (reference.md section 1 terms): the domain's own model, one shape for
the JSON columns, the snapshot and the responses."""


class VersionRef(BaseModel):
    """Which stored version was served."""

    id: int
    revision: int
    origin: str
    created_at: str


class GlossaryMatch(BaseModel):
    """A glossary entry found in a section's text (WCAG 2.2 SC 3.1.3, 3.1.4, 3.1.6)."""

    term: str = Field(description="The entry as written in the glossary (dictionary form)")
    kind: str = Field(description="term or abbreviation")
    definition: str = Field(description="Plain definition, or the abbreviation's expansion")
    ipa: str | None = Field(description="IPA pronunciation, where known")
    start: int = Field(description="Offset of the match in text, Unicode code points")
    end: int = Field(description="End of the match in text (exclusive), code points")
    lang: str


class ReadingRateRead(BaseModel):
    """The rates reading and listening times are computed with, and their sources."""

    unit: str = Field(description="words, or characters for zh/ja")
    silent_per_minute: Number
    aloud_per_minute: Number
    silent_source: str
    aloud_source: str
    listening: str


class SectionBody(BaseModel):
    """One section as served: its own language, direction and level.

    Field order is the order of the JSON members (part of the ETag's bytes).
    """

    key: str
    position: int
    heading: str
    heading_lang: str = Field(
        description="Language of the heading: the section's, or the "
        "source language where no translated heading exists"
    )
    heading_dir: str
    heading_editorial: bool
    text: str
    lang: str
    dir: str
    level: str
    level_met: bool
    locale_fallback: bool
    stale: bool = Field(description="Written against an older source text")
    version: VersionRef
    readability: ReadabilityRead
    word_count: int = Field(description="Words; characters (letters, digits) for zh and ja")
    count_unit: str = Field(description="words or characters")
    reading_time_seconds: int = Field(description="Silent reading, rounded up")
    listening_time_seconds: int = Field(description="At the reading-aloud rate, rounded up")
    glossary: list[GlossaryMatch] = Field(description="Glossary entries in text, in text order")


class Requested(BaseModel):
    """The parameters the reader gave, as the service understood them (the request target
    decides them; the Accept-Language header's outcome is ``negotiated``)."""

    locale: str | None
    level: str | None
    max_grade: float | None
    fallback: str


class NegotiatedRead(BaseModel):
    """How the served language was decided: ``language`` (BCP 47 tag served) and ``via``:
    ``locale`` (the parameter matched), ``accept-language`` (a tag of the header matched,
    reference.md section 3) or ``default`` (the source language: no preference, none usable,
    or none published). Replaces the echo of the raw header (issue 10 point 1): readers whose
    headers lead to the same content get the same bytes and ETag."""

    language: str = Field(examples=["es"])
    via: Literal["accept-language", "locale", "default"]


class Reference(BaseModel):
    """A source the article cites, as the article's metadata gives it (seed ``article.json``)."""

    title: str
    publisher: str | None = Field(default=None, exclude_if=lambda v: v is None)
    url: str
    lang: str | None = Field(
        default=None,
        exclude_if=lambda v: v is None,
        description="Language of the title where it is not the source language",
    )


class NoteRead(BaseModel):
    """An editorial note in the reader's language where translated."""

    kind: str | None
    sections: list[str]
    text: str
    lang: str
    dir: str
    created_at: str | None


class ArticleRead(BaseModel):
    """An article negotiated for one reader."""

    slug: str
    title: str
    title_lang: str
    lang: str
    dir: str
    language_met: bool = Field(
        description="At least one section is in a language the reader accepts (an explicit "
        "locale, a matching Accept-Language tag, or the source language when none was given); "
        "false when everything served is a fallback, as for pt-BR on an article without it"
    )
    level: str
    level_met: bool = Field(
        description="The article is at the level asked for and every section met it "
        "(level_met_sections == section_count)"
    )
    level_met_sections: int = Field(description="How many sections met the level asked for")
    section_count: int = Field(description="Sections served")
    source_lang: str
    requested: Requested
    negotiated: NegotiatedRead
    available: dict[str, list[str]] = Field(description="Levels published per language")
    readability: ReadabilityRead | None = Field(description="Whole article, its language and level")
    editorial_notes: list[NoteRead]
    references: list[Reference]
    last_reviewed_at: str | None
    reviewed_by: str | None
    updated_at: str
    word_count: int = Field(description="Sum over the sections (each in its own unit)")
    reading_time_seconds: int
    listening_time_seconds: int
    reading_rates: dict[str, ReadingRateRead] = Field(description="Per language served")
    sections: list[SectionBody]


class SectionContext(BaseModel):
    """The article a served section belongs to: the first members of ``SectionRead``."""

    article: str
    article_lang: str
    requested: Requested
    negotiated: NegotiatedRead


class SectionRead(SectionBody, SectionContext):
    """One section with the article context: ``SectionContext`` members, then ``SectionBody``
    members, then ``reading_rates`` (pydantic orders fields by reversed MRO)."""

    reading_rates: dict[str, ReadingRateRead]


class SectionCount(BaseModel):
    """Sections published in one language at one level, of the article's sections."""

    sections: int = Field(ge=0, description="Sections with a published version")
    of: int = Field(ge=0, description="Sections the article has")


class ArticleSummary(BaseModel):
    """One entry of the article list."""

    slug: str
    title: str
    lang: str
    dir: str
    source_lang: str
    languages: list[str]
    levels: dict[str, list[str]]
    updated_at: str
    coverage: dict[str, dict[str, SectionCount]] = Field(
        default_factory=dict,
        description="Per language and level: sections published, of the article's sections",
    )


class ArticleList(BaseModel):
    """A page of articles."""

    items: list[ArticleSummary]
    next_cursor: str | None


class LocaleRead(BaseModel):
    """A language the service has content in."""

    tag: str
    english_name: str
    native_name: str
    dir: str
    readability_formula: str | None
    articles_complete: int = Field(
        default=0, description="Articles with every section published at some level"
    )
    articles_partial: int = Field(
        default=0, description="Articles with some, but at no level all, sections published"
    )


class LevelRead(BaseModel):
    """A reading level with each language's target."""

    id: str
    name: str
    reader: str
    rank: int
    nominal_grade: float | None
    targets: dict[str, dict[str, Any]]


class LevelList(BaseModel):
    """The reading-level scheme, easiest first."""

    levels: list[LevelRead]
    source: str


class ReadabilityRequest(BaseModel):
    """Text to score."""

    text: str = Field(description="Plain text; paragraphs separated by blank lines")
    locale: str = Field(max_length=64, description="BCP 47 tag of the text, e.g. es-MX")
    level: str | None = Field(default=None, max_length=32, description="Judge against this target")
