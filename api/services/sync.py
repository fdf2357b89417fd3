"""Delta sync (issue 10, point 4; reference.md section 4; the model is Contentful's sync API).

- Initial sync (no token): every item that exists now within the filters, article by article
  in slug order, positioned at the change log's head read before the first page.
- Delta (``sync_token``): the distinct scopes of the change rows after the token's position up
  to the head read before the first page (``api.repositories.sync.scopes``), expanded into the
  item keys they can affect (``affected``), each sent once with its final state now: ``upsert``
  with the body, or ``delete`` (a tombstone) when it no longer exists.

Both page by item key (``ItemKey`` order), so a page token never skips an item when content
changes between pages; whatever changed after the head is in the next delta. Why a delta
never misses a change committed concurrently: change-writing transactions allocate and commit
change ids in order (``api.repositories.changes``), so every row with an id up to the head is
committed when the head is read, and bodies are read from the database after that.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session

from api.domain.levels import LevelScheme
from api.domain.negotiation import matching_languages
from api.errors import Gone
from api.repositories import sync as repo
from api.repositories.changes import ChangeFilter, last_change_id
from api.repositories.sync import Scope
from api.services.snapshot import ArticleSnapshot, load_snapshots
from api.services.sync_items import Item, ItemKey, all_keys, body_of
from api.services.sync_token import Filters, InvalidToken, TokenSigner
from models import ChangeKind

SLOT_KINDS = {
    ChangeKind.published,
    ChangeKind.superseded,
    ChangeKind.withdrawn,
    ChangeKind.stale_set,
    ChangeKind.stale_cleared,
}
SECTION_KINDS = {ChangeKind.source_edited, ChangeKind.section_added}
REORDER_KINDS = {ChangeKind.section_moved, ChangeKind.section_retired}  # positions shift
ARTICLE_BATCH = 50
SNAPSHOT_BATCH = 10  # snapshots built per statement batch (api.services.snapshot)


@dataclass(frozen=True, slots=True)
class SyncPage:
    """One page: items, and either the next page's token or the token to sync from later."""

    items: list[Item]
    next_page_token: str | None
    next_sync_token: str | None

    def as_json(self) -> bytes:
        """``{"items": [...], "next_page_token", "next_sync_token"}`` as compact UTF-8 JSON."""
        items = ",".join(item.as_json() for item in self.items)
        tokens = [
            f'"{name}":' + (f'"{value}"' if value else "null")
            for name, value in (
                ("next_page_token", self.next_page_token),
                ("next_sync_token", self.next_sync_token),
            )
        ]
        return f'{{"items":[{items}],{",".join(tokens)}}}'.encode()


@dataclass(frozen=True, slots=True)
class Position:
    """Where a sync stands: ``after`` None for an initial sync, the head it ends at, and the
    last item key sent (None before the first page)."""

    after: int | None
    head: int
    cursor: ItemKey | None = None

    def state(self, cursor: ItemKey) -> dict[str, Any]:
        """The page token's document for the page after ``cursor``."""
        return {"a": self.after, "h": self.head, "c": list(cursor)}


