"""Scoring takes time linear in the text's length, whatever the text (no quadratic input).

Runs of sentence marks without white space (``....``), unspaced scripts without punctuation
and very long words each once took quadratic time (50,000 dots: about a minute). Each is
timed here beside a normal text of the same script and length, scored in the same test: a
quadratic step makes the odd text hundreds of times slower, a linear one keeps it within a
few times.
"""

import time

import pytest

from api.domain.levels import LevelScheme
from api.domain.readability import EMPTY, NO_WORDS, score_text
from api.domain.textstats import words

LENGTH = 50_000  # the route's limit (Settings.readability_max_chars)
BOUND = 20  # times the normal text's time; the old code took 100-5000 times
PROSE = "The nurse checks your blood pressure before the visit. "
HAN = "请在饭后服用这种药物每天两次。"


def _sized(unit: str) -> str:
    return (unit * (LENGTH // len(unit) + 1))[:LENGTH]


def _seconds(text: str, locale: str, scheme: LevelScheme) -> float:
    best = float("inf")
    for _ in range(2):
        started = time.perf_counter()
        score_text(text, locale, scheme, "plain")
        best = min(best, time.perf_counter() - started)
    return best


@pytest.mark.parametrize(
    ("odd", "normal", "locale"),
    [
        (_sized("."), _sized(PROSE), "en"),
        (_sized("!"), _sized(PROSE), "en"),
        (_sized("?"), _sized(PROSE), "en"),
        (_sized("…"), _sized(PROSE), "en"),
        (_sized(".") + "中", _sized(PROSE) + "中", "en"),
        (_sized("a"), _sized(PROSE), "en"),
        (_sized("a"), _sized(PROSE), "de"),
        (_sized("中"), _sized(HAN), "zh"),
        (_sized("中"), _sized(HAN), "ja"),
        (_sized("中"), _sized(HAN), "en"),
        (_sized("中") + "@", _sized(HAN) + "@", "zh"),
    ],
    ids=[
        *("dots", "bangs", "questions", "ellipses", "dots-han", "word-en", "word-de"),
        *("han-zh", "han-ja", "han-en", "han-at"),
    ],
)
def test_odd_text_scores_in_linear_time(scheme, odd, normal, locale):
    normal_seconds = _seconds(normal, locale, scheme)
    assert _seconds(odd, locale, scheme) <= BOUND * max(normal_seconds, 0.005)


def test_text_without_words_says_so(scheme):
    report = score_text("." * 10_000, "en", scheme, "plain")
    assert (report.measurable, report.word_count, report.reason) == (False, 0, NO_WORDS)
    assert NO_WORDS == "no words, only punctuation or symbols: nothing to measure"
    assert score_text("!? …", "fr", scheme, "plain").reason == NO_WORDS
    assert score_text(" \n ", "en", scheme, "plain").reason == EMPTY
    assert score_text("", "en", scheme, "plain").reason == EMPTY


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("l'abc.def@x.com", [("l'abc", "word"), (".def@x.com", "email")]),
        ("1,5x@y.org", [("1,5", "number"), ("x@y.org", "email")]),
        ("a@b.com.x@y.org", [("a@b.com", "email"), (".x@y.org", "email")]),
        ("www.a@b.com x", [("www.a@b.com", "url"), ("x", "word")]),
        ("写信abc@x.com。", [("写信abc@x.com", "email")]),
        ("中中@ 中", [("中", "char"), ("中", "char"), ("中", "char")]),
        (
            "mail me: ana+1@clinic.es!",
            [("mail", "word"), ("me", "word"), ("ana+1@clinic.es", "email")],
        ),
    ],
)
def test_emails_are_found_where_the_full_tokenizer_finds_them(text, expected):
    assert [(t.text, t.kind) for t in words.tokenize(text)] == expected
    assert words.tokenize(text) == [
        words.Token(m.start(), m.end(), m.group(), m.lastgroup or "")
        for m in words.TOKEN.finditer(text)
    ]
