"""Who may vote on a card and who may close it, from the guild's settings and the member's roles.

Decided from plain ids so the Discord side passes ``[r.id for r in member.roles]`` and
``member.guild_permissions.manage_guild``; nothing here needs a Discord object.
"""

from __future__ import annotations

from collections.abc import Iterable

from bot.credibility.rules import VotingRules
from bot.models import GuildSettings

VOTE_REFUSED = "Only members with this server's reviewer role can vote on claims here."
VOTE_REFUSED_NO_ROLE = (
    "Voting here is limited to reviewers, but no reviewer role is set yet: "
    "ask someone with Manage Server to choose one in /settings."
)
CLOSE_REFUSED = (
    "Only members with this server's reviewer role, or the Manage Server permission, "
    "can close or reopen voting."
)
VOTING_CLOSED = "Voting on this card is closed; its verdicts are final."


def is_reviewer(settings: GuildSettings, member_role_ids: Iterable[int]) -> bool:
    role = settings.reviewer_role_id
    return role is not None and role in set(member_role_ids)


def may_vote(settings: GuildSettings, member_role_ids: Iterable[int], is_manager: bool) -> bool:
    """Everyone may vote unless the guild limits voting to reviewers (and Manage Server).

    Limited voting with no reviewer role chosen leaves only managers: a missing role must not
    open voting to everyone.
    """
    if not VotingRules.of(settings).reviewers_only_vote:
        return True
    return is_manager or is_reviewer(settings, member_role_ids)


def vote_refusal(settings: GuildSettings) -> str:
    """The private sentence for a member that ``may_vote`` refused."""
    return VOTE_REFUSED if settings.reviewer_role_id is not None else VOTE_REFUSED_NO_ROLE


def may_close(settings: GuildSettings, member_role_ids: Iterable[int], is_manager: bool) -> bool:
    """Reviewers and members with Manage Server close and reopen voting."""
    return is_manager or is_reviewer(settings, member_role_ids)
