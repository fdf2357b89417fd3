"""The reader page's view model: paragraphs, glossary marks, links, times."""

import pytest
from pydantic import ValidationError

from api.domain.segments import paragraph_spans
from api.schemas import SectionBody
from api.services.reader_view import (
    GlossaryItem,
    Mark,
    Segment,
    _marks,
    minutes,
    page_url,
    paragraphs,
)

ITEM = GlossaryItem("gl-s-1", "PD-1", "abbreviation", "programmed death 1", None, "en", "ltr")


def test_paragraphs_split_at_blank_lines_and_trim():
    text = "  One.\n\n\nTwo\nlines.  \n \nThree."
    assert [text[a:b] for a, b in paragraph_spans(text)] == ["One.", "Two\nlines.", "Three."]
    assert paragraph_spans("") == [] and paragraph_spans(" \n\n ") == []


def test_marks_become_term_segments_by_code_point_offsets():
    text = "Drugs block 𝛼 PD-1.\n\nPD-1 again."
    start = text.index("PD-1")
    assert paragraphs(text, [Mark(start, start + 4, ITEM)]) == [
        [Segment("Drugs block 𝛼 "), Segment("PD-1", "gl-s-1", "abbreviation", "en"), Segment(".")],
        [Segment("PD-1 again.")],
    ]


def _body(key, lang, text, glossary=()):
    """A served section (``SectionBody``) with ``glossary`` matches; the rest is filler."""
    return SectionBody.model_validate(
        {
            "key": key,
            "position": 0,
            "heading": "",
            "heading_lang": lang,
            "heading_dir": "ltr",
            "heading_editorial": False,
            "text": text,
            "lang": lang,
            "dir": "ltr",
            "level": "plain",
            "level_met": True,
            "locale_fallback": False,
            "stale": False,
            "version": {"id": 1, "revision": 1, "origin": "authored", "created_at": "2026"},
            "readability": {
                **dict.fromkeys(
                    ("formula", "formula_name", "scale", "higher_is_easier", "score"),
                ),
                **dict.fromkeys(("grade_equivalent", "second_opinion", "reason", "level")),
                "locale": lang,
                "language": lang,
                "measurable": False,
                "word_count": 0,
                "sentence_count": 0,
                "reliable": False,
                "target": None,
                "meets_target": None,
            },
            "word_count": 0,
            "count_unit": "words",
            "reading_time_seconds": 0,
            "listening_time_seconds": 0,
            "glossary": [{"ipa": None, "lang": lang, **g} for g in glossary],
        }
    )


def test_glossary_lists_each_term_once_and_skips_bad_offsets():
    # A string offset ("0") cannot reach _marks any more (GlossaryMatch.start is an int):
    # the bad offset of "x" is now a negative one.
    section = _body(
        "s",
        "en",
        "T cells and T cells and B cells",
        [
            {"term": "T cells", "kind": "term", "definition": "d", "start": 12, "end": 19},
            {"term": "T cells", "kind": "term", "definition": "d", "start": 0, "end": 7},
            {"term": "B cells", "kind": "term", "definition": "e", "start": 5, "end": 99},
            {"term": "x", "kind": "term", "definition": "f", "start": -1, "end": 1},
        ],
    )
    items, marks = _marks(section)
    assert [(i.id, i.term, i.definition) for i in items] == [
        ("gl-s-1", "x", "f"),
        ("gl-s-2", "T cells", "d"),
        ("gl-s-3", "B cells", "e"),
    ]
    assert [(a, b, item.id) for a, b, item in marks] == [(0, 7, "gl-s-2")]


def test_a_section_without_glossary_has_no_marks():
    assert _marks(_body("s", "ar", "نص")) == ([], [])


def test_page_urls_encode_parameters():
    assert page_url("a b", "zh-Hans", "easy", fragment="k") == (
        "/read/a%20b?locale=zh-Hans&level=easy#k"
    )
    assert page_url("a", "en", "easy", max_grade=6.0) == "/read/a?locale=en&max_grade=6"


def test_minutes_round_up_and_need_every_section():
    # Every served section has its times now (SectionBody requires them, as ints): the cases of
    # a missing or a string figure moved to the model's validation.
    assert minutes([61, 0.5]) == 2
    assert minutes([10]) == 1
    assert minutes([]) is None
    key = "reading_time_seconds"
    section = _body("s", "en", "Text.").model_dump()
    with pytest.raises(ValidationError, match=key):
        SectionBody.model_validate({k: v for k, v in section.items() if k != key})
    with pytest.raises(ValidationError, match=key):
        SectionBody.model_validate({**section, key: "ten"})
