"""A one-line progress bar for long commands (``jixiao demo generate``, ``jixiao review-all``), drawn on stderr."""

from __future__ import annotations

import time
from typing import TextIO


class Progress:
    """``{verb} [#####…] 40% 800/2000 {noun} 12.3 秒``, redrawn at most five times a second; silent without a stream."""

    def __init__(self, total: int, stream: TextIO | None, *, verb: str, noun: str) -> None:
        self.total, self.stream, self.done = total, stream, 0
        self.verb, self.noun = verb, noun
        self.start = self.drawn = time.monotonic()

    def advance(self, count: int) -> None:
        self.done += count
        now = time.monotonic()
        if self.stream is not None and (now - self.drawn >= 0.2 or self.done >= self.total):
            self.drawn = now
            share = self.done / self.total if self.total else 1.0
            bar = "#" * int(share * 30)
            elapsed = now - self.start
            line = f"\r{self.verb} [{bar:<30}] {share:4.0%} {self.done}/{self.total} {self.noun} {elapsed:6.1f} 秒"
            self.stream.write(line)
            self.stream.flush()

    def finish(self) -> None:
        if self.stream is not None and self.total:
            self.stream.write("\n")
            self.stream.flush()
