"""Titles as content (issue 9, point 4): submitted, checked, reviewed and published like
section versions, with the same states and history (reference.md section 5).

A title slot is one article x language x level (``api.repositories.titles.TitleSlot``). The
source title is the published ``full`` title in the article's source language; its
``source_hash`` (SHA-256 of the source title) is what a translation names as
``base_source_hash``, and a published translation whose hash differs is ``stale``. Checks are
the section checks that make sense for one line of text (``api.domain.checks``): ``empty``,
``numbers`` (against the source title) and ``characters``. Publishing and withdrawing log
``title_changed`` in the change log; every state change is an ``article_title_event`` row.
"""

from sqlmodel import Session

from api.domain.checks import CheckResult, Draft, check_characters, check_empty, errors
from api.domain.checks import check_numbers as numbers_check
from api.domain.levels import LevelScheme, load_scheme
from api.errors import Conflict, Forbidden, InvalidParameter, NotFound
from api.repositories import titles
from api.repositories.changes import log_change
from api.repositories.titles import TitleSlot
from api.services import content
from api.services.auth import Principal
from api.services.slots import require_if_match
from api.services.workflow import Decision
from models import (
    Article,
    ArticleTitle,
    ChangeKind,
    EventAction,
    VersionStatus,
)
from models.common import Origin

TITLE_CHECKS = (check_empty, numbers_check, check_characters)


def source_title(session: Session, scheme: LevelScheme, article: Article) -> ArticleTitle | None:
    """The published source title (source language, the scheme's source level), if any."""
    slot = TitleSlot(article.id or 0, article.source_locale, scheme.source_level)
    return titles.published(session, slot)


def current_source(session: Session, scheme: LevelScheme, article: Article) -> dict[str, str]:
    """``{"source_hash", "text"}`` of the source title a translation must be written from."""
    found = source_title(session, scheme, article)
    return {
        "source_hash": found.source_hash if found else "",
        "text": found.title if found else "",
    }


def check_title(
    session: Session, scheme: LevelScheme, article: Article, proposal: tuple[str, str, str]
) -> list[CheckResult]:
    """The check results of title ``text`` for ``(locale, level, text)``; 422 for the source
    slot (edited by editors), 409 (with ``current_source``) for an outdated ``base_source_hash``
    is raised by :func:`submit_title`."""
    locale, level, text = proposal
    if (locale, level) == (article.source_locale, scheme.source_level):
        reason = "the source title is set by an editor, not submitted as a translation"
        raise InvalidParameter(reason, [{"parameter": "level", "reason": reason}])
    source = source_title(session, scheme, article)
    draft = Draft(
        text,
        locale,
        level,
        source.title if source else "",
        article.source_locale,
        {},
        scheme.source_level,
    )
    return [check(draft) for check in TITLE_CHECKS]


def submit_title(
    session: Session,
    *,
    article: Article,
    locale: str,
    level: str,
    text: str,
    base_source_hash: str,
    actor: str,
    origin: Origin,
    scheme: LevelScheme | None = None,
) -> ArticleTitle | None:
    """Check and store one title translation as ``submitted`` (no commit; the caller holds
    the grant check and commits). For the API and for PO/XLIFF ``msgctxt "title"`` entries.

    ``locale`` is a canonical BCP 47 tag, ``level`` a level id. Returns the new title version,
    or None when the slot's live title already has exactly this text and source hash
    (``unchanged``). Raises ``Conflict`` (409, ``current_source``) when ``base_source_hash``
    is not the current source title's, ``InvalidParameter`` (422, ``errors`` and ``checks``)
    when a check fails or the slot is the source title's.
    """
    scheme = scheme or load_scheme()
    if base_source_hash != current_source(session, scheme, article)["source_hash"]:
        raise Conflict(
            "the source title changed since this was written; translate the current source",
            current_source=current_source(session, scheme, article),
        )
    checks = check_title(session, scheme, article, (locale, level, text))
    failed = errors(checks)
    if failed:
        reasons = [{"parameter": "text", "reason": f"{c.check}: {c.message}"} for c in failed]
        raise InvalidParameter(
            "; ".join(r["reason"] for r in reasons),
            reasons,
            checks=[c.as_dict() for c in checks],
        )
    slot = TitleSlot(article.id or 0, locale, level)
    live = titles.live(session, slot)
    if live is not None and (live.title, live.source_hash) == (text, base_source_hash):
        return None
    title = ArticleTitle(
        article_id=slot.article_id,
        locale=locale,
        level=level,
        title=text,
        status=VersionStatus.submitted,
        origin=origin.value,
        source_hash=base_source_hash,
        revision=titles.next_revision(session, slot),
        author=actor,
    )
    session.add(title)
    session.flush()
    details = {"checks": [c.as_dict() for c in checks]}
    titles.record(session, title, EventAction.submitted, actor, details=details)
    return title


