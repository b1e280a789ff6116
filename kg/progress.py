"""A progress bar for long runs (tqdm on stderr: items done, rate, ETA, failures), or nothing."""
from __future__ import annotations

import sys

__all__ = ["Progress"]


class Progress:
    """tqdm on stderr (articles, rate, ETA, failures), or nothing."""

    def __init__(self, total: int, enabled: bool | None = None, desc: str = "extracting"):
        if enabled is None:
            enabled = sys.stderr.isatty()
        self.failures = 0
        self.bar = None
        if enabled and total:
            from tqdm import tqdm

            self.bar = tqdm(total=total, desc=desc, unit="art", file=sys.stderr, dynamic_ncols=True,
                            smoothing=0.1, postfix={"failed": 0})

    def update(self, n: int = 1, failed: int = 0) -> None:
        self.failures += failed
        if self.bar is not None:
            if failed:
                self.bar.set_postfix(failed=self.failures, refresh=False)
            self.bar.update(n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
