"""SSML: well-formed XML, languages, sentences, sub alias, phoneme, escaping."""

import xml.etree.ElementTree as ET

from api.services.renditions.ssml import SSML_NS, render_article_ssml, render_section_ssml

from .conftest import HOSTILE

NS = {"s": SSML_NS}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def test_article_is_well_formed_with_languages_paragraphs_and_sentences(article):
    root = ET.fromstring(render_article_ssml(article).encode("utf-8"))
    assert root.tag == f"{{{SSML_NS}}}speak" and root.get(XML_LANG) == "ar"
    (english,) = root.findall("s:lang", NS)
    assert english.get(XML_LANG) == "en"
    paragraphs = root.findall("s:p", NS)
    assert [len(p.findall("s:s", NS)) for p in paragraphs] == [1, 1, 1, 1, 1, 1]
    notices = [p.find("s:s", NS) for p in paragraphs if p.find("s:s", NS).get(XML_LANG)]
    assert [n.get(XML_LANG) for n in notices] == ["ar", "ar"]  # partial language, fallback
    assert [len(p.findall("s:s", NS)) for p in english.findall("s:p", NS)] == [1, 2, 1]
    sentences = ["".join(s.itertext()) for s in english.iter(f"{{{SSML_NS}}}s")]
    assert sentences[1:3] == ["The NCI funds T cell work.", "Ask the NCI about a T cell trial."]


def test_abbreviations_are_sub_alias_and_ipa_is_a_phoneme(article):
    root = ET.fromstring(render_article_ssml(article).encode("utf-8"))
    subs = root.findall(".//s:sub", NS)
    assert [(s.get("alias"), s.text) for s in subs] == [("National Cancer Institute", "NCI")] * 2
    (phoneme,) = root.findall(".//s:phoneme", NS)
    assert (phoneme.get("alphabet"), phoneme.get("ph"), phoneme.text) == (
        "ipa",
        "ˈtiː sɛl",
        "T cell",
    )


def test_hostile_content_parses_and_comes_back_intact(section):
    xml = render_section_ssml(section)
    root = ET.fromstring(xml.encode("utf-8"))
    assert HOSTILE in "".join(root.itertext())
    assert 'Side <b>effects</b> & "more"' in "".join(root.itertext())
    assert root.find(".//script") is None and "<script>" not in xml


def test_characters_xml_forbids_become_replacement_characters(section):
    section = section.model_copy(update={"text": "bad \x00\x0b char", "glossary": []})
    root = ET.fromstring(render_section_ssml(section).encode("utf-8"))
    assert "bad \ufffd\ufffd char" in "".join(root.itertext())
