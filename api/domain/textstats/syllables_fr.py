"""French syllables of the word said alone, by vowel nuclei with French corrections.

Convention (tests/api/domain/gold/README.md): a **final mute e** never counts (``-e``, ``-es``,
the verb ending ``-ent``), unless it is the word's only vowel (``le``, ``les``); an internal e
caduc counts (``trai-te-ment``). Rules, after Grevisse & Goosse, *Le Bon usage*, sections 29-31
(semi-vowels, diaeresis) and the Petit Robert pronunciations:

- ``u`` after ``q`` and after ``g`` before e/i/y/é/è/ê is silent (``guérir``, ``qu'il``);
- ``ai ei oi ou au eau eu œu ui`` and ``i u ou y`` before a vowel (glides) make one nucleus
  (``nuit``, ``na-tion``, ``pied``), except ``i`` or ``u`` after a consonant + l/r cluster
  (diérèse: ``cli-ent``, ``ou-vri-er``, ``gan-gli-ons``);
- ``é è ê`` before a vowel, any vowel before ``é è ê ë ï``, ``a``/``o`` next to each other and
  ``y`` after a vowel start a new nucleus (``ré-ac-tion``, ``po-ème``, ``na-ïf``, ``pa-yer``);
  ``ë`` after ``u`` is mute (``ai-guë``);
- ``-ent`` is silent in verb forms: after ``ai``/``oi``, after two consonants, after ``qu``
  ``gu`` ``g`` ``s`` ``v``, after ``è`` + consonant and in a list of verbs; it is nasal in
  ``-ment``, ``-ient`` and a list of adjectives and nouns (``souvent``, ``présent``, ``urgent``).
"""

import re

_VOWELS = set("aeiouyàâäéèêëîïôöùûüœæ")
_NASAL_ENT = {
    "souvent", "présent", "absent", "excellent", "fréquent", "conséquent", "éloquent", "agent",
    "urgent", "argent", "intelligent", "négligent", "diligent", "régent", "sergent",
    "indulgent", "contingent", "émergent", "détergent", "convergent", "divergent", "couvent",
    "consent", "auvent", "paravent", "subséquent", "adolescent", "content", "mécontent",
}  # fmt: skip
_VERB_ENT = {
    "aiment", "dorment", "expriment", "suppriment", "impriment", "forment", "transforment",
    "informent", "confirment", "affirment", "ferment", "calment", "sèment", "arment", "animent",
    "estiment", "résument", "fument", "allument", "priment", "dépriment", "compriment",
    "aident", "décident", "président", "résident", "durent", "crient", "lient", "prient",
    "étudient", "oublient", "copient", "rient", "sourient",
}  # fmt: skip
_CLUSTER = re.compile(r"[bcdfgkptv][lr]\Z")


def _silent_ent(w: str) -> bool:
    if w in _NASAL_ENT:
        return False
    if w in _VERB_ENT or w.endswith(("aient", "oient", "ifient")):
        return True
    if w.endswith(("ment", "ient")) or len(w) < 5:
        return False
    before, earlier = w[-4], w[-5]
    if w.endswith(("quent", "guent", "gent")) or before in "sv":
        return True
    return before not in _VOWELS and (earlier not in _VOWELS or earlier == "è")


def _strip_mute(w: str) -> str:
    silent_ent = w.endswith("ent") and _silent_ent(w)
    w = re.sub(r"(?<=q)u|(?<=g)u(?=[eiyéèê])|(?<=g)e(?=[aoâô])", "", w)
    w = w.replace("uë", "u")
    cut = w
    if silent_ent:
        cut = w[:-3]
    elif w.endswith("es"):
        cut = w[:-2]
    elif w.endswith("e"):
        cut = w[:-1]
    return cut if any(c in _VOWELS for c in cut) else w


def _splits(w: str, i: int) -> bool:
    a, b = w[i - 1], w[i]
    if (
        b in "ëï"
        or (b in "éèê" and a not in "iuy")
        or a in "éèê"
        or (a in "ao" and b in "ao" and a != b)
    ):
        return True
    if b == "y" or (a == "y" and i >= 2 and w[i - 2] in _VOWELS):
        return b == "y"
    if a in "iu" and b not in "iu" and _CLUSTER.search(w[: i - 1]):
        return w[i - 2 : i] != "ou"
    return False


def _part(w: str) -> int:
    w = _strip_mute(w)
    count = 0
    for i, c in enumerate(w):
        if c not in _VOWELS:
            continue
        if i == 0 and c == "y" and len(w) > 1 and w[1] in _VOWELS:
            continue
        if i == 0 or w[i - 1] not in _VOWELS or _splits(w, i):
            count += 1
    return count


def syllables(word: str) -> int:
    """Syllables of one French word (at least 1 for a word with a letter)."""
    parts = word.lower().replace("’", "'").split("'")
    return max(1, sum(_part(p) for p in parts if p))
