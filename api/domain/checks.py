"""Checks run on every submitted version, identical for the API and for file imports.

Issue 3, section 2. Each check gives one result: ``pass``, ``warning`` (stored and shown) or
``error`` (blocks the submission with 422). Vocabulary as in reference.md sections 1 and 5.

- ``empty``: empty or whitespace-only text -> error.
- ``numbers``: numbers, doses and percentages of the source missing or changed, compared
  normalized (:mod:`api.domain.numbers`) -> error for ``full``; warning for other levels, where
  "50%" may fairly become "half" -- except that a percentage or a dose the source does not
  have is an error at every level: health text must not gain a dose.
- ``characters``: control characters, or bidi overrides and embeddings (U+202A-U+202E) that
  can visually reorder a dose in right-to-left text -> error (use isolates or marks instead,
  reference.md section 6). The rule is :mod:`api.domain.characters`, shared with headings,
  titles, new articles and source edits.
- ``identical-to-source``: the text equals the source text while the language differs -> error.
- ``level``: the declared level's target not met (reference.md section 1) -> error when the
  score is reliable; warning when the level cannot be verified (the score is unreliable or the
  text not measurable although the level has a target: never a pass, issue 8 point 5); pass
  when met (including "below the formula's range: very easy") or when there is no target.
- ``length``: length far outside the source's (below a third or above three times its
  characters) -> warning.
- ``language``: the text reads as another language than the one declared
  (:mod:`api.domain.language_check`: lingua-language-detector, loaded on the first submission,
  never on the read path) -> warning.
"""

from dataclasses import asdict, dataclass, field
from typing import Any

from api.domain import characters, language_check
from api.domain.languages import language_subtag, locale_info
from api.domain.levels import load_scheme
from api.domain.numbers import compare_numbers, doses_in

PASS, WARNING, ERROR = "pass", "warning", "error"
LENGTH_RATIO_MIN, LENGTH_RATIO_MAX = 1 / 3, 3.0


@dataclass(frozen=True, slots=True)
class CheckResult:
    """One check's outcome; ``message`` says what was found in words."""

    check: str
    severity: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        """JSON form."""
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Draft:
    """What the checks look at: the new text, its declared level and language, the source
    text and language, the readability report of the new text (as ``score_text`` gives), and
    the scheme's source level (where every number of the source must be kept)."""

    text: str
    locale: str
    level: str
    source_text: str
    source_locale: str
    readability: dict[str, Any]
    source_level: str = field(default_factory=lambda: load_scheme().source_level)


def check_empty(draft: Draft) -> CheckResult:
    """Error when the text is empty or only whitespace."""
    if not draft.text.strip():
        return CheckResult("empty", ERROR, "the text is empty or only whitespace")
    return CheckResult("empty", PASS, "the text is not empty")


def check_numbers(draft: Draft) -> CheckResult:
    """Error (full, or a new dose or percentage at any level) or warning (other differences
    at plain and easy) when numbers differ from the source's."""
    missing, unexpected = compare_numbers(draft.source_text, draft.text)
    if not missing and not unexpected:
        return CheckResult("numbers", PASS, "every number of the source is kept")
    parts = []
    if missing:
        parts.append("missing from the text: " + ", ".join(missing))
    if unexpected:
        parts.append("not in the source: " + ", ".join(unexpected))
    doses = doses_in(draft.text)
    new_doses = [n for n in unexpected if n.endswith("%") or n in doses]
    if new_doses:
        parts.append("a dose or percentage the source does not have is an error at every level")
    severity = ERROR if draft.level == draft.source_level or new_doses else WARNING
    return CheckResult("numbers", severity, "; ".join(parts))


def check_characters(draft: Draft) -> CheckResult:
    """Error for control characters and bidi overrides/embeddings (named by code point; the
    rule is :mod:`api.domain.characters`)."""
    refused = characters.refusal(draft.text)
    if refused is not None:
        return CheckResult("characters", ERROR, refused)
    return CheckResult("characters", PASS, "no control or bidi override characters")


