"""Interface catalogs: complete for every seeded language, in step with the templates."""

from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po

from api.resources import translations_dir
from api.services.ui_i18n import (
    environment,
    language_name,
    long_date,
    translations,
    ui_dir,
    ui_language,
    ui_languages,
)

SEEDED = ["ar", "en", "es", "fr", "zh-Hans"]


def _extracted() -> set[str]:
    root = Path(__file__).resolve().parents[3]  # the checkout: the installed package has no
    # sources to extract from when it is not an editable install
    method_map = [("api/**.py", "python"), ("api/templates/**.html", "jinja2.ext:babel_extract")]
    options = {"api/templates/**.html": {"extensions": "jinja2.ext.i18n", "trimmed": "true"}}
    found = extract_from_dir(root, method_map, options, keywords={**DEFAULT_KEYWORDS, "N_": None})
    return {m[2] if isinstance(m[2], str) else m[2][0] for m in found}


def test_every_seeded_content_language_has_an_interface_catalog():
    seeded = {p.parent.name for p in (translations_dir() / "content").glob("*/*/*.po")}
    assert seeded == {"ar", "en", "es", "fr", "zh-Hans"}
    assert seeded <= set(ui_languages())
    assert list(ui_languages()) == SEEDED


@pytest.mark.parametrize("tag", SEEDED)
def test_catalog_translates_every_interface_string_with_the_same_placeholders(tag):
    with (ui_dir() / tag / "LC_MESSAGES" / "messages.po").open("rb") as fh:
        catalog = read_po(fh)
    ids = {m.id if isinstance(m.id, str) else m.id[0] for m in catalog if m.id}
    assert ids == _extracted()
    assert [
        m.id
        for m in catalog
        if m.id and (m.fuzzy or not all(m.string if isinstance(m.string, tuple) else [m.string]))
    ] == []
    assert [(m.id, errors) for m, errors in catalog.check()] == []


def test_plural_forms_follow_cldr():
    two = translations("ar").ngettext(
        "About %(num)d minute to read", "About %(num)d minutes to read", 2
    )
    assert two == "حوالي دقيقتين للقراءة"
    assert translations("fr").ngettext(
        "About %(num)d minute to read", "About %(num)d minutes to read", 1
    ) == ("Environ %(num)d minute de lecture")


def test_templates_escape_placeholders_too():
    template = environment("en").from_string('{{ _("Reading level: %(level)s", level=x) }}')
    assert template.render(x="<b>") == "Reading level: &lt;b&gt;"


@pytest.mark.parametrize(
    ("tag", "ui"), [("es", "es"), ("es-MX", "es"), ("zh-Hans", "zh-Hans"), ("de", "en")]
)
def test_ui_language_is_the_content_language_or_english(tag, ui):
    assert ui_language(tag) == ui


def test_names_and_dates_come_from_cldr():
    assert language_name("en", "ar") == "الإنجليزية"
    assert language_name("zh-Hans", "es") == "chino (simplificado)"
    assert long_date("2026-11-29T08:57:09+00:00", "fr") == "29 novembre 2026"
    assert long_date(None, "fr") is None
