"""The party matcher's table: which wordings name one speaker and which do not."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.followups.parties import normalise_party, party_key, qualify, same_keys, same_party

SAME = [
    # The table
    ("China's foreign ministry", "the Chinese Foreign Ministry"),
    ("China's foreign ministry", "Beijing's foreign ministry spokesperson Lin Jian"),
    ("China's foreign ministry", "China's foreign ministry spokesperson"),
    ("the Chinese Foreign Ministry", "China's foreign ministry spokesperson"),
    ("Beijing's foreign ministry spokesperson Lin Jian", "China's foreign ministry spokesperson"),
    # apostrophes, case, articles, possessives
    ("China’s foreign ministry", "China's foreign ministry"),
    ("CHINA'S FOREIGN MINISTRY", "the chinese foreign ministry"),
    ("China's Ministry of Foreign Affairs", "China's foreign ministry"),
    ("the Ministry of Foreign Affairs of China", "Chinese foreign ministry"),
    ("a spokesperson for China's foreign ministry", "China's foreign ministry"),
    ("Lin Jian, a spokesperson for China's foreign ministry", "the Chinese Foreign Ministry"),
    ("China's foreign ministry spokesperson Lin Jian",
     "Chinese foreign ministry spokeswoman Mao Ning"),
    ("China's foreign minister Wang Yi", "the Chinese foreign ministry"),
    ("Chinese foreign ministry officials", "China's foreign ministry"),
    ("the press office of China's foreign ministry", "China's foreign ministry"),
    # British / American spelling, word order
    ("China's defence ministry", "the Chinese Defense Ministry"),
    ("China's Ministry of National Defense", "China's defence ministry"),
    # capitals and other names of countries
    ("Kyiv", "Ukraine"),
    ("Kiev's foreign ministry", "the Ukrainian Foreign Ministry"),
    ("the Kremlin", "Moscow"),
    ("Kremlin spokesman Dmitry Peskov", "Russia"),
    ("Washington", "the U.S."),
    ("the US Defense Department", "the Pentagon"),
    ("U.S. Department of Defense", "Pentagon spokesperson"),
    ("the State Department", "U.S. State Department spokesperson Matthew Miller"),
    ("Saudi Arabia's foreign ministry", "the Saudi Foreign Ministry"),
    ("Riyadh", "Saudi Arabia"),
    ("the UAE", "Abu Dhabi"),
    ("the United Arab Emirates", "Emirati officials"),
    ("Doha", "Qatar"),
    ("the EU", "Brussels"),
    ("Taipei", "Taiwan"),
    ("Israeli officials", "Israel"),
    ("Tehran", "Iran's government"),
    ("the Thai embassy in London", "Thailand's embassy"),
    ("Britain's Foreign Office", "the UK foreign ministry"),
    ("India's Ministry of External Affairs", "Indian foreign ministry"),
    # companies
    ("Orvane", "Orvane Inc."),
    ("Orvane", "a spokesman for Orvane"),
    ("Orvane Inc.", "an Orvane spokeswoman"),
    ("Orvane's press office", "Orvane Ltd"),
    ("Goldman Sachs", "Goldman Sachs Group Inc."),
    ("Samsung", "Samsung Electronics"),
    # people
    ("Lin Jian", "Beijing's foreign ministry spokesperson Lin Jian"),
    ("Lin Jian", "Lin Jian, a spokesperson for China's foreign ministry"),
    ("Mensah", "Kwame Mensah"),
    ("Diallo", "a lawyer for Diallo"),
    ("Foreign Minister Wang Yi", "Wang Yi"),
]

DIFFERENT = [
    # The table
    ("China's foreign ministry", "China's defence ministry"),
    ("China's foreign ministry", "Taiwan's foreign ministry"),
    ("Beijing's foreign ministry spokesperson Lin Jian", "China's defence ministry"),
    ("the Chinese Foreign Ministry", "Taipei's foreign ministry"),
    # different ministries of one country
    ("China's foreign ministry", "China's commerce ministry"),
    ("the Pentagon", "the State Department"),
    ("Britain's Foreign Office", "the Home Office"),
    ("Ukraine's foreign ministry", "Ukraine's foreign intelligence service"),
    # different countries
    ("Kyiv", "Moscow"),
    ("Russia's foreign ministry", "Belarus's foreign ministry"),
    ("North Korea", "South Korea"),
    ("the Saudi foreign ministry", "the Qatari foreign ministry"),
    ("Iran", "Israel"),
    ("the Thai embassy in London", "the British embassy in Bangkok"),
    # a country is not one of its ministries
    ("China", "China's foreign ministry"),
    ("Chinese officials", "China's defence ministry"),
    # generic words identify no one
    ("the ministry", "China's foreign ministry"),
    ("the ministry", "the ministry"),
    ("the foreign ministry", "the foreign ministry"),
    ("officials", "officials"),
    ("a spokesperson", "a spokesperson"),
    ("police", "Police"),
    ("the factory", "the factory"),
    # an institution without a country is ambiguous without context
    ("the foreign ministry", "China's foreign ministry"),
    ("foreign ministry spokesperson Lin Jian", "Taiwan's foreign ministry"),
    # a person alone carries no affiliation
    ("Lin Jian", "China's foreign ministry"),
    ("Lin Jian", "Mao Ning"),
    ("Lin Jian", "Mao Ning, a spokesperson for China's foreign ministry"),
    ("Dmitry Peskov", "Kremlin spokesman"),
    # companies
    ("Orvane", "Orvex"),
    ("Orvane", "China's foreign ministry"),
    ("General Motors", "Ford Motors"),
    ("Goldman Sachs", "JPMorgan"),
    ("a spokesman for Orvane", "a spokesman for Tesla"),
    ("Kwame Mensah", "Ama Mensah"),
]


@pytest.mark.parametrize(("a", "b"), SAME)
def test_same_party(a: str, b: str) -> None:
    assert same_party(a, b)
    assert same_party(b, a)


@pytest.mark.parametrize(("a", "b"), DIFFERENT)
def test_different_party(a: str, b: str) -> None:
    assert not same_party(a, b)
    assert not same_party(b, a)


def test_the_table_is_large_enough() -> None:
    assert len(SAME) + len(DIFFERENT) >= 40


def test_normal_form_is_one_string_for_one_institution() -> None:
    forms = {
        normalise_party(p)
        for p in ("China's foreign ministry", "the Chinese Foreign Ministry",
                  "China's Ministry of Foreign Affairs", "China's foreign ministry spokesperson")
    }
    assert forms == {"cn|foreign ministry|"}


def test_named_spokesperson_is_kept_apart_from_the_institution() -> None:
    key = party_key("Beijing's foreign ministry spokesperson Lin Jian")
    assert (key.country, key.body, key.person) == ("cn", frozenset({"foreign", "ministry"}),
                                                    ("lin", "jian"))


def test_an_institution_without_a_country_takes_the_one_its_article_gives_it() -> None:
    unqualified = party_key("Lin Jian, foreign ministry spokesperson")
    china = party_key("China's foreign ministry")
    ministries = frozenset({"foreign", "ministry"})
    assert not same_keys(unqualified, china)
    # the same card names China's foreign ministry in full
    assert same_keys(qualify(unqualified, {ministries: frozenset({"cn"})}, "ua"), china)
    # the card names two countries' foreign ministries: still ambiguous
    both = {ministries: frozenset({"cn", "ua"})}
    assert not same_keys(qualify(unqualified, both, "cn"), china)
    # nothing named in full: the article's leading country, if there is one
    assert same_keys(qualify(unqualified, {}, "cn"), china)
    assert not same_keys(qualify(unqualified, {}, None), china)
    assert not same_keys(qualify(unqualified, {}, "cn"), party_key("China's defence ministry"))
    # generic words and people are never qualified into a party
    assert not qualify(party_key("the ministry"), {}, "cn").identified
    assert qualify(party_key("Lin Jian"), {}, "cn").country is None


def test_hostile_strings_do_not_break_the_normaliser() -> None:
    for text in ("", " ", "'''", "the the the", "'s", "a" * 5000, "(((", "\x00\u202e", "U.S.A."):
        assert not same_party(text, "China's foreign ministry")


_PARTYISH = st.lists(
    st.sampled_from(["China's", "the", "Chinese", "foreign", "ministry", "spokesperson", "for",
                     "Lin", "Jian", ",", "Orvane", "Inc.", "of", "in", "Kyiv", "defence",
                     "minister", "a", "U.S.", "official", "'s", "(", "Secretary", "State"]),
    max_size=12,
).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=120), _PARTYISH), st.one_of(st.text(max_size=120), _PARTYISH))
def test_matching_is_symmetric_and_never_raises(a: str, b: str) -> None:
    assert same_party(a, b) == same_party(b, a)
    if party_key(a).identified:
        assert same_party(a, a)
