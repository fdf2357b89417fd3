"""Word counts, reading time and listening time per language (reference.md section 6).

Rates, per minute, by language subtag; each names its source:

- English: 238 words/min silent (non-fiction) and 183 words/min aloud (Brysbaert 2019, "How many
  words do we read per minute? A review and meta-analysis of reading rate", J. Mem. Lang. 109,
  104047). Listening time uses the aloud rate, as reference.md section 6 says.
- Other languages written with spaces: Brysbaert 2019 gives no per-language table we could
  check; it notes that rates in other languages follow the number of words they need for the
  same message. Until a checked per-language rate is added here, the English rates are used and
  the source says so.
- Chinese and Japanese are counted in characters (letters and digits; punctuation and spaces do
  not count): aloud rates from the IReST study (Trauzettel-Klosinski & Dietz 2012, Invest.
  Ophthalmol. Vis. Sci. 53:5452, Table 2: native adults reading standard texts aloud), zh 255
  and ja 357 characters/min; the silent rate is the aloud rate times the English silent/aloud
  ratio (238/183). These two values were taken from the published table without a copy on this
  machine to re-check them: the source says so.
"""

from dataclasses import dataclass

WORDS = "words"
CHARACTERS = "characters"
BRYSBAERT = "Brysbaert 2019, J. Mem. Lang. 109:104047 (English non-fiction, {mode})"
EN_SILENT, EN_ALOUD = 238.0, 183.0
CHARACTER_LANGUAGES = {"zh": 255.0, "ja": 357.0}  # IReST aloud, characters per minute
IREST = (
    "IReST, Trauzettel-Klosinski & Dietz 2012, IOVS 53:5452, Table 2 (reading aloud); "
    "value not re-checked against the paper on this machine"
)


@dataclass(frozen=True, slots=True)
class ReadingRate:
    """Reading rates of one language, per minute, in ``unit``, with their sources."""

    lang: str
    unit: str
    silent_per_minute: float
    aloud_per_minute: float
    silent_source: str
    aloud_source: str

    def as_dict(self) -> dict[str, object]:
        """The ``reading_rates`` member of a read response, for one language."""
        return {
            "unit": self.unit,
            "silent_per_minute": self.silent_per_minute,
            "aloud_per_minute": self.aloud_per_minute,
            "silent_source": self.silent_source,
            "aloud_source": self.aloud_source,
            "listening": "listening time uses the reading-aloud rate",
        }


def _language(tag: str) -> str:
    return tag.split("-", 1)[0].lower()


def rate_for(tag: str) -> ReadingRate:
    """The rates used for a BCP 47 ``tag`` (by its language subtag)."""
    language = _language(tag)
    if language in CHARACTER_LANGUAGES:
        aloud = CHARACTER_LANGUAGES[language]
        silent = round(aloud * EN_SILENT / EN_ALOUD)
        derived = f"{IREST}, times the English silent/aloud ratio 238/183 (Brysbaert 2019)"
        return ReadingRate(tag, CHARACTERS, silent, aloud, derived, IREST)
    silent_src = BRYSBAERT.format(mode="silent reading")
    aloud_src = BRYSBAERT.format(mode="reading aloud")
    if language != "en":
        note = f"; English rate used: no checked per-language rate for {language}"
        silent_src, aloud_src = silent_src + note, aloud_src + note
    return ReadingRate(tag, WORDS, EN_SILENT, EN_ALOUD, silent_src, aloud_src)


def count_units(text: str, tag: str) -> int:
    """Words (runs of non-space with a letter or digit) or, for zh/ja, letters and digits."""
    if _language(tag) in CHARACTER_LANGUAGES:
        return sum(1 for c in text if c.isalnum())
    return sum(1 for token in text.split() if any(c.isalnum() for c in token))


@dataclass(frozen=True, slots=True)
class TextTiming:
    """How long a text takes: its count, and seconds to read silently and to listen to."""

    count: int
    unit: str
    reading_seconds: float
    listening_seconds: float


def timing(text: str, tag: str) -> TextTiming:
    """Count and unrounded times of ``text`` in language ``tag``."""
    rate = rate_for(tag)
    count = count_units(text, tag)
    return TextTiming(
        count,
        rate.unit,
        count * 60.0 / rate.silent_per_minute,
        count * 60.0 / rate.aloud_per_minute,
    )


def seconds(value: float) -> int:
    """Whole seconds for a response: rounded up, so a non-empty text never takes 0 s."""
    whole = int(value)
    return whole + 1 if value > whole else whole
