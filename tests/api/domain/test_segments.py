"""Paragraphs, sentences and runs with code point offsets."""

from api.domain.glossary import ABBREVIATION, Entry, Match
from api.domain.segments import has_bidi_controls, paragraph_spans, runs, sentence_spans


def test_paragraphs_are_separated_by_blank_lines():
    text = "  One.\nstill one.\n \nTwo.\n\n\n"
    assert [text[a:b] for a, b in paragraph_spans(text)] == ["One.\nstill one.", "Two."]


def test_sentences_end_at_marks_but_not_inside_a_match():
    text = "See e.g. this. 你好。再见！ هل؟ نعم"
    eg = Match(4, 8, Entry(ABBREVIATION, "e.g.", "for example"))
    spans = sentence_spans(text, 0, len(text), [eg])
    assert [text[a:b] for a, b in spans] == ["See e.g. this.", "你好。", "再见！", "هل؟", "نعم"]


def test_runs_alternate_plain_text_and_matches():
    m = Match(2, 4, Entry("term", "cd", "d"))
    assert [(r.start, r.end, r.match is not None) for r in runs(0, 6, [m])] == [
        (0, 2, False),
        (2, 4, True),
        (4, 6, False),
    ]


def test_bidi_controls_are_detected():
    assert has_bidi_controls("a\u202eb") and not has_bidi_controls("abc")
