"""The shipped articles read straight from their files, with polib (not Babel, which api/ uses).

Layout (translations/content/<slug>/): ``article.json`` (section order, ``source_locale``),
``source.txt`` (title, blank line, one paragraph per section: the source language's ``full``)
and ``<lang>/<level>.po`` with msgctxt ``title``, ``<key>/heading`` and ``<key>/text``.
"""

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import polib

REPO = Path(__file__).resolve().parents[2]
CONTENT = REPO / "translations" / "content"
SLUG = "immunotherapy-breast-cancer"


@dataclass(frozen=True)
class SectionText:
    """One section of one language and level: its key, heading and body text."""

    key: str
    heading: str
    text: str


def article_meta(slug: str = SLUG) -> dict[str, Any]:
    """``article.json`` of ``slug`` as a dict."""
    meta: dict[str, Any] = json.loads((CONTENT / slug / "article.json").read_text(encoding="utf-8"))
    return meta


def section_keys(slug: str = SLUG) -> list[str]:
    """Section keys in article order."""
    return [s["key"] for s in article_meta(slug)["sections"]]


def _source_version(slug: str) -> list[SectionText]:
    meta = article_meta(slug)
    raw = (CONTENT / slug / "source.txt").read_text(encoding="utf-8")
    paragraphs = [p.strip() for p in raw.split("\n\n") if p.strip()]
    bodies = paragraphs[1:]  # the first paragraph is the title
    if len(bodies) != len(meta["sections"]):
        raise ValueError(f"{slug}/source.txt has {len(bodies)} sections, article.json names more")
    return [
        SectionText(s["key"], s["heading"], body)
        for s, body in zip(meta["sections"], bodies, strict=True)
    ]


def _po_version(path: Path, keys: list[str]) -> list[SectionText]:
    entries = {e.msgctxt: e.msgstr for e in polib.pofile(str(path)) if e.msgstr}
    return [
        SectionText(key, entries.get(f"{key}/heading", ""), entries.get(f"{key}/text", ""))
        for key in keys
    ]


@cache
def versions(slug: str = SLUG) -> dict[tuple[str, str], tuple[SectionText, ...]]:
    """Every ``(language tag, level)`` of ``slug`` -> its sections in article order.

    The source language's ``full`` comes from ``source.txt``; every other version from its PO
    catalog (a missing entry gives an empty string, which the checks then report).
    """
    folder = CONTENT / slug
    keys = section_keys(slug)
    found = {(article_meta(slug)["source_locale"], "full"): tuple(_source_version(slug))}
    for po in sorted(folder.glob("*/*.po")):
        found[(po.parent.name, po.stem)] = tuple(_po_version(po, keys))
    return found


def titles(slug: str = SLUG) -> dict[tuple[str, str], str]:
    """Every ``(language tag, level)`` -> its title (the source's first line for its ``full``)."""
    folder = CONTENT / slug
    source = (folder / "source.txt").read_text(encoding="utf-8").split("\n\n")[0].strip()
    found = {(article_meta(slug)["source_locale"], "full"): source}
    for po in sorted(folder.glob("*/*.po")):
        entry = polib.pofile(str(po)).find("title", by="msgctxt")
        found[(po.parent.name, po.stem)] = entry.msgstr if entry else ""
    return found
