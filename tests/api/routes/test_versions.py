"""The workflow API: roles, states, stale marking, 409, 412, 428 (issue 3, section 2)."""

import pytest

SLUG = "immunotherapy-breast-cancer"
URL = f"/v1/articles/{SLUG}"
SEC = f"{URL}/sections/summary"
DE = (
    "Immuntherapie ist eine neue Hilfe gegen Brustkrebs. Sie hilft dem Körper, Krebs zu "
    "finden. Dann kann der Körper den Krebs angreifen. Es gibt noch nicht alle Antworten. "
    "Die Forscher lernen jeden Tag mehr. Die ersten Ergebnisse machen vielen Frauen Mut."
)
HARD = (  # Wiener Sachtextformel 1 about 16: reliable, above the plain target (at most 8)
    "Die Immuntherapie ist eine vielversprechende neue Behandlung, die bei fortgeschrittenem "
    "Brustkrebs die körpereigene Abwehr gegen die Krebszellen richten soll. "
    "Obwohl weitere wissenschaftliche Untersuchungen zur langfristigen Wirksamkeit nötig sind, "
    "zeigen die ersten Ergebnisse der Studien bereits deutliche Verbesserungen. "
    "Besonders Patientinnen mit fortgeschrittener Erkrankung könnten davon profitieren."
)


def submit(client, people, current_hash, text=DE, who="translator", level="plain", **extra):
    body = {
        "locale": "de",
        "level": level,
        "text": text,
        "heading": "Kurz gesagt",
        "base_source_hash": current_hash(),
        **extra,
    }
    return client.post(f"{SEC}/versions", headers=people[who], json=body)


def etag(client, people, locale="de", level="plain"):
    r = client.get(
        f"{SEC}/versions", params={"locale": locale, "level": level}, headers=people["reviewer"]
    )
    assert r.status_code == 200
    return r.headers["etag"]


def act(client, people, vid, action, who="reviewer", if_match=None, comment=None):
    headers = dict(people[who])
    if if_match is not None:
        headers["If-Match"] = if_match
    body = {"comment": comment} if comment is not None else None
    return client.post(f"{SEC}/versions/{vid}/{action}", headers=headers, json=body)


def test_submit_answers_201_with_scores_and_every_check(client, people, current_hash):
    r = submit(client, people, current_hash)
    assert r.status_code == 201
    body = r.json()
    assert (body["status"], body["author"], body["stale"], body["locale"]) == (
        "submitted",
        "tom",
        False,
        "de",
    )
    assert [c["check"] for c in body["checks"]] == [
        "empty",
        "characters",
        "numbers",
        "identical-to-source",
        "level",
        "length",
        "language",
    ]
    assert body["readability"]["meets_target"] is True
    assert r.headers["etag"].startswith('"slot-')


def test_failed_checks_answer_422_listing_each(client, people, current_hash):
    r = submit(client, people, current_hash, text=HARD)
    assert r.status_code == 422
    assert r.headers["content-type"] == "application/problem+json"
    assert r.json()["errors"][0]["parameter"] == "level"
    assert r.json()["errors"][0]["reason"].startswith("level: does not meet the plain target")
    blank = submit(client, people, current_hash, text="   ")
    assert [e["reason"] for e in blank.json()["errors"]] == [
        "empty: the text is empty or only whitespace"
    ]


def test_an_old_base_source_hash_is_409_with_the_current_source(client, people, current_hash):
    r = submit(client, people, current_hash, base_source_hash="0" * 64)
    assert r.status_code == 409
    assert r.json()["current_source"]["source_hash"] == current_hash()
    assert r.json()["current_source"]["text"].startswith("In conclusion, immunotherapy")


def test_publish_needs_if_match_428_and_a_current_one_412(client, people, current_hash):
    vid = submit(client, people, current_hash).json()["id"]
    assert act(client, people, vid, "publish").status_code == 428
    assert act(client, people, vid, "publish", if_match="*").status_code == 428
    assert act(client, people, vid, "publish", if_match='"slot-1-1"').status_code == 412
    r = act(client, people, vid, "publish", if_match=etag(client, people))
    assert (r.status_code, r.json()["status"], r.json()["reviewed_by"]) == (
        200,
        "published",
        "rita",
    )


