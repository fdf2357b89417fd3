"""Every measurable plain and easy version of the seed meets its level target by independent
counts (issue 8; targets: reference.md section 1). Nothing here imports from api/."""

import pytest

from independent.readability import (
    FORMULAS,
    TARGETS,
    language_of,
    meets_target,
    section_scores,
    seed_scores,
)
from independent.seed_texts import REPO

SCORES = seed_scores()
MEASURABLE_SIMPLIFIED = sorted(
    key for key in SCORES if key[1] in ("plain", "easy") and language_of(key[0]) in FORMULAS
)


def test_every_simplified_version_with_a_formula_is_checked():
    assert MEASURABLE_SIMPLIFIED == [
        ("en", "easy"),
        ("en", "plain"),
        ("es", "easy"),
        ("es", "plain"),
        ("fr", "easy"),
        ("fr", "plain"),
    ]
    assert all((language_of(lang), level) in TARGETS for lang, level in MEASURABLE_SIMPLIFIED)


@pytest.mark.parametrize(("lang", "level"), MEASURABLE_SIMPLIFIED)
def test_whole_article_meets_its_level_target(lang, level):
    report = SCORES[(lang, level)]
    assert report["words"] >= 30 and report["sentences"] >= 3  # reliable (reference.md 1)
    assert meets_target(lang, level, report["score"]) is True, report


@pytest.mark.parametrize("lang", ["en", "es", "fr"])
def test_the_authored_full_text_misses_the_plain_target(lang):
    assert meets_target(lang, "plain", SCORES[(lang, "full")]["score"]) is False


@pytest.mark.parametrize("lang", ["ar", "zh-Hans"])
def test_languages_without_a_formula_get_no_number(lang):
    for level in ("full", "plain", "easy"):
        report = SCORES[(lang, level)]
        assert (report["formula"], report["score"], report["syllables"]) == (None, None, None)
        assert report["sentences"] >= 3


def test_the_readme_table_shows_these_scores():
    """README.md's "independent check" column is this module's table, rounded to 0.1."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    shown: dict[tuple[str, str], str] = {}
    for line in readme.splitlines():
        cells = [c.strip() for c in line.strip("|").split("|")]
        if len(cells) == 4 and cells[0][:2] in FORMULAS and " " in cells[0]:
            lang, levels = cells[0].split(" ", 1)
            for level, value in zip(levels.split(" / "), cells[2].split(" / "), strict=True):
                shown[(lang, level)] = value
    measured = {key: f"{r['score']:.1f}" for key, r in SCORES.items() if r["score"] is not None}
    assert shown == measured


SECTIONS = section_scores()


@pytest.mark.parametrize(
    ("lang", "level", "key"),
    sorted(k for k in SECTIONS if (k[0], k[1]) in MEASURABLE_SIMPLIFIED),
)
def test_every_section_meets_its_level_target_too(lang, level, key):
    """The service reports ``meets_target`` per section version as well: each one is held to
    its level's target, not only the article as a whole."""
    report = SECTIONS[(lang, level, key)]
    assert report["words"] >= 30 and report["sentences"] >= 3
    assert meets_target(lang, level, report["score"]) is True, report
