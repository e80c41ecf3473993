"""Worker processes that each take one task at a time, so a task that hangs can be cut off
by ending its worker (and starting a fresh one) without losing the others' work.

concurrent.futures cannot stop a running task; this pool can. Workers are forked after the
parent has loaded what every task needs (spaCy, the lexicon's matchers), so they start warm.
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any

Task = tuple[int, Any]  # (index, payload)


@dataclass
class Outcome:
    index: int
    payload: Any
    result: Any = None
    error: str | None = None  # set when the task raised, timed out or killed its worker


def _serve(conn: Connection, fn: Callable[[Any], Any]) -> None:
    """A worker: run ``fn`` on each payload until told to stop (None)."""
    try:
        while True:
            task = conn.recv()
            if task is None:
                return
            index, payload = task
            try:
                conn.send((index, fn(payload), None))
            except Exception as exc:  # a file's failure is data for the report, not a crash
                conn.send((index, None, f"{type(exc).__name__}: {exc}"))
    except (EOFError, KeyboardInterrupt):
        return


@dataclass
class _Worker:
    process: Any
    conn: Connection
    task: Task | None = None
    started: float = 0.0
    served: int = 0


class Pool:
    """Run ``fn`` over payloads in ``size`` processes, each task within ``timeout`` seconds."""

    def __init__(self, fn: Callable[[Any], Any], size: int, timeout: float, max_tasks: int = 400) -> None:
        self.fn = fn
        self.size = max(1, size)
        self.timeout = timeout
        # spaCy's vocabulary and the caches grow with every new word read: a worker is
        # replaced by a fresh fork after this many files, so memory stays flat over a long run
        self.max_tasks = max_tasks
        self.context = mp.get_context("fork")
        self.workers: list[_Worker] = []

    def _spawn(self) -> _Worker:
        parent, child = self.context.Pipe()
        process = self.context.Process(target=_serve, args=(child, self.fn), daemon=True)
        process.start()
        child.close()
        return _Worker(process, parent)

    def run(self, tasks: Iterable[Task]) -> Iterator[Outcome]:
        """Yield each task's outcome as it finishes (not in order)."""
        pending = iter(tasks)
        self.workers = [self._spawn() for _ in range(self.size)]
        try:
            for w in self.workers:
                self._give(w, pending)
            while any(w.task is not None for w in self.workers):
                busy = [w for w in self.workers if w.task is not None]
                now = time.monotonic()
                wait_for = min(max(0.0, w.started + self.timeout - now) for w in busy)
                ready = wait([w.conn for w in busy], timeout=wait_for + 0.01)
                for w in busy:
                    if w.conn in ready:
                        yield self._collect(w)
                        w.served += 1
                        if w.served >= self.max_tasks and w.task is None:
                            self._recycle(w)
                        self._give(w, pending)
                    elif w.task is not None and time.monotonic() - w.started > self.timeout:
                        yield self._replace(w, f"timed out after {self.timeout:g} s", pending)
        finally:
            self.close()

    def _give(self, w: _Worker, pending: Iterator[Task]) -> None:
        task = next(pending, None)
        w.task = task
        if task is not None:
            w.started = time.monotonic()
            w.conn.send(task)

    def _collect(self, w: _Worker) -> Outcome:
        assert w.task is not None
        index, payload = w.task
        try:
            got_index, result, error = w.conn.recv()
        except (EOFError, OSError):
            # the worker died (a crash in native code, the OOM killer): replace it
            return self._replace(w, "the worker process died while reading this file", iter(()), give=False)
        w.task = None
        return (
            Outcome(index, payload, result, error)
            if got_index == index
            else Outcome(index, payload, error="lost")
        )

    def _replace(self, w: _Worker, why: str, pending: Iterator[Task], give: bool = True) -> Outcome:
        assert w.task is not None
        index, payload = w.task
        w.process.kill()
        w.process.join(5)
        w.conn.close()
        fresh = self._spawn()
        w.process, w.conn, w.task = fresh.process, fresh.conn, None
        if give:
            self._give(w, pending)
        return Outcome(index, payload, error=why)

    def _recycle(self, w: _Worker) -> None:
        with contextlib.suppress(OSError, BrokenPipeError):
            w.conn.send(None)
        w.process.join(5)
        if w.process.is_alive():
            w.process.kill()
            w.process.join(1)
        w.conn.close()
        fresh = self._spawn()
        w.process, w.conn, w.served = fresh.process, fresh.conn, 0

    def close(self) -> None:
        for w in self.workers:
            try:
                if w.task is None:
                    w.conn.send(None)
            except (OSError, BrokenPipeError):
                pass
        for w in self.workers:
            w.process.join(0.5)
            if w.process.is_alive():
                w.process.kill()
                w.process.join(1)
            w.conn.close()
        self.workers = []
