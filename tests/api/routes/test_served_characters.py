"""One rule for the characters readers are served (``api.domain.characters``): control
characters and the bidi overrides U+202A-U+202E are refused with a 422 naming the field in
every text field a reader is served -- version heading and text, titles, new articles and
sections, source edits, and headings of imported PO and XLIFF files; isolates and marks pass."""

import pytest

from tests.api.routes.test_versions import DE, SEC, URL, submit

REASON = (
    "must not contain control or bidi override characters: U+202E;"
    " use U+2066-U+2069 isolates or U+200E/U+200F marks for direction"
)
FILES = f"{URL}/files/de/plain"


def _refused(r, parameter: str, reason: str = REASON) -> None:
    assert r.status_code == 422, r.text
    assert r.headers["content-type"] == "application/problem+json"
    assert r.json()["errors"] == [{"parameter": parameter, "reason": reason}]


def test_a_heading_with_an_override_is_422_and_nothing_is_stored(client, people, current_hash):
    r = submit(client, people, current_hash, heading="Efectos\u202e secundarios")
    _refused(r, "heading")
    history = client.get(
        f"{SEC}/versions", params={"locale": "de", "level": "plain"}, headers=people["reviewer"]
    )
    assert "\u202e" not in history.text


def test_a_heading_with_isolates_and_marks_is_accepted(client, people, current_hash):
    r = submit(client, people, current_hash, heading="Kurz \u2066gesagt\u2069\u200f")
    assert r.status_code == 201, r.text


def test_text_and_titles_keep_refusing_overrides_as_the_characters_check(client, people):
    from tests.api.routes.test_titles import submit as submit_title

    r = submit_title(client, people, text="Inmunoterapia\u202e y cáncer de mama")
    assert r.status_code == 422
    assert r.json()["errors"] == [
        {"parameter": "text", "reason": "characters: " + REASON.removeprefix("must not contain ")}
    ]


ARTICLE = {
    "slug": "flu-shots",
    "source_locale": "en",
    "title": "Flu shots",
    "sections": [{"key": "why", "heading": "Why", "text": "It protects you."}],
}


@pytest.mark.parametrize(
    ("change", "parameter"),
    [
        ({"title": "Flu\u202e shots"}, "title"),
        (
            {"sections": [{"key": "why", "heading": "W\u202ehy", "text": "Fine."}]},
            "sections.0.heading",
        ),
        (
            {"sections": [{"key": "why", "heading": "Why", "text": "5\u202e mg."}]},
            "sections.0.text",
        ),
    ],
)
def test_a_new_article_with_an_override_is_422(client, people, change, parameter):
    _refused(
        client.post("/v1/articles", json=ARTICLE | change, headers=people["editor"]), parameter
    )
    assert client.get("/v1/articles/flu-shots").status_code == 404


def test_a_control_character_in_a_new_title_names_the_code_point(client, people):
    r = client.post("/v1/articles", json=ARTICLE | {"title": "Flu\x07"}, headers=people["editor"])
    _refused(r, "title", REASON.replace("U+202E", "U+0007"))


@pytest.mark.parametrize(
    ("body", "parameter"),
    [
        ({"key": "new", "heading": "N\u202e", "text": "Fine."}, "heading"),
        ({"key": "new", "heading": "N", "text": "Fine\u202e."}, "text"),
    ],
)
def test_a_new_section_with_an_override_is_422(client, people, body, parameter):
    _refused(client.post(f"{URL}/sections", json=body, headers=people["editor"]), parameter)


@pytest.mark.parametrize(
    ("body", "parameter"),
    [
        ({"text": "Fine\u202e.", "change": "minor"}, "text"),
        ({"text": "Fine.", "heading": "In\u202e short", "change": "minor"}, "heading"),
    ],
)
def test_a_source_edit_with_an_override_is_422(client, people, body, parameter):
    source = client.get(
        f"{SEC}/versions", params={"locale": "en", "level": "full"}, headers=people["editor"]
    )
    headers = people["editor"] | {"If-Match": source.headers["etag"]}
    _refused(client.put(f"{SEC}/source", json=body, headers=headers), parameter)


def test_a_po_heading_with_an_override_is_an_entry_error(client, people):
    data = client.get(FILES + ".po", headers=people["translator"]).content.decode()
    at = data.index('msgctxt "summary/heading"')
    data = data[:at] + data[at:].replace('msgstr ""', 'msgstr "Kurz\u202e gesagt"', 1)
    at = data.index('msgctxt "summary/text"')
    data = data[:at] + data[at:].replace('msgstr ""', f'msgstr "{DE}"', 1)
    r = client.post(FILES + ".po", content=data.encode(), headers=people["translator"])
    assert r.status_code == 422, r.text
    entry = next(e for e in r.json()["entries"] if e["key"] == "summary")
    assert (entry["outcome"], entry["detail"]) == ("error", f"heading {REASON}")
