"""A translation file as a batch of submissions (issues 3 and 9).

PO and XLIFF imports reduce a file to :class:`FileEntry` items (one per section: its text
entry, with the heading entry folded in; one for the article title, ``msgctxt "title"`` or
unit ``title``) and hand them here. A title entry is planned by
:mod:`api.services.title_imports` and stored through ``api.services.titles.submit_title``.
Each entry gets the same checks as an API submission (``api.domain.checks``; a title, the
title checks) and one outcome:

- ``submitted``: stored as a new submitted version (``version_id``); in a dry run, would be;
- ``unchanged``: the slot already has this text, heading and source (a title: this text and
  source title);
- ``skipped``: not imported, with the ``detail`` why (untranslated, fuzzy, plural...);
- ``conflict``: translated from an older source text; ``current_source`` is the text now;
- ``error``: a translation that fails a check, or names no section or no source string.

The rest of the file is stored even when some entries conflict or fail (issue 9's import
rule); ``strict`` keeps the old all-or-nothing rule. Publishing stays a reviewer's act.
"""

from dataclasses import dataclass, field
from typing import Any

from sqlmodel import Session

from api.domain.levels import LevelScheme
from api.errors import Conflict, InvalidParameter, ProblemError
from api.repositories import articles, slots
from api.repositories import titles as title_slots
from api.services import slots as source
from api.services import title_imports, workflow
from models import Article, Section
from models.common import Origin

OUTCOMES = ("submitted", "unchanged", "skipped", "conflict", "error")


@dataclass
class FileEntry:
    """One section's text from a file: where it is (``where``: line or unit id), its key,
    the source text the translator saw, the translation and heading, whether to skip it,
    and warnings about what the reader changed (e.g. XLIFF inline markup kept as text)."""

    where: str
    key: str
    source: str
    text: str
    heading: str = ""
    skip_reason: str | None = None
    warnings: list[str] = field(default_factory=list)
    title: bool = False


@dataclass
class Outcome:
    """What happens to one entry (``outcome`` is one of :data:`OUTCOMES`)."""

    where: str
    key: str
    outcome: str
    detail: str = ""
    checks: list[dict[str, Any]] = field(default_factory=list)
    version_id: int | None = None
    current_source: str | None = None
    warnings: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """JSON form: empty fields left out."""
        return {k: v for k, v in self.__dict__.items() if v not in (None, "", [])}


@dataclass(frozen=True)
class ImportBatch:
    """One file's language and level, who imports it, from which file format (``origin``),
    whether only to report (``dry_run``) and whether all or nothing (``strict``)."""

    locale: str
    level: str
    author: str
    origin: Origin
    dry_run: bool
    strict: bool = False


@dataclass(frozen=True)
class _Plan:
    scheme: LevelScheme
    article: Article
    sections: dict[str, Section]
    batch: ImportBatch


def _source_outcome(
    session: Session, plan: _Plan, entry: FileEntry, section: Section
) -> Outcome | None:
    """None when the entry's source is the section's current source; else its outcome."""
    source_slot = source.source_slot(plan.scheme, plan.article, section)
    revisions = slots.source_revisions(session, source_slot)
    found = revisions.get(entry.source)
    if found == section.source_hash:
        return None
    if found is None:
        return Outcome(
            entry.where,
            entry.key,
            "error",
            f"no such source string: the msgid (XLIFF source) is not the source text of"
            f" section '{entry.key}', now or earlier; export the file again",
        )
    current = slots.published(session, source_slot)
    return Outcome(
        entry.where,
        entry.key,
        "conflict",
        "the source text changed since this file was exported; translate the current source",
        current_source=current.text if current else "",
    )


Planned = workflow.Checked | title_imports.TitlePlan | None


def _plan_title(session: Session, plan: _Plan, entry: FileEntry) -> tuple[Outcome, Planned]:
    batch = plan.batch
    proposal = (batch.locale, batch.level, entry.source, entry.text)
    found = title_imports.plan_title(session, plan.scheme, plan.article, proposal)
    outcome = Outcome(entry.where, entry.key, found.outcome, found.detail, found.checks)
    outcome.current_source = found.current_source
    return outcome, found.plan


