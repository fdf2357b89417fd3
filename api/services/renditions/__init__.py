"""Renditions of one read response (``api.schemas.ArticleRead`` or ``SectionRead``, as
``api.services.render`` builds them) for screen readers, text-to-speech, braille displays and
search engines (reference.md section 6).

Each module turns the article or section model into a string: ``html`` (a semantic fragment),
``ssml``, ``text`` and ``jsonld``. Glossary matches are used as served (``GlossaryMatch``,
offsets in code points). Every piece of content is escaped by a library (MarkupSafe,
``xml.sax.saxutils``, ``json``), never concatenated raw.
"""

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
