"""Delta sync through HTTP (issue 10, point 4): initial sync, pages, deltas with tombstones,
tokens (signed, filtered, compacted), retire and move, and a client's copy after random edits
equal to a fresh full read."""

import hashlib
import random
from datetime import UTC, datetime, timedelta

from sqlmodel import Session, select

from api.repositories.sync import compact
from api.services import content
from api.services.catalogs import source_hash
from models import Article, ArticleTitle, Section, VersionStatus
from models.common import Origin
from tests.api.routes.sync_client import apply, key_of, pages

SLUG = "immunotherapy-breast-cancer"
URL = f"/v1/articles/{SLUG}"
FILTERS = {"locales": "es,ar", "levels": "plain,easy"}
DE = (
    "Immuntherapie ist eine neue Hilfe gegen Brustkrebs. Sie hilft dem Körper, Krebs zu "
    "finden. Dann kann der Körper den Krebs angreifen. Es gibt noch nicht alle Antworten. "
    "Die Forscher lernen jeden Tag mehr. Die ersten Ergebnisse machen vielen Frauen Mut."
)


def _keys(session: Session) -> list[str]:
    session.expire_all()
    rows = session.exec(
        select(Section.key).where(Section.retired_at == None).order_by(Section.position)  # noqa: E711
    )
    return list(rows)


def test_initial_sync_pages_through_every_slot_with_the_section_endpoints_bytes(client, session):
    items, token = pages(client, FILTERS | {"limit": 5})
    keys = [key_of(i) for i in items]
    assert len(keys) == len(set(keys))
    sections = [i for i in items if i["type"] == "section"]
    assert len(sections) == 8 * 2 * 2  # every section x es, ar x plain, easy is published
    assert {(i["locale"], i["level"]) for i in items if i["type"] == "title"} == {
        ("es", "plain"),
        ("es", "easy"),
        ("ar", "plain"),
        ("ar", "easy"),
    }
    assert [i["type"] for i in items[:1]] == ["article"]
    assert all(i["op"] == "upsert" for i in items)
    for item in sections[::7]:
        params = {"locale": item["locale"], "level": item["level"], "fallback": "none"}
        r = client.get(f"{URL}/sections/{item['section']}", params=params)
        assert r.json() == item["body"]
        assert item["etag"] == '"' + hashlib.sha256(r.content).hexdigest() + '"'
    again, token2 = pages(client, FILTERS)
    assert again == items and token2 == token


def test_a_delta_sends_publish_as_upsert_and_withdraw_as_tombstone(client, people, session):
    params = {"locales": "de", "levels": "plain"}
    items, token = pages(client, params)
    assert items == []  # no German yet: no item, not even the article
    vid = _publish_de(client, people, session, "summary", "plain")
    delta, token = pages(client, {"sync_token": token})
    by_type = {(i["type"], i["op"]) for i in delta}
    assert ("section", "upsert") in by_type
    (section,) = [i for i in delta if i["type"] == "section"]
    assert (section["section"], section["locale"], section["body"]["text"]) == ("summary", "de", DE)
    assert pages(client, {"sync_token": token})[0] == []
    _act(client, people, vid, "withdraw", "wrong", "plain")
    delta, _ = pages(client, {"sync_token": token})
    (gone,) = [i for i in delta if i["type"] == "section"]
    assert (gone["op"], gone["section"], gone["body"], gone["etag"]) == (
        "delete",
        "summary",
        None,
        None,
    )


def test_forged_foreign_and_mismatched_tokens_are_400_naming_the_parameter(client):
    _, token = pages(client, FILTERS)
    forged = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    for params, name in (
        ({"sync_token": forged}, "sync_token"),
        ({"page_token": token}, "page_token"),  # a sync token is not a page token
        ({"sync_token": token, "locales": "es", "levels": "plain"}, "sync_token"),
        ({"sync_token": token, "page_token": token}, "page_token"),
    ):
        r = client.get("/v1/sync", params=params)
        assert r.status_code == 400, params
        assert r.headers["content-type"] == "application/problem+json"
        assert r.json()["errors"][0]["parameter"] == name
    assert client.get("/v1/sync", params={"sync_token": token} | FILTERS).status_code == 200


