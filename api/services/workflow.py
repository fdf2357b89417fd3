"""The translation workflow: submit, check, publish, reject, withdraw, edit the source.

Issue 3, section 2; vocabulary of reference.md section 5. States: ``submitted`` ->
``published`` (the slot's previous published version becomes ``superseded``) or ``rejected``;
``published`` -> ``withdrawn`` (tombstone event; the slot then falls back as if missing).
``stale`` is a flag (``source_hash`` differs from the section's). Versions are append-only:
state changes are recorded as events, text is never edited. Each write function commits.
"""

from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, col, select

from api.domain.checks import CheckResult, Draft, errors, run_checks
from api.domain.levels import LevelScheme
from api.domain.readability import score_text
from api.errors import Conflict, Forbidden, InvalidParameter, NotFound
from api.services import content, slots
from api.services.auth import Principal
from api.services.catalogs import source_hash
from models import Article, EventAction, Section, Version, VersionStatus
from models.common import Origin, utcnow
from models.submission import SourceChange

SUBMITTED = VersionStatus.submitted.value


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
    """A proposal with its readability report and check results."""

    proposal: Proposal
    readability: dict[str, Any]
    checks: list[CheckResult]

    @property
    def errors(self) -> list[CheckResult]:
        """Blocking results."""
        return errors(self.checks)


def check_proposal(
    session: Session, scheme: LevelScheme, article: Article, section: Section, proposal: Proposal
) -> Checked:
    """Score and check ``proposal``; 422 for the source slot, 409 for an outdated source."""
    if (proposal.locale, proposal.level) == (article.source_locale, slots.FULL):
        reason = "the source text is changed by an editor with PUT .../source"
        raise InvalidParameter(reason, [{"parameter": "level", "reason": reason}])
    if proposal.base_source_hash != section.source_hash:
        raise Conflict(
            "the source text changed since this was written; translate the current source",
            current_source=slots.current_source(session, article, section),
        )
    source = slots.source_version(session, article, section)
    report = score_text(proposal.text, proposal.locale, scheme, proposal.level).as_dict()
    draft = Draft(
        proposal.text,
        proposal.locale,
        proposal.level,
        source.text if source else "",
        article.source_locale,
        report,
    )
    if not proposal.heading:
        proposal.heading = inherited_heading(session, section, proposal.locale, proposal.level)
    return Checked(proposal, report, run_checks(draft))


def inherited_heading(session: Session, section: Section, locale: str, level: str) -> str:
    """The heading a version without one takes: the newest heading of its slot, else of the
    same section in the same language at another level; "" when there is none, and readers
    then get the source heading in its own language (``api.services.render``)."""
    rows = session.exec(
        select(Version.level, Version.heading)
        .where(
            Version.section_id == section.id,
            Version.locale == locale,
            Version.heading != "",
            col(Version.status).in_(("published", "submitted", "superseded")),
        )
        .order_by(col(Version.id).desc())
    ).all()
    same_slot = [h for lv, h in rows if lv == level]
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
    session: Session,
    scheme: LevelScheme,
    section: Section,
    checked: Checked,
    author: str,
    origin: Origin,
) -> Version:
    """Append the checked proposal as a ``submitted`` version and record the event (no commit)."""
    p = checked.proposal
    version = Version(
        section_id=section.id or 0,
        revision=0,
        locale=p.locale,
        level=p.level,
        heading=p.heading,
        text=p.text,
        status=SUBMITTED,
        origin=origin.value,
        source_hash=p.base_source_hash,
        author=author,
    )
    content.append_version(session, scheme, section, version)
    slots.record(
        session,
        version,
        EventAction.submitted.value,
        author,
        details={"checks": [c.as_dict() for c in checked.checks]},
    )
    return version


def submit(
    session: Session,
    scheme: LevelScheme,
    article: Article,
    section: Section,
    proposal: Proposal,
    author: str,
) -> tuple[Version, Checked]:
    """Check and store one submission; 422 (failed checks), 409 (outdated source). Commits."""
    assert section.id is not None
    slots.lock_section(session, section.id)
    checked = check_proposal(session, scheme, article, section, proposal)
    if checked.errors:
        session.rollback()
        raise check_failure(checked)
    version = store_submission(session, scheme, section, checked, author, Origin.api)
    session.commit()
    return version, checked


