"""The event log as sentences: who did what, with the guild's privacy for other members."""

from __future__ import annotations

from datetime import timedelta

from bot.credibility import history
from bot.models import Event, EventKind
from tests.credibility.builders import T0, ranked_card

ANNA, BEN = 7, 8


def event(kind: EventKind, actor: int | None, seconds: int = 0, **data) -> Event:
    return Event("k7", kind, T0 + timedelta(seconds=seconds), actor, data)


LOG = [
    event(EventKind.CARD_CREATED, ANNA, url="https://news.example.com/story"),
    event(EventKind.VOTE_CAST, ANNA, 1, claim_id="c1", choice="dubious"),
    event(EventKind.VOTE_CAST, BEN, 2, claim_id="c3", choice="credible"),
    event(EventKind.VOTE_CHANGED, BEN, 3, claim_id="c3", choice="unclear", previous="credible"),
    event(EventKind.VOTE_EXPLAINED, BEN, 4, claim_id="c3", choice="unclear",
          rationale="**no** source", evidence_url="https://example.org/x"),
    event(EventKind.VOTE_RETRACTED, ANNA, 5, claim_id="c9", choice="dubious"),
    event(EventKind.VOTING_CLOSED, BEN, 6),
    event(EventKind.FOLLOWUP_CREATED, None, 7, followup_id="f1", party="the ministry"),
    event(EventKind.FOLLOWUP_REMINDED, None, 8, followup_id="f1", reminders_sent=1),
]


def test_every_event_reads_as_a_sentence_with_its_actor_and_time():
    entries = history(LOG, ranked_card())
    assert [e.text for e in entries] == [
        "made the card",
        "voted Dubious on claim 2",  # c1 is second on the card
        "voted Credible on claim 1",
        "changed their vote on claim 1 from Credible to Unclear",
        "explained their Unclear vote on claim 1",
        "withdrew their Dubious vote on a claim no longer on the card",
        "closed voting",
        "started following up on a response from",
        "sent a follow-up reminder",
    ]
    assert [e.actor_id for e in entries][:3] == [ANNA, ANNA, BEN]
    explained = entries[4]
    assert (explained.quote, explained.link) == ("**no** source", "https://example.org/x")
    assert entries[7].quote == "the ministry" and entries[7].actor_id is None
    assert entries[1].at == T0 + timedelta(seconds=1)


def test_hidden_tallies_hide_other_members_verdicts_and_reasons_but_not_your_own():
    entries = history(LOG, ranked_card(), hide_choices=True, viewer_id=ANNA)
    texts = [e.text for e in entries]
    assert texts[1] == "voted Dubious on claim 2"  # Anna's own
    assert texts[2] == "voted on claim 1"
    assert texts[3] == "changed their vote on claim 1"
    assert entries[4].quote is None and entries[4].link is None
    assert texts[6] == "closed voting"


def test_hidden_names_hide_who_voted_but_not_who_closed():
    entries = history(LOG, ranked_card(), hide_names=True, viewer_id=ANNA)
    assert entries[1].actor_id == ANNA and not entries[1].actor_hidden
    assert entries[2].actor_id is None and entries[2].actor_hidden
    assert entries[6].actor_id == BEN  # closing is a reviewer's act, always named


def test_a_follow_up_stopped_because_its_channel_was_deleted_says_so():
    stopped = [event(EventKind.FOLLOWUP_CLOSED, None, 9, followup_id="f1",
                     reason="channel_deleted", channel_id=5),
               event(EventKind.FOLLOWUP_CLOSED, BEN, 10, followup_id="f2")]
    assert [e.text for e in history(stopped, ranked_card())] == [
        "stopped a follow-up: the card's channel was deleted",
        "stopped a follow-up",
    ]
