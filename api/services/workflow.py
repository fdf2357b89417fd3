"""The translation workflow: submit, check, publish, reject, withdraw (source edits:
``api.services.source_edit``).

Issue 3, section 2; vocabulary of reference.md section 5. States (``models.VersionStatus``):
``submitted`` -> ``published`` (the slot's previous published version becomes ``superseded``)
or ``rejected``; ``published`` -> ``withdrawn`` (tombstone event; the slot then falls back as
if missing). ``stale`` is a flag (``source_hash`` differs from the section's). Versions are
append-only: state changes are recorded as events (``api.repositories.history``), and what
readers see also in the change log, in the same transaction. Each write function commits.
"""

from dataclasses import dataclass
from typing import Any

from sqlmodel import Session

from api.domain import characters
from api.domain.checks import CheckResult, Draft, errors, run_checks
from api.domain.levels import LevelScheme
from api.domain.readability import score_text
from api.domain.slot import Slot
from api.errors import Conflict, Forbidden, InvalidParameter, NotFound
from api.repositories import history, slots
from api.repositories.history import Entry
from api.services import content
from api.services import slots as source
from api.services.auth import Principal
from models import Article, ChangeKind, EventAction, Section, Version, VersionStatus
from models.common import Origin, utcnow


@dataclass(frozen=True, slots=True)
class Place:
    """The article and the section a write is about."""

    article: Article
    section: Section

    def slot(self, locale: str, level: str) -> Slot:
        """The section's slot in ``locale`` at ``level``."""
        return Slot(self.section.id or 0, locale, level)

    def require_live(self) -> None:
        """409 naming the section when it is retired: a retired section is read-only
        (``api.routes.structure``): no submission, review or source edit changes it."""
        reason = retired_reason(self.section)
        if reason is not None:
            raise Conflict(reason, section=self.section.key, article=self.article.slug)


def retired_reason(section: Section) -> str | None:
    """Why ``section`` takes no writes (it is retired), or None while it is live."""
    if section.retired_at is None:
        return None
    when = section.retired_at.isoformat()
    return f"section '{section.key}' was retired at {when}; a retired section is read-only"


@dataclass
class Proposal:
    """One text to submit to a slot, from the API or a file entry."""

    locale: str
    level: str
    text: str
    heading: str
    base_source_hash: str


@dataclass
class Checked:
    """A proposal for ``section`` with its readability report (scored once) and checks."""

    proposal: Proposal
    readability: dict[str, Any]
    checks: list[CheckResult]
    section: Section

    @property
    def errors(self) -> list[CheckResult]:
        """Blocking results."""
        return errors(self.checks)


@dataclass(frozen=True, slots=True)
class Decision:
    """A reviewer's decision on version ``version_id``, with the ``If-Match`` they sent."""

    version_id: int
    action: EventAction
    comment: str | None
    if_match: str | None


def check_proposal(
    session: Session, *, scheme: LevelScheme, place: Place, proposal: Proposal
) -> Checked:
    """Score and check ``proposal``; 422 for the source slot or a heading with characters
    :mod:`api.domain.characters` refuses, 409 for an outdated source."""
    article, section = place.article, place.section
    if source.is_source(scheme, article, place.slot(proposal.locale, proposal.level)):
        reason = "the source text is changed by an editor with PUT .../source"
        raise InvalidParameter(reason, [{"parameter": "level", "reason": reason}])
    if proposal.base_source_hash != section.source_hash:
        raise Conflict(
            "the source text changed since this was written; translate the current source",
            current_source=source.current_source(session, scheme, article, section),
        )
    refused = characters.reason(proposal.heading)
    if refused is not None:  # the API refuses it on arrival; this is for imported files
        raise InvalidParameter.single("heading", refused)
    original = source.source_version(session, scheme, article, section)
    report = score_text(proposal.text, proposal.locale, scheme, proposal.level).as_dict()
    draft = Draft(
        proposal.text,
        proposal.locale,
        proposal.level,
        original.text if original else "",
        article.source_locale,
        report,
        scheme.source_level,
    )
    if not proposal.heading:
        proposal.heading = inherited_heading(session, place.slot(proposal.locale, proposal.level))
    return Checked(proposal, report, run_checks(draft), section)


def inherited_heading(session: Session, slot: Slot) -> str:
    """The heading a version without one takes: the newest heading of its slot, else of the
    same section in the same language at another level; "" when there is none, and readers
    then get the source heading in its own language (``api.services.render``)."""
    rows = slots.headings(session, slot.section_id, slot.locale)
    same_slot = [h for lv, h in rows if lv == slot.level]
    return (same_slot or [h for _, h in rows] or [""])[0]


