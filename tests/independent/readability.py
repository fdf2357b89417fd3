"""Readability of the shipped seed by the published formulas from our own counts (issue 8).

Imports nothing from ``api/``: words and sentences come from ``segment`` (our rules, not the
product's sentencex), syllables from ``syllables`` (CMU dictionary, RAE rules, espeak-ng), the
texts from the files via polib (``seed_texts``). A whole-article score is computed on every
section text of one language and level joined by blank lines, titles and headings left out,
as the product does (reference.md section 1: level targets are judged on the whole article).

Formulas (W words, S sentences, Sy syllables, L letters):
- en Flesch-Kincaid grade (Kincaid et al. 1975): 0.39 W/S + 11.8 Sy/W - 15.59
- es Szigriszt-Pazos perspicuity, the INFLESZ scale (Szigriszt-Pazos 1993; Barrio-Cantalejo
  et al. 2008): 206.835 - 62.3 Sy/W - W/S
- fr Kandel-Moles reading ease (Kandel & Moles 1958): 207 - 1.015 W/S - 73.6 Sy/W
- de Wiener Sachtextformel 1 (Bamberger & Vanecek 1984): 0.1935 MS + 0.1672 SL + 0.1297 IW
  - 0.0327 ES - 0.875 (MS % words of 3+ syllables, SL W/S, IW % words of 7+ letters,
  ES % words of one syllable)
- it Gulpease (Lucisano & Piemontese 1988): 89 + (300 S - 10 L) / W, letters only
ar and zh have no formula here (reference.md section 2: "not measurable").
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from independent import segment, syllables
from independent.seed_texts import SLUG, versions

Report = dict[str, Any]  # {"formula", "score", "words", "sentences", "syllables"}


@dataclass(frozen=True)
class Counts:
    """Independent counts of one text."""

    words: list[str]
    sentences: int
    syllables: list[int]

    @property
    def w(self) -> int:
        return len(self.words)

    @property
    def sy(self) -> int:
        return sum(self.syllables)


def _fk(c: Counts) -> float:
    return 0.39 * c.w / c.sentences + 11.8 * c.sy / c.w - 15.59


def _inflesz(c: Counts) -> float:
    return 206.835 - 62.3 * c.sy / c.w - c.w / c.sentences


def _kandel_moles(c: Counts) -> float:
    return 207 - 1.015 * c.w / c.sentences - 73.6 * c.sy / c.w


def _wiener(c: Counts) -> float:
    ms = 100 * sum(s >= 3 for s in c.syllables) / c.w
    iw = 100 * sum(sum(ch.isalpha() for ch in w) > 6 for w in c.words) / c.w
    es = 100 * sum(s == 1 for s in c.syllables) / c.w
    return 0.1935 * ms + 0.1672 * c.w / c.sentences + 0.1297 * iw - 0.0327 * es - 0.875


def _gulpease(c: Counts) -> float:
    letters = sum(ch.isalpha() for w in c.words for ch in w)
    return 89 + (300 * c.sentences - 10 * letters) / c.w


FORMULAS: dict[str, tuple[str, Callable[[Counts], float]]] = {
    "en": ("flesch-kincaid-grade", _fk),
    "es": ("inflesz", _inflesz),
    "fr": ("kandel-moles", _kandel_moles),
    "de": ("wiener-sachtextformel-1", _wiener),
    "it": ("gulpease", _gulpease),
}
# reference.md section 1, inclusive: ("max", n) grade formulas, ("min", n) reading ease.
TARGETS: dict[tuple[str, str], tuple[str, float]] = {
    ("en", "plain"): ("max", 8), ("en", "easy"): ("max", 6),
    ("es", "plain"): ("min", 55), ("es", "easy"): ("min", 65),
    ("fr", "plain"): ("min", 60), ("fr", "easy"): ("min", 70),
    ("de", "plain"): ("max", 8), ("de", "easy"): ("max", 6),
    ("it", "plain"): ("min", 60), ("it", "easy"): ("min", 80),
}  # fmt: skip


def language_of(tag: str) -> str:
    """The bare language subtag of a BCP 47 tag (``zh-Hans`` -> ``zh``)."""
    return tag.split("-")[0].split("_")[0].lower()


def count(text: str, language: str) -> Counts:
    """Words, sentences and (where a counter exists) syllables of ``text``."""
    words = segment.words(text)
    found = syllables.count(words, language) if language in FORMULAS else []
    return Counts(words, len(segment.sentences(text, language)), found)


def score(text: str, tag: str) -> Report:
    """``{"formula", "score", "words", "sentences", "syllables"}`` for ``text`` in ``tag``;
    ``formula`` and ``score`` are None where the language has no formula (ar, zh), and
    ``syllables`` None where it has no syllable counter. ``score`` is unrounded."""
    language = language_of(tag)
    c = count(text, language)
    formula = FORMULAS.get(language)
    measurable = formula is not None and c.w > 0 and c.sentences > 0
    return {
        "formula": formula[0] if formula else None,
        "score": formula[1](c) if formula and measurable else None,
        "words": c.w,
        "sentences": c.sentences,
        "syllables": c.sy if formula else None,
    }


def seed_scores(slug: str = SLUG) -> dict[tuple[str, str], Report]:
    """Whole-article scores of every ``(language tag, level)`` of the shipped ``slug``."""
    return {
        key: score("\n\n".join(s.text for s in sections), key[0])
        for key, sections in sorted(versions(slug).items())
    }


def section_scores(slug: str = SLUG) -> dict[tuple[str, str, str], Report]:
    """Scores of every ``(language tag, level, section key)`` of ``slug`` (one section each)."""
    return {
        (lang, level, s.key): score(s.text, lang)
        for (lang, level), sections in sorted(versions(slug).items())
        for s in sections
    }


def meets_target(tag: str, level: str, value: float) -> bool | None:
    """Whether an unrounded ``value`` meets ``level``'s target in ``tag``'s language (None: no
    target for this language and level)."""
    target = TARGETS.get((language_of(tag), level))
    if target is None:
        return None
    kind, bound = target
    return value <= bound if kind == "max" else value >= bound


def markdown_table(scores: dict[tuple[str, str], Report]) -> str:
    """The whole-article table in markdown, one row per language and level."""
    rows = [
        "| language | level | formula | score | target met | words | sentences | syllables |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for (lang, level), r in sorted(scores.items()):
        value = "not measurable" if r["score"] is None else f"{r['score']:.1f}"
        met = meets_target(lang, level, r["score"]) if r["score"] is not None else None
        shown = {True: "yes", False: "NO", None: "-"}[met]
        rows.append(
            f"| {lang} | {level} | {r['formula'] or '-'} | {value} | {shown} | {r['words']} "
            f"| {r['sentences']} | {r['syllables'] if r['syllables'] is not None else '-'} |"
        )
    return "\n".join(rows)
