"""Typed failures of the pipeline, each carrying the sentence a user should read.

Every error's ``str()`` is a complete, friendly message that says what went wrong and, where it
helps, what to do. The CLI prints it on one line; the Discord error handler shows it as-is.
"""

from __future__ import annotations


class ClaimdeckError(Exception):
    """Base class: ``message`` is safe to show to a user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class InvalidInput(ClaimdeckError):
    """The user gave something that is not a URL or file Claimdeck can read."""


class FetchError(ClaimdeckError):
    """The page could not be fetched (network failure, HTTP error, timeout…)."""


class BlockedAddress(FetchError):
    """The URL points at a private, loopback or otherwise forbidden address."""


class TooLarge(FetchError):
    """The body exceeded the size cap."""


class UnsupportedContent(FetchError):
    """The response is not HTML or plain text (a PDF, an image…)."""


class TooManyRedirects(FetchError):
    """The redirect chain was longer than allowed, or looped."""


class NotAnArticle(ClaimdeckError):
    """The page was fetched but holds no article (home page, login wall, almost no text)."""


class ModelMissing(ClaimdeckError):
    """The spaCy English model is not installed."""


class UnsupportedLanguage(ClaimdeckError):
    """The article is not in a language the analysis understands (English only for now)."""


class RateLimited(ClaimdeckError):
    """A member or a server asked for more cards than the limits allow; says when to retry."""


class AnalysisFailed(ClaimdeckError):
    """The CPU-bound analysis could not finish (a worker crashed on the page)."""


class AnalysisTimedOut(AnalysisFailed):
    """The analysis of one article ran past its wall-clock budget and was stopped."""
