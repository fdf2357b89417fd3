"""Renditions of one read response (the JSON dict from ``api.services.render``) for screen
readers, text-to-speech, braille displays and search engines (reference.md section 6).

Each module turns the article or section dict into a string: ``html`` (a semantic fragment),
``ssml``, ``text`` and ``jsonld``. Every piece of content is escaped by a library (MarkupSafe,
``xml.sax.saxutils``, ``json``), never concatenated raw.
"""

from typing import Any

from api.domain.glossary import Entry, Match

# Labels the renditions add around the content, by language subtag; English otherwise.
GLOSSARY_LABEL = {
    "en": "Glossary",
    "es": "Glosario",
    "fr": "Glossaire",
    "ar": "مسرد المصطلحات",
    "zh": "术语表",
    "de": "Glossar",
    "it": "Glossario",
    "pt": "Glossário",
}


def glossary_label(lang: str) -> tuple[str, str]:
    """The glossary heading for ``lang`` and the language it is in (``en`` when missing)."""
    language = lang.split("-", 1)[0].lower()
    return (
        (GLOSSARY_LABEL[language], lang)
        if language in GLOSSARY_LABEL
        else (GLOSSARY_LABEL["en"], "en")
    )


def section_matches(section: dict[str, Any]) -> list[Match]:
    """The section's ``glossary`` members as ``Match``es (offsets are code points)."""
    return [
        Match(g["start"], g["end"], Entry(g["kind"], g["term"], g["definition"], g.get("ipa")))
        for g in section.get("glossary", [])
    ]