def test_every_state_transition(client, people, current_hash):
    first = submit(client, people, current_hash).json()["id"]
    act(client, people, first, "publish", if_match=etag(client, people))
    second = submit(client, people, current_hash, text=DE + " Fragen Sie Ihre Ärztin.").json()["id"]
    r = act(client, people, second, "publish", if_match=etag(client, people))
    assert r.status_code == 200
    history = client.get(
        f"{SEC}/versions", params={"locale": "de", "level": "plain"}, headers=people["nobody"]
    ).json()
    assert [(v["id"], v["status"]) for v in history["versions"]] == [
        (second, "published"),
        (first, "superseded"),
    ]
    third = submit(client, people, current_hash, text=DE + " Bleiben Sie stark.").json()["id"]
    assert act(client, people, third, "reject", if_match=etag(client, people)).status_code == 422
    r = act(client, people, third, "reject", if_match=etag(client, people), comment="Zu lang")
    assert (r.status_code, r.json()["status"], r.json()["comment"]) == (200, "rejected", "Zu lang")
    assert act(client, people, third, "publish", if_match=etag(client, people)).status_code == 409
    r = act(client, people, second, "withdraw", if_match=etag(client, people), comment="harmful")
    assert r.json()["status"] == "withdrawn"
    served = client.get(f"{SEC}", params={"locale": "de", "level": "plain"}).json()
    assert served["lang"] == "en"  # the slot falls back as if missing
    events = client.get(
        f"{SEC}/versions", params={"locale": "de", "level": "plain"}, headers=people["nobody"]
    ).json()["events"]
    assert [e["action"] for e in events] == [
        "submitted",
        "published",
        "submitted",
        "superseded",
        "published",
        "submitted",
        "rejected",
        "withdrawn",
    ]
    assert events[-1]["comment"] == "harmful"


def test_a_reviewer_never_reviews_their_own_version(client, people, session, current_hash):
    from tests.api.routes.conftest import make_account

    both = make_account(session, "bo", ("translator", "de", None), ("reviewer", "de", None))
    people = {**people, "both": both}
    vid = submit(client, people, current_hash, who="both").json()["id"]
    r = act(client, people, vid, "publish", who="both", if_match=etag(client, people))
    assert r.status_code == 403
    assert "never reviews their own version" in r.json()["detail"]


def test_substantive_edit_marks_stale_minor_does_not(client, people, current_hash):
    vid = submit(client, people, current_hash).json()["id"]
    act(client, people, vid, "publish", if_match=etag(client, people))
    source = client.get(
        f"{SEC}/versions", params={"locale": "en", "level": "full"}, headers=people["editor"]
    )
    old_text = source.json()["source"]["text"]
    r = client.put(
        f"{SEC}/source",
        json={"text": old_text.replace("In conclusion", "To sum up"), "change": "minor"},
        headers=people["editor"] | {"If-Match": source.headers["etag"]},
    )
    assert r.status_code == 200
    assert client.get(SEC, params={"locale": "de"}).json()["stale"] is False
    assert (
        client.put(
            f"{SEC}/source",
            json={"text": "New.", "change": "minor"},
            headers=people["editor"] | {"If-Match": source.headers["etag"]},
        ).status_code
        == 412
    )
    new_tag = etag(client, people, "en", "full")
    r = client.put(
        f"{SEC}/source",
        json={"text": old_text + " Ask your doctor.", "change": "substantive"},
        headers=people["editor"] | {"If-Match": new_tag},
    )
    assert r.status_code == 200
    assert client.get(SEC, params={"locale": "de"}).json()["stale"] is True
    history = client.get(
        f"{SEC}/versions", params={"locale": "de", "level": "plain"}, headers=people["translator"]
    ).json()
    assert history["versions"][0]["stale"] is True
    assert history["versions"][0]["source_text_then"] == old_text.replace(
        "In conclusion", "To sum up"
    )
    assert history["source"]["text"] == old_text + " Ask your doctor."
    status = client.get(f"{URL}/status", headers=people["translator"]).json()
    assert status["summary"]["de"]["plain"]["stale"] == 1
    assert status["sections"][-1]["cells"]["de"]["plain"]["state"] == "stale"


