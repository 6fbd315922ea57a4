"""One updating line on stderr while the optimal solver works, on a terminal only."""

from __future__ import annotations

import contextlib
import sys
import threading
import time
from collections.abc import Callable, Iterator
from typing import TextIO

from ict_competence.allocation import Progress

__all__ = ["ProgressLine", "progress_line", "progress_text"]

#: Seconds between two redraws of the elapsed time.
REDRAW = 0.5
#: Back to the start of the line, and clear it after the text (ANSI "erase in line").
_START, _CLEAR = "\r", "\x1b[K"


def progress_text(elapsed: float, latest: Progress | None) -> str:
    """The progress line: elapsed time, the best value found and the bound.

    >>> progress_text(3.24, None)
    'optimal: 3.2 s elapsed, best -, bound -'
    >>> progress_text(12.0, Progress(elapsed=11.0, objective=24507.0, bound=24612.25))
    'optimal: 12.0 s elapsed, best 24507.0, bound 24612.2, gap 0.43%'
    """
    best = "-" if latest is None else f"{latest.objective:.1f}"
    bound = "-" if latest is None or latest.bound is None else f"{latest.bound:.1f}"
    text = f"optimal: {elapsed:.1f} s elapsed, best {best}, bound {bound}"
    gap = None if latest is None else latest.gap
    return text if gap is None else f"{text}, gap {gap:.2%}"


class ProgressLine:
    """A line on ``stream`` that shows the solver's progress, redrawn as it changes.

    :meth:`update` is the solver's progress callback; a thread redraws the elapsed time
    every :data:`REDRAW` seconds between the solver's reports. The line holds numbers only.
    """

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._started = time.monotonic()
        self._latest: Progress | None = None
        self._lock = threading.Lock()
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._redraw, name="progress-line", daemon=True)

    def start(self) -> None:
        """Draw the line, and keep the elapsed time current."""
        self._draw()
        self._thread.start()

    def update(self, progress: Progress) -> None:
        """Show ``progress`` (called by the solver, possibly from another thread)."""
        with self._lock:
            self._latest = progress
        self._draw()

    def stop(self) -> None:
        """Draw the line a last time and end it, so what follows starts on a line of its own."""
        self._stopped.set()
        if self._thread.is_alive():
            self._thread.join()
        self._draw()
        with self._lock:
            self._stream.write("\n")
            self._stream.flush()

    def _redraw(self) -> None:
        while not self._stopped.wait(REDRAW):
            self._draw()

    def _draw(self) -> None:
        with self._lock:
            text = progress_text(time.monotonic() - self._started, self._latest)
            self._stream.write(f"{_START}{text}{_CLEAR}")
            self._stream.flush()


@contextlib.contextmanager
def progress_line(shown: bool) -> Iterator[Callable[[Progress], None] | None]:
    """The progress callback for the optimal solver: a :class:`ProgressLine` on stderr.

    ``None`` (no progress shown) unless ``shown`` and stderr is a terminal: a pipe or a
    file gets nothing, so scripts and logs stay clean.
    """
    if not (shown and sys.stderr.isatty()):
        yield None
        return
    line = ProgressLine(sys.stderr)
    line.start()
    try:
        yield line.update
    finally:
        line.stop()
