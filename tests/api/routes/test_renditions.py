"""Renditions of the read API through real HTTP: format/Accept negotiation, Vary, ETags,
glossary and timing in JSON, and hostile content in every rendition."""

import json
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest
from sqlmodel import select

from api.services import content
from models import Article, GlossaryEntry, Section, Version

SLUG = "immunotherapy-breast-cancer"
URL = f"/v1/articles/{SLUG}"
HOSTILE_TEXT = (
    'Ask the NCI: <script>alert("x")</script> & \'single\' "double" '
    "\u202eesrever\u202c dose 5 mg. T cells help."
)
HOSTILE_HEADING = 'Side <b>effects</b> & "more" \u2066x\u2069'
CONTENT_TYPES = {
    "json": "application/json",
    "html": "text/html; charset=utf-8",
    "ssml": "application/ssml+xml; charset=utf-8",
    "text": "text/plain; charset=utf-8",
    "jsonld": "application/ld+json",
}
GLOSSARY_COUNTS = {"en": 10, "es": 10, "fr": 10, "ar": 9, "zh-Hans": 9}


@pytest.mark.parametrize("lang", sorted(GLOSSARY_COUNTS))
def test_every_seeded_glossary_term_is_found_in_the_plain_version(client, lang):
    body = client.get(URL, params={"locale": lang, "level": "plain"}).json()
    found = {g["term"] for s in body["sections"] for g in s["glossary"]}
    assert len(found) == GLOSSARY_COUNTS[lang]
    for s in body["sections"]:
        for g in s["glossary"]:
            assert g["lang"] == s["lang"] == lang and g["kind"] == "term" and g["definition"]
            assert 0 <= g["start"] < g["end"] <= len(s["text"])


def test_glossary_offsets_point_at_the_inflected_forms(client):
    body = client.get(URL, params={"locale": "fr", "level": "plain"}).json()
    section = next(s for s in body["sections"] if s["key"] == "research-and-results")
    (trial,) = [g for g in section["glossary"] if g["term"] == "essai clinique"]
    assert section["text"][trial["start"] : trial["end"]] == "essais cliniques"
    en = client.get(f"{URL}/sections/t-cell-therapy", params={"locale": "en"}).json()
    first = en["glossary"][0]
    assert en["text"][first["start"] : first["end"]] == "immunotherapy"


