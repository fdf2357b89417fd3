"""Word tokenization for text statistics (issue 8; reference.md section 2).

A token is one of:

- ``word``: letters, with internal apostrophes (``person's``, elision ``l'immunothérapie``,
  ``dell'ospedale``: one word, as textstat and readers count it) and internal hyphens
  (``well-known``: one word whose syllables are the sum of its parts', unlike textstat, which
  drops the hyphen before its dictionary look-up and counts ``well-known`` as 1);
- ``number``: digits with internal ``. , :`` separators (``2.5``, ``1,500``, ``10.30``), an
  optional ``%``; one word, as Flesch (1948) counted numerals;
- ``url`` and ``email``: one word each;
- ``char``: one character of an unspaced script (Han, Hiragana, Katakana), which has no
  spaces to count words by; zh/ja statistics count characters (reference.md section 6).

Offsets are code points into the text given.
"""

import re
from typing import NamedTuple

_LETTER = r"[^\W\d_]"
# Combining marks stay inside their word: Latin accents, Hebrew points, Arabic harakat.
_MARK = r"[\u0300-\u036f\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]"
_UNSPACED = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_URL = r"(?P<url>(?:https?://|www\.)[^\s<>\"]+[^\s<>\".,;:!?)\]}'’»”])"
_EMAIL_TAIL = r"@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}"
_OTHERS = (
    rf"(?P<number>\d+(?:[.,:]\d+)*(?:\s?%)?)"
    rf"|(?P<char>[{_UNSPACED}])"
    rf"|(?P<word>(?:(?![{_UNSPACED}]){_LETTER}{_MARK}*)+"
    rf"(?:['’\-‐](?:(?![{_UNSPACED}]){_LETTER}{_MARK}*)+)*['’]?)"
)
TOKEN = re.compile(rf"{_URL}|(?P<email>[\w.+-]+{_EMAIL_TAIL})|{_OTHERS}")
r"""The full tokenizer, as written. :func:`tokenize` never runs it: at each start inside a long
run of ``[\w.+-]`` (50,000 Han characters, dots) its e-mail branch scanned the rest of the run
before failing, quadratic time. It runs :data:`_NO_EMAIL` and places e-mail addresses itself
(:func:`_email_zones`), giving the same tokens in linear time."""
_NO_EMAIL = re.compile(rf"{_URL}|{_OTHERS}")
_URL_AT = re.compile(_URL)
_TAIL_AT = re.compile(_EMAIL_TAIL)
_LOCAL_RUN = re.compile(r"(?<![\w.+-])[\w.+-]++(?=@)")


_NUMBER = r"\d+(?:[.,:]\d+)*(?:\s?%)?"
_WORD = rf"{_LETTER}+(?:['’\-‐]{_LETTER}+)*['’]?"
FAST_TOKEN = re.compile(rf"(?P<number>{_NUMBER})|(?P<word>{_WORD})")
WORD = re.compile(_WORD)
NUMBER = re.compile(_NUMBER)
DIGIT = re.compile(r"\d")
""":data:`TOKEN` for text with no URL, e-mail address, combining mark or unspaced script
(:func:`pattern` decides): the same tokens, about three times faster (bench/textstats_bench.py).
There, :data:`WORD` and :data:`NUMBER` find the same words and numbers apart (a word has no
digit, a number no letter), which is how :func:`stats.text_stats` counts them."""
_NEEDS_FULL = re.compile(rf"@|://|www\.|[{_UNSPACED}]|{_MARK}")


def pattern(text: str, start: int = 0, end: int | None = None) -> re.Pattern[str]:
    """The tokenizer for ``text[start:end]``: :data:`FAST_TOKEN` when it gives the same tokens,
    else :data:`TOKEN`. Both name each match's kind in ``lastgroup``."""
    found = _NEEDS_FULL.search(text, start, len(text) if end is None else end)
    return TOKEN if found else FAST_TOKEN


class Token(NamedTuple):
    """One token: ``text[start:end]`` of ``kind`` word, number, url, email or char."""

    start: int
    end: int
    text: str
    kind: str


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of ``text[start:end]`` in order; punctuation and white space are not tokens.

    Linear time in ``end - start`` whatever the text (no run of characters is scanned once per
    start position in it), with the tokens :data:`TOKEN`'s ``finditer`` gives.
    """
    stop = len(text) if end is None else end
    found = pattern(text, start, stop)
    if found is TOKEN and text.find("@", start, stop) >= 0:
        return _with_emails(text[start:stop], start)
    matches = (found if found is FAST_TOKEN else _NO_EMAIL).finditer(text, start, stop)
    return [_token(m, 0) for m in matches]


def _token(m: re.Match[str], offset: int) -> Token:
    return Token(m.start() + offset, m.end() + offset, m.group(), m.lastgroup or "word")


def _email_zones(text: str) -> list[tuple[int, int, int]]:
    """``(start, at, end)`` for each run ``text[start:at]`` of ``[\\w.+-]`` followed by a valid
    ``@domain`` ending at ``end``: :data:`TOKEN` matches an e-mail address from any position
    of the run, always ending at ``end``, and nowhere else."""
    zones = []
    for run in _LOCAL_RUN.finditer(text):
        tail = _TAIL_AT.match(text, run.end())
        if tail:
            zones.append((run.start(), run.end(), tail.end()))
    return zones


def _with_emails(text: str, offset: int) -> list[Token]:
    """:data:`TOKEN`'s tokens of ``text``: :data:`_NO_EMAIL`'s, except that the first position
    it tries inside an e-mail zone starts that address (or a URL, tried first)."""
    out: list[Token] = []
    pos = 0
    for start, at, end in _email_zones(text):
        for m in _NO_EMAIL.finditer(text, pos):
            if m.start() >= start:
                break
            out.append(_token(m, offset))
            pos = m.end()
        first = max(pos, start)
        if first >= at:
            continue
        url = _URL_AT.match(text, first)
        out.append(
            _token(url, offset)
            if url
            else Token(first + offset, end + offset, text[first:end], "email")
        )
        pos = url.end() if url else end
    out.extend(_token(m, offset) for m in _NO_EMAIL.finditer(text, pos))
    return out


def letter_count(token: str) -> int:
    """Letters only (Gulpease counts letters, not punctuation or digits: Lucisano 1988)."""
    return len(token) if token.isalpha() else sum(c.isalpha() for c in token)
