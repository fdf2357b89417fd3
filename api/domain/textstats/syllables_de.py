"""German syllables: Sprechsilben as Duden divides them (Duden, Die deutsche Rechtschreibung,
Worttrennung section 107 ff.), by vowel nuclei.

- ``aa ee oo ie ei ai au eu äu ey ay`` are one nucleus (``Fie-ber``, ``Zoo``, ``neu-e``);
- ``qu`` is a consonant cluster (``Ä-qua-tor``);
- ``ie`` before ``n`` at the end of the word, before ``nt``/``nz`` and before ``ll`` is two
  (``Fa-mi-li-en``, ``The-ra-pi-en``, ``Pa-ti-ent``, ``Ef-fi-zi-enz``, ``spe-zi-ell``), as Duden
  divides them, except in ``Wien``, ``schien``, ``spien``;
- ``ee`` before a final ``n`` in a word with an earlier vowel is two (``I-de-en``), ``eu``
  before a final ``m`` is two (``Mu-se-um``);
- any other vowel pair is in hiatus (``Pa-ti-ent``, ``In-fek-ti-on``, ``ak-tu-ell``,
  ``The-a-ter``, ``Di-ät``).
"""

_VOWELS = set("aeiouyäöü")
_DIGRAPHS = {"aa", "ee", "oo", "ie", "ei", "ai", "au", "eu", "äu", "ey", "ay"}
_ONE_SYLLABLE_IEN = {"wien", "schien", "spien", "schienst"}


def _digraph(w: str, i: int) -> bool:
    pair = w[i : i + 2]
    if pair not in _DIGRAPHS:
        return False
    rest = w[i + 2 :]
    if pair == "ie":
        if rest == "n":
            return w in _ONE_SYLLABLE_IEN
        return not rest.startswith(("nt", "nz", "ll"))
    if pair == "ee" and rest == "n":
        return not any(c in _VOWELS for c in w[:i])
    return not (pair == "eu" and rest == "m")


def syllables(word: str) -> int:
    """Syllables of one German word (at least 1 for a word with a letter)."""
    w = word.lower().replace("qu", "q")
    count, i = 0, 0
    while i < len(w):
        if w[i] not in _VOWELS:
            i += 1
            continue
        count += 1
        i += 2 if _digraph(w, i) else 1
    return max(1, count)
