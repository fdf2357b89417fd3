"""The independent counters against hand-checked cases (conventions: the module docstrings)."""

import pytest

from independent import segment, syllables
from independent.readability import score
from independent.seed_texts import REPO


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("una", 2), ("así", 2), ("usar", 2), ("día", 2), ("país", 2), ("reúne", 3),
        ("inmunoterapia", 6), ("quimioterapia", 5), ("guerra", 2), ("pingüino", 3),
        ("ahí", 2), ("búho", 2), ("cuidado", 3), ("muy", 1), ("hoy", 1), ("reyes", 2),
        ("oír", 2), ("aéreo", 4), ("poeta", 3), ("limpiáis", 2), ("buey", 1),
        ("prohibir", 3 - 1), ("construí", 2), ("linfocitos", 4), ("y", 1), ("leer", 2),
    ],
)  # fmt: skip
def test_spanish_syllables_follow_the_rae_rules(word, expected):
    assert syllables.spanish(word) == expected


@pytest.mark.parametrize(
    ("language", "words", "expected"),
    [
        ("en", ["person's", "flu-like", "T", "immunotherapy", "zzyzzq"], [2, 2, 1, 6, 1]),
        ("fr", ["l’immunothérapie", "cellules", "réaction", "lymphocytes"], [6, 2, 3, 3]),
        ("fr", ["d’autres", "appelées", "une", "envie"], [1, 3, 1, 2]),
        ("de", ["Beispiel", "Zeit", "haben", "Theater"], [2, 1, 2, 3]),
        ("it", ["aiuto", "uomo", "mio", "paura"], [3, 2, 2, 3]),
    ],
)  # fmt: skip
def test_spoken_and_dictionary_syllables(language, words, expected):
    assert syllables.count(words, language) == expected


def test_sentences_survive_decimals_abbreviations_lists_and_line_breaks():
    text = (
        "The dose was 2.5 mg. It lasted 21.3 months, e.g. in the U.S. trial. Dr. Smith agreed!"
        "\n- first item\n- second item\n\nA paragraph with a lone\nline break. Ends here…"
    )
    assert segment.sentences(text, "en") == [
        "The dose was 2.5 mg.",
        "It lasted 21.3 months, e.g. in the U.S. trial.",
        "Dr. Smith agreed!",
        "first item",
        "second item",
        "A paragraph with a lone line break.",
        "Ends here…",
    ]


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("es", "Vino el Sr. García. ¿Y usted? Sí. EE. UU. es grande.", 4),
        ("fr", "M. Dupont est venu. Il est 10.30 h. « Bien ! » Oui.", 4),
        ("de", "Am 1. Mai kam er z.B. nicht. Gut.", 2),
        ("ar", "هذا نص قصير. وهذه جملة ثانية؟ نعم.", 3),
        ("zh", "你好。今天天气很好！我们走吧？", 3),
    ],
)
def test_sentences_in_other_languages(language, text, expected):
    assert len(segment.sentences(text, language)) == expected


def test_words_join_apostrophes_and_hyphens_and_skip_bare_numbers():
    assert segment.words("Qu’est-ce que l’immunothérapie ? 50 flu-like 乳腺癌") == [
        "Qu’est-ce", "que", "l’immunothérapie", "flu-like", "乳", "腺", "癌",
    ]  # fmt: skip


def test_formulas_on_a_known_text():
    text = "The cat sat on the mat. The dog ran to the park. We all had fun."
    report = score(text, "en")  # 16 words, 3 sentences, 16 syllables
    assert (report["words"], report["sentences"], report["syllables"]) == (16, 3, 16)
    assert report["score"] == pytest.approx(0.39 * 16 / 3 + 11.8 * 1 - 15.59)
    it = score("Il gatto dorme. Il cane corre.", "it")  # 6 words, 2 sentences, 23 letters
    assert it["score"] == pytest.approx(89 + (300 * 2 - 10 * 23) / 6)


@pytest.mark.parametrize(
    ("word", "expected"),
    [("traitement", 3), ("nuit", 1), ("lui", 1), ("client", 2), ("y", 1), ("cellules", 2),
     ("relativement", 5), ("appelées", 3), ("produisent", 2)],
)  # fmt: skip
def test_french_follows_the_gold_sets_written_convention(word, expected):
    """espeak-ng drops the internal e caduc and splits glides; the convention does not."""
    assert syllables.count([word], "fr") == [expected]


def test_french_matches_the_hand_checked_gold_set():
    gold = REPO / "tests" / "api" / "domain" / "gold" / "syllables_fr.txt"
    rows = [
        line.split()[0]
        for line in gold.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    words = [r.replace("·", "") for r in rows]
    expected = [len([p for p in r.replace("-", "·").split("·") if p]) for r in rows]
    found = syllables.count(words, "fr")
    assert sum(a == b for a, b in zip(found, expected, strict=True)) / len(words) >= 0.97
