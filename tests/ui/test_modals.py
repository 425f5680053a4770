"""Reading a submitted "Why?" form, whatever shape Discord sends it in."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.ui.modals import modal_values
from tests.fakes import payloads


def test_values_are_read_from_action_rows_and_from_labels():
    values = {"rationale": "old figure", "evidence": "https://example.org"}
    for labelled in (False, True):
        data = payloads.modal_data(custom_id="claimdeck:form:k7:c1", values=values,
                                   labelled=labelled)
        assert modal_values(data) == values


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner,
                                                                max_size=4),
    max_leaves=20,
)


@given(st.dictionaries(st.sampled_from(["components", "custom_id", "x"]), _JSON, max_size=3))
def test_any_submitted_shape_gives_text_values_and_never_raises(data: dict) -> None:
    assert all(isinstance(k, str) and isinstance(v, str) for k, v in modal_values(data).items())
