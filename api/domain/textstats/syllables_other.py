"""Vowel-group syllables for Dutch and Russian, and the fallback for other alphabetic scripts.

- Russian: one syllable per vowel letter (а е ё и о у ы э ю я), the school rule
  ("сколько в слове гласных, столько и слогов").
- Dutch: vowel nuclei with the Dutch digraphs and trigraphs (``aa ee oo uu ie oe eu ei ij ui
  ou au`` and ``aai ooi oei eeu ieu``) counted once (Booij, *The Phonology of Dutch*, 1995,
  ch. 2); a diaeresis starts a new syllable (``ge-ë-va-lu-eerd``).
- Others: one syllable per group of vowel letters. No gold set backs this: languages without a
  formula are "not measurable" (reference.md section 2), so nothing is decided by it.
"""

import re

_RU = set("аеёиоуыэюя")
_NL = re.compile(r"aai|ooi|oei|eeu|ieu|aa|ee|oo|uu|ie|oe|eu|ei|ij|ui|ou|au|[aeiouyëïé]")
_ANY_VOWELS = re.compile(r"[aeiouyàáâãäåæèéêëìíîïòóôõöøùúûüýÿœ]+")


def syllables_ru(word: str) -> int:
    """Syllables of one Russian word."""
    return max(1, sum(c in _RU for c in word.lower()))


def syllables_nl(word: str) -> int:
    """Syllables of one Dutch word."""
    return max(1, len(_NL.findall(word.lower())))


def syllables_generic(word: str) -> int:
    """Vowel groups, for languages without their own rules."""
    return max(1, len(_ANY_VOWELS.findall(word.lower())))
