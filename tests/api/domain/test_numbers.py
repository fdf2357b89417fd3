"""Number normalization for the numbers check."""

import pytest

from api.domain.numbers import compare_numbers, numbers_in


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("50% of adults", {"50%": 1}),
        ("50 % des adultes", {"50%": 1}),
        ("\u0665\u0660\u066a \u0645\u0646", {"50%": 1}),
        ("\u06f5\u06f0 mg", {"50": 1}),
        ("1,000 people and 2,5 mg", {"1000": 1, "2.5": 1}),
        ("2.5 mg; 1\u00a0000; 1.000.000", {"2.5": 1, "1000": 1, "1000000": 1}),
        ("in 2019, 3 of 10", {"2019": 1, "3": 1, "10": 1}),
        ("no numbers", {}),
        # direction marks between number and sign (RLM, LRM, ALM): what RTL translators write
        ("\u0665\u0660\u200f\u066a \u0645\u0646", {"50%": 1}),
        ("\u0665\u0660\u200e%", {"50%": 1}),
        ("\u0665\u0660 \u061c\u066a", {"50%": 1}),
        ("\u0662\u066b\u0665\u200f \u0645\u0644\u063a", {"2.5": 1}),
        # digits of other scripts: Devanagari, Bengali, full-width
        ("\u0966\u096b\u0966 mg", {"50": 1}),
        ("\u09eb\u09e6%", {"50%": 1}),
        ("\uff15\uff10%", {"50%": 1}),
    ],
)
def test_numbers_are_normalized(text, expected):
    assert dict(numbers_in(text)) == expected


def test_missing_and_unexpected_numbers():
    assert compare_numbers("50% of 200 adults", "half of 200 adults") == (["50%"], [])
    assert compare_numbers("take 5 mg", "take 50 mg") == (["5"], ["50"])
    assert compare_numbers("2.5 mg", "2,5 mg") == ([], [])


def test_direction_marks_do_not_hide_a_dose_or_percentage():
    from api.domain.numbers import doses_in

    assert doses_in("\u0665\u200f mg") == {"5"}
    assert compare_numbers("50% of adults", "\u0665\u0660\u200f\u066a \u0645\u0646") == ([], [])
