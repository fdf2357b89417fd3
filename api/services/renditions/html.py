"""A semantic HTML fragment of an article or a section (WCAG 2.2 SC 1.3.1, 3.1.1-3.1.4, 3.1.6;
reference.md section 6).

- the root (``<article>`` or ``<section>``) carries ``lang`` and ``dir``; so does every section
  (always, even where it matches the root) and every other part whose language differs (title,
  notes, glossary entries, IPA);
- real heading levels: title ``h1``, sections ``h2``, glossary ``h2`` (shifted by ``top`` to
  embed the fragment under an existing heading);
- the first occurrence of a glossary term in each section is a ``<dfn>`` whose link points to
  its entry in the glossary list at the end and is described by the definition
  (``aria-describedby``), so a screen reader announces the definition on focus;
- an abbreviation is expanded in the text on its first use in the fragment ("expansion
  (<abbr>ABBR</abbr>)"), then marked ``<abbr title>``: screen readers do not announce ``title``;
- inside right-to-left text, numbers and Latin-script runs are isolated with ``<bdi>``; a run of
  content holding explicit bidi controls (e.g. U+202E) is kept intact inside ``<bdi>`` so that
  it cannot reorder anything around it.

All content is escaped by MarkupSafe.
"""

import re
from collections.abc import Sequence

from markupsafe import Markup, escape

from api.domain.glossary import ABBREVIATION
from api.domain.languages import text_direction
from api.domain.segments import has_bidi_controls, paragraph_spans, runs
from api.schemas import ArticleRead, GlossaryMatch, NoteRead, SectionBody, SectionRead
from api.services.renditions import glossary_label
from api.services.renditions.notices import (
    Notice,
    article_notices,
    of_section,
    section_read_notices,
)

LTR_RUN = re.compile("[0-9A-Za-z](?:[0-9A-Za-z.,:/%+\\-\u2013]*[0-9A-Za-z%])?")


