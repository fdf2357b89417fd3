"""Why a text scores as it does: each sentence's own score, hardest first, and the long words
(issue 8 point 7, for plain-language editors).

- Sentences and counts are those of the whole-text score (:func:`api.domain.textstats.text_stats`,
  the same segmentation the SSML rendition uses); offsets are Unicode code points into the text
  scored, ``end`` exclusive (``text[start:end]`` in Python, JavaScript needs code-point aware
  slicing).
- Each sentence is scored by its language's deciding formula (reference.md section 2's table,
  :data:`api.domain.readability.FORMULAS`) on that sentence's own counts, so a sentence's number
  means the same as the text's: a Flesch-Kincaid grade in English, INFLESZ in Spanish, Kandel-Moles
  in French, Wiener Sachtextformel 1 in German, Gulpease in Italian. A single sentence is always
  below the formulas' reliability minimum (30 words, 3 sentences: reference.md section 1), so these
  numbers rank sentences, they are not reading levels; ``null`` where the language has no
  formula or it needs the whole text (OSMAN on vowel-marked Arabic).
- Hardest first: highest grade, or lowest reading ease; sentences without a score last; ties in
  text order.
- Long words: at least :data:`LONG_WORD_SYLLABLES` syllables for the language (3 in English, as
  SMOG's and Gunning's polysyllables; 4 in the Romance languages, German, Dutch and Russian, whose
  everyday words are longer), in text order.
"""

from pydantic import BaseModel, Field

from api.domain.languages import language_subtag
from api.domain.readability import FORMULAS, ReadabilityReport
from api.domain.textstats import SentenceStats, TextStats, WordStats, syllables, text_stats

LONG_WORD_SYLLABLES = {"en": 3, "es": 4, "fr": 4, "it": 4, "de": 4, "nl": 4, "ru": 4}
DETAIL_LEVELS = ("sentences",)
NOTE = (
    "Per-sentence scores rank sentences for editing; one sentence is below the formula's"
    " reliability minimum (30 words, 3 sentences), so they are not reading levels."
)


class SentenceDetail(BaseModel):
    """One sentence, its own counts and score."""

    start: int = Field(description="Offset of the sentence in the text, Unicode code points")
    end: int = Field(description="End of the sentence (exclusive), code points")
    text: str
    word_count: int = Field(description="Words; characters for zh and ja")
    syllable_count: int | None = Field(
        description="Syllables by the language's rules; null where it has none (e.g. ar, zh, ja)"
    )
    score: float | None = Field(
        description="The sentence's own value on the language's formula, 0.1 precision; null"
        " where the language has no formula or the sentence has no words"
    )


class LongWord(BaseModel):
    """A word of at least ``long_word_syllables`` syllables."""

    start: int = Field(description="Offset in the text, code points")
    end: int = Field(description="End (exclusive), code points")
    text: str
    syllables: int
    sentence: int = Field(description="Index of its sentence in text order")


class ReadabilityDetail(BaseModel):
    """The diagnostics behind a readability report."""

    formula: str | None
    higher_is_easier: bool | None
    order: str = Field(description="How ``sentences`` are ordered")
    note: str
    sentences: list[SentenceDetail] = Field(description="Hardest first")
    long_word_syllables: int | None = Field(description="Threshold; null: no long-word rule")
    long_words: list[LongWord] = Field(description="In text order")


class ReadabilityWithDetail(ReadabilityReport):
    """A readability report; with ``detail=sentences``, also its :class:`ReadabilityDetail`."""

    detail: ReadabilityDetail | None = Field(
        default=None,
        exclude_if=lambda v: v is None,
        description="Present when asked for with ?detail=sentences",
    )


def _one_sentence(stats: TextStats, s: SentenceStats, lettered: int) -> TextStats:
    return TextStats(
        language=stats.language,
        sentences=(s,),
        word_count=s.word_count,
        sentence_count=1,
        syllable_count=s.syllable_count,
        letter_count=s.letter_count,
        letter_word_count=lettered,
        long_word_count=s.long_word_count,
        monosyllable_count=s.monosyllable_count,
        polysyllable_count=s.polysyllable_count,
    )


