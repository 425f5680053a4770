"""The card's persistent buttons and pickers: ``custom_id`` = ``claimdeck:<kind>:<ids>``.

Every component carries what its click needs in its ``custom_id`` (at most 100 characters), so a
click works after any restart with nothing kept in memory: the classes below are registered once
as ``DynamicItem``s in ``setup_hook``. Ids are parsed strictly by :func:`parse_custom_id` (the
same patterns the DynamicItem templates use): anything else, a forged or truncated id included,
parses to None and is refused by the votes cog, never guessed at.

The items only route: a click calls ``client.component_handler(interaction, target, values)``,
which the votes cog installs; the work happens there. The follow-up proposal's buttons ("Link
as response", "Not related": ``claimdeck:fu-link:<followup>:<card>[:<stance>]`` and
``claimdeck:fu-not:<followup>:<card>``) route the same way to ``client.followup_handler``,
which the follow-ups cog installs.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import discord

from bot.models import Stance, VoteChoice
from bot.ui.render import NO_PINGS

PREFIX = "claimdeck"
CUSTOM_ID_LIMIT = 100

_CARD = r"(?P<card>[a-z0-9]{1,32})"
_CLAIM = r"(?P<claim>[A-Za-z0-9_-]{1,24})"
_VERDICT = r"(?P<verdict>credible|unclear|dubious)"
_FOLLOWUP = r"(?P<followup>[a-z0-9]{1,32})"
_STANCE = r"(?P<stance>denial|confirmation|no_comment|other)"


@dataclass(frozen=True, slots=True)
class VoteId:
    """A verdict button: vote ``choice`` on ``claim_id`` of ``card_id``."""

    card_id: str
    claim_id: str
    choice: VoteChoice
    kind = "vote"


@dataclass(frozen=True, slots=True)
class PickId:
    """The claim picker on the card: choose a claim that has no buttons of its own."""

    card_id: str
    kind = "pick"


@dataclass(frozen=True, slots=True)
class WhyId:
    """"Why?": explain a vote on ``claim_id``, or (None) on a claim the member picks."""

    card_id: str
    claim_id: str | None = None
    kind = "why"


@dataclass(frozen=True, slots=True)
class WhyPickId:
    """Which of my votes to explain, when the member voted on several claims."""

    card_id: str
    kind = "whypick"


@dataclass(frozen=True, slots=True)
class CloseId:
    card_id: str
    kind = "close"


@dataclass(frozen=True, slots=True)
class ReopenId:
    card_id: str
    kind = "reopen"


@dataclass(frozen=True, slots=True)
class FormId:
    """The "Why?" form (a modal) for ``claim_id``."""

    card_id: str
    claim_id: str
    kind = "form"


@dataclass(frozen=True, slots=True)
class LinkResponseId:
    """"Link as response": ``card_id`` answers follow-up ``followup_id`` (with ``stance``, or
    the stance the analysis found)."""

    followup_id: str
    card_id: str
    stance: Stance | None = None
    kind = "fu-link"


@dataclass(frozen=True, slots=True)
class NotRelatedId:
    """"Not related": never propose ``card_id`` for follow-up ``followup_id`` again."""

    followup_id: str
    card_id: str
    kind = "fu-not"


FollowUpTarget = LinkResponseId | NotRelatedId
Target = VoteId | PickId | WhyId | WhyPickId | CloseId | ReopenId | FormId | FollowUpTarget

# What follows ``claimdeck:<kind>:`` for each kind; also the DynamicItem templates.
_IDS: dict[str, str] = {
    "vote": rf"{_CARD}:{_CLAIM}:{_VERDICT}",
    "pick": _CARD,
    "why": rf"{_CARD}(?::{_CLAIM})?",
    "whypick": _CARD,
    "close": _CARD,
    "reopen": _CARD,
    "form": rf"{_CARD}:{_CLAIM}",
    "fu-link": rf"{_FOLLOWUP}:{_CARD}(?::{_STANCE})?",
    "fu-not": rf"{_FOLLOWUP}:{_CARD}",
}
_PATTERNS = {kind: re.compile(rf"{PREFIX}:{kind}:{ids}") for kind, ids in _IDS.items()}


def _template(kind: str) -> str:
    return _PATTERNS[kind].pattern


def _from_match(kind: str, match: re.Match[str]) -> Target:
    card = match["card"]
    if kind == "vote":
        return VoteId(card, match["claim"], VoteChoice(match["verdict"]))
    if kind == "why":
        return WhyId(card, match["claim"])
    if kind == "form":
        return FormId(card, match["claim"])
    if kind == "fu-link":
        stance = Stance(match["stance"]) if match["stance"] else None
        return LinkResponseId(match["followup"], card, stance)
    if kind == "fu-not":
        return NotRelatedId(match["followup"], card)
    return {"pick": PickId, "whypick": WhyPickId, "close": CloseId, "reopen": ReopenId}[kind](
        card
    )


def parse_custom_id(text: object) -> Target | None:
    """The target a ``custom_id`` names, or None for anything that is not exactly one of ours
    (wrong prefix or kind, malformed or truncated ids, over 100 characters, not a string)."""
    if not isinstance(text, str) or len(text) > CUSTOM_ID_LIMIT:
        return None
    kind, _, _ = text.removeprefix(f"{PREFIX}:").partition(":")
    pattern = _PATTERNS.get(kind)
    if pattern is None or not text.startswith(f"{PREFIX}:"):
        return None
    match = pattern.fullmatch(text)
    return None if match is None else _from_match(kind, match)


def custom_id(target: Target) -> str:
    """The ``custom_id`` of ``target``; raises ValueError when its ids cannot make a valid one."""
    if isinstance(target, VoteId):
        text = f"{PREFIX}:vote:{target.card_id}:{target.claim_id}:{VoteChoice(target.choice)}"
    elif isinstance(target, WhyId) and target.claim_id is not None:
        text = f"{PREFIX}:why:{target.card_id}:{target.claim_id}"
    elif isinstance(target, FormId):
        text = f"{PREFIX}:form:{target.card_id}:{target.claim_id}"
    elif isinstance(target, LinkResponseId):
        stance = f":{Stance(target.stance)}" if target.stance is not None else ""
        text = f"{PREFIX}:fu-link:{target.followup_id}:{target.card_id}{stance}"
    elif isinstance(target, NotRelatedId):
        text = f"{PREFIX}:fu-not:{target.followup_id}:{target.card_id}"
    else:
        text = f"{PREFIX}:{target.kind}:{target.card_id}"
    if parse_custom_id(text) != target:
        raise ValueError(f"ids that cannot make a custom_id: {target!r}")
    return text


def is_ours(text: object) -> bool:
    """Whether a ``custom_id`` claims to be Claimdeck's (so a refusal is ours to give)."""
    return isinstance(text, str) and text.startswith(f"{PREFIX}:")