def check_identical(draft: Draft) -> CheckResult:
    """Error when the text is the source text although the language differs."""
    other_language = language_subtag(draft.locale) != language_subtag(draft.source_locale)
    same = " ".join(draft.text.split()).casefold() == " ".join(draft.source_text.split()).casefold()
    if other_language and same:
        return CheckResult(
            "identical-to-source",
            ERROR,
            f"the text is the {draft.source_locale} source, not {draft.locale}",
        )
    return CheckResult("identical-to-source", PASS, "the text differs from the source")


def check_level(draft: Draft) -> CheckResult:
    """Error when a reliable score misses the level's target; warning when the level cannot
    be verified (unreliable score or unmeasurable text with a target)."""
    report = draft.readability
    meets, reliable = report.get("meets_target"), report.get("reliable")
    elsewhere = _reads_as_other_language(draft)
    if elsewhere is not None and report.get("target") is not None:
        return CheckResult(
            "level",
            WARNING,
            f"the {draft.level} level cannot be verified: the text reads as {elsewhere},"
            f" so the {draft.locale} formula does not measure it",
        )
    if meets is None:
        if report.get("target") is None:
            return CheckResult("level", PASS, f"{draft.level} has no target for {draft.locale}")
        return CheckResult(
            "level",
            WARNING,
            f"the {draft.level} level cannot be verified: {report.get('reason')}",
        )
    target = " and ".join(
        f"{'at least' if k == 'min' else 'at most'} {v:g}"
        for k, v in (report.get("target") or {}).items()
    )
    measured = f"{report.get('formula')} {report.get('score')}, target {target}"
    if meets:
        why = "" if reliable else f"; {report.get('reason')}"
        return CheckResult("level", PASS, f"meets the {draft.level} target ({measured}){why}")
    if reliable:
        return CheckResult("level", ERROR, f"does not meet the {draft.level} target ({measured})")
    return CheckResult(
        "level",
        WARNING,
        f"may not meet the {draft.level} target ({measured}); "
        f"the score is unreliable: {report.get('reason')}",
    )


def check_length(draft: Draft) -> CheckResult:
    """Warning when the text is under a third or over three times the source's length."""
    source_len, text_len = len(draft.source_text.strip()), len(draft.text.strip())
    if not source_len or not text_len:
        return CheckResult("length", PASS, "nothing to compare")
    ratio = text_len / source_len
    if LENGTH_RATIO_MIN <= ratio <= LENGTH_RATIO_MAX:
        return CheckResult("length", PASS, f"{ratio:.2f} times the source's length")
    return CheckResult(
        "length",
        WARNING,
        f"{ratio:.2f} times the source's length ({text_len} against {source_len} characters)",
    )


def _reads_as_other_language(draft: Draft) -> str | None:
    """The English name of the language the text confidently reads as, if not the declared."""
    declared = language_subtag(draft.locale)
    found = language_check.detect(draft.text, declared)
    if not language_check.mismatch(found, declared) or found.language is None:
        return None
    return locale_info(found.language).english_name


def check_language(draft: Draft) -> CheckResult:
    """Warning when the text confidently reads as another language than the declared one."""
    declared = language_subtag(draft.locale)
    found = language_check.detect(draft.text, declared)
    if found.language is None:
        return CheckResult("language", PASS, f"language not checked: {found.why}")
    if language_check.mismatch(found, declared):
        other = locale_info(found.language).english_name
        return CheckResult(
            "language",
            WARNING,
            f"the text reads as {other} ({found.language}, confidence {found.confidence:.2f}),"
            f" not {locale_info(declared).english_name} ({draft.locale}) as declared",
        )
    return CheckResult("language", PASS, f"reads as declared ({draft.locale})")


CHECKS = (
    check_empty,
    check_characters,
    check_numbers,
    check_identical,
    check_level,
    check_length,
    check_language,
)


def run_checks(draft: Draft) -> list[CheckResult]:
    """Every check's result, in a fixed order; an empty text gets only the ``empty`` error."""
    first = check_empty(draft)
    if first.severity == ERROR:
        return [first]
    return [check(draft) for check in CHECKS]


def errors(results: list[CheckResult]) -> list[CheckResult]:
    """The results that block a submission."""
    return [r for r in results if r.severity == ERROR]
