"""Cutting a section text into paragraphs, sentences and runs around glossary matches.

Pure helpers shared by the renditions (``api.services.renditions``) and the reader page
(``api.services.reader_view``). Offsets are code points; a match is anything with ``start`` and
``end`` (a ``glossary.Match``, an ``api.schemas.GlossaryMatch``, a reader-page mark).
Paragraphs are separated by blank lines. Sentences end after ``. ! ? …`` (and closing quotes or
brackets) followed by white space, or after the ideographic full stop, the full-width ! and ?
and the Arabic question mark (U+3002, U+FF01, U+FF1F, U+061F); a
boundary inside a glossary match (an abbreviation such as "e.g.") is not one.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_CLOSERS = "\"'\u201d\u2019\u00bb)\\]\u300d\u300f"
SENTENCE_END = re.compile(
    f"(?:[.!?\u2026][{_CLOSERS}]*\\s+|[\u3002\uff01\uff1f\u061f][{_CLOSERS}]*\\s*)"
)
# Unicode explicit directional formatting characters (UAX #9): embeddings, overrides, isolates,
# marks. Content may contain them; renditions keep them but stop them from leaking out.
BIDI_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


class Span(Protocol):
    """A glossary match, or anything marking ``text[start:end]`` (code points)."""

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


SpanT = TypeVar("SpanT", bound=Span)


@dataclass(frozen=True, slots=True)
class Run(Generic[SpanT]):
    """A piece of text: plain (``match`` None) or one glossary match."""

    start: int
    end: int
    match: SpanT | None


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each non-empty paragraph, white space at its edges excluded."""
    spans, start = [], 0
    for brk in [*PARAGRAPH_BREAK.finditer(text), None]:
        end = brk.start() if brk else len(text)
        piece = text[start:end]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            spans.append((start + lead, start + len(piece.rstrip())))
        start = brk.end() if brk else end
    return spans


def _inside(position: int, matches: Sequence[Span]) -> bool:
    return any(m.start <= position < m.end for m in matches)


def sentence_spans(
    text: str, start: int, end: int, matches: Sequence[Span] = ()
) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence of ``text[start:end]``, trailing white space excluded."""
    spans, begin = [], start
    for mark in SENTENCE_END.finditer(text, start, end):
        stop = mark.end()
        if stop >= end or _inside(mark.start(), matches):
            continue
        spans.append((begin, begin + len(text[begin:stop].rstrip())))
        begin = stop
    if text[begin:end].strip():
        spans.append((begin, begin + len(text[begin:end].rstrip())))
    return spans


def runs(start: int, end: int, matches: Sequence[SpanT]) -> list[Run[SpanT]]:
    """``text[start:end]`` as alternating plain runs and the matches wholly inside it (matches
    in text order, not overlapping; one that starts before the previous one ends is skipped)."""
    out: list[Run[SpanT]] = []
    at = start
    for m in matches:
        if m.start < at or m.end > end:
            continue
        if m.start > at:
            out.append(Run(at, m.start, None))
        out.append(Run(m.start, m.end, m))
        at = m.end
    if at < end:
        out.append(Run(at, end, None))
    return out


def has_bidi_controls(text: str) -> bool:
    """True when ``text`` contains an explicit bidi formatting character (e.g. U+202E)."""
    return BIDI_CONTROLS.search(text) is not None
