"""The reader page's view model: paragraphs, glossary marks, links, times."""

from api.services.reader_view import (
    GlossaryItem,
    Segment,
    _marks,
    minutes,
    page_url,
    paragraph_spans,
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
    assert paragraphs(text, [(start, start + 4, ITEM)]) == [
        [Segment("Drugs block 𝛼 "), Segment("PD-1", "gl-s-1", "abbreviation", "en"), Segment(".")],
        [Segment("PD-1 again.")],
    ]


def test_glossary_lists_each_term_once_and_skips_bad_offsets():
    section = {
        "key": "s",
        "lang": "en",
        "text": "T cells and T cells and B cells",
        "glossary": [
            {"term": "T cells", "kind": "term", "definition": "d", "start": 12, "end": 19},
            {"term": "T cells", "kind": "term", "definition": "d", "start": 0, "end": 7},
            {"term": "B cells", "kind": "term", "definition": "e", "start": 5, "end": 99},
            {"term": "x", "kind": "term", "definition": "f", "start": "0", "end": 1},
        ],
    }
    items, marks = _marks(section)
    assert [(i.id, i.term, i.definition) for i in items] == [
        ("gl-s-1", "x", "f"),
        ("gl-s-2", "T cells", "d"),
        ("gl-s-3", "B cells", "e"),
    ]
    assert [(a, b, item.id) for a, b, item in marks] == [(0, 7, "gl-s-2")]


def test_a_section_without_glossary_has_no_marks():
    assert _marks({"key": "s", "lang": "ar", "text": "نص"}) == ([], [])


def test_page_urls_encode_parameters():
    assert page_url("a b", "zh-Hans", "easy", fragment="k") == (
        "/read/a%20b?locale=zh-Hans&level=easy#k"
    )
    assert page_url("a", "en", "easy", max_grade=6.0) == "/read/a?locale=en&max_grade=6"


def test_minutes_round_up_and_need_every_section():
    key = "reading_time_seconds"
    assert minutes([{key: 61}, {key: 0.5}], key) == 2
    assert minutes([{key: 10}], key) == 1
    assert minutes([{key: 10}, {}], key) is None
    assert minutes([{key: "10"}], key) is None
    assert minutes([], key) is None
