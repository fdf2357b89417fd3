"""Sentences and words by our own written rules (not sentencex, which the product uses).

Sentence rules: a blank line (paragraph break) or a list item (a line starting with ``-``,
``*``, ``•`` or ``1.``/``1)``) ends a sentence; a lone line break inside a paragraph does not.
Inside a block a sentence ends at ``.``, ``!``, ``?``, ``…``, ``؟`` (closing quotes and brackets
may follow) when whitespace and then a capital letter, a digit, an opening quote or ``¿``/``¡``
follow, or whitespace and any letter of a caseless script (Arabic); ``。！？`` end a sentence
with or without a space. A period does not end a sentence after one of the language's known
abbreviations, inside a number (``21.3``, ``10.30``: no space follows) or, in German, after an
ordinal number (``am 1. Mai``). Only segments with at least one letter or digit are sentences.

Word rules (Flesch 1948, followed by Kandel & Moles 1958 and Szigriszt-Pazos 1993): a word is a
run of letters and digits; apostrophes and hyphens inside it join (``person's``,
``l’immunothérapie``, ``flu-like``, ``Qu’est-ce`` are one word each); a token with no letter
(a bare number) is not counted. Han characters count one each (an unspaced script: characters,
not words).
"""

import re

ABBREVIATIONS: dict[str, frozenset[str]] = {
    "en": frozenset(
        [
            "e.g",
            "i.e",
            "etc",
            "vs",
            "dr",
            "mr",
            "mrs",
            "ms",
            "prof",
            "u.s",
            "u.k",
            "no",
            "fig",
            "approx",
            "st",
            "jr",
            "sr",
        ]
    ),
    "es": frozenset(
        [
            "sr",
            "sra",
            "srta",
            "dr",
            "dra",
            "ud",
            "uds",
            "ee",
            "uu",
            "etc",
            "p.ej",
            "ej",
            "pág",
            "núm",
            "aprox",
        ]
    ),
    "fr": frozenset(["m", "mm", "mme", "mlle", "dr", "pr", "etc", "cf", "p.ex", "ex", "env", "n°"]),
    "de": frozenset(
        ["z.b", "d.h", "u.a", "usw", "bzw", "ca", "dr", "nr", "vgl", "s", "evtl", "ggf", "inkl"]
    ),
    "it": frozenset(["sig", "sigg", "dott", "dr", "ecc", "es", "pag", "ca", "prof"]),
}
LIST_ITEM = re.compile(r"^\s*(?:[-*•‣◦]|\d+[.)])\s+")
END = re.compile(r"[.!?…؟]+(?:[ \u00a0\u202f]?[\"'»”’)\]])*(?=\s+(\S))|[。！？]+[”」』）]*")
OPENERS = "\"'«“‘(¿¡["
WORD = re.compile(r"\w+(?:[’'\-‐]\w+)*")
HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def blocks(text: str) -> list[str]:
    """Paragraphs and list items, each with its inner line breaks turned into spaces."""
    found: list[str] = []
    for paragraph in re.split(r"\n\s*\n", text):
        current: list[str] = []
        for line in paragraph.splitlines():
            if LIST_ITEM.match(line) and current:
                found.append(" ".join(current))
                current = []
            current.append(LIST_ITEM.sub("", line).strip())
        found.append(" ".join(current))
    return [b for b in found if b.strip()]


def _starts_sentence(char: str) -> bool:
    return char.isupper() or char.isdigit() or (char.isalpha() and not char.islower())


def _is_boundary(block: str, match: re.Match[str], language: str) -> bool:
    if match.group(1) is None:  # CJK full stop: no space needed
        return True
    following = block[match.end() :].lstrip()
    if following[0] in OPENERS:
        following = following.lstrip(OPENERS + " \u00a0\u202f") or following
    if not _starts_sentence(following[0]):
        return False
    if not match.group(0).startswith(".") or match.group(0).startswith(".."):
        return True
    before = block[: match.start()].rsplit(maxsplit=1)
    last = before[-1].lower().lstrip(OPENERS) if before else ""
    if last in ABBREVIATIONS.get(language, frozenset()):
        return False
    return not (language == "de" and last.isdigit())


def sentences(text: str, language: str) -> list[str]:
    """Sentences of ``text`` (``language`` is a bare language subtag: ``en``, ``fr``)."""
    found: list[str] = []
    for block in blocks(text):
        start = 0
        for match in END.finditer(block):
            if _is_boundary(block, match, language):
                found.append(block[start : match.end()].strip())
                start = match.end()
        found.append(block[start:].strip())
    return [s for s in found if re.search(r"\w", s)]


def words(text: str) -> list[str]:
    """Words of ``text`` by the rules above (Han characters one each)."""
    found: list[str] = []
    for token in WORD.findall(text):
        han = HAN.findall(token)
        rest = HAN.sub(" ", token).split()
        found.extend(han)
        found.extend(t for t in rest if any(c.isalpha() for c in t))
    return found