def test_status_matrix_counts(client, people, current_hash):
    submit(client, people, current_hash)
    body = client.get(f"{URL}/status", headers=people["nobody"]).json()
    assert body["languages"][0] == "en"
    assert body["summary"]["de"]["plain"] | {} == {
        "missing": 7,
        "submitted": 1,
        "published": 0,
        "stale": 0,
        "pending": 1,
        "meets_target": None,
    }
    assert body["summary"]["es"]["plain"]["published"] == 8
    assert body["summary"]["es"]["plain"]["meets_target"] is True


def test_source_slot_is_not_submitted_as_a_translation(client, people, current_hash, session):
    from tests.api.routes.conftest import make_account

    people = {**people, "en": make_account(session, "enid", ("translator", "en", None))}
    r = client.post(
        f"{SEC}/versions",
        headers=people["en"],
        json={"locale": "en", "level": "full", "text": "x", "base_source_hash": current_hash()},
    )
    assert (r.status_code, r.json()["errors"][0]["parameter"]) == (422, "level")


@pytest.mark.parametrize("locale", ["not a tag", "xx"])
def test_bad_locale_is_422_naming_it(client, people, current_hash, locale):
    r = client.post(
        f"{SEC}/versions",
        headers=people["translator"],
        json={"locale": locale, "level": "plain", "text": DE, "base_source_hash": current_hash()},
    )
    assert (r.status_code, r.json()["errors"][0]["parameter"]) == (422, "locale")


def test_new_article_and_section_by_an_editor(client, people):
    body = {
        "slug": "flu-shots",
        "source_locale": "en",
        "title": "Flu shots",
        "sections": [{"key": "why", "heading": "Why", "text": "It protects you."}],
    }
    r = client.post("/v1/articles", json=body, headers=people["editor"])
    assert r.status_code == 201
    assert client.post("/v1/articles", json=body, headers=people["editor"]).status_code == 409
    r = client.post(
        "/v1/articles/flu-shots/sections",
        headers=people["editor"],
        json={"key": "when", "heading": "When", "text": "Every autumn."},
    )
    assert (r.status_code, r.json()["position"]) == (201, 1)
    read = client.get("/v1/articles/flu-shots", params={"locale": "en", "level": "full"}).json()
    assert [s["text"] for s in read["sections"]] == ["It protects you.", "Every autumn."]


def _problem(r, parameter):
    assert r.status_code == 422, r.text
    assert r.headers["content-type"] == "application/problem+json"
    assert [e["parameter"] for e in r.json()["errors"]] == [parameter]


@pytest.mark.parametrize(
    ("body", "parameter"),
    [
        ({"text": "   ", "change": "minor"}, "text"),
        ({"text": "\n\t ", "change": "substantive"}, "text"),
        ({"text": "Fine.", "heading": "  ", "change": "minor"}, "heading"),
        ({"text": "Fine.", "heading": "", "change": "minor"}, "heading"),
    ],
)
def test_a_blank_source_text_or_heading_is_422_and_changes_nothing(client, people, body, parameter):
    source = client.get(
        f"{SEC}/versions", params={"locale": "en", "level": "full"}, headers=people["editor"]
    )
    before = source.json()["source"]
    r = client.put(
        f"{SEC}/source", json=body, headers=people["editor"] | {"If-Match": source.headers["etag"]}
    )
    _problem(r, parameter)
    after = client.get(
        f"{SEC}/versions", params={"locale": "en", "level": "full"}, headers=people["editor"]
    ).json()["source"]
    assert (after["text"], after["heading"]) == (before["text"], before["heading"])