def test_bad_filters_are_422_naming_them(client):
    for params, name in (
        ({}, "locales"),
        ({"locales": "es"}, "levels"),
        ({"locales": "es", "levels": "hard"}, "levels"),
        ({"locales": "e$", "levels": "plain"}, "locales"),
        (FILTERS | {"limit": 501}, "limit"),
    ):
        r = client.get("/v1/sync", params=params)
        assert r.status_code == 422, params
        assert r.json()["errors"][0]["parameter"] == name


def test_a_token_older_than_compaction_gets_410(client, people, session):
    _, old = pages(client, FILTERS)
    _publish_de(client, people, session, "summary", "plain")
    _, fresh = pages(client, FILTERS)
    removed, mark = compact(session, datetime.now(UTC) + timedelta(seconds=1))
    session.commit()
    assert removed > 0 and mark > 0
    r = client.get("/v1/sync", params={"sync_token": old})
    assert r.status_code == 410
    assert "initial sync" in r.json()["detail"]
    assert client.get("/v1/sync", params={"sync_token": fresh}).status_code == 200


def test_retire_and_move_need_an_editor_and_send_tombstones(client, people, session):
    _, token = pages(client, FILTERS)
    r = client.post(f"{URL}/sections/side-effects/retire", headers=people["translator"])
    assert r.status_code == 403
    r = client.post(f"{URL}/sections/side-effects/retire", headers=people["editor"])
    assert r.status_code == 200 and r.json()["key"] == "side-effects"
    assert (
        client.post(f"{URL}/sections/side-effects/retire", headers=people["editor"]).status_code
        == 409
    )
    assert client.get(f"{URL}/sections/side-effects").status_code == 404
    assert "side-effects" not in [s["key"] for s in client.get(URL).json()["sections"]]
    r = client.post(f"{URL}/sections/summary/move", json={"position": 0}, headers=people["editor"])
    assert r.status_code == 200 and r.json()["sections"][0] == {"key": "summary", "position": 0}
    assert _keys(session)[0] == "summary"
    bad = client.post(
        f"{URL}/sections/summary/move", json={"position": 7}, headers=people["editor"]
    )
    assert bad.status_code == 422 and bad.json()["errors"][0]["parameter"] == "position"
    delta, token = pages(client, {"sync_token": token})
    tombstones = {(i["section"], i["locale"], i["level"]) for i in delta if i["op"] == "delete"}
    assert tombstones == {
        ("side-effects", lc, lv) for lc in ("es", "ar") for lv in ("plain", "easy")
    }
    (article,) = [i for i in delta if i["type"] == "article"]
    assert [s["key"] for s in article["body"]["sections"]][:1] == ["summary"]
    assert client.post(f"{URL}/retire", headers=people["editor"]).status_code == 200
    assert client.get(URL).status_code == 404
    assert client.get("/v1/articles").json()["items"] == []
    delta, _ = pages(client, {"sync_token": token})
    assert delta and all(i["op"] == "delete" for i in delta)
    assert pages(client, FILTERS)[0] == []


def _hash(session: Session, key: str) -> str:
    session.expire_all()
    return session.exec(select(Section.source_hash).where(Section.key == key)).one()


def _etag(client, people, key: str, level: str) -> str:  # type: ignore[no-untyped-def]
    params = {"locale": "de", "level": level}
    r = client.get(f"{URL}/sections/{key}/versions", params=params, headers=people["reviewer"])
    return r.headers["etag"]


def _act(client, people, vid: int, action: str, comment: str | None, level: str) -> None:  # type: ignore[no-untyped-def]
    headers = people["reviewer"] | {"If-Match": _etag(client, people, "summary", level)}
    body = {"comment": comment} if comment else None
    r = client.post(f"{URL}/sections/summary/versions/{vid}/{action}", headers=headers, json=body)
    assert r.status_code == 200, r.text


def _publish_de(client, people, session: Session, key: str, level: str) -> int:  # type: ignore[no-untyped-def]
    body = {"locale": "de", "level": level, "text": DE, "base_source_hash": _hash(session, key)}
    r = client.post(f"{URL}/sections/{key}/versions", headers=people["translator"], json=body)
    assert r.status_code == 201, r.text
    vid = int(r.json()["id"])
    _act(client, people, vid, "publish", None, level)
    return vid


def _edit_source(client, people, key: str, n: int) -> None:  # type: ignore[no-untyped-def]
    params = {"locale": "en", "level": "full"}
    source = client.get(f"{URL}/sections/{key}/versions", params=params, headers=people["editor"])
    text = source.json()["source"]["text"] + f" Ask your doctor ({n})."
    r = client.put(
        f"{URL}/sections/{key}/source",
        json={"text": text, "change": "substantive"},
        headers=people["editor"] | {"If-Match": source.headers["etag"]},
    )
    assert r.status_code == 200, r.text