def check_failure(checked: Checked) -> InvalidParameter:
    """The 422 listing each failed check (``errors``) and every result (``checks``)."""
    failed = [
        {
            "parameter": "level" if c.check == "level" else "text",
            "reason": f"{c.check}: {c.message}",
        }
        for c in checked.errors
    ]
    return InvalidParameter(
        "; ".join(e["reason"] for e in failed), failed, checks=[c.as_dict() for c in checked.checks]
    )


def store_submission(
    session: Session, checked: Checked, *, scheme: LevelScheme, author: str, origin: Origin
) -> Version:
    """Append the checked proposal as a ``submitted`` version with its event (no commit); the
    readability report is the one the checks used (the text is scored once per request)."""
    p = checked.proposal
    version = Version(
        section_id=checked.section.id or 0,
        revision=0,
        locale=p.locale,
        level=p.level,
        heading=p.heading,
        text=p.text,
        status=VersionStatus.submitted,
        origin=origin.value,
        source_hash=p.base_source_hash,
        author=author,
        readability=checked.readability,
    )
    content.append_version(session, scheme, checked.section, version)
    details = {"checks": [c.as_dict() for c in checked.checks]}
    history.record(session, version, Entry(author, EventAction.submitted, details=details))
    return version


def submit(
    session: Session, *, scheme: LevelScheme, place: Place, proposal: Proposal, author: str
) -> tuple[Version, Checked]:
    """Check and store one submission; 422 (failed checks), 409 (outdated source). Commits."""
    slots.lock_section(session, place.section.id or 0)
    place.require_live()
    checked = check_proposal(session, scheme=scheme, place=place, proposal=proposal)
    if checked.errors:
        session.rollback()
        raise check_failure(checked)
    version = store_submission(session, checked, scheme=scheme, author=author, origin=Origin.api)
    session.commit()
    return version, checked


def _version_in(session: Session, section: Section, version_id: int) -> Version:
    version = session.get(Version, version_id)
    if version is None or version.section_id != section.id:
        raise NotFound(f"section has no version {version_id}", missing={"version": version_id})
    session.refresh(version)
    return version


def _guard(version: Version, reviewer: Principal, want: VersionStatus, action: str) -> None:
    reviewer.require("reviewer", version.locale, version.level)
    if version.author == reviewer.name:
        raise Forbidden(
            f"{reviewer.name} wrote version {version.id}; a reviewer never"
            " reviews their own version",
            needs={"role": "reviewer", "language": version.locale, "level": version.level},
        )
    if version.status != want:
        raise Conflict(
            f"version {version.id} is {version.status}: only a {want} version can be {action}",
            status_now=version.status,
        )


def review(
    session: Session, *, scheme: LevelScheme, place: Place, decision: Decision, reviewer: Principal
) -> Version:
    """Publish, reject or withdraw one version under ``If-Match`` with the slot's ETag.

    403 (no reviewer grant, or the reviewer's own version), 404, 409 (wrong state, or a
    submission written against an old source), 412/428 (ETag), 422 (comment missing). Commits.
    """
    action, comment = decision.action, decision.comment
    if action != EventAction.published and not (comment and comment.strip()):
        raise InvalidParameter.single("comment", f"is required to mark a version {action}")
    slots.lock_section(session, place.section.id or 0)
    place.require_live()
    version = _version_in(session, place.section, decision.version_id)
    withdrawing = action == EventAction.withdrawn
    want = VersionStatus.published if withdrawing else VersionStatus.submitted
    _guard(version, reviewer, want, str(action))
    source.require_if_match(decision.if_match, slots.etag(session, slots.slot_of(version)))
    if action == EventAction.published:
        _publish(session, place.section, version, reviewer.name, comment)
    else:
        _set_status(session, version, decision, reviewer.name)
    if action != EventAction.rejected:
        slot = (version.locale, version.level)
        content.recompute_readability(session, scheme, place.article, [slot])
        content.touch(session, place.article)
    session.commit()
    return version


def _set_status(session: Session, version: Version, decision: Decision, reviewer: str) -> None:
    """Reject or withdraw ``version``; a withdrawal is also a change readers see."""
    version.status, version.comment = VersionStatus(decision.action.value), decision.comment
    version.reviewed_by, version.reviewed_at = reviewer, utcnow()
    session.add(version)
    change = ChangeKind.withdrawn if decision.action == EventAction.withdrawn else None
    history.record(session, version, Entry(reviewer, decision.action, change, decision.comment))


def _publish(
    session: Session, section: Section, version: Version, reviewer: str, comment: str | None
) -> None:
    if version.source_hash != section.source_hash:
        raise Conflict(
            f"version {version.id} was written against an older source text;"
            " it is stale and cannot be published"
        )
    version.comment = comment
    content.publish(session, version, reviewer, event=EventAction.published, comment=comment)
