"""A translation file as one batch of submissions: all or nothing (issue 3, section 3).

PO and XLIFF imports reduce a file to :class:`FileEntry` items (one per section: its text
entry, with the heading entry folded in) and hand them here. Each entry gets the same checks
as an API submission (``api.domain.checks``) and one outcome: ``submit`` (would be / was
stored), ``unchanged`` (the slot already has this text), ``skipped`` (untranslated, fuzzy or
not importable) or ``error``. Any error or source conflict refuses the whole file (422 / 409)
with the per-entry report; ``dry_run`` reports without storing.
"""

from dataclasses import dataclass, field
from typing import Any

from sqlmodel import Session

from api.domain.levels import LevelScheme
from api.errors import Conflict, InvalidParameter
from api.repositories import articles, slots
from api.services import slots as source
from api.services import workflow
from models import Article, Section
from models.common import Origin


@dataclass
class FileEntry:
    """One section's text from a file: where it is (``where``: line or unit id), its key,
    the source text the translator saw, the translation and heading, and whether to skip it."""

    where: str
    key: str
    source: str
    text: str
    heading: str = ""
    skip_reason: str | None = None


@dataclass
class Outcome:
    """What happens to one entry."""

    where: str
    key: str
    outcome: str
    detail: str = ""
    checks: list[dict[str, Any]] = field(default_factory=list)
    version_id: int | None = None

    def as_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {k: v for k, v in self.__dict__.items() if v not in (None, "", [])}


@dataclass(frozen=True)
class ImportBatch:
    """One file's language and level, who imports it, from which file format (``origin``),
    and whether only to report."""

    locale: str
    level: str
    author: str
    origin: Origin
    dry_run: bool


@dataclass(frozen=True)
class _Plan:
    scheme: LevelScheme
    article: Article
    sections: dict[str, Section]
    batch: ImportBatch


def _plan_one(
    session: Session, plan: _Plan, entry: FileEntry
) -> tuple[Outcome, workflow.Checked | None]:
    scheme, batch = plan.scheme, plan.batch
    section = plan.sections.get(entry.key)
    if section is None:
        return Outcome(entry.where, entry.key, "error", f"no section '{entry.key}'"), None
    if entry.skip_reason:
        return Outcome(entry.where, entry.key, "skipped", entry.skip_reason), None
    place = workflow.Place(plan.article, section)
    source_slot = source.source_slot(scheme, plan.article, section)
    if slots.source_revisions(session, source_slot).get(entry.source) != section.source_hash:
        return Outcome(
            entry.where,
            entry.key,
            "conflict",
            "the source text changed since this was translated; translate the current source",
        ), None
    live = slots.live(session, place.slot(batch.locale, batch.level))
    if live and (live.text, live.heading, live.source_hash) == (
        entry.text,
        entry.heading,
        section.source_hash,
    ):
        return Outcome(entry.where, entry.key, "unchanged", f"version {live.id}"), None
    proposal = workflow.Proposal(
        batch.locale, batch.level, entry.text, entry.heading, section.source_hash
    )
    checked = workflow.check_proposal(session, scheme=scheme, place=place, proposal=proposal)
    checks = [c.as_dict() for c in checked.checks]
    if checked.errors:
        detail = "; ".join(f"{c.check}: {c.message}" for c in checked.errors)
        return Outcome(entry.where, entry.key, "error", detail, checks), None
    return Outcome(entry.where, entry.key, "submit", "", checks), checked


def _refuse(outcomes: list[Outcome]) -> None:
    """409 for any conflict, else 422 for any error, each carrying the per-entry report."""
    report = [o.as_dict() for o in outcomes]
    kinds = {o.outcome for o in outcomes}
    if "conflict" in kinds:
        raise Conflict(
            "some entries were translated from an older source text; nothing was imported",
            entries=report,
        )
    if "error" in kinds:
        failed = [
            {"parameter": f"file:{o.where}", "reason": f"{o.key}: {o.detail}"}
            for o in outcomes
            if o.outcome == "error"
        ]
        raise InvalidParameter(
            "the file has entries that fail; nothing was imported", failed, entries=report
        )


def import_entries(
    session: Session,
    *,
    scheme: LevelScheme,
    article: Article,
    batch: ImportBatch,
    entries: list[FileEntry],
) -> dict[str, Any]:
    """Plan every entry of a file for ``article``, then store all submissions or none.
    Commits unless ``batch.dry_run``.

    Returns ``{dry_run, locale, level, counts, entries}``; raises 409 (any conflict) or 422
    (any error) carrying the same report as ``entries``.
    """
    sections = {s.key: s for s in articles.sections_of(session, article.id or 0)}
    for section in sections.values():
        slots.lock_section(session, section.id or 0)
    plan = _Plan(scheme, article, sections, batch)
    planned = [_plan_one(session, plan, e) for e in entries]
    outcomes = [o for o, _ in planned]
    _refuse(outcomes)
    if not batch.dry_run:
        for outcome, checked in planned:
            if checked is not None:
                version = workflow.store_submission(
                    session, checked, scheme=scheme, author=batch.author, origin=batch.origin
                )
                outcome.version_id = version.id
        session.commit()
    counts = {k: sum(o.outcome == k for o in outcomes) for k in ("submit", "unchanged", "skipped")}
    return {
        "dry_run": batch.dry_run,
        "locale": batch.locale,
        "level": batch.level,
        "counts": counts,
        "entries": [o.as_dict() for o in outcomes],
    }
