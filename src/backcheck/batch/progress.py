"""The batch's progress bar: rich on stderr (count, rate, ETA), silent unless stderr is a
terminal. Entry point: `Progress(total, done, enabled)` as a context manager, `.advance(n)`.
"""
from __future__ import annotations

import sys
import time


class Progress:
    def __init__(self, total: int, done: int, enabled: bool):
        self.bar = None
        if enabled and sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn,
                                       TimeElapsedColumn, TimeRemainingColumn)
            self.bar = Progress(TextColumn("checking"), BarColumn(), MofNCompleteColumn(),
                                TextColumn("{task.fields[rate]}"), TimeElapsedColumn(),
                                TextColumn("ETA"), TimeRemainingColumn(),
                                console=Console(stderr=True), transient=True)
            self.task = self.bar.add_task("batch", total=total, completed=done, rate="")
            self.start, self.base = time.monotonic(), done

    def __enter__(self):
        if self.bar:
            self.bar.start()
        return self

    def advance(self, n: int) -> None:
        if self.bar:
            t = self.bar.tasks[0]
            per_min = (t.completed + n - self.base) / max(time.monotonic() - self.start, 1e-9) * 60
            self.bar.update(self.task, advance=n, rate=f"{per_min:.0f} articles/min")

    def __exit__(self, *exc):
        if self.bar:
            self.bar.stop()
