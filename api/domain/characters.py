"""The characters no text served to readers may hold: one rule for section text and
headings, titles, new articles, source edits and imported files.

Refused: control characters (Unicode category Cc) other than tab, line feed and carriage
return, and the bidi embeddings and overrides U+202A-U+202E, which can visually reorder a dose
in right-to-left text (Unicode Bidirectional Algorithm, UAX #9 section 2; reference.md
section 6). Accepted for direction: the isolates U+2066-U+2069 and the marks U+200E/U+200F,
which the W3C recommends instead ("Inline markup and bidirectional text in HTML").
"""

import unicodedata

BIDI_OVERRIDES = frozenset("\u202a\u202b\u202c\u202d\u202e")
ALLOWED_CONTROLS = frozenset("\t\n\r")
ACCEPTED = "use U+2066-U+2069 isolates or U+200E/U+200F marks for direction"


def refused_characters(text: str) -> list[str]:
    """The refused characters of ``text`` as sorted, distinct ``U+XXXX`` code points."""
    bad = {
        ch
        for ch in text
        if ch in BIDI_OVERRIDES or (unicodedata.category(ch) == "Cc" and ch not in ALLOWED_CONTROLS)
    }
    return [f"U+{ord(ch):04X}" for ch in sorted(bad)]


def refusal(text: str) -> str | None:
    """Why ``text`` is refused, naming each refused code point and what is accepted
    ("control or bidi override characters: U+202E; use ..."), or None when it is fine."""
    bad = refused_characters(text)
    if not bad:
        return None
    return f"control or bidi override characters: {', '.join(bad)}; {ACCEPTED}"


def reason(text: str) -> str | None:
    """The 422 reason for a field holding refused characters ("must not contain control or
    bidi override characters: U+202E; use ..."), or None when ``text`` is fine."""
    refused = refusal(text)
    return None if refused is None else f"must not contain {refused}"
