"""The reader page's own interface language: gettext catalogs, Jinja2 environments, CLDR names.

Catalogs live in ``translations/ui/<tag>/LC_MESSAGES/messages.po`` (found through
``api.resources.translations_dir()``, so they ship in the wheel) and are compiled in memory by
Babel on first use: no build step a fresh ``pip install`` could miss. One Jinja2 environment per
interface language, autoescaping on, with the ``i18n`` extension bound to that language's
catalog (new-style gettext: placeholders are escaped too). Display names and dates come from
CLDR via Babel (reference.md section 3).

Regenerate the template after changing interface strings::

    pybabel extract -F translations/ui/babel.cfg -k N_ -o translations/ui/messages.pot .
"""

from datetime import datetime
from functools import lru_cache
from io import BytesIO
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from api.domain.languages import language_subtag, locale_info
from api.resources import translations_dir

DEFAULT_UI = "en"


def N_(message: str) -> str:  # noqa: N802 - the gettext convention for "mark, translate later"
    """Mark ``message`` for extraction; it is translated where it is shown."""
    return message


def ui_dir() -> Path:
    """``translations/ui``: one folder per interface language tag."""
    return translations_dir() / "ui"


@lru_cache(maxsize=1)
def ui_languages() -> tuple[str, ...]:
    """Tags with an interface catalog, e.g. ``("ar", "en", "es", "fr", "zh-Hans")``."""
    root = ui_dir()
    return tuple(sorted(p.parent.parent.name for p in root.glob("*/LC_MESSAGES/messages.po")))


def ui_language(tag: str) -> str:
    """The interface language for content in ``tag``: the same tag, else a catalog of the same
    bare language (``es-MX`` -> ``es``), else English."""
    available = ui_languages()
    if tag in available:
        return tag
    same = [t for t in available if language_subtag(t) == language_subtag(tag)]
    return same[0] if same else DEFAULT_UI


def babel_locale(tag: str) -> Locale:
    """Babel's locale for a BCP 47 tag; English when CLDR has no such locale."""
    try:
        return Locale.parse(tag, sep="-")
    except (UnknownLocaleError, ValueError):
        return Locale.parse(DEFAULT_UI)


@lru_cache(maxsize=32)
def translations(tag: str) -> Translations:
    """The compiled catalog of interface language ``tag`` (fuzzy entries are left out).

    Raises ``FileNotFoundError`` for a tag without a catalog.
    """
    path = ui_dir() / tag / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as fh:
        catalog = read_po(fh, locale=str(babel_locale(tag)), abort_invalid=True)
    buffer = BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return Translations(buffer)


@lru_cache(maxsize=32)
def environment(tag: str) -> Environment:
    """The template environment for interface language ``tag``."""
    env = Environment(
        loader=PackageLoader("api", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.install_gettext_translations(translations(tag), newstyle=True)  # type: ignore[attr-defined]
    return env


def language_name(tag: str, in_language: str) -> str:
    """The CLDR name of language ``tag`` written in ``in_language`` (``en`` in ``ar``:
    ``الإنجليزية``); the tag's own name when CLDR has none."""
    name = babel_locale(tag).get_display_name(babel_locale(in_language)) if tag else None
    return name or locale_info(tag).native_name


def long_date(value: str | None, tag: str) -> str | None:
    """An ISO 8601 timestamp as a long date in language ``tag`` (``29 November 2026``)."""
    if not value:
        return None
    return format_date(datetime.fromisoformat(value).date(), "long", locale=babel_locale(tag))
