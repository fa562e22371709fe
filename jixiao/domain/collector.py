"""Pausing Python's cyclic garbage collector around a large batch of work (a city's review, a city's scoring).

Both engines create many small acyclic records; on a large input the collector's repeated full passes over the
growing result cost more than the work itself, so they pause it above a size each engine measured.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused(pause: bool = True) -> Iterator[None]:
    """Run the block with the cyclic collector disabled when ``pause`` is true and it was enabled; it is enabled
    again afterwards, also when the block raises. Nested or concurrent pauses leave a disabled collector alone."""
    paused = pause and gc.isenabled()
    if paused:
        gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()
