"""A one-line progress bar on stderr for long per-point sweeps (no dependency)."""

from __future__ import annotations

import sys
import time
from typing import TextIO

__all__ = ["Progress"]

_DELAY = 2.0  # auto mode: show only sweeps that run longer than this (seconds)
_EVERY = 0.2  # redraw at most this often (seconds)
_WIDTH = 24


class Progress:
    """Points done out of a total, with the rate, redrawn in place with a carriage return.

    Parameters
    ----------
    total
        How many points the sweep evaluates.
    enabled
        ``None`` (auto): shown only when stderr is a terminal and the sweep has run longer than
        two seconds; ``True``: always shown (even when stderr is not a terminal); ``False``:
        never.
    """

    def __init__(self, total: int, enabled: bool | None) -> None:
        self.total = total
        self.done = 0
        self.start = time.monotonic()
        self._last = -_EVERY
        self._drawn = False
        self._stream: TextIO = sys.stderr  # looked up now: tests and notebooks replace it
        if enabled is None:
            isatty = getattr(self._stream, "isatty", None)
            enabled = bool(isatty and isatty())
            self._delay = _DELAY
        else:
            self._delay = 0.0
        self.enabled = enabled

    def advance(self, points: int) -> None:
        """Count ``points`` more points done and redraw if it is time to."""
        self.done += points
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self.start < self._delay or (now - self._last < _EVERY and self.done < self.total):
            return
        self._last = now
        self._draw(now)

    def close(self) -> None:
        """End the line, if one was drawn."""
        if self._drawn:
            self._draw(time.monotonic())
            self._stream.write("\n")
            self._stream.flush()

    def _draw(self, now: float) -> None:
        share = self.done / self.total if self.total else 1.0
        filled = round(share * _WIDTH)
        rate = self.done / max(now - self.start, 1e-9)
        left = (
            f", {(self.total - self.done) / rate:.0f} s left" if 0 < self.done < self.total else ""
        )
        self._stream.write(
            f"\rsweep [{'#' * filled}{'.' * (_WIDTH - filled)}] {self.done}/{self.total} points"
            f" ({share:.0%}), {rate:,.0f} points/s{left}   "
        )
        self._stream.flush()
        self._drawn = True
