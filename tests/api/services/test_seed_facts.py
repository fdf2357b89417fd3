"""Every language and level of the seed article carries each section's facts (issue 8).

The fact list is ``translations/content/<slug>/facts.json``; the texts are read from the shipped
files with polib (``independent.seed_texts``), not through the product, so a dropped number,
drug class or key claim in any version fails here whatever the service does with it.
"""

import json
import re
import unicodedata

import pytest
from independent.seed_texts import CONTENT, SLUG, SectionText, section_keys, versions

FACTS = json.loads((CONTENT / SLUG / "facts.json").read_text(encoding="utf-8"))
LANGUAGES = sorted({lang for lang, _ in versions()})
ARABIC_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ى": "ي", "ـ": None})
NUMBER_FOLD = str.maketrans({"٪": "%", "％": "%", "٫": ".", "٬": ","})


def normalize(text: str) -> str:
    """NFC, case-folded, typographic apostrophes as ', Arabic alef/ya variants and tatweel
    folded, vowel marks (harakat) dropped: what facts.json alternatives are matched against."""
    text = unicodedata.normalize("NFC", text).casefold().replace("’", "'")
    text = "".join(c for c in text if not ("\u064b" <= c <= "\u0652"))
    return text.translate(ARABIC_FOLD)


def numbers(text: str) -> set[str]:
    """Numbers in ``text`` as ASCII digits: any script's digits, decimal comma or Arabic
    decimal separator as '.', thousands separators dropped, a following % kept."""
    digits = "".join(str(unicodedata.digit(c)) if c.isdigit() else c for c in text)
    digits = re.sub(r"(?<=\d)[,٬ ](?=\d{3}\b)", "", digits.translate(NUMBER_FOLD))
    digits = re.sub(r"(?<=\d),(?=\d)", ".", digits)
    return set(re.findall(r"\d+(?:\.\d+)?%?", re.sub(r"(?<=\d)[ \u00a0\u202f]%", "%", digits)))


def missing_facts(section: dict, lang: str, level: str, text: str) -> list[str]:
    """Ids of the facts (and numbers) of one section that ``text`` does not carry."""
    found = normalize(text)
    lost = [f"number {n}" for n in section["numbers"] if n not in numbers(text)]
    for fact in section["facts"]:
        if level not in fact.get("levels", [level]):
            continue
        groups = fact["all_of"][lang] if fact["kind"] == "claim" else [fact["any_of"][lang]]
        if not all(any(normalize(alt) in found for alt in group) for group in groups):
            lost.append(fact["id"])
    return lost


@pytest.mark.parametrize(("lang", "level"), sorted(versions()))
def test_every_section_of_every_version_carries_its_facts(lang, level):
    lost = {}
    for section in versions()[(lang, level)]:
        spec = FACTS["sections"][section.key]
        if gaps := missing_facts(spec, lang, level, section.text):
            lost[section.key] = gaps
    assert lost == {}


def test_the_fact_list_covers_every_section_and_language():
    assert list(FACTS["sections"]) == section_keys()
    for key, section in FACTS["sections"].items():
        assert section["facts"], key
        for fact in section["facts"]:
            table = fact["all_of"] if fact["kind"] == "claim" else fact["any_of"]
            assert sorted(table) == LANGUAGES, (key, fact["id"])
            if "levels" in fact:
                assert fact["why"], (key, fact["id"])
                assert "full" not in fact["levels"] or len(fact["levels"]) < 3


def test_every_number_in_the_source_is_a_listed_fact():
    source = {s.key: s.text for s in versions()[("en", "full")]}
    for key, text in source.items():
        assert numbers(text) <= set(FACTS["sections"][key]["numbers"]), key


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("About 50% of adults", {"50%"}),
        ("la mediana fue de 21,3 meses", {"21.3"}),
        ("نحو ٥٠٪ من البالغين و٢١٫٣ شهرا", {"50%", "21.3"}),
        ("约５０％的成年人", {"50%"}),
        ("1,200 people; 2.5 mg", {"1200", "2.5"}),
    ],
)
def test_numbers_are_read_in_any_script_and_notation(text, expected):
    assert numbers(text) == expected


def test_a_dropped_drug_class_or_number_is_reported():
    spec = FACTS["sections"]["checkpoint-inhibitors"]
    easy = next(s for s in versions()[("es", "easy")] if s.key == "checkpoint-inhibitors")
    assert missing_facts(spec, "es", "easy", easy.text) == []
    dropped = SectionText(easy.key, easy.heading, easy.text.replace("inhibidores", "bloqueadores"))
    assert missing_facts(spec, "es", "easy", dropped.text) == ["checkpoint-inhibitor"]
    with_number = {**spec, "numbers": ["21.3"]}
    assert missing_facts(with_number, "es", "easy", easy.text + " Unos 21,3 meses.") == []
    assert missing_facts(with_number, "es", "easy", easy.text) == ["number 21.3"]