def _plan_one(session: Session, plan: _Plan, entry: FileEntry) -> tuple[Outcome, Planned]:
    batch = plan.batch
    if entry.skip_reason:
        return Outcome(entry.where, entry.key, "skipped", entry.skip_reason), None
    if entry.title:
        return _plan_title(session, plan, entry)
    section = plan.sections.get(entry.key)
    if section is None:
        return Outcome(entry.where, entry.key, "error", f"no section '{entry.key}'"), None
    retired = workflow.retired_reason(section)
    if retired is not None:
        return Outcome(entry.where, entry.key, "error", retired), None
    refused = _source_outcome(session, plan, entry, section)
    if refused is not None:
        return refused, None
    place = workflow.Place(plan.article, section)
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
    try:
        checked = workflow.check_proposal(
            session, scheme=plan.scheme, place=place, proposal=proposal
        )
    except InvalidParameter as exc:  # e.g. the heading holds a bidi override
        return Outcome(entry.where, entry.key, "error", exc.detail), None
    checks = [c.as_dict() for c in checked.checks]
    if checked.errors:
        detail = "; ".join(f"{c.check}: {c.message}" for c in checked.errors)
        return Outcome(entry.where, entry.key, "error", detail, checks), None
    return Outcome(entry.where, entry.key, "submitted", "", checks), checked


def _report(batch: ImportBatch, outcomes: list[Outcome]) -> dict[str, Any]:
    return {
        "dry_run": batch.dry_run,
        "strict": batch.strict,
        "locale": batch.locale,
        "level": batch.level,
        "counts": {k: sum(o.outcome == k for o in outcomes) for k in OUTCOMES},
        "entries": [o.as_dict() for o in outcomes],
    }


def refusal(batch: ImportBatch, outcomes: list[Outcome]) -> ProblemError | None:
    """The problem that refuses the file, if any: in strict mode any conflict (409) or error
    (422); otherwise only when nothing would be stored: any error (422), else any conflict
    (409). Each carries the per-entry report as ``entries`` and ``counts``."""
    kinds = {o.outcome for o in outcomes}
    if not batch.strict and "submitted" in kinds:
        return None
    report = _report(batch, outcomes)
    extra = {"counts": report["counts"], "entries": report["entries"]}
    stored = "nothing was imported" if batch.strict else "no entry could be imported"
    if "error" in kinds and not (batch.strict and "conflict" in kinds):
        failed = [
            {"parameter": f"file:{o.where}", "reason": f"{o.key}: {o.detail}"}
            for o in outcomes
            if o.outcome == "error"
        ]
        return InvalidParameter(f"the file has entries that fail; {stored}", failed, **extra)
    if "conflict" in kinds:
        return Conflict(
            f"some entries were translated from an older source text; {stored}", **extra
        )
    return None


def import_entries(
    session: Session,
    *,
    scheme: LevelScheme,
    article: Article,
    batch: ImportBatch,
    entries: list[FileEntry],
) -> dict[str, Any]:
    """Plan every entry of a file for ``article`` and store the submissions (see the module
    docstring for the rule). Commits unless ``batch.dry_run``.

    Returns ``{dry_run, strict, locale, level, counts: {outcome: n}, entries: [...]}``;
    raises what :func:`refusal` gives, with nothing stored.
    """
    sections = {s.key: s for s in articles.sections_of(session, article.id or 0)}
    for section in sections.values():
        slots.lock_section(session, section.id or 0)
    if any(e.title for e in entries):
        title_slots.lock_article(session, article.id or 0)
    plan = _Plan(scheme, article, sections, batch)
    planned = [_plan_one(session, plan, e) for e in entries]
    for (outcome, _), entry in zip(planned, entries, strict=True):
        outcome.warnings = list(entry.warnings)
    outcomes = [o for o, _ in planned]
    problem = refusal(batch, outcomes)
    if problem is not None:
        raise problem
    if not batch.dry_run:
        for outcome, checked in planned:
            outcome.version_id = _store(session, plan, checked)
        session.commit()
    return _report(batch, outcomes)


def _store(session: Session, plan: _Plan, planned: Planned) -> int | None:
    """Store one planned entry (no commit); the new version's (or title version's) id."""
    batch = plan.batch
    if isinstance(planned, title_imports.TitlePlan):
        slot, who = (batch.locale, batch.level), (batch.author, batch.origin)
        title = title_imports.store_title(session, plan.scheme, plan.article, slot, who, planned)
        return title.id if title is not None else None
    if planned is None:
        return None
    version = workflow.store_submission(
        session, planned, scheme=plan.scheme, author=batch.author, origin=batch.origin
    )
    return version.id


def stored_anything(report: dict[str, Any]) -> bool:
    """True when the report has at least one ``submitted`` entry (201 rather than 200)."""
    return bool(report["counts"]["submitted"])
