"""Per-language syllable counters, imported only when a language is first counted.

Each language's module (and its data: the CMU dictionary for English) is loaded on first use,
so counting a Spanish sentence in a fresh process never loads English data (issue 8 point 9).
"""

from collections.abc import Callable
from functools import cache
from importlib import import_module

_COUNTERS = {
    "en": ("syllables_en", "syllables"),
    "es": ("syllables_es", "syllables"),
    "fr": ("syllables_fr", "syllables"),
    "de": ("syllables_de", "syllables"),
    "it": ("syllables_it", "syllables"),
    "nl": ("syllables_other", "syllables_nl"),
    "ru": ("syllables_other", "syllables_ru"),
}
METHODS = {
    "en": "CMU Pronouncing Dictionary (first pronunciation), then affix and vowel-group rules",
    "es": "RAE orthographic syllabification (Ortografía 2010, 4.1.1)",
    "fr": "vowel nuclei, French corrections: final mute e, glides, diérèse, hiatus",
    "de": "vowel nuclei, German digraphs and Duden's division of -ien, -ient, -iell",
    "it": "vowel nuclei, Italian diphthongs and hiatus (Serianni I.162-174)",
    "nl": "vowel nuclei with Dutch digraphs (Booij 1995)",
    "ru": "one syllable per vowel letter",
}


def has_rules(language: str) -> bool:
    """True when ``language`` (a bare subtag) has syllable rules of its own (``METHODS``);
    elsewhere the vowel-group fallback counts one per word in scripts without Latin vowels
    (Arabic, Chinese, Japanese...), which is not a syllable count to show anyone."""
    return language in _COUNTERS


@cache
def counter(language: str) -> Callable[[str], int]:
    """The syllable counter of one word for ``language`` (a bare subtag); vowel groups if none."""
    module, name = _COUNTERS.get(language, ("syllables_other", "syllables_generic"))
    function: Callable[[str], int] = getattr(import_module(f"{__package__}.{module}"), name)
    return function


MEMO_SIZE = 65536  # words per language; a full memo is emptied, never grown further
_MEMO: dict[str, dict[str, int]] = {}


def memo(language: str) -> dict[str, int]:
    """The per-word memo of ``language`` (word -> syllables), filled by :func:`count`.

    Words repeat across texts; texts are never cached whole (issue 8 point 9). Callers on a hot
    path read it directly (``memo.get(word)``) before calling :func:`count`.
    """
    found = _MEMO.get(language)
    if found is None:
        found = _MEMO[language] = {}
    return found


def clear_memo() -> None:
    """Forget every memoized word (the benchmark's cold runs; tests)."""
    _MEMO.clear()


def count(word: str, language: str) -> int:
    """Syllables of a word; a hyphenated compound counts the sum of its parts (``well-known`` 2).

    Memoized per (word, language) in :func:`memo`.
    """
    known = memo(language)
    found = known.get(word)
    if found is not None:
        return found
    one = counter(language)
    if "-" in word or "‐" in word:
        parts = [p for p in word.replace("‐", "-").split("-") if any(c.isalpha() for c in p)]
        found = sum(one(p) for p in parts) or 1
    else:
        found = one(word)
    if len(known) >= MEMO_SIZE:
        known.clear()
    known[word] = found
    return found
