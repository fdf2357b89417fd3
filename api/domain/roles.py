"""Role grants by language pattern and level (issue 3, section 1).

Patterns: ``*`` (every language), ``es`` (exactly the tag ``es``), ``es-*`` (``es`` and every
tag that starts with ``es-``: ``es-MX``, ``es-419``). Tags compare in canonical BCP 47 form
(reference.md section 3), so ``pt_br`` in a grant means ``pt-BR``.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from api.domain.languages import InvalidLanguageTag, canonical_tag

ANY = "*"
WILDCARD_SUFFIX = "-*"


class InvalidPatternError(ValueError):
    """Not ``*``, a language tag, or a language tag followed by ``-*``."""


def canonical_pattern(raw: str) -> str:
    """``*``, a canonical tag, or a canonical tag + ``-*``; raises ``InvalidPatternError``."""
    text = raw.strip()
    if text == ANY:
        return ANY
    wildcard = text.endswith(WILDCARD_SUFFIX)
    base = text[: -len(WILDCARD_SUFFIX)] if wildcard else text
    try:
        tag = canonical_tag(base)
    except InvalidLanguageTag:
        raise InvalidPatternError(
            "must be *, a language tag such as es, or a tag with -* such as es-*"
        ) from None
    return tag + WILDCARD_SUFFIX if wildcard else tag


def pattern_matches(pattern: str, locale: str) -> bool:
    """True when the grant pattern covers the canonical tag ``locale``."""
    if pattern == ANY:
        return True
    if pattern.endswith(WILDCARD_SUFFIX):
        base = pattern[: -len(WILDCARD_SUFFIX)].lower()
        return locale.lower() == base or locale.lower().startswith(base + "-")
    return pattern.lower() == locale.lower()


@dataclass(frozen=True, slots=True)
class GrantRule:
    """A role for a language pattern and, when not None, a single level."""

    role: str
    language: str
    level: str | None = None

    def covers(self, role: str, locale: str | None, level: str | None) -> bool:
        """True when this grant allows ``role`` on ``locale`` and ``level``.

        ``locale`` None asks for the role everywhere: only a global grant (``*``, every level)
        covers it, so a grant limited to ``es`` never passes as an unlimited one (issue 11).
        """
        if self.role != role:
            return False
        if locale is None:
            return is_global(self)
        if not pattern_matches(self.language, locale):
            return False
        return self.level is None or level is None or self.level == level


def is_global(grant: GrantRule) -> bool:
    """True for a grant on every language (``*``) and every level."""
    return grant.language == ANY and grant.level is None


def allowed(
    grants: Iterable[GrantRule], role: str, locale: str | None = None, level: str | None = None
) -> bool:
    """True when any grant covers the role, language and level asked for."""
    return any(g.covers(role, locale, level) for g in grants)


def describe_need(role: str, locale: str | None, level: str | None) -> str:
    """The missing grant in words: ``needs translator for es`` (``... es plain`` with a level)."""
    what = " ".join(part for part in (locale, level) if part)
    return f"needs {role} for {what}" if what else f"needs {role} for * (every language)"


GLOBAL_ROLES = frozenset({"admin"})


def global_only_errors(role: str, language: str, level: str | None) -> list[dict[str, str]]:
    """The 422 ``errors`` for a grant of a global-only role (``admin``) limited to a language
    or a level; empty when the grant is global or the role may be scoped (issue 11)."""
    if role not in GLOBAL_ROLES:
        return []
    errors = []
    if language != ANY:
        errors.append({"parameter": "language", "reason": f"must be *: {role} grants are global"})
    if level is not None:
        errors.append({"parameter": "level", "reason": f"must be null: {role} grants are global"})
    return errors