# --- routing a click to the votes cog -------------------------------------------------------

NOT_READY = "Voting is not available right now; try again in a minute."


class ComponentHandler(Protocol):
    def __call__(
        self, interaction: discord.Interaction, target: Target, values: Sequence[str]
    ) -> Awaitable[None]: ...


FOLLOWUPS_NOT_READY = "Follow-ups are not available right now; try again in a minute."


async def route(interaction: discord.Interaction, target: Target, values: Sequence[str]) -> None:
    """Hand a click to the handler its cog installed on the client: follow-up proposals to the
    follow-ups cog, everything else to the votes cog."""
    followup = isinstance(target, LinkResponseId | NotRelatedId)
    attribute = "followup_handler" if followup else "component_handler"
    handler: ComponentHandler | None = getattr(interaction.client, attribute, None)
    if handler is None:
        await interaction.response.send_message(
            FOLLOWUPS_NOT_READY if followup else NOT_READY, ephemeral=True,
            allowed_mentions=NO_PINGS,
        )
        return
    await handler(interaction, target, values)


def _button_factory(
    kind: str,
) -> Callable[[type[Any], discord.Interaction, discord.ui.Button, re.Match[str]], Any]:
    async def from_custom_id(
        cls: type[Any],
        interaction: discord.Interaction,
        item: discord.ui.Button,
        match: re.Match[str],
    ) -> Any:
        return cls(
            _from_match(kind, match),  # type: ignore[arg-type]
            label=item.label,
            emoji=item.emoji,
            style=item.style,
            disabled=item.disabled,
        )

    return from_custom_id


