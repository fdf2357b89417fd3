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
    ],
)
def test_numbers_are_normalized(text, expected):
    assert dict(numbers_in(text)) == expected


def test_missing_and_unexpected_numbers():
    assert compare_numbers("50% of 200 adults", "half of 200 adults") == (["50%"], [])
    assert compare_numbers("take 5 mg", "take 50 mg") == (["5"], ["50"])
    assert compare_numbers("2.5 mg", "2,5 mg") == ([], [])
