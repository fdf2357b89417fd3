"""Language tags: canonical BCP 47 form, text direction and display names.

Tags are stored and emitted with hyphens and canonical case (``pt-BR``, ``zh-Hans``, ``sr-Latn``)
and accepted as ``pt_BR``, ``pt-br`` or ``PT-BR`` (reference.md section 3). langcodes does the
parsing and validation; Babel gives the CLDR display names. ``dir`` comes from the tag's maximized
script, never from Babel, which can swap the script (``pa_Arab`` parses as ``pa_Guru``) and
answers ``ttb`` for ``mn_Mong`` (reference.md section 3).
"""

from dataclasses import dataclass
from functools import lru_cache

import langcodes
from babel import Locale, UnknownLocaleError

MAX_TAG_LENGTH = 35  # RFC 5646 section 4.4.1: 35 characters is enough for every useful tag

# Unicode scripts written right to left (ISO 15924 codes).
RTL_SCRIPTS = frozenset(
    {"Adlm", "Arab", "Aran", "Hebr", "Mand", "Mend", "Nkoo", "Rohg", "Samr", "Syrc", "Thaa", "Yezi"}
)


class InvalidLanguageTag(ValueError):
    """The text is not a well-formed, valid BCP 47 language tag."""


@lru_cache(maxsize=4096)
def canonical_tag(raw: str) -> str:
    """Canonical BCP 47 form of ``raw`` (``pt_br`` -> ``pt-BR``, ``iw`` -> ``he``).

    Raises ``InvalidLanguageTag`` for anything langcodes does not accept as valid
    (``not a tag``, ``xx``, empty, over 35 characters).
    """
    text = raw.strip().replace("_", "-")
    if not text or len(text) > MAX_TAG_LENGTH or not langcodes.tag_is_valid(text):
        raise InvalidLanguageTag(raw)
    try:
        return langcodes.standardize_tag(text)
    except (ValueError, LookupError) as exc:  # langcodes raises LanguageTagError(ValueError)
        raise InvalidLanguageTag(raw) from exc


def language_subtag(tag: str) -> str:
    """The bare language subtag (``es`` for ``es-MX``): what textstat must be given."""
    return langcodes.Language.get(tag).language or "und"


@lru_cache(maxsize=1024)
def text_direction(tag: str) -> str:
    """HTML ``dir`` for a tag: ``rtl`` when its likely script is right to left, else ``ltr``."""
    script = langcodes.Language.get(tag).maximize().script
    return "rtl" if script in RTL_SCRIPTS else "ltr"


@dataclass(frozen=True, slots=True)
class LocaleInfo:
    """Display facts for one language tag."""

    tag: str
    english_name: str
    native_name: str
    dir: str


@lru_cache(maxsize=1024)
def locale_info(tag: str) -> LocaleInfo:
    """English and native display names from CLDR via Babel, falling back to langcodes' data."""
    try:
        locale = Locale.parse(tag, sep="-")
        english = locale.get_display_name("en") or tag
        native = locale.get_display_name(locale) or english
    except (UnknownLocaleError, ValueError):
        language = langcodes.Language.get(tag)
        english = language.display_name("en")
        native = language.autonym()
    return LocaleInfo(tag=tag, english_name=english, native_name=native, dir=text_direction(tag))
