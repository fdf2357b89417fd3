"""Titles as content (issue 9, point 4): submit, checks, review, history, change log, matrix."""

from sqlmodel import select

from api.services.titles import published_titles, submit_title
from models import Article, ChangeLog
from models.common import Origin

SLUG = "immunotherapy-breast-cancer"
URL = f"/v1/articles/{SLUG}"
TITLES = f"{URL}/title/versions"
SOURCE = "Immunotherapy for breast cancer: How does it improve treatment?"
ES = "Inmunoterapia y cáncer de mama: una ayuda nueva"


def source_hash(client, people):
    r = client.get(TITLES, params={"locale": "es", "level": "plain"}, headers=people["reviewer"])
    assert r.status_code == 200
    assert r.json()["source"]["text"] == SOURCE
    return r.json()["source"]["source_hash"]


def submit(client, people, text=ES, who="translator_es", base=None, level="plain"):
    body = {
        "locale": "es",
        "level": level,
        "text": text,
        "base_source_hash": base or source_hash(client, people),
    }
    return client.post(TITLES, headers=people[who], json=body)


def decide(client, people, title_id, action, etag, who="reviewer", comment=None):
    headers = {**people[who], "If-Match": etag}
    body = {"comment": comment} if comment else None
    return client.post(f"{TITLES}/{title_id}/{action}", headers=headers, json=body)


def slot_etag(client, people, level="plain"):
    r = client.get(TITLES, params={"locale": "es", "level": level}, headers=people["reviewer"])
    return r.headers["etag"]


def test_submit_then_publish_serves_the_new_title_and_logs_it(client, people, session):
    r = submit(client, people)
    assert r.status_code == 201
    body = r.json()
    assert (body["status"], body["author"], body["text"], body["stale"]) == (
        "submitted",
        "tess",
        ES,
        False,
    )
    assert [c["check"] for c in body["checks"]] == ["empty", "numbers", "characters"]
    assert r.headers["etag"].startswith('"title-')
    before = session.exec(select(ChangeLog.id).order_by(ChangeLog.id.desc())).first() or 0  # type: ignore[union-attr]
    published = decide(client, people, body["id"], "publish", r.headers["etag"])
    assert published.status_code == 200
    assert (published.json()["status"], published.json()["reviewed_by"]) == ("published", "rita")
    read = client.get(URL, params={"locale": "es", "level": "plain"}).json()
    assert (read["title"], read["title_lang"]) == (ES, "es")
    rows = session.exec(select(ChangeLog).where(ChangeLog.id > before)).all()
    assert [(c.kind, c.locale, c.level) for c in rows] == [("title_changed", "es", "plain")]
    article = session.exec(select(Article).where(Article.slug == SLUG)).one()
    assert published_titles(session, article.id or 0)["es"]["plain"] == ES


def test_history_keeps_every_version_and_event(client, people):
    first = submit(client, people).json()
    decide(client, people, first["id"], "publish", slot_etag(client, people))
    r = client.get(TITLES, params={"locale": "es", "level": "plain"}, headers=people["reviewer"])
    versions = r.json()["versions"]
    assert [v["status"] for v in versions[:2]] == ["published", "superseded"]
    assert versions[0]["revision"] == versions[1]["revision"] + 1
    actions = [e["action"] for e in r.json()["events"] if e["title_id"] == first["id"]]
    assert actions == ["submitted", "published"]


def test_checks_refuse_an_empty_title_and_control_characters(client, people):
    empty = submit(client, people, text="  ")
    assert empty.status_code == 422
    assert empty.json()["errors"][0]["reason"].startswith("empty:")
    control = submit(client, people, text="Inmunoterapia\x07")
    assert control.status_code == 422
    assert control.json()["errors"][0]["reason"].startswith("characters: control")


