"""Blocking file work in a worker thread that a cancellation cannot abandon half-way."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


async def finish_in_thread(fn: Callable[..., T], /, *args: Any) -> T:
    """``await asyncio.to_thread(fn, *args)``, except that a cancellation first waits for the
    thread to finish (a thread cannot be stopped), then propagates. So the directory lock is
    never released, nor a file closed, while a thread still writes."""
    future = asyncio.ensure_future(asyncio.to_thread(fn, *args))
    cancelled: asyncio.CancelledError | None = None
    while not future.done():
        try:
            await asyncio.shield(future)
        except asyncio.CancelledError as exc:
            cancelled = exc
        except BaseException:
            break  # the thread raised: reported below
    if cancelled is not None:
        if not future.cancelled():
            future.exception()  # retrieved: the caller is gone, the cancellation wins
        raise cancelled
    return future.result()