class Syncer:
    """Answers sync requests against one session."""

    def __init__(self, session: Session, scheme: LevelScheme, signer: TokenSigner) -> None:
        self.session, self.scheme, self.signer = session, scheme, signer

    def start(self, filters: Filters | None, sync_token: str | None) -> tuple[Filters, Position]:
        """The position of a first page: initial (no token: ``filters`` required) or a delta
        from ``sync_token``."""
        # an emptied log after compaction has no rows: the head is then the low-water mark
        head = max(last_change_id(self.session), repo.low_water(self.session))
        if sync_token is None:
            assert filters is not None
            return filters, Position(None, head)
        token_filters, after = self.signer.read_sync(sync_token)
        _same_filters(filters, token_filters, "sync_token")
        self._check_fresh(after)
        return token_filters, Position(after, max(head, after))

    def resume(self, filters: Filters | None, page_token: str) -> tuple[Filters, Position]:
        """The position a page token stands for."""
        token_filters, state = self.signer.read_page(page_token)
        if filters is not None:
            _same_filters(filters, token_filters, "page_token")
        try:
            after, head, cursor = state["a"], int(state["h"]), ItemKey(*state["c"])
        except (KeyError, TypeError, ValueError):
            raise InvalidToken.naming("page_token", "is not a page token") from None
        if after is not None:
            self._check_fresh(int(after))
        return token_filters, Position(after, head, cursor)

    def page(self, filters: Filters, position: Position, limit: int) -> SyncPage:
        """Up to ``limit`` items after the position's cursor, with the next token (signed for
        ``filters`` as requested; the items are those of :func:`served_filters`)."""
        served = served_filters(self.session, filters)
        source = (
            self._initial(served, position.cursor)
            if position.after is None
            else self._delta(served, position)
        )
        items = _take(source, limit + 1)
        if len(items) > limit:
            del items[limit:]
            token = self.signer.page_token(filters, position.state(items[-1].key))
            return SyncPage(items, token, None)
        return SyncPage(items, None, self.signer.sync_token(filters, position.head))

    def _check_fresh(self, after: int) -> None:
        mark = repo.low_water(self.session)
        if after < mark:
            raise Gone(
                "this sync token is older than the change log kept on the server (compacted "
                f"up to change {mark}); discard the local copy and start over with an initial "
                "sync (no sync_token)",
                [
                    {
                        "parameter": "sync_token",
                        "reason": "older than the change log's low-water mark",
                    }
                ],
            )

    def _initial(self, filters: Filters, cursor: ItemKey | None) -> Iterator[Item]:
        wanted = frozenset(filters.articles) if filters.articles else None
        after_slug, inclusive = (cursor.article, True) if cursor else ("", True)
        while True:
            slugs = repo.articles_after(self.session, after_slug, inclusive, ARTICLE_BATCH, wanted)
            for snapshot in self._snapshots(slugs, filters.locales):
                for key in all_keys(snapshot, filters.locales, filters.levels):
                    if cursor is None or key > cursor:
                        body = body_of(self.scheme, snapshot, key, _pair(filters))
                        if body is not None:
                            yield Item(key, body)
            if len(slugs) < ARTICLE_BATCH:
                return
            after_slug, inclusive = slugs[-1], False

    def _snapshots(self, slugs: list[str], locales: tuple[str, ...]) -> Iterator[ArticleSnapshot]:
        """The snapshots of ``slugs`` in order, with the versions of ``locales`` and the source
        language only (every item is an exact slot), built a few articles per statement batch
        (a page stops pulling when full; retired articles are skipped)."""
        for start in range(0, len(slugs), SNAPSHOT_BATCH):
            chunk = slugs[start : start + SNAPSHOT_BATCH]
            built = load_snapshots(self.session, chunk, locales)
            yield from (built[slug] for slug in chunk if slug in built)

    def _delta(self, filters: Filters, position: Position) -> Iterator[Item]:
        by_article: dict[str, list[ItemKey]] = {}
        for key in sorted(self._dirty(filters, position.after or 0, position.head)):
            if position.cursor is None or key > position.cursor:
                by_article.setdefault(key.article, []).append(key)
        slugs = list(by_article)
        for start in range(0, len(slugs), SNAPSHOT_BATCH):
            chunk = slugs[start : start + SNAPSHOT_BATCH]
            built = load_snapshots(self.session, chunk, filters.locales)  # absent: retired
            for slug in chunk:
                for key in by_article[slug]:
                    yield Item(key, body_of(self.scheme, built.get(slug), key, _pair(filters)))

    def _dirty(self, filters: Filters, after: int, head: int) -> set[ItemKey]:
        """Every item key a change row in ``(after, head]`` within the filters may affect."""
        article_ids = None
        if filters.articles is not None:
            found = repo.article_ids(self.session, frozenset(filters.articles))
            article_ids = frozenset(found.values())
        change_filter = ChangeFilter(
            frozenset(filters.locales), frozenset(filters.levels), article_ids
        )
        scopes = repo.scopes(self.session, after, head, change_filter)
        ids = {s.article_id for s in scopes}
        articles = repo.article_slugs(self.session, ids)
        sections = repo.section_keys(self.session, ids)
        keys: set[ItemKey] = set()
        for scope in scopes:
            slug, retired = articles[scope.article_id]
            keys.update(affected(scope, slug, retired, sections[scope.article_id], filters))
        return keys


def served_filters(session: Session, filters: Filters) -> Filters:
    """``filters`` with each requested tag replaced by the stored languages a reader with that
    explicit locale could be served (reference.md section 3's distance rule:
    :func:`api.domain.negotiation.matching_languages`): ``es-MX`` -> ``es`` (and ``es-419``
    if stored). Items carry the language served; a tag nothing matches syncs nothing."""
    stored = repo.content_languages(session)
    served = {lang for tag in filters.locales for lang in matching_languages(tag, stored)}
    return Filters(tuple(sorted(served)), filters.levels, filters.articles)


def affected(
    scope: Scope,
    slug: str,
    article_retired: bool,
    sections: dict[int, tuple[str, bool]],
    filters: Filters,
) -> set[ItemKey]:
    """The item keys one kind of change can affect (pure; docs/reference.md, delta sync)."""
    locales, levels = filters.locales, filters.levels
    live = [key for key, retired in sections.values() if article_retired or not retired]

    def slots(keys: Iterable[str], locs: Iterable[str] = locales) -> set[ItemKey]:
        return {
            ItemKey.of("section", slug, k, lc, lv) for k in keys for lc in locs for lv in levels
        }

    found = {ItemKey.of("article", slug)}
    own = [sections[scope.section_id][0]] if scope.section_id in sections else []
    kind = scope.kind
    if kind in SLOT_KINDS and scope.locale and scope.level:
        found |= {ItemKey.of("section", slug, k, scope.locale, scope.level) for k in own}
    elif kind in SECTION_KINDS:
        found |= slots(own)
    elif kind in REORDER_KINDS:
        found |= slots(own) | slots(live)
    elif kind == ChangeKind.title_changed and scope.locale and scope.level:
        found.add(ItemKey.of("title", slug, "", scope.locale, scope.level))
    elif kind == ChangeKind.glossary_changed and scope.locale:
        found |= {ItemKey.of("glossary", slug, "", scope.locale)} | slots(live, [scope.locale])
    elif kind != ChangeKind.article_changed:  # added, retired, or a kind this does not know
        found |= {ItemKey.of("title", slug, "", lc, lv) for lc in locales for lv in levels}
        found |= {ItemKey.of("glossary", slug, "", lc) for lc in locales} | slots(live)
    return found


def _pair(filters: Filters) -> tuple[tuple[str, ...], tuple[str, ...]]:
    return filters.locales, filters.levels


def _take(items: Iterator[Item], count: int) -> list[Item]:
    taken = []
    for item in items:
        taken.append(item)
        if len(taken) == count:
            break
    return taken


def _same_filters(given: Filters | None, issued: Filters, parameter: str) -> None:
    if given is not None and given != issued:
        wanted = f"locales={','.join(issued.locales)}&levels={','.join(issued.levels)}" + (
            f"&articles={','.join(issued.articles)}" if issued.articles else ""
        )
        raise InvalidToken.naming(
            parameter, f"was issued for other filters ({wanted}); give the same or none"
        )
