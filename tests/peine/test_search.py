"""peine.lib.search: the typed words of every search as a safe German prefix tsquery."""

import pytest

from peine.lib.search import MAX_WORDS, full_text_filter, german_query, search_words
from stakeholders.models import SEARCH_VECTOR, Stakeholder
from tests.factories import StakeholderFactory

pytestmark = pytest.mark.django_db


def _search(text: str, **kwargs) -> list[str]:
    queryset = full_text_filter(Stakeholder.objects.all(), SEARCH_VECTOR, text, **kwargs)
    return sorted(s.name for s in queryset)


@pytest.fixture
def register():
    StakeholderFactory(name="Beratung für Familien", description="Sprachkurse am Abend.")
    StakeholderFactory(name="Sportverein Vöhrum", description="Fußball und Schwimmen.")


def test_the_beginning_of_a_word_finds_the_word(register):
    assert _search("Berat") == ["Beratung für Familien"]
    assert _search("sprachk") == ["Beratung für Familien"]
    assert _search("Schwimmbad") == []  # "Schwimmen" does not begin with it


def test_every_typed_word_must_match(register):
    assert _search("Berat Abend") == ["Beratung für Familien"]
    assert _search("Berat Fußball") == []


@pytest.mark.parametrize(
    "text",
    [
        "&",
        "|",
        "!",
        ":",
        "(",
        ")",
        "'",
        "\\",
        "-",
        "*",
        ":*",
        "<->",
        "Berat & | ! : ( ) ' \\",
        "'Berat'",
        "Berat:*",
        "!Berat",
        "(Berat",
        "Berat\\",
        "Berat -",
        "und der die",  # stop words alone: no lexeme, no match, no error
        "x" * 3000,  # longer than a lexeme may be
    ],
)
def test_syntax_characters_never_raise(register, text):
    found = _search(text)
    assert found in ([], ["Beratung für Familien"], ["Beratung für Familien", "Sportverein Vöhrum"])
    if "Berat" in text:
        assert found == ["Beratung für Familien"]


@pytest.mark.parametrize("text", ["", "   ", "-", "*", "&|!:()'\\", None])
def test_input_without_a_word_gives_no_filter(register, text):
    assert german_query(text) is None
    queryset = Stakeholder.objects.all()
    assert full_text_filter(queryset, SEARCH_VECTOR, text) is queryset


def test_only_the_first_words_count():
    assert search_words(" ".join(f"w{n}" for n in range(20))) == [f"w{n}" for n in range(MAX_WORDS)]


def test_without_prefix_only_whole_words_in_any_form_match(register):
    queryset = Stakeholder.objects.alias(document=SEARCH_VECTOR)
    assert queryset.filter(document=german_query("Beratungen", prefix=False)).count() == 1
    assert queryset.filter(document=german_query("Sprachk", prefix=False)).count() == 0


def test_rank_orders_the_better_match_first(register):
    StakeholderFactory(name="Beratung", description="Beratung, Beratung und Beratung.")
    ranked = full_text_filter(Stakeholder.objects.all(), SEARCH_VECTOR, "Berat", rank=True)
    names = [s.name for s in ranked.order_by("-rank")]
    assert names == ["Beratung", "Beratung für Familien"]
