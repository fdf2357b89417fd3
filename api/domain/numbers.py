"""Numbers, doses and percentages in a text, normalized for comparison across languages.

A translation must keep the source's numbers (issue 3, section 2). Normalization:

- every Unicode decimal digit (category Nd) becomes ASCII: Arabic-Indic U+0665 U+0660 and
  Extended Arabic-Indic U+06F5 U+06F0 both read ``50``;
- a percent sign after a number, with or without a space (``50 %``, French style), makes it a
  percentage ``50%``; the Arabic percent sign U+066A and the small and full-width percent
  signs count too;
- a separator (``.``, ``,``, U+066B/U+066C Arabic decimal/thousands separators, thin or
  no-break space) followed by exactly three digits groups thousands (``1,000`` = ``1.000`` =
  ``1 000`` = ``1000``); otherwise ``.``, ``,`` or U+066B is the decimal mark (``2,5`` = ``2.5``).

- Unicode format characters (category Cf: U+200E LRM, U+200F RLM, U+061C ALM, ZWJ, soft
  hyphen, ...) are ignored: translators put direction marks between a number and its unit or
  percent sign in right-to-left text, as our own error messages tell them to (reference.md
  section 6, isolation of numbers in RTL text).

So ``50%`` matches ``50 %`` and the Arabic-script form, and ``2.5 mg`` matches ``2,5 mg``.
Written-out numbers ("half", "zwei") are not recognized: that is why a mismatch is only a
warning for plain and easy.
"""

import re
import unicodedata
from collections import Counter

PERCENT_SIGNS = "%\u066a\ufe6a\uff05"
GROUP_SEPARATORS = ".,\u066b\u066c \u00a0\u202f\u2009"
DECIMAL_MARKS = ".,\u066b"
_NUMBER = re.compile(
    r"(?<![\w])(\d+(?:[" + GROUP_SEPARATORS + r"]\d+)*)(\s?[" + PERCENT_SIGNS + "])?",
    re.UNICODE,
)


def ascii_digits(text: str) -> str:
    """Replace every Unicode decimal digit (category Nd, any script) by its ASCII digit and
    drop format characters (category Cf), which are invisible and never part of a number."""
    return "".join(
        str(unicodedata.decimal(ch)) if ch.isdecimal() and not ch.isascii() else ch
        for ch in text
        if unicodedata.category(ch) != "Cf"
    )


def _value(raw: str) -> str:
    parts = re.split("[" + GROUP_SEPARATORS + "]", raw)
    separators = re.findall("[" + GROUP_SEPARATORS + "]", raw)
    if len(parts) == 1:
        return str(int(parts[0]))
    grouped = all(len(p) == 3 for p in parts[1:])
    if grouped:
        return str(int("".join(parts)))
    if len(parts) == 2 and separators[0] in DECIMAL_MARKS:
        fraction = parts[1].rstrip("0")
        return f"{int(parts[0])}.{fraction}" if fraction else str(int(parts[0]))
    return " ".join(str(int(p)) for p in parts)  # "1 2": two numbers written apart


def numbers_in(text: str) -> Counter[str]:
    """Normalized numbers of ``text`` with counts: ``"50 % of 1,000"`` -> {50%: 1, 1000: 1}."""
    found: Counter[str] = Counter()
    for match in _NUMBER.finditer(ascii_digits(text)):
        values = _value(match.group(1)).split(" ")
        if match.group(2):
            values[-1] += "%"
        found.update(values)
    return found


# Units that make a number a dose or a measurement (Latin, Arabic and Chinese script forms).
DOSE_UNITS = (
    "mg",
    "mcg",
    "µg",
    "μg",
    "g",
    "kg",
    "ml",
    "mL",
    "l",
    "L",
    "IU",
    "UI",
    "mmol",
    "mSv",
    "Gy",
    "ملغ",
    "مغ",
    "مل",
    "毫克",
    "微克",
    "克",
    "毫升",
)
_DOSE = re.compile(
    r"(?<![\w])(\d+(?:["
    + GROUP_SEPARATORS
    + r"]\d+)*)\s?(?:"
    + "|".join(sorted(map(re.escape, DOSE_UNITS), key=len, reverse=True))
    + r")(?![^\W\d_])",
    re.UNICODE,
)


def doses_in(text: str) -> set[str]:
    """Normalized numbers of ``text`` written with a dose unit: ``"Take 2,5 mg"`` -> {2.5}."""
    found: set[str] = set()
    for match in _DOSE.finditer(ascii_digits(text)):
        found.update(_value(match.group(1)).split(" "))
    return found


def compare_numbers(source: str, translation: str) -> tuple[list[str], list[str]]:
    """``(missing, unexpected)``: numbers of the source absent from the translation, and
    numbers of the translation absent from the source (each sorted, with repeats)."""
    want, got = numbers_in(source), numbers_in(translation)
    return sorted((want - got).elements()), sorted((got - want).elements())