def _retitle(session: Session, locale: str, level: str, n: int) -> None:
    article = session.exec(select(Article).where(Article.slug == SLUG)).one()
    title = f"Titel {n}"
    content.publish_title(
        session,
        article,
        ArticleTitle(
            article_id=article.id or 0,
            locale=locale,
            level=level,
            title=title,
            status=VersionStatus.submitted,
            origin=Origin.api.value,
            source_hash=source_hash(title),
        ),
        "eve",
    )
    content.touch(session, article)
    session.commit()


def _random_edit(client, people, session: Session, rng: random.Random, n: int, live: dict) -> None:  # type: ignore[no-untyped-def,type-arg]
    """One of: publish, withdraw, source edit (stale), title change, retire a section."""
    action = rng.choice(["publish", "publish", "withdraw", "source", "title", "retire"])
    level = rng.choice(["plain", "easy"])
    if action == "withdraw" and level in live:
        _act(client, people, live.pop(level), "withdraw", f"edit {n}", level)
    elif action == "source":
        _edit_source(client, people, rng.choice(_keys(session)), n)
    elif action == "title":
        _retitle(session, rng.choice(["de", "es"]), level, n)
    elif action == "retire" and len(_keys(session)) > 4:
        key = rng.choice([k for k in _keys(session) if k != "summary"])
        assert (
            client.post(f"{URL}/sections/{key}/retire", headers=people["editor"]).status_code == 200
        )
    else:
        live[level] = _publish_de(client, people, session, "summary", level)


def test_a_client_after_50_random_edits_and_a_delta_equals_a_fresh_full_read(
    client, people, session
):
    params = {"locales": "de,es", "levels": "plain,easy"}
    items, token = pages(client, params | {"limit": 11})
    copy: dict = {}  # type: ignore[type-arg]
    apply(copy, items)
    rng, live = random.Random(10), {}  # type: ignore[var-annotated]
    for n in range(50):
        _random_edit(client, people, session, rng, n, live)
    delta, _ = pages(client, {"sync_token": token, "limit": 13})
    assert len({key_of(i) for i in delta}) == len(delta)  # each changed item once
    apply(copy, delta)
    fresh: dict = {}  # type: ignore[type-arg]
    apply(fresh, pages(client, params)[0])
    assert copy == fresh
    for (kind, _, key, locale, level), body in fresh.items():
        if kind == "section" and locale == "de":
            params_ = {"locale": locale, "level": level, "fallback": "none"}
            assert client.get(f"{URL}/sections/{key}", params=params_).json() == body
    kinds = {(i["type"], i["op"]) for i in delta}
    assert {("section", "upsert"), ("section", "delete"), ("title", "upsert")} <= kinds


def test_every_bad_filter_is_named_not_only_the_first(client):
    r = client.get(
        "/v1/sync", params={"locales": "e$,es,x y", "levels": "hard", "articles": "BAD_SLUG"}
    )
    assert r.status_code == 422
    assert r.headers["content-type"] == "application/problem+json"
    assert r.json()["errors"] == [
        {"parameter": "locales", "reason": "'e$', 'x y' are not BCP 47 tags"},
        {"parameter": "levels", "reason": "must be among easy, plain, full"},
        {
            "parameter": "articles",
            "reason": "'BAD_SLUG': each slug must be lower-case letters and digits in "
            "hyphen-separated words, e.g. flu-shots",
        },
    ]
    r = client.get("/v1/sync", params={"articles": f"{SLUG},{'a' * 3},,"})
    assert r.status_code == 422
    assert r.json()["errors"] == [
        {"parameter": "locales", "reason": "is required: a comma-separated list"},
        {"parameter": "levels", "reason": "is required: a comma-separated list"},
    ]


def test_a_well_formed_slug_of_no_article_syncs_nothing_for_it(client):
    items, token = pages(client, FILTERS | {"articles": "no-such-article"})
    assert items == []
    both, _ = pages(client, FILTERS | {"articles": f"no-such-article,{SLUG}"})
    assert both == pages(client, FILTERS | {"articles": SLUG})[0] and both
    assert pages(client, {"sync_token": token})[0] == []
