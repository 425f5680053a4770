"""JSON-safe forms of dates and times, shared by every record's ``to_dict``/``from_dict``."""

from __future__ import annotations

from datetime import date, datetime


def iso_date(value: date | None) -> str | None:
    return value.isoformat() if value else None


def parse_date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def iso_datetime(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def parse_datetime(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None
