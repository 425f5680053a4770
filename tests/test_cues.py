import pytest

from bot.cues import past_tense


@pytest.mark.parametrize(
    ("cue", "shown"),
    [("say", "said"), ("accuse", "accused"), ("claim", "claimed"), ("deny", "denied"),
     ("tell", "told"), ("according to", "according to"), (None, None), ("warn", "warned")],
)
def test_cues_read_in_the_past_tense(cue, shown):
    assert past_tense(cue) == shown
