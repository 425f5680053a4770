"""Typed storage failures; each ``str()`` tells an operator or user what happened and what to do."""

from __future__ import annotations

import errno
from pathlib import Path
from typing import TYPE_CHECKING

from bot.errors import ClaimdeckError

if TYPE_CHECKING:
    from bot.models import StoredCard


class StoreError(ClaimdeckError):
    """Something went wrong in the store (bad URL, disk error, locked directory…)."""


class StoreCorrupt(StoreError):
    """A data file cannot be read; the store refuses to start and leaves the file untouched.

    ``advice`` says how to recover in this case (what to restore, or what can be set aside at
    what cost); by default: restore the file from a backup.
    """

    def __init__(self, path: Path, problem: str, advice: str | None = None) -> None:
        super().__init__(
            f"Claimdeck cannot read its data file {path} ({problem}). The file has not been "
            f"changed. {advice or RESTORE_ADVICE}"
        )
        self.path = path
        self.problem = problem


RESTORE_ADVICE = (
    "Stop Claimdeck, restore that file from a backup, and start Claimdeck again (or, with no "
    "backup and to start over with no data, move the whole data directory aside)."
)


def no_access(path: Path | str | None, root: Path, exc: OSError) -> StoreError:
    """The error for a data directory this process may not read or write (read-only disk,
    files owned by another user), naming the path and the fix."""
    where = path or root
    return StoreError(
        f"Claimdeck may not access {where} ({exc.strerror or exc}). Run Claimdeck as the user "
        f"that owns the data directory {root}, or give that user read and write access to it "
        f"(e.g. chown -R <user> {root}), or set CLAIMDECK_DATA_DIR to a writable directory."
    )


class StoreIncomplete(StoreCorrupt):
    """A file or folder the store must have is missing (or records are missing from the
    journal); the store refuses to start and changes nothing."""

    def __init__(self, path: Path, problem: str, advice: str) -> None:
        StoreError.__init__(
            self,
            f"Claimdeck's data is incomplete: {path} {problem}. Nothing has been changed. {advice}",
        )
        self.path = path
        self.problem = problem


def os_failure(
    exc: OSError, root: Path, doing: str, then: str = "start Claimdeck again"
) -> StoreError:
    """One sentence for an operating-system error met in the store in ``root`` (``doing``: what
    Claimdeck was doing; ``then``: what happens once fixed): what failed and the fix."""
    where = Path(exc.filename) if exc.filename else root
    if isinstance(exc, PermissionError):
        return no_access(where, root, exc)
    if exc.errno == errno.EROFS:
        return StoreError(
            f"Claimdeck cannot {doing}: its data directory {root} is on a read-only file system "
            f"({where}). Remount it read-write, or set CLAIMDECK_DATA_DIR to a writable "
            "directory."
        )
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        writing = f" (writing {where})" if exc.filename else ""
        return StoreError(
            f"Claimdeck cannot {doing}: no space is left on the disk that holds {root}"
            f"{writing}. Free some space there (see df -h {root}) and {then}; no saved change "
            "was lost."
        )
    if exc.errno == errno.EISDIR:
        return StoreError(
            f"Claimdeck cannot {doing}: {where} is a directory, but Claimdeck needs a file "
            f"there. Move that directory out of {root} (or remove it if it is empty) and {then}."
        )
    return StoreError(
        f"Claimdeck cannot {doing}: {where}: {exc.strerror or exc}. Check the disk and the "
        f"permissions of {root}, then {then}."
    )


class StoreTooNew(StoreError):
    """The data directory was written by a newer Claimdeck with a schema this one cannot read."""


class UnknownCard(StoreError):
    """A vote, event or follow-up names a card the store does not have."""

    def __init__(self, card_id: str) -> None:
        super().__init__(
            f"There is no claim card with id {card_id!r}; it may have been deleted. "
            "Post the link again to make a new card."
        )
        self.card_id = card_id


class UnknownClaim(StoreError):
    """A vote names a claim that is not on its card."""

    def __init__(self, card_id: str, claim_id: str) -> None:
        super().__init__(
            f"Claim {claim_id!r} is not on card {card_id!r}; the card may have been regenerated. "
            "Vote on the claims shown on the current card."
        )


class VotingClosed(StoreError):
    """Votes cannot be cast or retracted once voting on a card is closed."""

    def __init__(self, card_id: str) -> None:
        super().__init__(f"Voting on card {card_id!r} is closed; the result is final.")
        self.card_id = card_id


class NoVote(StoreError):
    """A member explains a vote they have not cast (or have retracted)."""

    def __init__(self, card_id: str, claim_id: str, member_id: int) -> None:
        super().__init__("You have no vote on this claim to explain; vote first, then say why.")
        self.card_id = card_id
        self.claim_id = claim_id
        self.member_id = member_id


class StoreConflict(StoreError):
    """A compare-and-set write lost: the row changed since the caller read it (another process,
    or another task of this one, wrote first). Nothing was written; re-read and decide again."""

    def __init__(self, what: str) -> None:
        super().__init__(
            f"{what} changed while Claimdeck was updating it; nothing was overwritten. "
            "Try again in a moment."
        )


class DuplicateCard(StoreError):
    """The guild already has a card for this canonical URL; ``existing`` is that card."""

    def __init__(self, existing: StoredCard) -> None:
        super().__init__(
            f"This link already has a claim card (id {existing.id!r}); "
            "vote and follow up on that one."
        )
        self.existing = existing
