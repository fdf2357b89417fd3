"""Is a submitted text in the language it declares? (issue 8 point 7; reference.md section 2)

A text pasted in the wrong language (the English source submitted as Spanish, a French text
filed under Italian) would be scored by the wrong formula, served to the wrong readers and
announced in the wrong language by screen readers (WCAG 2.2 SC 3.1.1/3.1.2). The check runs at
submission only (``api.domain.checks``), never on the read path, and only warns: a text that is
mostly drug names or numbers can defeat any detector.

Detector: lingua-language-detector (PyPI; maintained, statistical n-gram models shipped inside
the wheel, suited to short text), in its low-accuracy mode (fast, enough for a paragraph),
restricted to :data:`DETECTED`, the languages this service serves or scores, so that close
languages it never sees cannot win. It is imported and built on the first check, once per
process (about 0.3 s and 25 MB then; 0.2 ms per text after), so importing the app stays fast.

Rule: warn when the detector's most likely language is not the declared one with a confidence of
at least :data:`MIN_CONFIDENCE`; texts with fewer than :data:`MIN_LETTERS` letters and declared
languages outside :data:`DETECTED` are not judged (a pass that says so).
"""

from functools import cache, lru_cache
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from lingua import LanguageDetector

DETECTED = ("en", "es", "fr", "de", "it", "nl", "ru", "pt", "ar", "zh", "ja")
MIN_CONFIDENCE = 0.5
MIN_LETTERS = 20


class Detected(NamedTuple):
    """The detector's most likely language (bare ISO 639-1 subtag) and its confidence 0..1;
    ``language`` is None when nothing was judged, with ``why``."""

    language: str | None
    confidence: float
    why: str | None = None


@cache
def _detector() -> "LanguageDetector":
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    languages = [Language.from_iso_code_639_1(IsoCode639_1.from_str(tag)) for tag in DETECTED]
    return LanguageDetectorBuilder.from_languages(*languages).with_low_accuracy_mode().build()


@lru_cache(maxsize=64)  # the language and level checks of one submission ask once
def detect(text: str, declared: str) -> Detected:
    """The most likely language of ``text`` among :data:`DETECTED`, or why it was not judged
    (``declared``: the bare language subtag the text claims)."""
    if declared not in DETECTED:
        return Detected(None, 0.0, f"'{declared}' is not among the detected languages")
    if sum(c.isalpha() for c in text) < MIN_LETTERS:
        return Detected(None, 0.0, f"fewer than {MIN_LETTERS} letters: too short to judge")
    values = _detector().compute_language_confidence_values(text)
    if not values:
        return Detected(None, 0.0, "the detector found no language")
    top = values[0]
    return Detected(top.language.iso_code_639_1.name.lower(), float(top.value))


def mismatch(found: Detected, declared: str) -> bool:
    """True when ``found`` confidently names another language than ``declared``."""
    return (
        found.language is not None
        and found.language != declared
        and found.confidence >= MIN_CONFIDENCE
    )
