from bot.terminal import format_card
from tests.factories import make_card, make_claim


def test_claims_read_as_sentences_with_numbers_and_quotes_marked():
    card = make_card()
    card = card.__class__(
        article=card.article,
        summary=card.summary,
        claims=(
            make_claim(1, text="China of supplying parts", cue="accuse", target="China"),
            make_claim(2, text="We have proof", quote=True, cue="say", quantities=()),
        ),
        pending_responses=card.pending_responses,
    )
    text = format_card(card)
    flowing = " ".join(text.split())  # lines are wrapped at 88 columns
    assert "Jane Doe (minister of industry) accused China of supplying parts" in flowing
    assert "said: “We have proof”" in flowing
    assert "(numbers: at least 20)" in flowing
    assert "the factory — pending, asked by Reuters" in flowing
    assert text.startswith("Ministry says factory supplied parts\n")


def test_bidi_overrides_and_zero_width_characters_never_reach_the_terminal():
    hidden = "\u202e\u200b\u200d\u2066\ufeff\u061c"
    card = make_card(title=f"Storm{hidden} closes road", site=f"Reu{hidden}ters", author="דנה לוי")
    card = card.__class__(
        article=card.article,
        summary=("A \u202egnp.exe summary\x1b]0;owned\x07.",),
        claims=(make_claim(1, text=f"the road{hidden} is shut", speaker="Ja\u200bne"),),
        pending_responses=card.pending_responses,
    )
    text = format_card(card)
    assert not any(char in hidden or char in "\x1b\x07" for char in text)
    assert text.startswith("Storm closes road\n")
    assert "Reuters · דנה לוי" in text  # right-to-left letters stay
    assert "gnp.exe" in text and "Jane" in text
