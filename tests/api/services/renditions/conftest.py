"""A small article dict shaped like ``api.services.render.article_json``'s, with an Arabic
section holding a number, an English section that fell back inside the Arabic article, an
abbreviation, an IPA pronunciation and hostile content."""

import pytest

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
        "text": text,
        "lang": lang,
        "dir": direction,
        "level": "plain",
        "word_count": len(text.split()),
        "reading_time_seconds": 65,
        "listening_time_seconds": 80,
        "glossary": glossary,
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
    return {
        "slug": "demo",
        "title": "عنوان",
        "title_lang": "ar",
        "lang": "ar",
        "dir": "rtl",
        "level": "plain",
        "updated_at": "2026-11-29T00:00:00+00:00",
        "last_reviewed_at": "2026-11-01T10:00:00+00:00",
        "reading_time_seconds": 130,
        "listening_time_seconds": 160,
        "references": [
            {"title": "Ref </script>", "publisher": "P & Q", "url": "https://example.org/?a=1&b=2"}
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


@pytest.fixture
def section(article):
    return {**article["sections"][1], "article": "demo", "article_lang": "ar"}
