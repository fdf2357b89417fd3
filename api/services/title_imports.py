"""The ``title`` entry of a PO or XLIFF import (issue 9, point 4): planned with the other
entries of the file, stored through :func:`api.services.titles.submit_title`.

The entry's source (PO ``msgid``, XLIFF ``<source>``) is the source title the translator saw:
the source-language title at the scheme's source level (reference.md section 5). It names the
source revision the translation is written from, as a section's ``msgid`` does: the current
source title -> its ``source_hash`` is the base; an earlier source title -> ``conflict`` with
the current one; a text that never was the source title -> ``error``. The same checks as an
API title submission decide ``error``; the live title with this text and source -> ``unchanged``.
"""

from dataclasses import dataclass, field
from typing import Any

from sqlmodel import Session

from api.domain.checks import errors
from api.domain.levels import LevelScheme
from api.errors import InvalidParameter
from api.repositories import titles
from api.repositories.titles import TitleSlot
from api.services import titles as title_service
from models import Article, ArticleTitle
from models.common import Origin


@dataclass(frozen=True)
class TitlePlan:
    """What a planned title entry stores: the translation and the source hash it names."""

    text: str
    base_source_hash: str


@dataclass
class TitleDecision:
    """A planned title entry: ``outcome`` (``submitted``, ``unchanged``, ``conflict`` or
    ``error``), its ``detail``, the check results, the current source title (conflicts) and,
    when ``submitted``, what to store."""

    outcome: str
    detail: str = ""
    checks: list[dict[str, Any]] = field(default_factory=list)
    current_source: str | None = None
    plan: TitlePlan | None = None


def source_revisions(session: Session, scheme: LevelScheme, article: Article) -> dict[str, str]:
    """``{source title text: source_hash}`` of every version the source title slot has had
    (the newest wins for a text used twice)."""
    slot = TitleSlot(article.id or 0, article.source_locale, scheme.source_level)
    return {t.title: t.source_hash for t in reversed(titles.versions(session, slot))}


def plan_title(
    session: Session, scheme: LevelScheme, article: Article, proposal: tuple[str, str, str, str]
) -> TitleDecision:
    """What importing ``(locale, level, source, text)`` would do; stores nothing."""
    locale, level, source, text = proposal
    current = title_service.current_source(session, scheme, article)
    found = source_revisions(session, scheme, article).get(source)
    if found is None:
        detail = "no such source string: the msgid (XLIFF source) is not the source title,"
        return TitleDecision("error", detail + " now or earlier; export the file again")
    if found != current["source_hash"]:
        detail = "the source title changed since this file was exported; translate the current"
        return TitleDecision("conflict", detail + " source", current_source=current["text"])
    live = titles.live(session, TitleSlot(article.id or 0, locale, level))
    if live is not None and (live.title, live.source_hash) == (text, found):
        return TitleDecision("unchanged", f"title version {live.id}")
    try:
        checks = title_service.check_title(session, scheme, article, (locale, level, text))
    except InvalidParameter as exc:  # the source slot: set by an editor
        return TitleDecision("error", exc.detail)
    results = [c.as_dict() for c in checks]
    failed = errors(checks)
    if failed:
        detail = "; ".join(f"{c.check}: {c.message}" for c in failed)
        return TitleDecision("error", detail, results)
    return TitleDecision("submitted", "", results, plan=TitlePlan(text, found))


def store_title(
    session: Session,
    scheme: LevelScheme,
    article: Article,
    slot: tuple[str, str],
    who: tuple[str, Origin],
    plan: TitlePlan,
) -> ArticleTitle | None:
    """Store a planned title as ``submitted`` (no commit) in ``slot`` ``(locale, level)`` by
    ``who`` ``(author, origin)``; None if it turned out unchanged."""
    locale, level = slot
    author, origin = who
    return title_service.submit_title(
        session,
        article=article,
        locale=locale,
        level=level,
        text=plan.text,
        base_source_hash=plan.base_source_hash,
        actor=author,
        origin=origin,
        scheme=scheme,
    )
