"""Glossary matching: per language, case-insensitive, inflection-tolerant, code point offsets."""

from api.domain.glossary import ABBREVIATION, TERM, Entry, find_terms, stemmer_for


def _found(text, entries, lang):
    return [(text[m.start : m.end], m.entry.term) for m in find_terms(text, entries, lang)]


def test_english_plurals_and_case_are_found_and_the_longest_term_wins():
    entries = [
        Entry(TERM, "T cell", "d"),
        Entry(TERM, "immune checkpoint", "d"),
        Entry(TERM, "immune", "d"),
        Entry(TERM, "checkpoint inhibitor", "d"),
    ]
    text = "Immune Checkpoints stop T cells; checkpoint inhibitors help the immune cells."
    assert _found(text, entries, "en") == [
        ("Immune Checkpoints", "immune checkpoint"),
        ("T cells", "T cell"),
        ("checkpoint inhibitors", "checkpoint inhibitor"),
        ("immune", "immune"),
    ]


def test_overlapping_candidates_keep_the_leftmost():
    entries = [Entry(TERM, "immune checkpoint", "d"), Entry(TERM, "checkpoint inhibitor", "d")]
    assert _found("immune checkpoint inhibitors", entries, "en") == [
        ("immune checkpoint", "immune checkpoint")
    ]


def test_french_singular_terms_find_plural_text():
    entries = [
        Entry(TERM, "essai clinique", "d"),
        Entry(TERM, "point de contrôle immunitaire", "d"),
        Entry(TERM, "effet secondaire", "d"),
    ]
    text = (
        "Dans les essais cliniques, les points de contrôle immunitaires et les Effets secondaires."
    )
    assert [t for _, t in _found(text, entries, "fr")] == [
        "essai clinique",
        "point de contrôle immunitaire",
        "effet secondaire",
    ]


def test_spanish_gender_and_number_are_tolerated():
    entries = [Entry(TERM, "sistema inmunitario", "d"), Entry(TERM, "ensayo clínico", "d")]
    text = "Los sistemas inmunitarios y las pruebas: ensayos clínicos."
    assert _found(text, entries, "es-MX") == [
        ("sistemas inmunitarios", "sistema inmunitario"),
        ("ensayos clínicos", "ensayo clínico"),
    ]


def test_arabic_article_prefixes_and_conjunction_are_tolerated():
    entries = [Entry(TERM, "العلاج الكيميائي", "d"), Entry(TERM, "الخلايا التائية", "d")]
    text = "الجراحة والعلاج الكيميائي، ثم العلاج بالخلايا التائية"
    assert _found(text, entries, "ar") == [
        ("والعلاج الكيميائي", "العلاج الكيميائي"),
        ("بالخلايا التائية", "الخلايا التائية"),
    ]


def test_chinese_is_matched_by_exact_substring_case_insensitively():
    entries = [Entry(TERM, "T细胞", "d"), Entry(TERM, "免疫系统", "d")]
    text = "t细胞是免疫系统中的一种细胞。免疫"
    assert [(m.start, m.end) for m in find_terms(text, entries, "zh-Hans")] == [(0, 3), (4, 8)]


def test_offsets_are_code_points_even_after_astral_characters():
    text = "\U0001f9ec\U0001f9ec chemotherapy"
    (match,) = find_terms(text, [Entry(TERM, "chemotherapy", "d")], "en")
    assert (match.start, match.end) == (3, 15)
    assert text[match.start : match.end] == "chemotherapy"


def test_abbreviations_are_case_sensitive_whole_words():
    entries = [
        Entry(ABBREVIATION, "NCI", "National Cancer Institute"),
        Entry(ABBREVIATION, "PD-1", "programmed cell death protein 1"),
    ]
    text = "The NCI says nci and NCIS differ; PD-1 is not PD-10."
    assert _found(text, entries, "en") == [("NCI", "NCI"), ("PD-1", "PD-1")]


def test_languages_without_a_stemmer_match_exact_words():
    assert stemmer_for("ja") is None and stemmer_for("en-GB") == "english"
    entries = [Entry(TERM, "hoito", "d")]
    assert _found("Hoito ja hoitoja", entries, "sw") == [("Hoito", "hoito")]


def test_no_entries_or_empty_text_find_nothing():
    assert find_terms("", [Entry(TERM, "x", "d")], "en") == []
    assert find_terms("text", [], "en") == []