ARTICLE = {
    "slug": "flu-shots",
    "source_locale": "en",
    "title": "Flu shots",
    "sections": [{"key": "why", "heading": "Why", "text": "It protects you."}],
}


@pytest.mark.parametrize(
    ("change", "parameter"),
    [
        ({"title": "  "}, "title"),
        ({"slug": "Bad Slug/.."}, "slug"),
        ({"slug": "flu--shots"}, "slug"),
        (
            {"sections": [{"key": "why", "heading": " ", "text": "It protects you."}]},
            "sections.0.heading",
        ),
        ({"sections": [{"key": "why", "heading": "Why", "text": "\u00a0 "}]}, "sections.0.text"),
        (
            {"sections": [{"key": "a/b", "heading": "Why", "text": "It protects you."}]},
            "sections.0.key",
        ),
    ],
)
def test_new_articles_refuse_blank_text_and_bad_slugs(client, people, change, parameter):
    r = client.post("/v1/articles", json=ARTICLE | change, headers=people["editor"])
    _problem(r, parameter)
    assert client.get("/v1/articles/flu-shots").status_code == 404


@pytest.mark.parametrize(
    ("body", "parameter"),
    [
        ({"key": "a/b", "heading": "N", "text": "x"}, "key"),
        ({"key": "Upper", "heading": "N", "text": "x"}, "key"),
        ({"key": "new", "heading": "   ", "text": "x"}, "heading"),
        ({"key": "new", "heading": "N", "text": " \n"}, "text"),
    ],
)
def test_new_sections_refuse_blank_text_and_bad_keys(client, people, body, parameter):
    _problem(client.post(f"{URL}/sections", json=body, headers=people["editor"]), parameter)


def test_a_blank_heading_of_a_submission_is_422_an_empty_one_is_not(client, people, current_hash):
    _problem(submit(client, people, current_hash, heading="  "), "heading")
    assert submit(client, people, current_hash, heading="").status_code == 201


@pytest.mark.parametrize("action", ["publish", "reject", "withdraw"])
@pytest.mark.parametrize("vid", ["99999999999999999999999", "2147483648", "0", "-1"])
def test_out_of_range_version_ids_are_422_naming_the_parameter(client, people, action, vid):
    r = client.post(
        f"{SEC}/versions/{vid}/{action}",
        json={"comment": "no"},
        headers=people["reviewer"] | {"If-Match": '"x"'},
    )
    _problem(r, "version_id")


def test_the_largest_version_id_is_a_404(client, people):
    r = client.post(
        f"{SEC}/versions/2147483647/publish", headers=people["reviewer"] | {"If-Match": '"x"'}
    )
    assert r.status_code == 404


def test_a_version_without_a_heading_takes_the_languages_newest_heading(
    client, people, current_hash
):
    first = submit(client, people, current_hash, level="plain")
    assert first.json()["heading"] == "Kurz gesagt"
    easy = submit(client, people, current_hash, level="easy", heading="")
    assert easy.status_code == 201
    assert easy.json()["heading"] == "Kurz gesagt"  # from the same language's other level
    again = submit(
        client,
        people,
        current_hash,
        level="plain",
        heading="",
        text=DE.replace("Mut.", "Hoffnung."),
    )
    assert again.json()["heading"] == "Kurz gesagt"


def test_a_retired_section_refuses_submissions_and_reviews_with_409(client, people, current_hash):
    pending = submit(client, people, current_hash)
    assert pending.status_code == 201
    slot_etag = etag(client, people)
    assert client.post(f"{SEC}/retire", headers=people["editor"]).status_code == 200
    r = submit(client, people, current_hash)
    assert r.status_code == 409
    assert r.headers["content-type"] == "application/problem+json"
    problem = r.json()
    assert (problem["section"], problem["article"]) == ("summary", SLUG)
    assert problem["detail"].startswith("section 'summary' was retired at ")
    assert problem["detail"].endswith("; a retired section is read-only")
    published = act(client, people, pending.json()["id"], "publish", if_match=slot_etag)
    assert published.status_code == 409 and published.json()["section"] == "summary"
