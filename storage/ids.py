"""Short random ids that are safe in URLs, file names and Discord ``custom_id`` strings."""

from __future__ import annotations

import base64
import secrets

ID_LENGTH = 10  # lowercase base32 ([a-z2-7]): 5 bits a character, 50 random bits in all


def new_id(length: int = ID_LENGTH) -> str:
    """A fresh random id; 50 bits keep collisions negligible even at millions of records."""
    raw = secrets.token_bytes((length * 5 + 7) // 8)
    return base64.b32encode(raw).decode("ascii").lower()[:length]


def new_card_id() -> str:
    """A new claim card id (10 characters of ``[a-z2-7]``)."""
    return new_id()


def new_followup_id() -> str:
    """A new follow-up id (same shape as a card id)."""
    return new_id()
