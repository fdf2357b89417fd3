"""Italian syllables by grammatical syllabification (Serianni, Grammatica italiana, I.162-174).

Counts nuclei in each vowel group:

- unstressed i/u next to a vowel form a diphthong or triphthong (``pa-zien-te``, ``cuo-re``,
  ``miei``); after c, g, sc, gl the ``i`` is only a spelling and counts nothing either way;
- a, e, o next to each other are in hiatus (``pa-e-se``, ``re-a-zio-ne``, ``nau-se-a``);
- an ``i`` between two vowels is the consonant [j] and starts a syllable (``a-iu-to``);
- a stressed ì/ù next to a, e, o is in hiatus. Italian rarely writes that stress, so it is
  recognised from endings that carry it (``-logìa``, ``-grafìa``, ``-terapìa``, ``-patìa``,
  ``-tomìa``, ``-emìa``, ``-algìa``, ``malattìa``, ``farmacìa``...), a few short words
  (``mi-o``, ``su-o``, ``vi-a``, ``pa-u-ra``) and the Greek prefix ``bi(o)-``
  (``an-ti-bi-o-ti-co``, ``bi-op-si-a``).

An apostrophe (elision) ends a vowel group: ``del-l'o-spe-da-le`` 5.
"""

import re

_VOWELS = set("aeiouàèéìíòóùú")
_STRONG = set("aeoàèéòó")
_STRESSED_IA = re.compile(
    r"(?:logi|grafi|terapi|pati|tomi|scopi|emi|algi|opsi|estesi|rurgi|poesi|ergi|nomi|fobi"
    r"|mani|plasi|trofi|atti|maci|avi|protei)(?=[ae]\Z|n[ae]\Z)"
)
_HIATUS_WORDS = {"mio", "mia", "mie", "zio", "zia", "suo", "sua", "tuo", "tua", "via", "vie"}
_HIATUS_WORDS |= {"dio", "paura", "paure"}
_ONE_SYLLABLE = {"ciao"}  # [tʃao]: the dictionaries' one exception to a-o hiatus


def _stressed(w: str) -> set[int]:
    marked = {m.end() - 1 for m in _STRESSED_IA.finditer(w)}
    if w in _HIATUS_WORDS:
        marked.add(next(i for i, c in enumerate(w) if c in "iu" and i + 1 < len(w)))
    bio = w.find("bio")
    if bio == 0 or (bio > 0 and w[:bio] in ("anti", "micro")):
        marked.add(bio + 1)
    return marked


def _nuclei(w: str, stressed: set[int], start: int, end: int) -> int:
    count = 1
    for i in range(start + 1, end):
        a, b = w[i - 1], w[i]
        hiatus = (a in _STRONG and b in _STRONG) or i - 1 in stressed or i in stressed
        glide_onset = b == "i" and a in _VOWELS and i + 1 < end  # intervocalic i = [j]
        count += hiatus or glide_onset
    return count


def syllables(word: str) -> int:
    """Syllables of one Italian word (at least 1 for a word with a letter)."""
    w = word.lower().replace("’", "'").replace("qu", "q")
    if w in _ONE_SYLLABLE:
        return 1
    stressed = _stressed(w)
    count, i = 0, 0
    while i < len(w):
        if w[i] not in _VOWELS:
            i += 1
            continue
        j = i
        while j < len(w) and w[j] in _VOWELS:
            j += 1
        count += _nuclei(w, stressed, i, j)
        i = j
    return max(1, count)
