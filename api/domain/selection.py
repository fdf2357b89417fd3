"""Which version of a section a reader gets: language along the fallback chain, then level.

Pure functions over ``{locale: {level: grade_equivalent}}`` maps (reference.md sections 1, 3):

- language: the first language of the negotiated chain that has the section (``fallback=none``:
  only the negotiated language);
- level: the requested level, else the nearest easier, else the nearest harder
  (``fallback=none``: only the requested level);
- ``max_grade``: the hardest version whose grade equivalent (or its level's nominal grade) is at
  most ``max_grade``, else the easiest (``fallback=none``: none).
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from api.domain.levels import LevelScheme, effective_grade, select_by_max_grade, select_level

Grades = Mapping[str, float | None]  # level -> grade equivalent (None: not measurable)


class Fallback(StrEnum):
    """``auto``: fall back along languages and levels; ``none``: exactly what was asked, or 404."""

    auto = "auto"
    none = "none"


@dataclass(frozen=True, slots=True)
class LevelRequest:
    """What the reader asked for: a level, or a maximum grade (never both)."""

    level: str
    max_grade: float | None = None
    fallback: Fallback = Fallback.auto
    asked_level: str | None = None  # None: ``level`` is the service's default


@dataclass(frozen=True, slots=True)
class Choice:
    """The version served: its language and level, and whether the level asked was met."""

    locale: str
    level: str
    level_met: bool
    locale_fallback: bool


def choose_level(
    scheme: LevelScheme, grades: Grades, request: LevelRequest
) -> tuple[str, bool] | None:
    """``(level, level_met)`` among the levels in ``grades``, or None if nothing fits."""
    if not grades:
        return None
    if request.max_grade is not None:
        level, within = select_by_max_grade(scheme, list(grades.items()), request.max_grade)
        if level is None or (request.fallback is Fallback.none and not within):
            return None
        return level, within
    if request.fallback is Fallback.none:
        return (request.level, True) if request.level in grades else None
    level = select_level(scheme, grades, request.level)
    return (level, level == request.level) if level is not None else None


def choose(
    scheme: LevelScheme, versions: Mapping[str, Grades], chain: Sequence[str], request: LevelRequest
) -> Choice | None:
    """The version of one section to serve, or None when nothing may be served."""
    languages = chain[:1] if request.fallback is Fallback.none else chain
    for locale in languages:
        picked = choose_level(scheme, versions.get(locale, {}), request)
        if picked is not None:
            level, met = picked
            return Choice(locale, level, met, locale_fallback=locale != chain[0])
    return None


def level_met(scheme: LevelScheme, level: str, grade: float | None, request: LevelRequest) -> bool:
    """Whether a served version satisfies what was asked (reference.md ``level_met``)."""
    if request.max_grade is not None:
        g = effective_grade(scheme, level, grade)
        return g is not None and g <= request.max_grade
    return level == request.level