def title_in(session: Session, article: Article, title_id: int) -> ArticleTitle:
    """Title version ``title_id`` of ``article`` (fresh from the database), or 404."""
    title = session.get(ArticleTitle, title_id)
    if title is None or title.article_id != article.id:
        raise NotFound(f"article has no title version {title_id}", missing={"title": title_id})
    session.refresh(title)
    return title


def guard(title: ArticleTitle, reviewer: Principal, want: VersionStatus, action: str) -> None:
    """403 without the reviewer grant or on the reviewer's own title; 409 in another state."""
    reviewer.require("reviewer", title.locale, title.level)
    if title.author == reviewer.name:
        raise Forbidden(
            f"{reviewer.name} wrote title version {title.id}; a reviewer never"
            " reviews their own version",
            needs={"role": "reviewer", "language": title.locale, "level": title.level},
        )
    if title.status != want:
        raise Conflict(
            f"title version {title.id} is {title.status}: only a {want} version can be {action}",
            status_now=title.status,
        )


def publish_checked(
    session: Session, scheme: LevelScheme, article: Article, title: ArticleTitle, reviewer: str
) -> None:
    """Publish a guarded submission (no commit); 409 when it is stale."""
    if title.source_hash != current_source(session, scheme, article)["source_hash"]:
        raise Conflict(
            f"title version {title.id} was written against an older source title;"
            " it is stale and cannot be published"
        )
    content.publish_title(session, article, title, reviewer)


def set_status(
    title: ArticleTitle, session: Session, action: EventAction, who: tuple[str, str]
) -> None:
    """Reject or withdraw ``title`` with ``(reviewer, comment)`` (no commit); a withdrawal is a
    change readers see (``title_changed``)."""
    reviewer, comment = who
    title.status, title.comment = VersionStatus(action.value), comment
    title.reviewed_by = reviewer
    session.add(title)
    session.flush()
    titles.record(session, title, action, reviewer, comment)
    if action == EventAction.withdrawn:
        log_change(
            session,
            ChangeKind.title_changed,
            article_id=title.article_id,
            actor=reviewer,
            language_level=(title.locale, title.level),
        )


def submit(
    session: Session,
    scheme: LevelScheme,
    article: Article,
    text: tuple[str, str, str, str],
    author: str,
) -> ArticleTitle:
    """API submission of ``(locale, level, text, base_source_hash)``: 201 body's title, or 409
    when the live title is already exactly this (nothing to review). Commits."""
    locale, level, title_text, base = text
    titles.lock_article(session, article.id or 0)
    stored = submit_title(
        session,
        article=article,
        locale=locale,
        level=level,
        text=title_text,
        base_source_hash=base,
        actor=author,
        origin=Origin.api,
        scheme=scheme,
    )
    if stored is None:
        session.rollback()
        raise Conflict(
            "the title slot already has exactly this text waiting or published",
            status_now=VersionStatus.submitted,
        )
    session.commit()
    return stored


def review(
    session: Session, scheme: LevelScheme, article: Article, decision: Decision, reviewer: Principal
) -> ArticleTitle:
    """Publish, reject or withdraw one title version under ``If-Match`` with the title slot's
    ETag: 403 (grant, own version), 404, 409 (state, stale), 412/428, 422 (comment). Commits."""
    action, comment = decision.action, decision.comment
    if action != EventAction.published and not (comment and comment.strip()):
        raise InvalidParameter.single("comment", f"is required to mark a version {action}")
    titles.lock_article(session, article.id or 0)
    title = title_in(session, article, decision.version_id)
    withdrawing = action == EventAction.withdrawn
    guard(
        title,
        reviewer,
        VersionStatus.published if withdrawing else VersionStatus.submitted,
        str(action),
    )
    require_if_match(decision.if_match, titles.etag(session, titles.slot_of(title)))
    if action == EventAction.published:
        title.comment = comment
        publish_checked(session, scheme, article, title, reviewer.name)
    else:
        set_status(title, session, action, (reviewer.name, comment or ""))
    if action != EventAction.rejected:
        content.touch(session, article)
    session.commit()
    return title


def published_titles(session: Session, article_id: int) -> dict[str, dict[str, str]]:
    """``{locale: {level: title}}`` of every published title of the article (sync, bundles)."""
    out: dict[str, dict[str, str]] = {}
    for t in titles.published_in_article(session, article_id):
        out.setdefault(t.locale, {})[t.level] = t.title
    return out
