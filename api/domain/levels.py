"""Reading levels and level selection (reference.md section 1).

The scheme is data (``api/data/levels.json``, ordered easiest first) so a deployment can add a
level such as ``professional``. Targets are per language, on that language's own formula scale,
inclusive: ``{"max": 8}`` for grade scales, ``{"min": 55}`` for reading-ease scales.
``source_level`` names the level of the complete text as authored (``full`` by default): the
source text of every section is its published version in the source language at that level.
"""

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

LEVELS_FILE = Path(__file__).resolve().parent.parent / "data" / "levels.json"


@dataclass(frozen=True, slots=True)
class Target:
    """An inclusive bound on a formula's score: ``min`` for ease scales, ``max`` for grades."""

    min: float | None = None
    max: float | None = None

    def met_by(self, score: float) -> bool:
        """True when ``score`` lies within the bound."""
        return (self.min is None or score >= self.min) and (self.max is None or score <= self.max)

    def as_dict(self) -> dict[str, float]:
        """JSON form: only the bound that is set."""
        return {k: v for k, v in (("min", self.min), ("max", self.max)) if v is not None}


@dataclass(frozen=True, slots=True)
class Level:
    """One reading level: its id, reader, nominal US grade (None: no target) and targets."""

    id: str
    name: str
    reader: str
    nominal_grade: float | None
    targets: MappingProxyType[str, Target]


@dataclass(frozen=True, slots=True)
class LevelScheme:
    """The ordered levels, easiest first."""

    levels: tuple[Level, ...]
    source: str
    source_level: str = "full"

    @property
    def ids(self) -> tuple[str, ...]:
        """Level ids, easiest first."""
        return tuple(level.id for level in self.levels)

    def get(self, level_id: str) -> Level | None:
        """The level with this id, or None."""
        return next((level for level in self.levels if level.id == level_id), None)

    def rank(self, level_id: str) -> int:
        """Position in the scheme, 0 = easiest; unknown ids sort last."""
        ids = self.ids
        return ids.index(level_id) if level_id in ids else len(ids)

    def target(self, level_id: str, language: str) -> Target | None:
        """The target of ``level_id`` for a bare language subtag, or None (no target)."""
        level = self.get(level_id)
        return level.targets.get(language) if level else None


def _level(raw: dict[str, Any]) -> Level:
    targets = {lang: Target(**bounds) for lang, bounds in raw.get("targets", {}).items()}
    return Level(
        id=raw["id"],
        name=raw["name"],
        reader=raw["reader"],
        nominal_grade=raw.get("nominal_grade"),
        targets=MappingProxyType(targets),
    )


@lru_cache
def load_scheme(path: Path = LEVELS_FILE) -> LevelScheme:
    """Read a level scheme file (see ``api/data/levels.json`` for the shape)."""
    raw = json.loads(path.read_text(encoding="utf-8"))
    levels = tuple(_level(r) for r in raw["levels"])
    source_level = raw.get("source_level") or levels[-1].id
    if source_level not in {level.id for level in levels}:
        raise ValueError(f"{path}: source_level {source_level!r} is not one of the levels")
    return LevelScheme(levels=levels, source=raw.get("source", ""), source_level=source_level)


def select_level(scheme: LevelScheme, available: Iterable[str], requested: str) -> str | None:
    """The requested level if available, else the nearest easier one, else the nearest harder.

    Returns None only when nothing is available.
    """
    have = sorted(set(available), key=scheme.rank)
    if requested in have:
        return requested
    wanted = scheme.rank(requested)
    easier = [lv for lv in have if scheme.rank(lv) < wanted]
    if easier:
        return easier[-1]
    harder = [lv for lv in have if scheme.rank(lv) > wanted]
    return harder[0] if harder else None


def effective_grade(
    scheme: LevelScheme, level_id: str, grade_equivalent: float | None
) -> float | None:
    """A version's grade: its measured grade equivalent, else its level's nominal grade."""
    if grade_equivalent is not None:
        return grade_equivalent
    level = scheme.get(level_id)
    return level.nominal_grade if level else None


def select_by_max_grade(
    scheme: LevelScheme, candidates: Sequence[tuple[str, float | None]], max_grade: float
) -> tuple[str | None, bool]:
    """Pick among ``(level, grade_equivalent)`` pairs for a reader asking for ``max_grade``.

    Returns ``(level, within)``: the hardest level whose effective grade is at most
    ``max_grade`` with ``within=True``; else the easiest level with ``within=False``.
    """
    ordered = sorted(candidates, key=lambda c: scheme.rank(c[0]))
    within = [
        lv
        for lv, grade in ordered
        if (g := effective_grade(scheme, lv, grade)) is not None and g <= max_grade
    ]
    if within:
        return within[-1], True
    return (ordered[0][0] if ordered else None), False
