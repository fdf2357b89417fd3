"""schema.org JSON-LD: the article as a ``MedicalWebPage`` (reference.md section 6), a section
as a ``WebPageElement`` that ``isPartOf`` one.

Members: ``inLanguage``, ``audience`` (patients: ``MedicalAudience`` of type ``Patient``),
``educationalLevel`` (the served reading level as a ``DefinedTerm`` of ``/v1/levels``),
``accessMode``/``accessModeSufficient`` (textual), ``accessibilityFeature`` (real headings,
reading order, reflowable text, pronunciation markup in the SSML rendition),
``accessibilityHazard`` (none), ``timeRequired`` (silent reading time, ISO 8601),
``lastReviewed`` when known, the editorial notes (``correction`` for corrections, ``comment``
otherwise), ``citation`` and ``dateModified``; the notices (``notices``) as ``additionalProperty``
``PropertyValue`` items: ``propertyID`` ``languageNotAvailable`` (value: the language asked
for), ``levelNotMet`` (value: the level served), ``partialLanguage`` (``value`` sections in
the language, ``maxValue`` all sections), ``sectionFallback`` (value: the language the
section is in), ``staleTranslation`` (value: true); ``identifier`` names the section; the
sentence is ``description`` with its ``@language``.

The JSON escapes ``<``, ``>``, ``&``, U+2028 and U+2029 as ``\\uXXXX``: the values are intact and
the document stays inert when a page embeds it in ``<script type="application/ld+json">``.
"""

import json

from pydantic import JsonValue

from api.schemas import ArticleRead, NoteRead, SectionBody, SectionRead
from api.services.renditions.notices import Notice, article_notices, section_read_notices

Document = dict[str, JsonValue]
"""A JSON-LD object: member name -> JSON value (no ``Any``: ``JsonValue`` is recursive)."""

MEDIA_TYPE = "application/ld+json"
ACCESSIBILITY: Document = {
    "accessMode": ["textual"],
    "accessModeSufficient": [{"@type": "ItemList", "itemListElement": ["textual"]}],
    "accessibilityFeature": [
        "structuralNavigation",
        "readingOrder",
        "displayTransformability",
        "ttsMarkup",
    ],
    "accessibilityHazard": ["noFlashingHazard", "noMotionSimulationHazard", "noSoundHazard"],
    "audience": {"@type": "MedicalAudience", "audienceType": "Patient"},
}
_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}


def duration(seconds: int) -> str:
    """ISO 8601 duration of whole seconds: ``PT4M5S``, ``PT40S``, ``PT0S``."""
    minutes, rest = divmod(max(seconds, 0), 60)
    if minutes and rest:
        return f"PT{minutes}M{rest}S"
    return f"PT{minutes}M" if minutes else f"PT{rest}S"


def _dump(document: Document) -> str:
    text = json.dumps(document, ensure_ascii=False, indent=1)
    return "".join(_ESCAPES.get(c, c) for c in text) + "\n"


def _level(level: str) -> Document:
    return {
        "@type": "DefinedTerm",
        "termCode": level,
        "name": level,
        "inDefinedTermSet": "/v1/levels",
    }


def _note(note: NoteRead) -> Document:
    kind = "CorrectionComment" if note.kind == "correction" else "Comment"
    doc: Document = {"@type": kind, "text": note.text, "inLanguage": note.lang}
    return {**doc, "datePublished": note.created_at} if note.created_at else doc


def _part(section: SectionBody) -> Document:
    return {
        "@type": "WebPageElement",
        "position": section.position + 1,
        "name": section.heading,
        "inLanguage": section.lang,
        "educationalLevel": _level(section.level),
        "timeRequired": duration(section.reading_time_seconds),
    }


def _notes(notes: list[NoteRead]) -> Document:
    out: dict[str, list[JsonValue]] = {}
    for note in notes:
        key = "correction" if note.kind == "correction" else "comment"
        out.setdefault(key, []).append(_note(note))
    return dict(out)


def _citations(article: ArticleRead) -> list[JsonValue]:
    return [
        {
            "@type": "CreativeWork",
            "name": r.title,
            "url": r.url,
            "publisher": {"@type": "Organization", "name": r.publisher},
        }
        for r in article.references
    ]


PROPERTY_IDS = {
    "language_not_available": "languageNotAvailable",
    "level_not_met": "levelNotMet",
    "partial_language": "partialLanguage",
    "section_fallback": "sectionFallback",
    "stale": "staleTranslation",
}


def _notice(notice: Notice) -> Document:
    """A notice as a schema.org ``PropertyValue``: ``propertyID`` (camelCase kind), ``value``
    (see ``notices.Notice``; partial: sections in the language, ``maxValue`` of all), the
    section's ``identifier`` where it is about one, and the sentence as a JSON-LD value object
    with its ``@language``."""
    doc: Document = {"@type": "PropertyValue", "propertyID": PROPERTY_IDS[notice.kind]}
    if notice.kind == "partial_language" and isinstance(notice.value, list):
        doc["value"], doc["maxValue"] = notice.value[0], notice.value[1]
    else:
        doc["value"] = notice.value
    if notice.section is not None:
        doc["identifier"] = notice.section
    doc["description"] = {"@value": notice.text, "@language": notice.lang}
    return doc


def render_article_jsonld(article: ArticleRead) -> str:
    """The article as a schema.org ``MedicalWebPage`` JSON-LD document (a string)."""
    doc: Document = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "identifier": article.slug,
        "name": article.title,
        "headline": article.title,
        "inLanguage": article.lang,
        "educationalLevel": _level(article.level),
        **ACCESSIBILITY,
        "isAccessibleForFree": True,
        "timeRequired": duration(article.reading_time_seconds),
        "dateModified": article.updated_at,
    }
    if article.last_reviewed_at:
        doc["lastReviewed"] = article.last_reviewed_at[:10]
    doc.update(_notes(article.editorial_notes))
    doc["citation"] = _citations(article)
    doc["hasPart"] = [_part(s) for s in article.sections]
    notices = article_notices(article)
    if notices:
        doc["additionalProperty"] = [_notice(n) for n in notices]
    return _dump(doc)


def render_section_jsonld(section: SectionRead) -> str:
    """One section as a ``WebPageElement`` that is part of its article's page."""
    doc: Document = {
        "@context": "https://schema.org",
        **_part(section),
        **ACCESSIBILITY,
        "identifier": f"{section.article}#{section.key}",
        "isPartOf": {
            "@type": "MedicalWebPage",
            "identifier": section.article,
            "inLanguage": section.article_lang,
        },
    }
    notices = section_read_notices(section)
    if notices:
        doc["additionalProperty"] = [_notice(n) for n in notices]
    return _dump(doc)
