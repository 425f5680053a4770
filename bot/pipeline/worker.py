"""Settings for the analysis worker processes, applied before they start.

Spawned workers inherit the parent's environment, and NumPy's BLAS reads its thread count once,
at import, which in a spawned child happens while it re-imports the parent's main module:
before any pool initializer runs. So the limit is set in the parent, just before the pool.
"""

from __future__ import annotations

import os

NATIVE_THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


def limit_native_threads_for_workers() -> None:
    """One BLAS/OpenMP thread per worker (an operator's explicit setting wins).

    The pool already uses every core; OpenBLAS's default of one busy-waiting thread per core
    made a burst of cards about twice as slow (bench/burst.py: 41% → 78% of the ideal).
    """
    for name in NATIVE_THREAD_VARIABLES:
        os.environ.setdefault(name, "1")
