"""schema.org JSON-LD: MedicalWebPage members, inert when embedded, values intact."""

import json

from api.services.renditions.jsonld import duration, render_article_jsonld, render_section_jsonld


def test_article_is_a_medical_web_page_with_accessibility_members(article):
    raw = render_article_jsonld(article)
    doc = json.loads(raw)
    assert (doc["@type"], doc["inLanguage"], doc["lastReviewed"]) == (
        "MedicalWebPage",
        "ar",
        "2026-11-01",
    )
    assert doc["audience"] == {"@type": "MedicalAudience", "audienceType": "Patient"}
    assert doc["educationalLevel"]["termCode"] == "plain"
    assert doc["accessMode"] == ["textual"]
    assert "structuralNavigation" in doc["accessibilityFeature"]
    assert doc["timeRequired"] == "PT2M10S"
    assert doc["correction"] == [
        {
            "@type": "CorrectionComment",
            "text": "Fixed & <ok>",
            "inLanguage": "en",
            "datePublished": "2026-11-29",
        }
    ]
    assert doc["citation"][0]["name"] == "Ref </script>"
    assert [(p["position"], p["inLanguage"], p["timeRequired"]) for p in doc["hasPart"]] == [
        (1, "ar", "PT1M5S"),
        (2, "en", "PT1M5S"),
    ]
    assert not {"<", ">", "&"} & set(raw)


def test_section_is_part_of_its_page(section):
    doc = json.loads(render_section_jsonld(section))
    assert (doc["@type"], doc["name"], doc["identifier"]) == (
        "WebPageElement",
        'Side <b>effects</b> & "more"',
        "demo#two",
    )
    assert doc["isPartOf"] == {"@type": "MedicalWebPage", "identifier": "demo", "inLanguage": "ar"}


def test_durations_are_iso_8601():
    assert [duration(s) for s in (0, 40, 60, 245)] == ["PT0S", "PT40S", "PT1M", "PT4M5S"]