def test_numbers_check_compares_with_the_source_title(client, people):
    article = {
        "slug": "flu-facts",
        "source_locale": "en",
        "title": "5 facts about flu shots",
        "sections": [{"key": "intro", "heading": "Intro", "text": "Flu shots help."}],
    }
    assert client.post("/v1/articles", headers=people["editor"], json=article).status_code == 201
    url = "/v1/articles/flu-facts/title/versions"
    hist = client.get(url, params={"locale": "de", "level": "full"}, headers=people["reviewer"])
    base = hist.json()["source"]["source_hash"]
    body = {
        "locale": "de",
        "level": "full",
        "text": "Fakten zur Grippeimpfung",
        "base_source_hash": base,
    }
    r = client.post(url, headers=people["translator"], json=body)
    assert r.status_code == 422
    assert r.json()["errors"] == [
        {"parameter": "text", "reason": "numbers: missing from the text: 5"}
    ]
    ok = client.post(
        url, headers=people["translator"], json={**body, "text": "5 Fakten zur Grippeimpfung"}
    )
    assert ok.status_code == 201


def test_outdated_source_hash_is_409_with_the_current_source(client, people):
    r = submit(client, people, base="0" * 64)
    assert r.status_code == 409
    assert r.json()["current_source"]["text"] == SOURCE


def test_reviewer_never_publishes_their_own_title_and_etag_guards(client, people, session):
    from tests.api.routes.conftest import make_account

    both = make_account(session, "bea", ("translator", "es", None), ("reviewer", "es", None))
    people = {**people, "both": both}
    mine = submit(client, people, who="both").json()
    own = decide(client, people, mine["id"], "publish", slot_etag(client, people), who="both")
    assert own.status_code == 403
    stale = decide(client, people, mine["id"], "publish", '"title-1-1"')
    assert stale.status_code == 412
    missing = client.post(f"{TITLES}/{mine['id']}/publish", headers=people["reviewer"])
    assert missing.status_code == 428


def test_reject_and_withdraw_need_a_comment_and_withdraw_falls_back(client, people, session):
    r = submit(client, people).json()
    assert decide(client, people, r["id"], "reject", slot_etag(client, people)).status_code == 422
    rejected = decide(client, people, r["id"], "reject", slot_etag(client, people), comment="tone")
    assert rejected.json()["status"] == "rejected"
    current = client.get(
        TITLES, params={"locale": "es", "level": "plain"}, headers=people["reviewer"]
    )
    live = next(v for v in current.json()["versions"] if v["status"] == "published")
    gone = decide(client, people, live["id"], "withdraw", current.headers["etag"], comment="wrong")
    assert gone.json()["status"] == "withdrawn"
    article = session.exec(select(Article).where(Article.slug == SLUG)).one()
    left = published_titles(session, article.id or 0)["es"]
    assert "plain" not in left
    read = client.get(URL, params={"locale": "es", "level": "plain"}).json()
    assert read["title_lang"] == "es" and read["title"] in left.values()


def test_status_matrix_has_the_title_row(client, people):
    submit(client, people)
    body = client.get(f"{URL}/status", headers=people["reviewer"]).json()
    row = body["title"]
    assert row["cells"]["en"]["full"]["state"] == "published"
    assert row["cells"]["es"]["plain"]["pending"] == 1
    assert row["cells"]["es"]["plain"]["state"] == "published"
    assert len(row["source_hash"]) == 64


def test_submit_title_service_reports_unchanged_as_none(session, client, people):
    article = session.exec(select(Article).where(Article.slug == SLUG)).one()
    base = source_hash(client, people)
    kwargs = dict(article=article, locale="es", level="plain", base_source_hash=base, actor="imp")
    stored = submit_title(session, text=ES, origin=Origin.po_import, **kwargs)  # type: ignore[arg-type]
    assert stored is not None and stored.origin == "po-import" and stored.status == "submitted"
    again = submit_title(session, text=ES, origin=Origin.po_import, **kwargs)  # type: ignore[arg-type]
    assert again is None
