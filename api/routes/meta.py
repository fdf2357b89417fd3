"""Locales, reading levels, ad-hoc readability scoring, and health probes."""

from typing import Annotated, Literal

from fastapi import APIRouter, Query
from sqlalchemy.exc import SQLAlchemyError

from api.db import get_engine
from api.deps import SchemeDep, SessionDep, SettingsDep, parse_locale
from api.domain.languages import language_subtag, locale_info
from api.domain.readability import FORMULAS, score_text
from api.domain.readability_detail import ReadabilityWithDetail, with_detail
from api.errors import InvalidParameter, PayloadTooLarge, ServiceUnavailable
from api.repositories import coverage as coverage_rows
from api.repositories import health, slots
from api.schemas import LevelList, LocaleRead, ReadabilityRequest
from api.services import coverage

router = APIRouter(tags=["reference"])
DetailQuery = Annotated[
    Literal["sentences"] | None,
    Query(
        description="sentences: also each sentence's own score (hardest first) and the long"
        " words, with code-point offsets (api.domain.readability_detail)"
    ),
]


@router.get("/v1/locales", response_model=list[LocaleRead])
def list_locales(session: SessionDep) -> list[LocaleRead]:
    """Every language with published content: tag, English and native names (CLDR via Babel),
    ``dir`` from the tag's script, the readability formula used for it (null: none), and how
    many articles are ``articles_complete`` and ``articles_partial`` in it (``api.services
    .coverage``: complete = every section published at some level)."""
    result = []
    counts = coverage.tally(coverage_rows.published_counts(session))
    for tag in slots.published_locales(session):
        info = locale_info(tag)
        formula = FORMULAS.get(language_subtag(tag))
        result.append(
            LocaleRead(
                tag=tag,
                english_name=info.english_name,
                native_name=info.native_name,
                dir=info.dir,
                readability_formula=formula.id if formula else None,
                articles_complete=counts.get(tag, (0, 0))[0],
                articles_partial=counts.get(tag, (0, 0))[1],
            )
        )
    return result


@router.get("/v1/levels", response_model=LevelList)
def list_levels(scheme: SchemeDep) -> LevelList:
    """The reading-level scheme, easiest first, with each language's target on its own formula's
    scale (inclusive; ``max`` for grade scales, ``min`` for ease scales; reference.md section 1)."""
    levels = []
    for rank, level in enumerate(scheme.levels):
        targets = {
            lang: {**target.as_dict(), "formula": FORMULAS[lang].id, "scale": FORMULAS[lang].scale}
            for lang, target in level.targets.items()
        }
        levels.append(
            {
                "id": level.id,
                "name": level.name,
                "reader": level.reader,
                "rank": rank,
                "nominal_grade": level.nominal_grade,
                "targets": targets,
            }
        )
    return LevelList.model_validate({"levels": levels, "source": scheme.source})


@router.post(
    "/v1/readability",
    response_model=ReadabilityWithDetail,
    responses={
        413: {"description": "Text longer than the configured limit"},
        422: {"description": "Bad locale, level or detail"},
    },
)
def score(
    body: ReadabilityRequest, scheme: SchemeDep, settings: SettingsDep, detail: DetailQuery = None
) -> ReadabilityWithDetail:
    """Score ``text`` in ``locale`` with the language's formula (reference.md sections 1-2).

    Same report as stored versions carry; with ``?detail=sentences`` also ``detail``: every
    sentence with code-point ``start``/``end``, ``word_count``, ``syllable_count`` and its own
    ``score``, hardest first, and the long words with offsets (docs/reference.md section 11).
    413 when ``text`` exceeds ``READABILITY_MAX_CHARS`` characters (default 50,000); 422 for a
    bad locale, level or detail.
    """
    if len(body.text) > settings.readability_max_chars:
        raise PayloadTooLarge(
            f"text has {len(body.text)} characters; at most {settings.readability_max_chars}",
            [
                {
                    "parameter": "text",
                    "reason": f"must be at most {settings.readability_max_chars} characters",
                }
            ],
        )
    locale = parse_locale(body.locale)
    assert locale is not None
    if body.level is not None and scheme.get(body.level) is None:
        raise InvalidParameter.single("level", f"must be one of {', '.join(scheme.ids)}")
    report = score_text(body.text, locale, scheme, body.level)
    return with_detail(report, body.text, detail)


@router.get("/healthz", tags=["health"])
def healthz() -> dict[str, str]:
    """Liveness: the process answers."""
    return {"status": "ok"}


@router.get(
    "/readyz",
    tags=["health"],
    responses={503: {"description": "The database cannot take a write, or does not answer"}},
)
def readyz(settings: SettingsDep) -> dict[str, str]:
    """Readiness: the database can take a write now (SQLite: its write lock is free within
    200 ms; PostgreSQL: it answers and is not read-only). 503 problem+json otherwise."""
    try:
        health.check_writable(get_engine(settings.database_url))
    except health.NotWritable as exc:
        raise ServiceUnavailable(
            f"the database cannot take a write: {exc}", headers={"Retry-After": "1"}
        ) from None
    except SQLAlchemyError as exc:
        raise ServiceUnavailable("the database did not answer") from exc
    return {"status": "ready"}
