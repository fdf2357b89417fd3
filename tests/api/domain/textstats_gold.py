"""Loading the hand-made gold sets (tests/api/domain/gold/README.md); nothing from api/."""

import json
from pathlib import Path

GOLD = Path(__file__).parent / "gold"
LANGUAGES = ("en", "es", "fr", "de", "it")


def syllable_gold(language: str) -> list[tuple[str, int]]:
    """(word, hand count) per gold line; the count is the number of pieces of the division."""
    rows = []
    for line in (GOLD / f"syllables_{language}.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            division = line.split(" ", 1)[0]
            pieces = [p for p in division.replace("-", "·").split("·") if p]
            rows.append((division.replace("·", ""), len(pieces)))
    return rows


def sentence_gold(language: str) -> list[dict]:
    """The sentence-boundary cases of one language."""
    data = json.loads((GOLD / f"sentences_{language}.json").read_text(encoding="utf-8"))
    return data["cases"]