class _Context:
    """State of one fragment: ids, first uses, the glossary entries referred to."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self.entries: dict[tuple[str, str, str], tuple[str, GlossaryMatch, str]] = {}
        self.abbreviations_used: set[tuple[str, str]] = set()

    def entry_id(self, match: GlossaryMatch, lang: str) -> str:
        key = (lang, match.kind, match.term)
        if key not in self.entries:
            self.entries[key] = (f"{self.prefix}-g{len(self.entries) + 1}", match, lang)
        return self.entries[key][0]


def _lang_attrs(lang: str, parent_lang: str | None) -> Markup:
    if lang == parent_lang:
        return Markup("")
    return Markup(' lang="{}" dir="{}"').format(lang, text_direction(lang))


def _plain(text: str, rtl: bool) -> Markup:
    """Escaped text; in rtl text, numbers and Latin runs isolated; bidi controls contained."""
    if has_bidi_controls(text):
        return Markup("<bdi>{}</bdi>").format(text)
    if not rtl:
        return escape(text)
    out, at = [], 0
    for m in LTR_RUN.finditer(text):
        out += [escape(text[at : m.start()]), Markup("<bdi>{}</bdi>").format(m.group())]
        at = m.end()
    out.append(escape(text[at:]))
    return Markup("").join(out)


def _match(
    text: str,
    match: GlossaryMatch,
    lang: str,
    rtl: bool,
    ctx: _Context,
    seen: set[tuple[str, str]],
) -> Markup:
    surface = _plain(text[match.start : match.end], rtl)
    entry, key = match, (match.kind, match.term)
    gid = ctx.entry_id(match, lang)
    if entry.kind == ABBREVIATION:
        abbr = Markup('<abbr title="{}">{}</abbr>').format(entry.definition, surface)
        if (lang, entry.term) in ctx.abbreviations_used:
            return abbr
        ctx.abbreviations_used.add((lang, entry.term))
        return Markup("{} ({})").format(_plain(entry.definition, rtl), abbr)
    if key in seen:
        return surface
    seen.add(key)
    return Markup('<dfn><a href="#{0}" aria-describedby="{0}-def">{1}</a></dfn>').format(
        gid, surface
    )


def _paragraphs(section: SectionBody, ctx: _Context) -> Markup:
    text, lang = section.text, section.lang
    rtl, matches = section.dir == "rtl", section.glossary
    seen: set[tuple[str, str]] = set()
    out = []
    for start, end in paragraph_spans(text):
        parts = [
            _match(text, r.match, lang, rtl, ctx, seen)
            if r.match
            else _plain(text[r.start : r.end], rtl)
            for r in runs(start, end, matches)
        ]
        out.append(Markup("<p>{}</p>").format(Markup("").join(parts)))
    return Markup("\n").join(out)


def _heading(level: int, text: str, attrs: Markup = Markup("")) -> Markup:
    tag = f"h{min(max(level, 1), 6)}"
    return Markup("<{0}{1}>{2}</{0}>").format(Markup(tag), attrs, text)


def _note(note: NoteRead, parent_lang: str) -> Markup:
    template = Markup('<div role="note" class="editorial-note" data-kind="{}"{}><p>{}</p></div>')
    return template.format(note.kind or "", _lang_attrs(note.lang, parent_lang), note.text)


def notice_html(notice: Notice) -> Markup:
    """A notice as ``<p role="note">`` in its own language (always marked: SC 3.1.2)."""
    return Markup(
        '<p class="notice" role="note" data-notice="{}" lang="{}" dir="{}">{}</p>'
    ).format(notice.kind, notice.lang, text_direction(notice.lang), notice.text)


def _section(
    section: SectionBody,
    level: int,
    ctx: _Context,
    notes: Sequence[Markup],
    with_glossary: bool = False,
    notices: Sequence[Notice] = (),
) -> Markup:
    sid = f"{ctx.prefix}-{section.key}"
    heading_lang = _lang_attrs(section.heading_lang, section.lang)
    heading = _heading(level, section.heading, Markup(' id="{}-h"{}').format(sid, heading_lang))
    parts = [heading] if section.heading else []
    parts += [*(notice_html(n) for n in notices), _paragraphs(section, ctx), *notes]
    if with_glossary:
        parts.append(_glossary(ctx, section.lang, level + 1))
    labelled = Markup(' aria-labelledby="{}-h"').format(sid) if section.heading else ""
    return Markup('<section id="{0}"{1} lang="{2}" dir="{3}">\n{4}\n</section>').format(
        sid, labelled, section.lang, section.dir, Markup("\n").join(p for p in parts if p)
    )


def _glossary(ctx: _Context, root_lang: str, level: int) -> Markup:
    if not ctx.entries:
        return Markup("")
    label, label_lang = glossary_label(root_lang)
    gid = f"{ctx.prefix}-glossary"
    items = []
    for entry_id, entry, lang in ctx.entries.values():
        ipa = (
            Markup(' <span class="ipa" lang="{}-fonipa" dir="ltr">/{}/</span>').format(
                lang, entry.ipa
            )
            if entry.ipa
            else ""
        )
        item = Markup('<div{0}><dt id="{1}">{2}{3}</dt><dd id="{1}-def">{4}</dd></div>')
        items.append(
            item.format(_lang_attrs(lang, root_lang), entry_id, entry.term, ipa, entry.definition)
        )
    heading = _heading(
        level, label, Markup(' id="{}-h"{}').format(gid, _lang_attrs(label_lang, root_lang))
    )
    return Markup(
        '<section id="{0}" class="glossary" aria-labelledby="{0}-h">\n{1}\n<dl>\n{2}\n'
        "</dl>\n</section>"
    ).format(gid, heading, Markup("\n").join(items))


def render_article_html(article: ArticleRead, top: int = 1) -> str:
    """The article (``api.services.render.render_article``) as an HTML fragment.

    ``top`` is the heading level of the title (1-5); sections and the glossary are one below.
    Ids are prefixed with the slug, so fragments of different articles can share a page.
    """
    ctx, lang = _Context(article.slug), article.lang
    notes: dict[str, list[Markup]] = {}
    loose = []
    for note in article.editorial_notes:
        for key in note.sections:
            notes.setdefault(key, []).append(_note(note, lang))
        if not note.sections:
            loose.append(_note(note, lang))
    title = _heading(top, article.title, _lang_attrs(article.title_lang, lang))
    notices = article_notices(article)
    own = [notice_html(n) for n in of_section(notices, None)]
    sections = [
        _section(s, top + 1, ctx, notes.get(s.key, []), notices=of_section(notices, s.key))
        for s in article.sections
    ]
    body = Markup("\n").join([title, *own, *loose, *sections, _glossary(ctx, lang, top + 1)])
    return str(
        Markup('<article lang="{}" dir="{}" data-slug="{}">\n{}\n</article>\n').format(
            lang, article.dir, article.slug, body
        )
    )


def render_section_html(section: SectionRead, top: int = 2) -> str:
    """One section (``api.services.render.render_section``) as an HTML ``<section>``.

    Its heading is ``h{top}`` (default 2: the fragment goes under the page's ``h1``); its
    glossary list follows inside the section, one level below.
    """
    ctx = _Context(section.article)
    notices = section_read_notices(section)
    return str(_section(section, top, ctx, [], with_glossary=True, notices=notices)) + "\n"
