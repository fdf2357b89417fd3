"""The slot: one section in one language at one reading level (issue 3, section 2).

Every version belongs to exactly one slot; at most one version per slot is published. The
slot travels as this value instead of three loose ``(section_id, locale, level)`` arguments.
"""

from dataclasses import dataclass, replace


@dataclass(frozen=True, slots=True)
class Slot:
    """``section_id`` (``section.id``), ``locale`` (canonical BCP 47 tag, reference.md
    section 3) and ``level`` (a level id of the scheme, reference.md section 1)."""

    section_id: int
    locale: str
    level: str

    def at(self, *, locale: str | None = None, level: str | None = None) -> "Slot":
        """The same section in another language and/or level."""
        return replace(self, locale=locale or self.locale, level=level or self.level)
