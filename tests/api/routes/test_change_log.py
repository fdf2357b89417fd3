"""The change log through the write API (issue 7, point 4): every change a reader can see adds
its rows in the same transaction; what readers cannot see (submissions, rejections, refused
writes) adds none; the read cache follows without any hand-written invalidation."""

from sqlmodel import Session, col, select

from api.repositories.changes import last_change_id
from models import ChangeLog, Section

SLUG = "immunotherapy-breast-cancer"
URL = f"/v1/articles/{SLUG}"
SEC = f"{URL}/sections/summary"
DE = (
    "Immuntherapie ist eine neue Hilfe gegen Brustkrebs. Sie hilft dem Körper, Krebs zu "
    "finden. Dann kann der Körper den Krebs angreifen. Es gibt noch nicht alle Antworten. "
    "Die Forscher lernen jeden Tag mehr. Die ersten Ergebnisse machen vielen Frauen Mut."
)


def _rows(session: Session, after: int) -> list[tuple[str, str | None, str | None, str]]:
    session.expire_all()
    rows = session.exec(
        select(ChangeLog).where(col(ChangeLog.id) > after).order_by(col(ChangeLog.id))
    )
    return [(r.kind, r.locale, r.level, r.actor) for r in rows]


def _hash(session: Session) -> str:
    session.expire_all()
    return session.exec(select(Section.source_hash).where(Section.key == "summary")).one()


def _etag(client, people, locale: str = "de", level: str = "plain") -> str:
    r = client.get(
        f"{SEC}/versions", params={"locale": locale, "level": level}, headers=people["reviewer"]
    )
    return r.headers["etag"]


def _submit(client, people, session: Session) -> int:
    body = {"locale": "de", "level": "plain", "text": DE, "base_source_hash": _hash(session)}
    r = client.post(f"{SEC}/versions", headers=people["translator"], json=body)
    assert r.status_code == 201
    return int(r.json()["id"])


def _act(client, people, vid: int, action: str, comment: str | None = None) -> int:
    headers = people["reviewer"] | {"If-Match": _etag(client, people)}
    body = {"comment": comment} if comment else None
    return client.post(f"{SEC}/versions/{vid}/{action}", headers=headers, json=body).status_code


def test_submit_and_reject_log_nothing_publish_and_withdraw_do(client, people, session):
    start = last_change_id(session)
    first = _submit(client, people, session)
    assert _act(client, people, first, "reject", "too short") == 200
    assert _rows(session, start) == []
    second = _submit(client, people, session)
    assert _act(client, people, second, "publish") == 200
    assert _rows(session, start) == [("published", "de", "plain", "rita")]
    third = _submit(client, people, session)
    assert _act(client, people, third, "publish") == 200
    assert _act(client, people, third, "withdraw", "harmful") == 200
    assert _rows(session, start)[1:] == [
        ("superseded", "de", "plain", "rita"),
        ("published", "de", "plain", "rita"),
        ("withdrawn", "de", "plain", "rita"),
    ]


def test_a_refused_write_logs_nothing(client, people, session):
    start = last_change_id(session)
    vid = _submit(client, people, session)
    headers = people["reviewer"] | {"If-Match": '"slot-0-0"'}
    assert client.post(f"{SEC}/versions/{vid}/publish", headers=headers).status_code == 412
    assert _rows(session, start) == []


def _edit_source(client, people, text_of, change: str) -> None:
    source = client.get(
        f"{SEC}/versions", params={"locale": "en", "level": "full"}, headers=people["editor"]
    )
    body = {"text": text_of(source.json()["source"]["text"]), "change": change}
    r = client.put(
        f"{SEC}/source", json=body, headers=people["editor"] | {"If-Match": source.headers["etag"]}
    )
    assert r.status_code == 200


