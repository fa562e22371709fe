"""The progress bar of long commands (``jixiao demo generate``, ``jixiao review-all``), drawn on stderr by tqdm."""

from __future__ import annotations

from typing import NoReturn, TextIO

from tqdm import tqdm

# 审核 [#######   ]  40% 800/2000 部门目标 00:12: plain ASCII, so that a Windows console or a log file shows it too
BAR_FORMAT = "{desc} [{bar:30}] {percentage:3.0f}% {n_fmt}/{total_fmt} {unit} {elapsed}"


def progress_bar(total: int, stream: TextIO | None, *, verb: str, noun: str) -> tqdm[NoReturn]:
    """A bar redrawn at most five times a second; silent (and free) without a stream. Updated by hand, not iterated
    (hence ``NoReturn``: it yields no items)."""
    return tqdm(
        total=total,
        file=stream,
        disable=stream is None,
        desc=verb,
        unit=noun,
        ascii=True,
        mininterval=0.2,
        bar_format=BAR_FORMAT,
        dynamic_ncols=False,
    )
