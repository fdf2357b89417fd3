"""Finding glossary terms and abbreviations in a text (WCAG 2.2 SC 3.1.3, 3.1.4, 3.1.6;
reference.md section 6).

Pure: ``find_terms(text, entries, lang)`` -> non-overlapping ``Match``es with offsets in Unicode
code points (Python ``str`` indices), leftmost first and, where candidates start together, the
longest. Matching per language:

- languages written with spaces: word by word, case-insensitive (``str.casefold``), each word
  reduced by a Snowball stemmer where one exists for the language (``snowballstemmer``, the
  Snowball project's own Python build: en, es, fr, ar, de, it, pt, ru and others), so that a
  dictionary form finds its plural and gendered forms ("essai clinique" finds "essais
  cliniques", "sistema inmunitario" finds "sistemas inmunitarios"). Two gaps of the stemmers
  are closed before stemming: French Snowball keeps a plural ``-s`` after a vowel ("essais"),
  so a final ``s``/``x`` is dropped first; Arabic Snowball keeps the conjunction on ``وال``/
  ``فال`` ("والعلاج"), so it is dropped first when the article follows it. Other languages:
  case-insensitive exact words.
- languages written without spaces (zh, ja, th, lo, km, my, bo): case-insensitive exact
  substring.
- abbreviations, in every language: exact and case-sensitive ("US" is not "us"), not inside a
  longer word (for languages written with spaces).
"""

import re
import threading
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

TERM = "term"
ABBREVIATION = "abbreviation"

# Snowball algorithm per ISO 639-1/639-3 language subtag (snowballstemmer 3.x names).
SNOWBALL = {
    "ar": "arabic",
    "hy": "armenian",
    "eu": "basque",
    "ca": "catalan",
    "cs": "czech",
    "da": "danish",
    "nl": "dutch",
    "en": "english",
    "eo": "esperanto",
    "et": "estonian",
    "fi": "finnish",
    "fr": "french",
    "de": "german",
    "el": "greek",
    "hi": "hindi",
    "hu": "hungarian",
    "id": "indonesian",
    "ga": "irish",
    "it": "italian",
    "lt": "lithuanian",
    "ne": "nepali",
    "nb": "norwegian",
    "nn": "norwegian",
    "no": "norwegian",
    "fa": "persian",
    "pl": "polish",
    "pt": "portuguese",
    "ro": "romanian",
    "ru": "russian",
    "sr": "serbian",
    "st": "sesotho",
    "es": "spanish",
    "sv": "swedish",
    "ta": "tamil",
    "tr": "turkish",
    "yi": "yiddish",
}
UNSPACED = frozenset({"zh", "ja", "th", "lo", "km", "my", "bo"})
WORD = re.compile(r"\w+")
_FR_PLURAL = re.compile(r"(?<=\w\w\w)[sx]$")
_AR_CONJUNCTION = re.compile(r"^[وف](?=ال)")


@dataclass(frozen=True, slots=True)
class Entry:
    """A glossary entry: a term with its definition, or an abbreviation with its expansion."""

    kind: str
    term: str
    definition: str
    ipa: str | None = None


@dataclass(frozen=True, slots=True)
class Match:
    """One occurrence of ``entry`` at ``text[start:end]`` (code points)."""

    start: int
    end: int
    entry: Entry


_local = threading.local()  # Snowball stemmer objects keep state: one per thread


def _stemmer(algorithm: str) -> "snowballstemmer.stemmer":
    cache: dict[str, snowballstemmer.stemmer] = _local.__dict__.setdefault("stemmers", {})
    if algorithm not in cache:
        cache[algorithm] = snowballstemmer.stemmer(algorithm)
    return cache[algorithm]


def language_of(tag: str) -> str:
    """The bare language subtag of a BCP 47 tag (``zh`` for ``zh-Hans``), lower case."""
    return tag.split("-", 1)[0].lower()


def stemmer_for(lang: str) -> str | None:
    """The Snowball algorithm used for ``lang`` (a BCP 47 tag), or None."""
    algorithm = SNOWBALL.get(language_of(lang))
    return algorithm if algorithm in snowballstemmer.algorithms() else None


@lru_cache(maxsize=65536)
def word_key(word: str, lang: str) -> str:
    """The comparison key of one word: NFC, case-folded, de-inflected where the language needs."""
    folded = unicodedata.normalize("NFC", word).casefold()
    language = language_of(lang)
    if language == "fr":
        folded = _FR_PLURAL.sub("", folded)
    elif language == "ar":
        folded = _AR_CONJUNCTION.sub("", folded)
    algorithm = stemmer_for(lang)
    return _stemmer(algorithm).stemWord(folded) if algorithm else folded


def _fold_same_length(text: str) -> str:
    """Lower-case ``text`` character by character, keeping its length (so offsets hold)."""
    return "".join(low if len(low := c.lower()) == 1 else c for c in text)


def _abbreviations(text: str, entries: Iterable[Entry], spaced: bool) -> list[Match]:
    found = []
    for entry in entries:
        pattern = re.escape(entry.term)
        if spaced:
            pattern = rf"(?<!\w){pattern}(?!\w)"
        found += [Match(m.start(), m.end(), entry) for m in re.finditer(pattern, text)]
    return found


def _substrings(text: str, entries: Iterable[Entry]) -> list[Match]:
    folded = _fold_same_length(text)
    found = []
    for entry in entries:
        needle = _fold_same_length(entry.term)
        start = folded.find(needle)
        while needle and start >= 0:
            found.append(Match(start, start + len(needle), entry))
            start = folded.find(needle, start + 1)
    return found


def _words(text: str, entries: Iterable[Entry], lang: str) -> list[Match]:
    tokens = list(WORD.finditer(text))
    keys = [word_key(t.group(), lang) for t in tokens]
    by_first: dict[str, list[tuple[tuple[str, ...], Entry]]] = {}
    for entry in entries:
        term_keys = tuple(word_key(w, lang) for w in WORD.findall(entry.term))
        if term_keys:
            by_first.setdefault(term_keys[0], []).append((term_keys, entry))
    found = []
    for i, key in enumerate(keys):
        for term_keys, entry in by_first.get(key, ()):
            n = len(term_keys)
            if tuple(keys[i : i + n]) == term_keys:
                found.append(Match(tokens[i].start(), tokens[i + n - 1].end(), entry))
    return found


def _leftmost_longest(candidates: list[Match]) -> list[Match]:
    chosen: list[Match] = []
    for match in sorted(candidates, key=lambda m: (m.start, m.start - m.end)):
        if not chosen or match.start >= chosen[-1].end:
            chosen.append(match)
    return chosen


def find_terms(text: str, entries: Sequence[Entry], lang: str) -> list[Match]:
    """Every occurrence of the glossary ``entries`` of language ``lang`` in ``text``.

    Returns matches in text order, never overlapping: where candidates overlap, the one that
    starts first wins, and of those starting together the longest ("immune checkpoint" over
    "immune"). Offsets are code points into ``text``.
    """
    spaced = language_of(lang) not in UNSPACED
    terms = [e for e in entries if e.kind == TERM]
    abbreviations = [e for e in entries if e.kind == ABBREVIATION]
    candidates = _words(text, terms, lang) if spaced else _substrings(text, terms)
    candidates += _abbreviations(text, abbreviations, spaced)
    return _leftmost_longest(candidates)
