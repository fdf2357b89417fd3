"""A language added end to end (issue 9, points 4 and 7): submissions, batch review, then
readers see it everywhere (list coverage, /v1/locales, reader page, title) with notices in
every rendition while it is partial."""

import json
import xml.etree.ElementTree as ET

import pytest

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
ES = {
    "wash": ("Lavar", "Lávese las manos a menudo con jabón."),
    "dry": ("Secar", "Séquese las manos con una toalla limpia."),
}
PARTIAL_ES = "Esta página solo está traducida en parte al español: 1 de 2 secciones."
FALLBACK_ES = "Esta sección"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _base(client, people, path):
    params = {"locale": "es", "level": "plain"}
    return client.get(path, params=params, headers=people["reviewer"]).json()["source"]


def submit(client, people, key):
    path = f"{URL}/sections/{key}/versions"
    heading, text = ES[key]
    body = {"locale": "es", "level": "plain", "heading": heading, "text": text}
    body["base_source_hash"] = _base(client, people, path)["source_hash"]
    r = client.post(path, headers=people["translator_es"], json=body)
    assert r.status_code == 201, r.json()
    return {"version_id": r.json()["id"], "etag": r.headers["etag"]}


def submit_title(client, people):
    path = f"{URL}/title/versions"
    body = {"locale": "es", "level": "plain", "text": "Manos limpias"}
    body["base_source_hash"] = _base(client, people, path)["source_hash"]
    r = client.post(path, headers=people["translator_es"], json=body)
    assert r.status_code == 201, r.json()
    return {"title_id": r.json()["id"], "etag": r.headers["etag"]}


def publish(client, people, items):
    r = client.post(f"{URL}/publish", headers=people["reviewer"], json={"items": items})
    assert r.status_code == 200, r.json()


def listed(client):
    items = client.get("/v1/articles", params={"locale": "es", "limit": 100}).json()["items"]
    return next(i for i in items if i["slug"] == "hand-care")


def locale_counts(client, tag):
    row = next(r for r in client.get("/v1/locales").json() if r["tag"] == tag)
    return row["articles_complete"], row["articles_partial"]


@pytest.fixture
def partial(client, people):
    """hand-care with its first section (only) published in es at plain."""
    assert client.post("/v1/articles", headers=people["editor"], json=ARTICLE).status_code == 201
    before = locale_counts(client, "es")
    publish(client, people, [submit(client, people, "wash")])
    return before


def test_coverage_shows_a_partial_then_a_complete_language(client, people, partial):
    item = listed(client)
    assert item["coverage"]["es"] == {"plain": {"sections": 1, "of": 2}}
    assert item["coverage"]["en"] == {"full": {"sections": 2, "of": 2}}
    complete, part = partial
    assert locale_counts(client, "es") == (complete, part + 1)
    publish(client, people, [submit(client, people, "dry"), submit_title(client, people)])
    item = listed(client)
    assert item["coverage"]["es"] == {"plain": {"sections": 2, "of": 2}}
    assert (item["title"], item["lang"]) == ("Manos limpias", "es")
    assert locale_counts(client, "es") == (complete + 1, part)
    page = client.get("/read/hand-care", params={"locale": "es", "level": "plain"}).text
    assert "<h1>Manos limpias</h1>" in page and "traducción parcial" not in page


def test_the_reader_switcher_says_partly_translated(client, partial):
    page = client.get("/read/hand-care", params={"locale": "en", "level": "full"}).text
    assert (
        'hreflang="es" lang="es" dir="ltr">español</a> <span class="partial">(partly translated)'
        in page
    )
    es = client.get("/read/hand-care", params={"locale": "es", "level": "plain"}).text
    assert '<span class="partial">(traducción parcial)</span>' in es


def test_html_text_and_ssml_say_partial_and_fallback_in_spanish(client, partial):
    params = {"locale": "es", "level": "plain"}
    html = client.get(URL, params={**params, "format": "html"}).text
    assert (
        f'<p class="notice" role="note" data-notice="partial_language" lang="es" dir="ltr">'
        f"{PARTIAL_ES}</p>"
    ) in html
    assert 'data-notice="section_fallback" lang="es"' in html
    text = client.get(URL, params={**params, "format": "text"}).text.split("\n\n")
    assert text[:2] == ["Clean hands", PARTIAL_ES]
    assert any(b.startswith(FALLBACK_ES) and "inglés" in b for b in text)
    root = ET.fromstring(client.get(URL, params={**params, "format": "ssml"}).content)
    marked = [("".join(s.itertext()), s.get(XML_LANG)) for s in root.iter() if s.get(XML_LANG)]
    assert (PARTIAL_ES, "es") in marked


def test_jsonld_carries_the_notices_as_property_values(client, partial):
    params = {"locale": "es", "level": "plain", "format": "jsonld"}
    doc = json.loads(client.get(URL, params=params).text)
    props = {p["propertyID"]: p for p in doc["additionalProperty"]}
    assert props["partialLanguage"]["value"] == 1 and props["partialLanguage"]["maxValue"] == 2
    assert props["partialLanguage"]["description"] == {"@value": PARTIAL_ES, "@language": "es"}
    assert (props["sectionFallback"]["identifier"], props["sectionFallback"]["value"]) == (
        "dry",
        "en",
    )


def test_language_and_level_not_met_in_every_rendition(client, partial):
    params = {"locale": "ja", "level": "easy"}
    text = client.get(URL, params={**params, "format": "text"}).text
    assert "This page is not available in Japanese. It is shown in English." in text
    assert "There is no “Easy read” version of this page in English." in text
    doc = json.loads(client.get(URL, params={**params, "format": "jsonld"}).text)
    kinds = [p["propertyID"] for p in doc["additionalProperty"]]
    assert kinds[:2] == ["languageNotAvailable", "levelNotMet"]
    section = client.get(
        f"{URL}/sections/dry", params={"locale": "es", "level": "plain", "format": "html"}
    )
    assert 'data-notice="section_fallback" lang="es"' in section.text
