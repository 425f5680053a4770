"""Refusals of what a member typed into the "Why?" modal; each carries the sentence they read."""

from __future__ import annotations

from bot.errors import ClaimdeckError


class WhyRefused(ClaimdeckError):
    """The rationale or evidence link cannot be stored; ``str()`` says why and what to do."""


class BadRationale(WhyRefused):
    """The rationale is too long, or holds characters that cannot be shown safely."""


class BadEvidenceLink(WhyRefused):
    """The evidence link is not a public http(s) web address."""


class EmptyWhy(WhyRefused):
    """Neither a rationale nor a link was given."""
