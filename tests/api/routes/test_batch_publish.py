"""Batch review (issue 9, point 6): POST /v1/articles/{slug}/publish publishes all or none."""

import pytest
from sqlmodel import select

from models import ArticleTitle, Version
from tests.api.routes.conftest import make_account

URL = "/v1/articles/hand-care"
ARTICLE = {
    "slug": "hand-care",
    "source_locale": "en",
    "title": "Clean hands",
    "sections": [
        {"key": "wash", "heading": "Wash", "text": "Wash your hands often with soap."},
        {"key": "dry", "heading": "Dry", "text": "Dry your hands with a clean towel."},
    ],
}
DE = {
    "wash": ("Waschen", "Waschen Sie Ihre Hände oft mit Seife."),
    "dry": ("Trocknen", "Trocknen Sie Ihre Hände mit einem sauberen Tuch."),
}


def history(client, people, path, level="full"):
    r = client.get(path, params={"locale": "de", "level": level}, headers=people["reviewer"])
    assert r.status_code == 200
    return r


@pytest.fixture
def batch(client, people):
    """Three de submissions by tom (two sections and the title) with their slot ETags."""
    assert client.post("/v1/articles", headers=people["editor"], json=ARTICLE).status_code == 201
    items = []
    for key, (heading, text) in DE.items():
        path = f"{URL}/sections/{key}/versions"
        base = history(client, people, path).json()["source"]["source_hash"]
        body = {"locale": "de", "level": "full", "heading": heading, "text": text}
        r = client.post(path, headers=people["translator"], json={**body, "base_source_hash": base})
        assert r.status_code == 201, r.json()
        items.append({"version_id": r.json()["id"], "etag": r.headers["etag"]})
    path = f"{URL}/title/versions"
    base = history(client, people, path).json()["source"]["source_hash"]
    title = {"locale": "de", "level": "full", "text": "Saubere Hände", "base_source_hash": base}
    r = client.post(path, headers=people["translator"], json=title)
    assert r.status_code == 201
    items.append({"title_id": r.json()["id"], "etag": r.headers["etag"]})
    return items


def statuses(session, items):
    session.expire_all()
    out = []
    for it in items:
        model = Version if "version_id" in it else ArticleTitle
        row = session.exec(
            select(model).where(model.id == (it.get("version_id") or it.get("title_id")))
        ).one()
        out.append(row.status)
    return out


def test_publishes_every_item_and_readers_get_the_language(client, people, batch, session):
    r = client.post(f"{URL}/publish", headers=people["reviewer"], json={"items": batch})
    assert r.status_code == 200, r.json()
    published = r.json()["published"]
    assert [(p["kind"], p["status"]) for p in published] == [
        ("section", "published"),
        ("section", "published"),
        ("title", "published"),
    ]
    assert published[0]["etag"] != batch[0]["etag"]
    read = client.get(URL, params={"locale": "de", "level": "full"}).json()
    assert (read["lang"], read["title"], read["title_lang"]) == ("de", "Saubere Hände", "de")
    assert [s["lang"] for s in read["sections"]] == ["de", "de"]
    assert statuses(session, batch) == ["published"] * 3


def test_a_stale_etag_refuses_the_batch_naming_it(client, people, batch, session):
    batch[1] = {**batch[1], "etag": '"slot-1-1"'}
    r = client.post(f"{URL}/publish", headers=people["reviewer"], json={"items": batch})
    assert r.status_code == 412
    assert r.json()["items"] == [1]
    assert f"items[1] (version_id {batch[1]['version_id']})" in r.json()["detail"]
    assert statuses(session, batch) == ["submitted"] * 3


def test_the_reviewers_own_versions_refuse_the_batch(client, people, batch, session):
    r = client.post(f"{URL}/publish", headers=people["translator"], json={"items": batch})
    assert r.status_code == 403  # tom has no reviewer grant
    both = make_account(session, "tom2", ("reviewer", "*", None))
    assert client.post(f"{URL}/publish", headers=both, json={"items": batch}).status_code == 200


def test_own_versions_are_named(client, people, session):
    assert client.post("/v1/articles", headers=people["editor"], json=ARTICLE).status_code == 201
    bea = make_account(session, "bea", ("translator", "de", None), ("reviewer", "de", None))
    path = f"{URL}/sections/wash/versions"
    base = history(client, people, path).json()["source"]["source_hash"]
    body = {"locale": "de", "level": "full", "heading": "Waschen", "text": DE["wash"][1]}
    mine = client.post(path, headers=bea, json={**body, "base_source_hash": base})
    items = [{"version_id": mine.json()["id"], "etag": mine.headers["etag"]}]
    r = client.post(f"{URL}/publish", headers=bea, json={"items": items})
    assert r.status_code == 403
    assert r.json()["items"] == [0] and "bea wrote these" in r.json()["detail"]


def test_every_item_needs_the_reviewers_grant(client, people, batch, session):
    es_only = make_account(session, "esther", ("reviewer", "es", None))
    r = client.post(f"{URL}/publish", headers=es_only, json={"items": batch})
    assert r.status_code == 403
    assert r.json()["items"] == [0, 1, 2]
    assert r.json()["needs"][0] == {"role": "reviewer", "language": "de", "level": "full"}


def test_bad_items_are_422_and_foreign_ids_404(client, people, batch):
    two = [{**batch[0], "title_id": 1}]
    r = client.post(f"{URL}/publish", headers=people["reviewer"], json={"items": two})
    assert r.status_code == 422 and r.json()["errors"][0]["parameter"] == "items[0]"
    same = [batch[0], batch[0]]
    r = client.post(f"{URL}/publish", headers=people["reviewer"], json={"items": same})
    assert r.status_code == 422 and r.json()["errors"][0]["parameter"] == "items[1]"
    r = client.post(
        f"{URL}/publish",
        headers=people["reviewer"],
        json={"items": [{"version_id": 1, "etag": "x"}]},
    )
    assert r.status_code == 404 and r.json()["items"] == ["items[0]"]
