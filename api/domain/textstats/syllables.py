"""Per-language syllable counters, imported only when a language is first counted.

Each language's module (and its data: the CMU dictionary for English) is loaded on first use,
so counting a Spanish sentence in a fresh process never loads English data (issue 8 point 9).
"""

from collections.abc import Callable
from functools import cache, lru_cache
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


@cache
def counter(language: str) -> Callable[[str], int]:
    """The syllable counter of one word for ``language`` (a bare subtag); vowel groups if none."""
    module, name = _COUNTERS.get(language, ("syllables_other", "syllables_generic"))
    function: Callable[[str], int] = getattr(import_module(f"{__package__}.{module}"), name)
    return function


@lru_cache(maxsize=65536)
def count(word: str, language: str) -> int:
    """Syllables of a word; a hyphenated compound counts the sum of its parts (``well-known`` 2).

    Memoized per (word, language): words repeat across texts, texts are never cached whole.
    """
    one = counter(language)
    parts = [p for p in word.replace("‐", "-").split("-") if any(c.isalpha() for c in p)]
    return sum(one(p) for p in parts) or 1