class _RoutedButton(discord.ui.DynamicItem[discord.ui.Button], template=r"(?!)"):
    """A button whose click goes to :func:`route`; subclasses set the kind."""

    kind = ""

    def __init__(
        self,
        target: Target,
        *,
        label: str | None = None,
        emoji: str | discord.PartialEmoji | None = None,
        style: discord.ButtonStyle = discord.ButtonStyle.secondary,
        disabled: bool = False,
        row: int | None = None,
    ) -> None:
        super().__init__(
            discord.ui.Button(
                label=label,
                emoji=emoji,
                style=style,
                disabled=disabled,
                custom_id=custom_id(target),
            ),
            row=row,
        )
        self.target = target

    async def callback(self, interaction: discord.Interaction) -> None:
        await route(interaction, self.target, ())


class VoteButton(_RoutedButton, template=_template("vote")):
    kind = "vote"
    from_custom_id = classmethod(_button_factory("vote"))  # type: ignore[assignment]


class WhyButton(_RoutedButton, template=_template("why")):
    kind = "why"
    from_custom_id = classmethod(_button_factory("why"))  # type: ignore[assignment]


class CloseButton(_RoutedButton, template=_template("close")):
    kind = "close"
    from_custom_id = classmethod(_button_factory("close"))  # type: ignore[assignment]


class ReopenButton(_RoutedButton, template=_template("reopen")):
    kind = "reopen"
    from_custom_id = classmethod(_button_factory("reopen"))  # type: ignore[assignment]


class LinkResponseButton(_RoutedButton, template=_template("fu-link")):
    kind = "fu-link"
    from_custom_id = classmethod(_button_factory("fu-link"))  # type: ignore[assignment]


class NotRelatedButton(_RoutedButton, template=_template("fu-not")):
    kind = "fu-not"
    from_custom_id = classmethod(_button_factory("fu-not"))  # type: ignore[assignment]


@dataclass(frozen=True, slots=True)
class Choice:
    """One option of a picker: ``value`` is a claim id; label and description are shown."""

    value: str
    label: str
    description: str | None = None


class _RoutedSelect(discord.ui.DynamicItem[discord.ui.Select], template=r"(?!)"):
    """A one-choice picker whose pick goes to :func:`route` with the chosen values."""

    kind = ""

    def __init__(
        self,
        target: Target,
        options: Sequence[discord.SelectOption],
        *,
        placeholder: str | None = None,
        disabled: bool = False,
        row: int | None = None,
    ) -> None:
        super().__init__(
            discord.ui.Select(
                custom_id=custom_id(target),
                options=list(options),
                placeholder=placeholder,
                disabled=disabled,
                min_values=1,
                max_values=1,
            ),
            row=row,
        )
        self.target = target

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Select, match: re.Match[str]
    ) -> _RoutedSelect:
        options = item.options or [discord.SelectOption(label="?", value="?")]
        return cls(_from_match(cls.kind, match), options, placeholder=item.placeholder)

    async def callback(self, interaction: discord.Interaction) -> None:
        await route(interaction, self.target, tuple(self.item.values))


class ClaimPicker(_RoutedSelect, template=_template("pick")):
    kind = "pick"


class WhyPicker(_RoutedSelect, template=_template("whypick")):
    kind = "whypick"


PICKER_OPTIONS = 25  # Discord's limit on a select menu's options


def select_options(choices: Sequence[Choice]) -> list[discord.SelectOption]:
    """At most 25 options (Discord's limit), labels and descriptions within 100 characters."""
    return [
        discord.SelectOption(
            label=c.label[:100] or c.value,
            value=c.value,
            description=(c.description or "")[:100] or None,
        )
        for c in choices[:PICKER_OPTIONS]
    ]


DYNAMIC_ITEMS: tuple[type[discord.ui.DynamicItem[Any]], ...] = (
    VoteButton,
    WhyButton,
    CloseButton,
    ReopenButton,
    ClaimPicker,
    WhyPicker,
    LinkResponseButton,
    NotRelatedButton,
)
