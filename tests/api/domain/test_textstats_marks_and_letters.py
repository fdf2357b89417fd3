"""Counting fixes found by the readability engine (issue 8): Arabic words keep their vowel
marks; a capital letter after a lower-case word (``linfocitos T.``) is not an initial."""

import pytest

from api.domain.textstats import text_stats


def test_vowel_marked_arabic_words_are_one_word_each():
    marked = "يَسْتَخْدِمُ العِلاجُ المَنَاعِيُّ جِهَازَ المَنَاعَةِ."
    stats = text_stats(marked, "ar")
    assert [w.text for w in stats.words] == marked.rstrip(".").split()
    assert stats.word_count == 5


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("es", "Se llaman linfocitos T. Estas células atacan.", 2),
        ("fr", "Ce sont des lymphocytes T. Ils attaquent.", 2),
        ("en", "Take vitamin D. It helps.", 2),
        ("en", "Dr. J. R. Smith came. He left.", 2),  # initials after a capitalised word
        ("es", "Vino el Dr. J. Pérez ayer. Bien.", 2),
        ("de", "Das gilt z. B. für alle. Gut.", 2),
    ],
)
def test_a_capital_letter_after_a_lower_case_word_is_a_letter_name_not_an_initial(
    language, text, expected
):
    """Trade-off: an initial after a lower-case word (``dijo J. Pérez``) now ends a sentence;
    letter names after nouns (``linfocitos T``, ``vitamina D``) are far commoner in health text."""
    assert text_stats(text, language).sentence_count == expected
