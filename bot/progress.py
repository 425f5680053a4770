"""A one-line progress bar on stderr for batches, shown only when stderr is a terminal."""

from __future__ import annotations

import time
from typing import TextIO

BAR_WIDTH = 24


class Progress:
    """``start(item)`` / ``advance()`` / ``finish()``; silent for one input or piped output."""

    def __init__(self, total: int, stream: TextIO, *, force: bool | None = None) -> None:
        self.total = total
        self.done = 0
        self.stream = stream
        interactive = stream.isatty() if force is None else force
        self.enabled = interactive and total > 1
        self._started = time.monotonic()
        self._shown = False

    def start(self, item: str) -> None:
        if not self.enabled:
            return
        filled = BAR_WIDTH * self.done // self.total
        bar = "#" * filled + "-" * (BAR_WIDTH - filled)
        elapsed = time.monotonic() - self._started
        label = item if len(item) <= 40 else "…" + item[-39:]
        self.stream.write(f"\r[{bar}] {self.done}/{self.total} {elapsed:5.1f}s {label}\x1b[K")
        self.stream.flush()
        self._shown = True

    def clear(self) -> None:
        if self._shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self._shown = False

    def advance(self) -> None:
        self.done += 1

    def finish(self) -> None:
        if self.enabled:
            self.clear()
            elapsed = time.monotonic() - self._started
            self.stream.write(f"{self.done}/{self.total} done in {elapsed:.1f}s\n")
            self.stream.flush()