def _version_in(session: Session, section: Section, version_id: int) -> Version:
    version = session.get(Version, version_id)
    if version is None or version.section_id != section.id:
        raise NotFound(f"section has no version {version_id}", missing={"version": version_id})
    session.refresh(version)
    return version


def _guard(version: Version, reviewer: Principal, want: str, action: str) -> None:
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
    session: Session,
    scheme: LevelScheme,
    article: Article,
    section: Section,
    version_id: int,
    action: EventAction,
    reviewer: Principal,
    comment: str | None,
    if_match: str | None,
) -> Version:
    """Publish, reject or withdraw one version under ``If-Match`` with the slot's ETag.

    403 (no reviewer grant, or the reviewer's own version), 404, 409 (wrong state, or a
    submission written against an old source), 412/428 (ETag), 422 (comment missing). Commits.
    """
    assert section.id is not None
    if action != EventAction.published and not (comment and comment.strip()):
        raise InvalidParameter.single("comment", f"is required to mark a version {action}")
    slots.lock_section(session, section.id)
    version = _version_in(session, section, version_id)
    want = "published" if action == EventAction.withdrawn else SUBMITTED
    _guard(version, reviewer, want, str(action))
    slots.require_if_match(
        if_match, slots.slot_etag(session, section.id, version.locale, version.level)
    )
    if action == EventAction.published:
        _publish(session, section, version, reviewer.name, comment)
    else:
        version.status, version.comment = str(action), comment
        version.reviewed_by, version.reviewed_at = reviewer.name, utcnow()
        session.add(version)
        slots.record(session, version, str(action), reviewer.name, comment)
    if action != EventAction.rejected:
        content.recompute_readability(session, scheme, article, [(version.locale, version.level)])
        content.touch(session, article)
    session.commit()
    return version


def _publish(
    session: Session, section: Section, version: Version, reviewer: str, comment: str | None
) -> None:
    if version.source_hash != section.source_hash:
        raise Conflict(
            f"version {version.id} was written against an older source text;"
            " it is stale and cannot be published"
        )
    previous = content.published_version(session, section.id or 0, version.locale, version.level)
    content.publish(session, version, reviewer)
    version.comment = comment
    session.add(version)
    if previous is not None and previous.id != version.id:
        slots.record(
            session,
            previous,
            EventAction.superseded.value,
            reviewer,
            details={"by_version": version.id},
        )
    slots.record(session, version, EventAction.published.value, reviewer, comment)


def edit_source(
    session: Session,
    scheme: LevelScheme,
    article: Article,
    section: Section,
    text: str,
    heading: str | None,
    change: SourceChange,
    editor: str,
    comment: str | None,
    if_match: str | None,
) -> Version:
    """Publish new source text under ``If-Match`` with the source slot's ETag. Commits.

    ``minor``: the new version keeps the section's ``source_hash``, so every translation stays
    current. ``substantive``: the hash becomes the new text's SHA-256, so every version written
    against the old source is stale until replaced.
    """
    assert section.id is not None
    slots.lock_section(session, section.id)
    slots.require_if_match(
        if_match, slots.slot_etag(session, section.id, article.source_locale, slots.FULL)
    )
    current = slots.source_version(session, article, section)
    new_hash = source_hash(text) if change == SourceChange.substantive else section.source_hash
    if heading is None:
        heading = current.heading if current else ""
    version = Version(
        section_id=section.id,
        revision=0,
        locale=article.source_locale,
        level=slots.FULL,
        heading=heading,
        text=text,
        status=SUBMITTED,
        origin=Origin.api.value,
        source_hash=new_hash,
        author=editor,
        comment=comment,
    )
    content.append_version(session, scheme, section, version)
    _publish_source(session, section, version, current, editor, comment, change)
    section.source_hash = new_hash
    session.add(section)
    content.recompute_readability(session, scheme, article, [(article.source_locale, slots.FULL)])
    content.touch(session, article)
    session.commit()
    return version


def _publish_source(
    session: Session,
    section: Section,
    version: Version,
    current: Version | None,
    editor: str,
    comment: str | None,
    change: SourceChange,
) -> None:
    content.publish(session, version, editor)
    if current is not None:
        slots.record(
            session,
            current,
            EventAction.superseded.value,
            editor,
            details={"by_version": version.id},
        )
    action = (
        EventAction.source_substantive
        if change == SourceChange.substantive
        else EventAction.source_minor
    )
    slots.record(session, version, action.value, editor, comment)
