"""The fast counting path (packed per-word memo, words and numbers found apart) gives exactly
the counts of the token-by-token path, on every gold and seed text (issue 8 point 9)."""

import re
from pathlib import Path

import pytest

from api.domain.textstats import clear_memos, text_stats
from api.domain.textstats.stats import LONG_WORD_LETTERS

from .textstats_gold import LANGUAGES, sentence_gold

SEED = Path(__file__).parents[3] / "translations/content/immunotherapy-breast-cancer"


def _texts(language: str) -> list[str]:
    texts = [c["text"] for c in sentence_gold(language)]
    po = "\n".join(p.read_text(encoding="utf-8") for p in sorted((SEED / language).glob("*.po")))
    texts += re.findall(r'^msgstr "(.+)"$', po, flags=re.M)
    return [*texts, "\n\n".join(texts)]


@pytest.mark.parametrize("language", LANGUAGES)
def test_fast_counts_equal_the_sum_over_tokens(language):
    clear_memos()
    for text in _texts(language):
        stats = text_stats(text, language)
        ws = stats.words  # built token by token, with the full tokenizer
        lettered = [w for w in ws if w.letters]
        assert stats.word_count == len(ws)
        assert stats.syllable_count == sum(w.syllables for w in ws)
        assert stats.letter_count == sum(w.letters for w in ws)
        assert stats.letter_word_count == len(lettered)
        assert stats.long_word_count == sum(w.letters >= LONG_WORD_LETTERS for w in lettered)
        assert stats.monosyllable_count == sum(w.syllables == 1 for w in lettered)
        assert stats.polysyllable_count == stats.words_with_at_least(3)
        for index, s in enumerate(stats.sentences):
            mine = [w for w in ws if w.sentence == index]
            assert (s.word_count, s.syllable_count) == (
                len(mine),
                sum(w.syllables for w in mine),
            )
            assert s.polysyllable_count == sum(w.syllables >= 3 for w in mine)
            assert s.letter_count == sum(w.letters for w in mine)


def test_a_sentence_with_a_url_is_counted_token_by_token_and_the_rest_fast():
    text = "Lea www.aecc.es hoy. Una forma así de usar la mano."
    stats = text_stats(text, "es")
    assert [(s.word_count, s.syllable_count) for s in stats.sentences] == [(3, 4), (7, 12)]
    assert [w.kind for w in stats.words] == ["word", "url", "word", *["word"] * 7]


def test_memoized_counts_match_cold_counts():
    text = "El paciente recibe la dosis cada tres semanas. Tome 2,5 mg."
    clear_memos()
    cold = text_stats(text, "es")
    warm = text_stats(text, "es")
    assert cold == warm and cold.syllable_count == 16 + 2 + 1 + 1  # Tome, 2,5, mg
