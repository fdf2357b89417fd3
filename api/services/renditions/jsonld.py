"""schema.org JSON-LD: the article as a ``MedicalWebPage`` (reference.md section 6), a section
as a ``WebPageElement`` that ``isPartOf`` one.

Members: ``inLanguage``, ``audience`` (patients: ``MedicalAudience`` of type ``Patient``),
``educationalLevel`` (the served reading level as a ``DefinedTerm`` of ``/v1/levels``),
``accessMode``/``accessModeSufficient`` (textual), ``accessibilityFeature`` (real headings,
reading order, reflowable text, pronunciation markup in the SSML rendition),
``accessibilityHazard`` (none), ``timeRequired`` (silent reading time, ISO 8601),
``lastReviewed`` when known, the editorial notes (``correction`` for corrections, ``comment``
otherwise), ``citation`` and ``dateModified``.

The JSON escapes ``<``, ``>``, ``&``, U+2028 and U+2029 as ``\\uXXXX``: the values are intact and
the document stays inert when a page embeds it in ``<script type="application/ld+json">``.
"""

import json
from typing import Any

MEDIA_TYPE = "application/ld+json"
ACCESSIBILITY = {
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


def _dump(document: dict[str, Any]) -> str:
    text = json.dumps(document, ensure_ascii=False, indent=1)
    return "".join(_ESCAPES.get(c, c) for c in text) + "\n"


def _level(level: str) -> dict[str, Any]:
    return {
        "@type": "DefinedTerm",
        "termCode": level,
        "name": level,
        "inDefinedTermSet": "/v1/levels",
    }


def _note(note: dict[str, Any]) -> dict[str, Any]:
    kind = "CorrectionComment" if note.get("kind") == "correction" else "Comment"
    doc = {"@type": kind, "text": note["text"], "inLanguage": note["lang"]}
    return {**doc, "datePublished": note["created_at"]} if note.get("created_at") else doc


def _part(section: dict[str, Any]) -> dict[str, Any]:
    return {
        "@type": "WebPageElement",
        "position": section["position"] + 1,
        "name": section["heading"],
        "inLanguage": section["lang"],
        "educationalLevel": _level(section["level"]),
        "timeRequired": duration(section["reading_time_seconds"]),
    }


def _notes(notes: list[dict[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for note in notes:
        key = "correction" if note.get("kind") == "correction" else "comment"
        out.setdefault(key, []).append(_note(note))
    return out


def render_article_jsonld(article: dict[str, Any]) -> str:
    """The article dict as a schema.org ``MedicalWebPage`` JSON-LD document."""
    doc: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "identifier": article["slug"],
        "name": article["title"],
        "headline": article["title"],
        "inLanguage": article["lang"],
        "educationalLevel": _level(article["level"]),
        **ACCESSIBILITY,
        "isAccessibleForFree": True,
        "timeRequired": duration(article["reading_time_seconds"]),
        "dateModified": article["updated_at"],
    }
    if article.get("last_reviewed_at"):
        doc["lastReviewed"] = article["last_reviewed_at"][:10]
    doc.update(_notes(article.get("editorial_notes", [])))
    doc["citation"] = [
        {
            "@type": "CreativeWork",
            "name": r.get("title"),
            "url": r.get("url"),
            "publisher": {"@type": "Organization", "name": r.get("publisher")},
        }
        for r in article.get("references", [])
    ]
    doc["hasPart"] = [_part(s) for s in article["sections"]]
    return _dump(doc)


def render_section_jsonld(section: dict[str, Any]) -> str:
    """One section dict as a ``WebPageElement`` that is part of its article's page."""
    doc = {
        "@context": "https://schema.org",
        **_part(section),
        **ACCESSIBILITY,
        "identifier": f"{section['article']}#{section['key']}",
        "isPartOf": {
            "@type": "MedicalWebPage",
            "identifier": section["article"],
            "inLanguage": section["article_lang"],
        },
    }
    return _dump(doc)
