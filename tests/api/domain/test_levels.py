"""Level scheme and selection (reference.md section 1)."""

from api.domain.levels import Target, effective_grade, select_by_max_grade, select_level


def test_scheme_is_ordered_easiest_first_with_targets(scheme):
    assert scheme.ids == ("easy", "plain", "full")
    assert scheme.target("plain", "en") == Target(max=8)
    assert scheme.target("easy", "es") == Target(min=65)
    assert scheme.target("full", "en") is None
    assert scheme.target("plain", "zh") is None


def test_requested_then_nearest_easier_then_nearest_harder(scheme):
    assert select_level(scheme, ["easy", "plain", "full"], "plain") == "plain"
    assert select_level(scheme, ["easy", "full"], "plain") == "easy"
    assert select_level(scheme, ["full"], "plain") == "full"
    assert select_level(scheme, ["plain", "full"], "easy") == "plain"
    assert select_level(scheme, [], "easy") is None


def test_max_grade_takes_the_hardest_within_else_the_easiest(scheme):
    versions = [("easy", 4.8), ("plain", 6.8), ("full", 12.8)]
    assert select_by_max_grade(scheme, versions, 7) == ("plain", True)
    assert select_by_max_grade(scheme, versions, 13) == ("full", True)
    assert select_by_max_grade(scheme, versions, 3) == ("easy", False)


def test_unmeasured_versions_use_the_nominal_grade(scheme):
    assert effective_grade(scheme, "plain", None) == 8
    assert effective_grade(scheme, "full", None) is None
    unmeasured = [("plain", None), ("full", None)]
    assert select_by_max_grade(scheme, unmeasured, 8) == ("plain", True)
    assert select_by_max_grade(scheme, unmeasured, 7.9) == ("plain", False)


def test_target_bounds_are_inclusive():
    assert Target(max=8).met_by(8.0) and not Target(max=8).met_by(8.1)
    assert Target(min=55).met_by(55.0) and not Target(min=55).met_by(54.9)
