"""Snapshots (``api.services.snapshot``) and the store's byte bound on them (issue 10 point 6)."""

import gc
import tracemalloc

from sqlmodel import Session

from api.domain.readability import ReadabilityReport
from api.services.snapshot import load_snapshot, load_snapshots
from api.services.store import ContentStore

SLUG = "immunotherapy-breast-cancer"


def _store(connection, snapshot_bytes: int) -> ContentStore:
    def sessions() -> Session:
        return Session(bind=connection, join_transaction_mode="create_savepoint")

    return ContentStore(sessions, check_interval=60, snapshot_bytes=snapshot_bytes)


def test_the_store_keeps_a_snapshot_that_fits_its_byte_bound(connection, session):
    size = load_snapshot(session, SLUG).nbytes
    store = _store(connection, size)
    first = store.get(SLUG)
    assert first is not None and first.nbytes == size
    assert store.stats()["snapshots"] == {"entries": 1, "bytes": size, "max_bytes": size}
    assert store.get(SLUG) is first  # held: not rebuilt


def test_a_snapshot_larger_than_the_bound_is_served_and_not_kept(connection, session):
    size = load_snapshot(session, SLUG).nbytes
    store = _store(connection, size - 1)
    first = store.get(SLUG)
    assert first is not None and first.slug == SLUG
    assert store.stats()["snapshots"] == {"entries": 0, "bytes": 0, "max_bytes": size - 1}
    assert store.get(SLUG) is not first  # rebuilt


def test_the_size_estimate_is_within_a_quarter_of_the_memory_a_snapshot_holds(session):
    load_snapshot(session, SLUG)  # compiled statements and caches are not the snapshot's
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        snapshot = load_snapshot(session, SLUG)
        gc.collect()
        held = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert snapshot is not None
    assert 0.75 * held <= snapshot.nbytes <= 1.25 * held


def test_a_version_reads_its_stored_report_and_grade(session):
    snapshot = load_snapshot(session, SLUG)
    assert snapshot is not None
    version = snapshot.sections[0].versions["es"]["plain"]
    report = version.readability
    assert isinstance(report, ReadabilityReport) and report.locale == "es"
    assert version.grade == report.grade_equivalent
    assert ReadabilityReport.model_validate_json(version.report_json) == report


def test_a_partial_snapshot_has_the_languages_asked_and_the_source(session):
    full = load_snapshot(session, SLUG)
    partial = load_snapshots(session, [SLUG, "no-such-article"], ["es"])
    assert full is not None and list(partial) == [SLUG]
    assert partial[SLUG].languages == ("en", "es")
    assert [set(s.versions) for s in partial[SLUG].sections] == [
        {"en", "es"} for _ in full.sections
    ]
    assert partial[SLUG].sections[0].versions["es"] == full.sections[0].versions["es"]


def test_what_a_version_derives_is_computed_once_for_every_outcome_serving_it(client):
    url = "/v1/articles/immunotherapy-breast-cancer"
    es = client.get(url, headers={"Accept-Language": "es"}).json()
    snapshot = client.app.state.store.get("immunotherapy-breast-cancer")
    served = {s["version"]["id"] for s in es["sections"]}
    assert set(snapshot.derived) == served
    held = {vid: found for vid, found in snapshot.derived.items()}
    by_locale = client.get(url, params={"locale": "es"}).json()  # another outcome, same texts
    assert by_locale["negotiated"] == {"language": "es", "via": "locale"}
    assert es["negotiated"] == {"language": "es", "via": "accept-language"}
    assert [s["glossary"] for s in by_locale["sections"]] == [s["glossary"] for s in es["sections"]]
    assert all(snapshot.derived[vid] is held[vid] for vid in served)  # reused, not recomputed
