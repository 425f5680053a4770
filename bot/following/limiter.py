"""At most one re-check request per site per interval, whichever guilds the articles are in.

Re-checks are background work for the bot, not for the sites it reads: a hundred servers
following a hundred articles on one news site must not knock on it a hundred times in a
minute. The key is the registrable domain (``www.reuters.com`` and ``reuters.com`` are one
site). The limiter never sleeps: it answers "go" or "not before T", and the caller moves the
re-check to T in the store, so nothing waits in memory across a restart. Each process has its
own limiter (its own shards' guilds); N processes may reach one site N times per interval.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from yarl import URL

from bot.pipeline.urls import registrable_domain

DEFAULT_INTERVAL = timedelta(minutes=1)
_MAX_SITES = 100_000


def site_of(url: str) -> str:
    """The registrable domain of ``url`` (the whole string when it has no host)."""
    try:
        host = URL(url).raw_host or ""
    except (ValueError, TypeError):
        host = ""
    return registrable_domain(host) if host else url


class SiteLimiter:
    def __init__(self, interval: timedelta = DEFAULT_INTERVAL) -> None:
        self.interval = interval
        self._next_free: dict[str, datetime] = {}

    def acquire(self, site: str, now: datetime) -> datetime | None:
        """None when a request to ``site`` may go now (and books it); else the earliest time
        one may."""
        free = self._next_free.get(site)
        if free is not None and free > now:
            return free
        if len(self._next_free) >= _MAX_SITES:
            self._next_free = {s: t for s, t in self._next_free.items() if t > now}
        self._next_free[site] = now + self.interval
        return None
