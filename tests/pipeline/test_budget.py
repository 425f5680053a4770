"""How much of an article a card analyses when the machine is slow: the parse stops in time."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language

from bot.pipeline import budget, build
from bot.pipeline.analyze import Analyzer

PARAGRAPH = (
    "Mayor Lena Ortiz said the bridge would reopen within 12 weeks. "
    "The contractor, Halden Works, did not respond to a request for comment."
)


def ticking(step: float) -> Callable[[], float]:
    """A clock on which every look at it finds ``step`` seconds gone."""
    now = [0.0]

    def clock() -> float:
        now[0] += step
        return now[0]

    return clock


@pytest.fixture(scope="module")
def analyzer(nlp: Language) -> Analyzer:
    return Analyzer(nlp)


def test_on_a_machine_too_slow_for_the_whole_article_the_parse_stops_at_a_paragraph_break(
    analyzer: Analyzer,
) -> None:
    text = "\n".join(f"{PARAGRAPH} It was update {n}." for n in range(200))
    parsed = budget.parse_in_time(analyzer, text, seconds=2.2, clock=ticking(1.0))
    assert 0 < len(parsed.text) < len(text)
    assert text.startswith(parsed.text) and text[len(parsed.text)] == "\n"
    assert parsed.doc.text.rstrip("\n") == parsed.text  # the parse covers exactly that part
    assert parsed.text.count("\n") < 199


def test_the_card_of_a_cut_parse_says_how_much_it_analysed(
    analyzer: Analyzer, monkeypatch: pytest.MonkeyPatch
) -> None:
    slow = budget.parse_in_time
    monkeypatch.setattr(
        budget,
        "parse_in_time",
        lambda analyzer, text, *_: slow(analyzer, text, seconds=2.2, clock=ticking(1.0)),
    )
    text = "\n".join(f"{PARAGRAPH} It was update {n}." for n in range(200))
    card = build.card_from_text(text, "https://news.example.com/bridge")
    assert card.analysed_chars is not None and card.analysed_chars < len(text)
    assert text[card.analysed_chars] == "\n"
    last_seen = text[: card.analysed_chars].count("\n")
    assert all(c.sentence in text[: card.analysed_chars] for c in card.claims)
    assert f"update {last_seen + 1}." not in " ".join(c.sentence for c in card.claims)


def test_with_time_to_spare_the_parse_in_rounds_finds_what_one_parse_finds(
    analyzer: Analyzer, fixtures_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(budget, "FIRST_ROUND_TOKENS", 60)  # many rounds
    text = (fixtures_dir / "seed" / "article.txt").read_text(encoding="utf-8")
    parsed = budget.parse_in_time(analyzer, text, seconds=3600)
    assert parsed.text == text
    in_rounds = analyzer.analyze_doc(parsed.doc)
    at_once = analyzer.analyze(text)
    assert [(c.speaker, c.text) for c in in_rounds.claims] == [
        (c.speaker, c.text) for c in at_once.claims
    ]
    assert in_rounds.pending_responses == at_once.pending_responses


def test_one_endless_paragraph_is_cut_in_proportion(analyzer: Analyzer) -> None:
    text = ("Officials said the river kept rising " * 1_200).strip() + "."
    parsed = budget.parse_in_time(analyzer, text, seconds=2.2, clock=ticking(1.0))
    assert 0 < len(parsed.text) < len(text) and text.startswith(parsed.text)


TEXT = st.lists(
    st.text(alphabet=st.sampled_from("ab .,!\"'()-—"), max_size=400), min_size=1, max_size=12
).map("\n".join)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=TEXT, step=st.floats(min_value=0.0, max_value=3.0))
def test_any_text_on_any_clock_gives_an_opening_of_the_text_and_its_parse(
    analyzer: Analyzer, text: str, step: float
) -> None:
    parsed = budget.parse_in_time(analyzer, text, seconds=2.2, clock=ticking(step))
    assert text.startswith(parsed.text)
    assert "".join(analyzer.pieces(text)).startswith(parsed.doc.text)
    if step == 0.0:
        assert parsed.text == text


def test_the_token_budget_cut_falls_on_a_paragraph_break_of_the_original_text(
    analyzer: Analyzer,
) -> None:
    # Normalising shortens the runs of "!", so the cut is found in the normalised text and made
    # at the same paragraph break of the original.
    text = "First paragraph.\n" + "a!!!!!!!! b " * 100 + "\n" + "a!!!!!!!! b " * 200 + "\nEnd."
    cut = budget.within_token_budget(text, analyzer, 600)
    assert text.startswith(cut) and text[len(cut)] == "\n" and cut.count("\n") == 1


def test_the_character_cap_falls_on_a_paragraph_break() -> None:
    text = "a" * 60 + "\n" + "b" * 60
    assert budget.analysed_part(text, 100) == "a" * 60
    assert budget.analysed_part("c" * 300, 100) == "c" * 100  # no break: a hard cut
