"""The "Why?" form: a short rationale and an evidence link for one vote.

Its submit is handled statelessly by the votes cog (from the form's ``custom_id``,
``claimdeck:form:<card>:<claim>``, and the submitted values), not by this object: a form opened
before a restart still saves, and two members with the same form open never get each other's.
discord.py keeps the object only until it is submitted or times out.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import discord

from bot.credibility import EVIDENCE_URL_LIMIT, RATIONALE_LIMIT
from bot.models import Vote
from bot.ui.components import FormId, custom_id

RATIONALE = "rationale"
EVIDENCE = "evidence"
FORM_TIMEOUT = 15 * 60.0  # Discord lets a form stay open that long


class WhyForm(discord.ui.Modal):
    def __init__(self, target: FormId, number: int, current: Vote | None = None) -> None:
        super().__init__(
            title=f"Why? (claim {number})", custom_id=custom_id(target), timeout=FORM_TIMEOUT
        )
        self.rationale: discord.ui.TextInput[WhyForm] = discord.ui.TextInput(
            label="Your reason",
            custom_id=RATIONALE,
            style=discord.TextStyle.paragraph,
            placeholder="What makes this claim credible or not? (plain text)",
            max_length=RATIONALE_LIMIT,
            required=False,
            default=(current.rationale if current else None),
        )
        self.evidence: discord.ui.TextInput[WhyForm] = discord.ui.TextInput(
            label="Evidence link",
            custom_id=EVIDENCE,
            placeholder="https://…",
            max_length=EVIDENCE_URL_LIMIT,
            required=False,
            default=(current.evidence_url if current else None),
        )
        self.add_item(self.rationale)
        self.add_item(self.evidence)

    async def on_submit(self, interaction: discord.Interaction, /) -> None:
        """Nothing: the votes cog answers every submit (see the module docstring)."""


def modal_values(data: Mapping[str, Any] | None) -> dict[str, str]:
    """The text inputs of a submitted form by ``custom_id``, in either layout Discord sends:
    inputs in action rows (classic) or in labels."""
    found: dict[str, str] = {}

    def walk(components: object) -> None:
        if not isinstance(components, list | tuple):
            return
        for component in components:
            if not isinstance(component, Mapping):
                continue
            if isinstance(component.get("custom_id"), str) and "value" in component:
                value = component["value"]
                found[component["custom_id"]] = value if isinstance(value, str) else ""
            walk(component.get("components"))
            inner = component.get("component")
            if isinstance(inner, Mapping):
                walk([inner])

    walk((data or {}).get("components"))
    return found