def test_source_edits_log_the_edit_and_every_stale_flag_that_flips(client, people, session):
    start = last_change_id(session)
    _edit_source(client, people, lambda t: t.replace("In conclusion", "To sum up"), "minor")
    assert _rows(session, start) == [
        ("superseded", "en", "full", "eve"),
        ("source_edited", "en", "full", "eve"),
    ]
    published = client.get(
        f"{SEC}/versions", params={"locale": "es", "level": "plain"}, headers=people["editor"]
    ).json()["versions"]
    assert published[0]["stale"] is False
    middle = last_change_id(session)
    _edit_source(client, people, lambda t: t + " Ask your doctor.", "substantive")
    rows = _rows(session, middle)
    assert rows[:2] == [("superseded", "en", "full", "eve"), ("source_edited", "en", "full", "eve")]
    stale = sorted((loc, lv) for kind, loc, lv, _ in rows[2:] if kind == "stale_set")
    assert ("es", "plain") in stale and ("en", "full") not in stale
    assert {kind for kind, *_ in rows[2:]} == {"stale_set"}
    assert client.get(SEC, params={"locale": "es", "level": "plain"}).json()["stale"] is True


def test_publishing_over_a_stale_version_clears_the_flag(client, people, session):
    vid = _submit(client, people, session)
    assert _act(client, people, vid, "publish") == 200
    _edit_source(client, people, lambda t: t + " Ask your doctor.", "substantive")
    assert client.get(SEC, params={"locale": "de"}).json()["stale"] is True
    start = last_change_id(session)
    fresh = _submit(client, people, session)
    assert _act(client, people, fresh, "publish") == 200
    assert _rows(session, start) == [
        ("superseded", "de", "plain", "rita"),
        ("published", "de", "plain", "rita"),
        ("stale_cleared", "de", "plain", "rita"),
    ]
    assert client.get(SEC, params={"locale": "de"}).json()["stale"] is False


def test_new_article_and_section_are_logged(client, people, session):
    start = last_change_id(session)
    body = {
        "slug": "sun-safety",
        "source_locale": "en",
        "title": "Sun safety",
        "sections": [{"key": "intro", "heading": "Intro", "text": "Wear a hat in the sun."}],
    }
    assert client.post("/v1/articles", json=body, headers=people["editor"]).status_code == 201
    assert client.get("/v1/articles/sun-safety").status_code == 200
    section = {"key": "more", "heading": "More", "text": "Drink water on hot days."}
    r = client.post("/v1/articles/sun-safety/sections", json=section, headers=people["editor"])
    assert r.status_code == 201
    assert _rows(session, start) == [
        ("article_added", None, None, "eve"),
        ("title_changed", "en", "full", "eve"),
        ("section_added", "en", "full", "eve"),
        ("source_edited", "en", "full", "eve"),
        ("section_added", "en", "full", "eve"),
        ("source_edited", "en", "full", "eve"),
    ]
    keys = [s["key"] for s in client.get("/v1/articles/sun-safety").json()["sections"]]
    assert keys == ["intro", "more"]  # the cached read saw the new section at once


def test_a_cached_read_follows_a_publish_without_hand_invalidation(client, people, session):
    before = client.get(SEC, params={"locale": "de", "level": "plain"}).json()
    vid = _submit(client, people, session)
    assert _act(client, people, vid, "publish") == 200
    after = client.get(SEC, params={"locale": "de", "level": "plain"}).json()
    assert (before["lang"], after["lang"], after["text"]) == ("en", "de", DE)


def test_retiring_the_last_section_removes_the_whole_article_score(client, people):
    """Found by a new user: with every section retired the article still served the old
    whole-article readability (32 words, reliable) beside a word count of 0."""
    body = {
        "slug": "shade",
        "source_locale": "en",
        "title": "Shade",
        "sections": [{"key": "intro", "heading": "Intro", "text": "Sit in the shade at noon."}],
    }
    assert client.post("/v1/articles", json=body, headers=people["editor"]).status_code == 201
    before = client.get("/v1/articles/shade", params={"locale": "en", "level": "full"}).json()
    assert before["readability"]["word_count"] == 6
    r = client.post("/v1/articles/shade/sections/intro/retire", headers=people["editor"])
    assert r.status_code == 200
    after = client.get("/v1/articles/shade", params={"locale": "en", "level": "full"})
    assert after.status_code == 200
    assert (after.json()["sections"], after.json()["readability"]) == ([], None)