def test_json_carries_counts_times_and_rates_with_sources(client):
    body = client.get(URL, params={"locale": "zh-Hans"}).json()
    assert body["reading_rates"]["zh-Hans"]["unit"] == "characters"
    assert "IReST" in body["reading_rates"]["zh-Hans"]["aloud_source"]
    section = body["sections"][0]
    assert section["count_unit"] == "characters"
    assert section["word_count"] == sum(1 for c in section["text"] if c.isalnum())
    assert section["reading_time_seconds"] == -(-section["word_count"] * 60 // 332)
    assert body["word_count"] == sum(s["word_count"] for s in body["sections"])
    en = client.get(URL, params={"locale": "en", "level": "full"}).json()
    assert en["reading_rates"]["en"]["silent_per_minute"] == 238
    assert en["listening_time_seconds"] == -(-en["word_count"] * 60 // 183)


@pytest.mark.parametrize("fmt", sorted(CONTENT_TYPES))
def test_format_parameter_picks_the_rendition_and_the_etag_differs(client, fmt):
    r = client.get(URL, params={"locale": "es", "format": fmt})
    assert r.status_code == 200
    assert r.headers["content-type"] == CONTENT_TYPES[fmt]
    assert "Accept" not in [v.strip() for v in r.headers.get("vary", "").split(",")]
    assert r.headers["content-language"] == "es"
    json_etag = client.get(URL, params={"locale": "es"}).headers["etag"]
    assert (r.headers["etag"] == json_etag) is (fmt == "json")
    again = client.get(
        URL, params={"locale": "es", "format": fmt}, headers={"If-None-Match": r.headers["etag"]}
    )
    assert again.status_code == 304 and again.headers["etag"] == r.headers["etag"]


@pytest.mark.parametrize(
    ("accept", "content_type"),
    [
        ("text/html", "text/html; charset=utf-8"),
        ("application/ssml+xml;q=0.9, */*;q=0.1", "application/ssml+xml; charset=utf-8"),
        ("text/plain", "text/plain; charset=utf-8"),
        ("application/ld+json", "application/ld+json"),
        ("*/*", "application/json"),
        ("nonsense", "application/json"),
    ],
)
def test_accept_header_negotiates_and_responses_vary_on_it(client, accept, content_type):
    r = client.get(f"{URL}/sections/summary", params={"locale": "fr"}, headers={"Accept": accept})
    assert r.status_code == 200 and r.headers["content-type"] == content_type
    assert "Accept" in [v.strip() for v in r.headers["vary"].split(",")]


def test_format_wins_over_accept_and_bad_values_are_422_or_406(client):
    r = client.get(URL, params={"format": "text"}, headers={"Accept": "text/html"})
    assert r.headers["content-type"] == "text/plain; charset=utf-8"
    bad = client.get(URL, params={"format": "pdf"})
    assert bad.status_code == 422 and bad.headers["content-type"] == "application/problem+json"
    assert [e["parameter"] for e in bad.json()["errors"]] == ["format"]
    none = client.get(URL, headers={"Accept": "image/png"})
    assert none.status_code == 406 and none.headers["content-type"] == "application/problem+json"
    assert "text/html" in none.json()["available"]
    assert none.headers["vary"] == "Accept, Origin"  # another Accept would get a 200


def test_content_location_names_the_rendition(client):
    r = client.get(URL, params={"locale": "ar", "format": "ssml"})
    assert r.headers["content-location"] == f"{URL}?locale=ar&level=plain&format=ssml"


def _hostile(session, scheme):
    article = session.exec(select(Article).where(Article.slug == SLUG)).one()
    section = session.exec(
        select(Section).where(Section.article_id == article.id, Section.key == "summary")
    ).one()
    version = Version(
        locale="en",
        level="plain",
        heading=HOSTILE_HEADING,
        text=HOSTILE_TEXT,
        status="submitted",
        origin="human",
        source_hash=section.source_hash,
        author="test",
        section_id=section.id or 0,
        revision=0,
    )
    content.append_version(session, scheme, section, version)
    content.publish(session, version, reviewer="test")
    session.add(
        GlossaryEntry(
            article_id=article.id or 0,
            locale="en",
            kind="abbreviation",
            term="NCI",
            definition='National <Cancer> & "Institute"',
        )
    )
    content.touch(session, article)
    session.commit()


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_data(self, data):
        self.text.append(data)


def test_hostile_content_is_inert_and_intact_in_every_rendition(client, session, scheme):
    _hostile(session, scheme)
    params = {"locale": "en", "level": "plain"}
    body = client.get(f"{URL}/sections/summary", params=params).json()
    assert (body["text"], body["heading"]) == (HOSTILE_TEXT, HOSTILE_HEADING)
    assert [g["term"] for g in body["glossary"]] == ["NCI", "T cell"]

    html = client.get(URL, params={**params, "format": "html"}).text
    parser = _Tags()
    parser.feed(html)
    assert "script" not in parser.tags and "b" not in parser.tags
    text = "".join(parser.text)
    assert HOSTILE_HEADING in text
    assert 'National <Cancer> & "Institute" (NCI)' in text and "\u202eesrever\u202c" in text

    ssml = client.get(URL, params={**params, "format": "ssml"}).text
    spoken = "".join(ET.fromstring(ssml.encode("utf-8")).itertext())
    assert HOSTILE_HEADING in spoken and "\u202eesrever\u202c dose 5 mg." in spoken
    (sub,) = ET.fromstring(ssml.encode("utf-8")).iter("{http://www.w3.org/2001/10/synthesis}sub")
    assert (sub.get("alias"), sub.text) == ('National <Cancer> & "Institute"', "NCI")

    plain = client.get(URL, params={**params, "format": "text"}).text
    assert f"\n\n{HOSTILE_HEADING}\n\n" in plain
    assert HOSTILE_TEXT.replace("NCI", 'National <Cancer> & "Institute" (NCI)') in plain

    raw = client.get(URL, params={**params, "format": "jsonld"}).text
    assert "<" not in raw and "&" not in raw
    names = [p["name"] for p in json.loads(raw)["hasPart"]]
    assert HOSTILE_HEADING in names
