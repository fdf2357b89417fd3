"""Notices every rendition carries (issue 9, point 7), as sentences in the served language.

What the JSON and the reader page say with flags, said in words for html, text and ssml and
as properties for jsonld: ``language_not_available`` (no section is in a language the reader
accepts), ``level_not_met`` (the article, or a section, is not at the level asked for),
``partial_language`` (only some sections are in the served language), ``section_fallback``
(this section is in another language) and ``stale`` (written against an older source).

The sentences are interface strings of ``translations/ui`` (the reader page's catalogs, so
the two never disagree), in the catalog of the served language (``ui_language``: the same
tag, else the same bare language, else English); ``Notice.lang`` is that catalog's tag, so
each rendition marks the sentence up with it (WCAG 2.2 SC 3.1.2, reference.md section 6).
"""

from dataclasses import dataclass

from pydantic import JsonValue

from api.schemas import ArticleRead, SectionBody, SectionRead
from api.services.ui_i18n import N_, language_name, translations, ui_language

LEVEL_LABELS = {"easy": N_("Easy read"), "plain": N_("Plain language"), "full": N_("Full text")}
NOT_AVAILABLE = N_("This page is not available in %(asked)s. It is shown in %(language)s.")
LEVEL_ASKED = N_(
    "There is no “%(asked)s” version of this page in %(language)s. It is shown as “%(level)s”."
)
LEVEL_GRADE = N_(
    "No version of this page in %(language)s is written for the reading level you asked for."
    " It is shown as “%(level)s”."
)
PARTIAL = N_(
    "This page is only partly translated into %(language)s: %(num)d of %(total)d sections."
)
FALLBACK = N_(
    "This section is shown in %(shown)s because it has not been translated into %(language)s yet."
)
STALE = N_(
    "This translation may be out of date: the original text has changed since it was translated."
)
SOURCE_STALE = N_(
    "This version may be out of date: the full text has changed since it was written."
)
SECTION_LEVEL = N_("This section has no “%(asked)s” version. It is shown as “%(level)s”.")
PARTLY = N_("partly translated")


@dataclass(frozen=True, slots=True)
class Notice:
    """One notice: ``kind`` (a name above), ``text`` (the sentence), ``lang`` (its language),
    ``section`` (the section key for a section's notice, None for the article's) and
    ``value`` (what the jsonld property carries: True, or ``[n, total]`` for partial)."""

    kind: str
    text: str
    lang: str
    section: str | None = None
    value: JsonValue = True


class _Words:
    """Translating into one interface language."""

    def __init__(self, served: str) -> None:
        self.lang = ui_language(served)
        self.catalog = translations(self.lang)

    def say(self, msgid: str, **values: str | int) -> str:
        return self.catalog.gettext(msgid) % values

    def name(self, tag: str) -> str:
        return language_name(tag, self.lang)

    def level(self, level: str) -> str:
        return self.catalog.gettext(LEVEL_LABELS.get(level, level))


def _matches(lang: str, tag: str) -> bool:
    lang, tag = lang.lower(), tag.lower()
    return lang == tag or lang.startswith(tag + "-") or tag.startswith(lang + "-")


def _asked_languages(article: ArticleRead) -> list[str]:
    echo = getattr(article, "requested", None) or getattr(article, "negotiated", None)
    if echo is None:
        return []
    locale = getattr(echo, "locale", None)
    accepted = getattr(echo, "accept_language", None) or []
    return [locale] if locale else [t for t in accepted if t != "*"]


def language_met(article: ArticleRead) -> bool:
    """The article's ``language_met`` where it carries one; else True unless the reader named
    languages and no section is in any of them (RFC 4647 prefix match either way)."""
    given = getattr(article, "language_met", None)
    if isinstance(given, bool):
        return given
    asked = _asked_languages(article)
    return not asked or any(_matches(s.lang, t) for s in article.sections for t in asked)


def _asked_level(article: ArticleRead) -> str | None:
    echo = getattr(article, "requested", None) or getattr(article, "negotiated", None)
    return getattr(echo, "level", None) if getattr(echo, "max_grade", None) is None else None


def _article_level_missed(article: ArticleRead) -> bool:
    """The article as a whole is not at the level asked (its own choice), as opposed to some
    sections missing it, which their own notices announce (``level_met`` is false for both)."""
    if article.level_met:
        return False
    asked = _asked_level(article)
    every_section_met = article.level_met_sections == len(article.sections)
    return every_section_met or (asked is not None and article.level != asked)


def section_notices(
    section: SectionBody | SectionRead, served: str, level: str, source_lang: str | None = None
) -> list[Notice]:
    """A section's notices for a page served in ``served`` at ``level``: fallback, stale,
    level. A stale section in ``source_lang`` (the article's source language, when known) is
    one of the source's own levels, not a translation: its notice says the full text changed
    (the workflow's stale flag: written against an older full source, reference.md 5)."""
    words, key, out = _Words(served), section.key, []
    if section.locale_fallback:
        text = words.say(FALLBACK, shown=words.name(section.lang), language=words.name(served))
        out.append(Notice("section_fallback", text, words.lang, key, section.lang))
    if section.stale:
        own_level = source_lang is not None and section.lang == source_lang
        out.append(
            Notice("stale", words.say(SOURCE_STALE if own_level else STALE), words.lang, key)
        )
    if section.level != level:
        asked, shown = words.level(level), words.level(section.level)
        text = words.say(SECTION_LEVEL, asked=asked, level=shown)
        out.append(Notice("level_not_met", text, words.lang, key, section.level))
    return out


def article_notices(article: ArticleRead) -> list[Notice]:
    """The article's own notices (language, level, partial language), then each section's."""
    words, served = _Words(article.lang), article.lang
    out = []
    if not language_met(article):
        asked = _asked_languages(article)[0]
        text = words.say(NOT_AVAILABLE, asked=words.name(asked), language=words.name(served))
        out.append(Notice("language_not_available", text, words.lang, None, asked))
    if _article_level_missed(article):
        asked_level, shown = _asked_level(article), words.level(article.level)
        text = (
            words.say(
                LEVEL_ASKED,
                asked=words.level(asked_level),
                language=words.name(served),
                level=shown,
            )
            if asked_level
            else words.say(LEVEL_GRADE, language=words.name(served), level=shown)
        )
        out.append(Notice("level_not_met", text, words.lang, None, article.level))
    native = sum(1 for s in article.sections if not s.locale_fallback)
    if 0 < native < len(article.sections):
        total = len(article.sections)
        text = words.say(PARTIAL, language=words.name(served), num=native, total=total)
        out.append(Notice("partial_language", text, words.lang, None, [native, total]))
    for s in article.sections:
        out += section_notices(s, served, article.level, article.source_lang)
    return out


def of_section(notices: list[Notice], key: str | None) -> list[Notice]:
    """The notices about section ``key`` (None: the article's own)."""
    return [n for n in notices if n.section == key]


def section_read_notices(section: SectionRead) -> list[Notice]:
    """Notices of a section read on its own (served for ``article_lang``)."""
    asked = getattr(getattr(section, "requested", None), "level", None)
    level = asked if asked and not section.level_met else section.level
    return section_notices(section, section.article_lang, level)
