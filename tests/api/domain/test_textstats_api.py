"""text_stats: the API contract, textstat equality where textstat counts right, lazy loading."""

import subprocess
import sys

from textstat.backend import counts, metrics

from api.domain import textstat_offline  # noqa: F401  (gives textstat the CMU dictionary offline)
from api.domain.textstats import COUNTER_VERSION, text_stats

# English prose without decimals, abbreviations or compounds; every word is in the CMU
# dictionary and every sentence has three words or more (textstat drops shorter ones).
PLAIN_EN = (
    "Your body has a way to fight germs. It is called the immune system. Some cancer cells can "
    "hide from it. A new kind of medicine helps your body find these cells. Then your body can "
    "fight them. Doctors call this medicine immunotherapy. It does not work for everyone yet."
)


def test_english_prose_counts_equal_textstat_and_so_do_the_formulas():
    stats = text_stats(PLAIN_EN, "en")
    assert stats.word_count == counts.count_words(PLAIN_EN) == len(PLAIN_EN.split())
    assert stats.sentence_count == counts.count_sentences(PLAIN_EN) == 7
    assert stats.syllable_count == counts.count_syllables(PLAIN_EN, "en")
    ours = (
        0.39 * stats.word_count / stats.sentence_count
        + 11.8 * stats.syllable_count / stats.word_count
        - 15.59
    )
    assert round(ours, 9) == round(metrics.flesch_kincaid_grade(PLAIN_EN, "en"), 9)


def test_where_textstat_miscounts_we_do_not():
    text = "Take 2.5 mg daily. Dr. Lee agrees. The well-known T-cell drug works."
    stats = text_stats(text, "en")
    assert [text[s.start : s.end] for s in stats.sentences] == [
        "Take 2.5 mg daily.",
        "Dr. Lee agrees.",
        "The well-known T-cell drug works.",
    ]
    assert [w.syllables for w in stats.words if "-" in w.text] == [2, 2]
    assert counts.count_sentences(text) != 3  # textstat splits at 2.5 and Dr.


def test_spanish_syllables_count_syllables_not_hyphenation_points():
    stats = text_stats("Una forma así de usar la mano.", "es")
    assert [w.syllables for w in stats.words] == [2, 2, 2, 1, 2, 1, 2]
    assert stats.syllable_count == 12 and stats.sentence_count == 1


def test_the_report_carries_offsets_letters_and_word_classes():
    text = "Lea www.aecc.es o escriba a ayuda@ejemplo.es.\n\nEl 12,5 % mejora."
    stats = text_stats(text, "es")
    assert [(w.text, w.kind) for w in stats.words] == [
        ("Lea", "word"),
        ("www.aecc.es", "url"),
        ("o", "word"),
        ("escriba", "word"),
        ("a", "word"),
        ("ayuda@ejemplo.es", "email"),
        ("El", "word"),
        ("12,5 %", "number"),
        ("mejora", "word"),
    ]
    assert stats.letter_count == 3 + 1 + 7 + 1 + 2 + 6  # letters of words only
    assert stats.letter_word_count == 6 and stats.sentence_count == 2
    assert [w.sentence for w in stats.words] == [0, 0, 0, 0, 0, 0, 1, 1, 1]
    assert stats.counter_version == COUNTER_VERSION


def test_smog_and_wiener_counts():
    stats = text_stats("Immunotherapy helps patients. It is new.", "en")
    assert stats.polysyllable_count == 1 == stats.words_with_at_least(3)
    assert stats.monosyllable_count == 4  # helps, It, is, new
    assert stats.long_word_count == 2  # immunotherapy, patients (7+ letters)


def test_chinese_counts_characters_and_segments_on_ideographic_stops():
    stats = text_stats("免疫疗法帮助身体。它不是对每个人都有效！", "zh")
    assert stats.sentence_count == 2
    assert stats.word_count == 18 and {w.kind for w in stats.words} == {"char"}


def test_empty_and_blank_text_count_nothing():
    for text in ("", "   \n\n  "):
        stats = text_stats(text, "fr")
        assert (stats.word_count, stats.sentence_count, stats.syllable_count) == (0, 0, 0)


def test_a_spanish_sentence_in_a_fresh_process_never_loads_english_data():
    code = (
        "import sys\n"
        "from api.domain.textstats import text_stats\n"
        "assert 'api.domain.textstats.syllables_en' not in sys.modules\n"
        "s = text_stats('El paciente recibe la dosis cada tres semanas.', 'es')\n"
        "assert s.syllable_count == 16, s.syllable_count\n"
        "assert 'api.domain.textstats.syllables_en' not in sys.modules\n"
        "assert 'textstat' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