def _score(stats: TextStats, s: SentenceStats, lettered: int) -> float | None:
    formula = FORMULAS.get(stats.language)
    if formula is None or formula.compute is None or s.word_count == 0:
        return None
    return round(formula.compute(_one_sentence(stats, s, lettered)), 1)


def _long_words(words: tuple[WordStats, ...], threshold: int | None) -> list[LongWord]:
    if threshold is None:
        return []
    return [
        LongWord(start=w.start, end=w.end, text=w.text, syllables=w.syllables, sentence=w.sentence)
        for w in words
        if w.kind == "word" and w.syllables >= threshold
    ]


def detail(text: str, locale: str) -> ReadabilityDetail:
    """The per-sentence diagnostics of ``text`` in ``locale`` (a canonical BCP 47 tag).

    Never raises for odd input: empty text gives no sentences; a language without a formula
    gives ``score: null`` and no long words.
    """
    language = language_subtag(locale)
    stats = text_stats(text, language)
    lettered, counted = [0] * len(stats.sentences), syllables.has_rules(language)
    for w in stats.words:
        lettered[w.sentence] += w.letters > 0
    rows = [
        SentenceDetail(
            start=s.start,
            end=s.end,
            text=text[s.start : s.end],
            word_count=s.word_count,
            syllable_count=s.syllable_count if counted else None,
            score=_score(stats, s, lettered[i]),
        )
        for i, s in enumerate(stats.sentences)
    ]
    formula = FORMULAS.get(language)
    easier_up = formula.higher_is_easier if formula else None
    sign = 1 if easier_up else -1
    rows.sort(key=lambda r: (r.score is None, sign * (r.score or 0.0), r.start))
    threshold = LONG_WORD_SYLLABLES.get(language)
    return ReadabilityDetail(
        formula=formula.id if formula else None,
        higher_is_easier=easier_up,
        order="hardest first: "
        + ("lowest reading ease" if easier_up else "highest grade")
        + "; sentences without a score last",
        note=NOTE,
        sentences=rows,
        long_word_syllables=threshold,
        long_words=_long_words(stats.words, threshold),
    )


def with_detail(report: ReadabilityReport, text: str, wanted: str | None) -> ReadabilityWithDetail:
    """``report`` as a :class:`ReadabilityWithDetail`, with the detail when ``wanted`` is
    ``"sentences"`` (the only detail level so far)."""
    extra = detail(text, report.locale) if wanted == "sentences" else None
    return ReadabilityWithDetail(**report.model_dump(), detail=extra)


def _cut(text: str, width: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def as_table(found: ReadabilityDetail, width: int = 60) -> str:
    """``found`` as plain-text tables (``content-api score --detail``): sentences hardest first
    (score, words, syllables, code-point span, text), then the long words. Syllables show
    ``-`` (and a note says so) where the language has no syllable rules."""
    lines = [f"sentences, {found.order} ({found.formula or 'no formula'})"]
    lines.append(f"{'#':>3} {'score':>6} {'words':>5} {'syll':>4} {'start-end':>11}  text")
    for rank, s in enumerate(found.sentences, 1):
        score = "-" if s.score is None else f"{s.score:.1f}"
        syll = "-" if s.syllable_count is None else s.syllable_count
        span = f"{s.start}-{s.end}"
        lines.append(
            f"{rank:>3} {score:>6} {s.word_count:>5} {syll:>4} {span:>11}  " + _cut(s.text, width)
        )
    if any(s.syllable_count is None for s in found.sentences):
        lines.append("syll -: this language has no syllable rules, so syllables are not counted")
    if found.long_word_syllables is not None:
        lines.append("")
        lines.append(f"long words ({found.long_word_syllables}+ syllables), in text order")
        lines.append(f"{'syll':>4} {'start-end':>11}  word")
        for w in found.long_words:
            lines.append(f"{w.syllables:>4} {f'{w.start}-{w.end}':>11}  {w.text}")
    return "\n".join(lines)
