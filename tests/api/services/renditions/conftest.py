"""A small article as ``api.services.render.render_article`` builds it (an ``ArticleRead``),
with an Arabic section holding a number, an English section that fell back inside the Arabic
article, an abbreviation, an IPA pronunciation and hostile content."""

import pytest

from api.schemas import ArticleRead, SectionRead

HOSTILE = 'Mix <script>alert("x")</script> & \'q\' "dq" \u202eevil\u202c end.'


def _g(text, term, kind, definition, lang, ipa=None, surface=None):
    start = text.index(surface or term)
    return {
        "term": term,
        "kind": kind,
        "definition": definition,
        "ipa": ipa,
        "start": start,
        "end": start + len(surface or term),
        "lang": lang,
    }


def _section(key, position, heading, text, lang, direction, glossary):
    return {
        "key": key,
        "position": position,
        "heading": heading,
        "heading_lang": lang,
        "heading_dir": direction,
        "heading_editorial": False,
        "text": text,
        "lang": lang,
        "dir": direction,
        "level": "plain",
        "level_met": True,
        "locale_fallback": lang != "ar",
        "stale": False,
        "version": {"id": position + 1, "revision": 1, "origin": "authored", "created_at": NOW},
        "readability": _readability(lang),
        "word_count": len(text.split()),
        "count_unit": "words",
        "reading_time_seconds": 65,
        "listening_time_seconds": 80,
        "glossary": glossary,
    }


NOW = "2026-11-29T00:00:00+00:00"


def _readability(lang):
    """A report of a text too short to score (the renditions do not show readability)."""
    return {
        "locale": lang,
        "language": lang,
        "measurable": False,
        "formula": None,
        "formula_name": None,
        "scale": None,
        "higher_is_easier": None,
        "score": None,
        "grade_equivalent": None,
        "second_opinion": None,
        "word_count": 0,
        "sentence_count": 0,
        "reliable": False,
        "reason": "test fixture",
        "level": "plain",
        "target": None,
        "meets_target": None,
    }


@pytest.fixture
def article():
    ar_text = "العلاج الكيميائي يستخدم 5 mg مرتين.\n\nفقرة ثانية عن العلاج الكيميائي."
    en_text = "The NCI funds T cell work. Ask the NCI about a T cell trial.\n\n" + HOSTILE
    sections = [
        _section(
            "one",
            0,
            "العلاج",
            ar_text,
            "ar",
            "rtl",
            [
                _g(ar_text, "العلاج الكيميائي", "term", "أدوية تقتل الخلايا السرطانية.", "ar"),
                {
                    **_g(
                        ar_text, "العلاج الكيميائي", "term", "أدوية تقتل الخلايا السرطانية.", "ar"
                    ),
                    "start": ar_text.rindex("العلاج"),
                    "end": ar_text.rindex("العلاج") + 16,
                },
            ],
        ),
        _section(
            "two",
            1,
            'Side <b>effects</b> & "more"',
            en_text,
            "en",
            "ltr",
            [
                _g(en_text, "NCI", "abbreviation", "National Cancer Institute", "en"),
                _g(en_text, "T cell", "term", "A cell & <i>more</i>", "en", ipa="ˈtiː sɛl"),
                {
                    **_g(en_text, "NCI", "abbreviation", "National Cancer Institute", "en"),
                    "start": en_text.index("NCI", 10),
                    "end": en_text.index("NCI", 10) + 3,
                },
            ],
        ),
    ]
    return ArticleRead.model_validate(
        {
            "slug": "demo",
            "title": "عنوان",
            "title_lang": "ar",
            "lang": "ar",
            "dir": "rtl",
            "language_met": True,
            "level": "plain",
            "level_met": True,
            "level_met_sections": 2,
            "section_count": 2,
            "source_lang": "en",
            "requested": REQUESTED,
            "negotiated": NEGOTIATED,
            "available": {"ar": ["plain"], "en": ["plain"]},
            "readability": None,
            "reviewed_by": None,
            "word_count": sum(s["word_count"] for s in sections),
            "reading_rates": {},
            "updated_at": NOW,
            "last_reviewed_at": "2026-11-01T10:00:00+00:00",
            "reading_time_seconds": 130,
            "listening_time_seconds": 160,
            "references": [
                {
                    "title": "Ref </script>",
                    "publisher": "P & Q",
                    "url": "https://example.org/?a=1&b=2",
                }
            ],
            "editorial_notes": [
                {
                    "kind": "correction",
                    "sections": ["two"],
                    "text": "Fixed & <ok>",
                    "lang": "en",
                    "dir": "ltr",
                    "created_at": "2026-11-29",
                }
            ],
            "sections": sections,
        }
    )


REQUESTED = {
    "locale": "ar",
    "level": None,
    "max_grade": None,
    "fallback": "auto",
}
NEGOTIATED = {"language": "ar", "via": "locale"}


@pytest.fixture
def section(article):
    return SectionRead.model_validate(
        {
            **article.sections[1].model_dump(),
            "article": "demo",
            "article_lang": "ar",
            "requested": REQUESTED,
            "negotiated": NEGOTIATED,
            "reading_rates": {},
        }
    )
