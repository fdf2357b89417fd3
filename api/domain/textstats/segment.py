"""Sentence segmentation: our block rules, then sentencex, then per-language repairs.

Rules (tests/api/domain/gold/README.md, issue 8 point 1):

1. Blocks: a paragraph break (blank line) always ends a sentence; so does a line that is a list
   item (``-``, ``*``, ``•``, ``1.``, ``1)``, ``a)``) or a Markdown heading (``#``); the marker is
   not part of the sentence. A lone line break inside a paragraph does not end a sentence.
2. Inside a block, sentencex (Wikimedia's segmenter, about 300 languages, pure Python; chosen
   over pysbd for speed, reference.md section 2) finds the boundaries, keeping decimals, URLs,
   e-mail addresses and most abbreviations inside a sentence.
3. Repairs for what sentencex misses here: a sentence never ends after an abbreviation of the
   language listed below (``M.``, ``Dr.``, ``n.``, ``Dott.``...), after a number followed by a
   lower-case word or digit (German ordinals ``am 1. Mai``), or after ``...``/``…`` followed by a
   lower-case word; and one does end after ``etc.``, ``usw.``, ``ecc.`` when a capital follows.
4. Unspaced scripts (zh, ja): sentences end after ``。！？`` (and ``!?``), with closing quotes.

Offsets are code points; a sentence's span excludes outer white space.
"""

import re
from dataclasses import dataclass

from sentencex import segment as _sentencex

_ITEM = re.compile(r"[ \t]*(?:[-*•‣◦–][ \t]+|\d{1,3}[.)][ \t]+|[a-zA-Z][)][ \t]+|#{1,6}[ \t]+)")
_BLANK = re.compile(r"\n[ \t\r\f\v]*\n")
_UNSPACED_END = re.compile(r"[。！？!?][」』”’\"')）]*")
_NO_BREAK_AFTER = {
    "en": {"Dr", "Mr", "Mrs", "Ms", "Prof", "St", "vs", "approx", "Fig", "No", "e.g", "i.e"},
    "es": {
        "EE",
        "Sr",
        "Sra",
        "Srta",
        "Dr",
        "Dra",
        "Ud",
        "Uds",
        "pág",
        "núm",
        "art",
        "aprox",
        "p",
        "ej",
    },
    "fr": {"M", "MM", "Mme", "Dr", "Pr", "p", "env", "chap", "cf", "n", "c.-à-d", "ex"},
    "de": {"Dr", "Prof", "S", "Nr", "Tel", "ca", "bzw", "z", "B", "d", "h", "u", "a", "i", "R"},
    "it": {"Sig", "Sig.ra", "Dott", "Dott.ssa", "Prof", "pag", "n", "art", "ca", "es", "p"},
}
_LIST_END = {"etc", "usw", "ecc", "etc.", "usw.", "ecc."}
_LAST_WORD = re.compile(r"(\S+?)(?:\.|\.\.\.|…)[\"'”»)]*\s*\Z")
_CANDIDATE = re.compile(r"(?:[.!?]|…)[\"'”»)]*\s+(?=[¿¡«„“\"'(]?([^\W\d_]))")


@dataclass(frozen=True, slots=True)
class Span:
    """A sentence: ``text[start:end]`` (code points)."""

    start: int
    end: int


def blocks(text: str) -> list[Span]:
    """Paragraphs, list items and headings, markers and outer white space excluded."""
    spans: list[Span] = []
    for para in _paragraphs(text):
        current: list[int] | None = None
        heading = False
        for line_start, line_end in _lines(text, para.start, para.end):
            item = _ITEM.match(text, line_start, line_end)
            if item or current is None or heading:
                if current is not None:
                    spans.append(Span(current[0], current[1]))
                current = [item.end() if item else line_start, line_end]
                heading = bool(item and item.group().strip().startswith("#"))
            else:
                current[1] = line_end
        if current is not None:
            spans.append(Span(current[0], current[1]))
    return [s for s in (_trim(text, s.start, s.end) for s in spans) if s.end > s.start]


def _paragraphs(text: str) -> list[Span]:
    spans, start = [], 0
    for brk in [*_BLANK.finditer(text), None]:
        end = brk.start() if brk else len(text)
        spans.append(Span(start, end))
        start = brk.end() if brk else end
    return spans


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out, pos = [], start
    while pos <= end:
        nl = text.find("\n", pos, end)
        stop = end if nl < 0 else nl
        if text[pos:stop].strip():
            out.append((pos, stop))
        if nl < 0:
            break
        pos = nl + 1
    return out


def _trim(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)


def _last_word(left: str) -> str:
    match = _LAST_WORD.search(left)
    return match.group(1) if match else ""


def _letter_name(left: str, word: str, language: str) -> bool:
    """A capital letter after a lower-case word names a letter (``linfocitos T.``, ``vitamin
    D.``, ``hepatitis B.``): not an initial, so its period can end the sentence."""
    if len(word) != 1 or not word.isupper() or word in _NO_BREAK_AFTER.get(language, ()):
        return False
    before = left.rstrip()[: -len(word) - 1].split()
    return bool(before) and before[-1].isalpha() and before[-1].islower()


def _joins(language: str, left: str, right: str) -> bool:
    """True when the end of ``left`` before ``right`` is not a sentence end."""
    nxt = right.lstrip().lstrip("¿¡«„“\"'(")[:1]
    word = _last_word(left)
    tail = re.split(r"[.\-]", word)[-1].lstrip("(")
    if word in _LIST_END or tail in _LIST_END:
        return not nxt.isupper()
    if left.rstrip().endswith(("...", "…")) or not nxt or nxt.islower():
        return not nxt.isupper()
    if len(tail) == 1 and tail.isalpha():  # initials and abbreviations: J. R. Smith, z. B.
        return not _letter_name(left, word, language)
    if word in _NO_BREAK_AFTER.get(language, set()) or tail in _NO_BREAK_AFTER.get(language, ()):
        return True
    if tail.isdigit():  # German ordinals: am 1. Mai; elsewhere a number before a digit
        return language == "de" or nxt.isdigit()
    return False


def _in_block(text: str, block: Span, language: str) -> list[Span]:
    piece = text[block.start : block.end]
    cuts: set[int] = set()
    pos = 0
    for sentence in _sentencex(language, piece):
        at = piece.find(sentence, pos)
        pos = (pos if at < 0 else at) + len(sentence)
        cuts.add(pos)
    cuts.update(m.end() for m in _CANDIDATE.finditer(piece) if m.group(1).isupper())
    spans, start = [], 0
    for cut in sorted(c for c in cuts if 0 < c < len(piece)):
        if not _joins(language, piece[start:cut], piece[cut:]):
            spans.append(_trim(text, block.start + start, block.start + cut))
            start = cut
    spans.append(_trim(text, block.start + start, block.end))
    return spans


def _unspaced(text: str, block: Span) -> list[Span]:
    out, start = [], block.start
    for mark in _UNSPACED_END.finditer(text, block.start, block.end):
        out.append(_trim(text, start, mark.end()))
        start = mark.end()
    out.append(_trim(text, start, block.end))
    return out


def sentences(text: str, language: str) -> list[Span]:
    """Sentence spans of ``text`` in ``language`` (a bare language subtag such as ``es``)."""
    out: list[Span] = []
    for block in blocks(text):
        if language in ("zh", "ja"):
            out.extend(_unspaced(text, block))
        else:
            out.extend(_in_block(text, block, language))
    return [s for s in out if s.end > s.start]
