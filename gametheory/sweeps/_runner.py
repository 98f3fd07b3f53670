"""Running a per-point sweep's tasks: serially or on an executor, losing as little as it can.

- **Lost workers.**  A task whose worker is lost (a killed process: the pool breaks; dask's
  ``KilledWorker``) is retried, alone on the executor, so a worker lost again is that task's and
  no other task is charged with it.  A task lost more than ``retries`` times is split in two
  halves tried once each, down to single points, so only the points that kill their worker are
  recorded as failed.  A broken ``ProcessPoolExecutor`` cannot take new work: the sweep goes on
  on a fresh pool of the same size, which it shuts down at the end (yours stays broken: that is
  how ``concurrent.futures`` works).  In all, at most :data:`MAX_LOST` tasks are resubmitted.
- **Other task errors** (the game does not pickle, an executor that refuses work) record the
  task's points as failed, with the error.
- **Ctrl-C** (``KeyboardInterrupt``) stops the sweep: the tasks done so far are kept, and the
  caller marks the result incomplete.
- **The caller's share** (``inline=True``): the caller solves the first task itself, after
  handing the others to the executor, rather than idling while they run.  Its points are
  solved exactly as a worker solves them (:func:`~._worker.solve_chunk`), so the result is the
  same; a chunk-wide error there is recorded as that task's failure, as a worker's would be.
  It is not protected from a point that kills its process, which is why only the batched float
  path (vectorised numpy, exact rationals where floats cannot decide) asks for it.
- **Straight to the workers** (a :class:`~._pool.ProcessPool` with the caller's share): the
  tasks go into idle workers' pipes from the calling thread, before the caller's share, and
  their results are read from those pipes after it, each made a finished future and taken as
  any other (a lost worker's task is retried through ``submit``).  Tasks beyond the idle
  workers go through ``submit``.
"""

from __future__ import annotations

import sys
import threading
from collections import deque
from collections.abc import Iterator
from concurrent.futures import (
    FIRST_COMPLETED,
    BrokenExecutor,
    Executor,
    Future,
    ProcessPoolExecutor,
    wait,
)
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ._pool import ProcessPool, request
from ._progress import Progress
from ._worker import Chunk, Options, error_text, solve_chunk

__all__ = ["MAX_LOST", "Run", "Task", "run"]

MAX_LOST = 64  # tasks resubmitted after a loss per sweep, at most; later losses are failures
_IN_FLIGHT = 64  # tasks submitted ahead of the results read (executors of unknown size)
_SWITCH = 5e-5  # seconds: the GIL switch interval while the caller solves its share
_LOST_NAMES = {"KilledWorker", "CommClosedError"}  # dask's words for a lost worker


@dataclass
class Task:
    """Points of the grid (``idx``) and their parameter values, with how often it was lost."""

    idx: np.ndarray
    values: np.ndarray
    lost: int = 0
    last: str = ""


@dataclass
class Run:
    """What a run gives back: every finished task's chunk, and whether it was interrupted."""

    chunks: list[tuple[np.ndarray, Chunk]] = field(default_factory=list)
    interrupted: bool = False
    retried: int = 0


def run(
    game: object,
    tasks: Iterator[Task],
    options: Options,
    executor: Executor | None,
    bar: Progress,
    retries: int,
    inline: bool = False,
) -> Run:
    """Solve every task's points; see the module's docstring for what happens on faults
    and for ``inline``, the caller's share."""
    out = Run()
    if executor is None:
        try:
            for task in tasks:
                out.chunks.append((task.idx, solve_chunk(game, task.values, options)))
                bar.advance(len(task.idx))
        except KeyboardInterrupt:
            out.interrupted = True
        return out
    return _Pool(game, options, executor, bar, retries, out).drive(tasks, inline)


def lost_worker(exc: BaseException) -> bool:
    """Whether a task's error says its worker was lost, rather than that the task is bad."""
    return isinstance(exc, BrokenExecutor) or type(exc).__name__ in _LOST_NAMES


class _ShortSwitch:
    """The GIL switch interval at most :data:`_SWITCH` while any sweep of this process solves
    a share in the caller (sweeps may overlap, in threads): the first to enter sets it, the
    last to leave restores what it was."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._users = 0
        self._before = sys.getswitchinterval()

    def enter(self) -> None:
        with self._lock:
            if not self._users:
                self._before = sys.getswitchinterval()
                sys.setswitchinterval(min(self._before, _SWITCH))
            self._users += 1

    def leave(self) -> None:
        with self._lock:
            self._users -= 1
            if not self._users:
                sys.setswitchinterval(self._before)


_SHORT = _ShortSwitch()


class _Pool:
    """The executor loop: fresh tasks in parallel, suspects (lost before) one at a time."""

    def __init__(
        self,
        game: object,
        options: Options,
        executor: Executor,
        bar: Progress,
        retries: int,
        out: Run,
    ) -> None:
        self.game, self.options, self.bar, self.retries, self.out = (
            game,
            options,
            bar,
            retries,
            out,
        )
        self.executor = executor
        self.own: list[Executor] = []  # replacement pools this sweep made, shut down at the end
        workers = getattr(executor, "_max_workers", None)
        self.in_flight = 2 * workers + 1 if isinstance(workers, int) else _IN_FLIGHT
        self.pending: dict[Future[Chunk], Task] = {}
        self.suspects: deque[Task] = deque()

    def drive(self, tasks: Iterator[Task], inline: bool = False) -> Run:
        fresh = iter(tasks)
        # with the caller's share, the executor's threads in this process (pickling, sending)
        # need the GIL while the caller computes, to hand the tasks just submitted to the
        # workers: they get it within a short interval, not the default 5 ms (a small sweep)
        if inline:
            _SHORT.enter()
        try:
            mine = next(fresh, None) if inline else None  # the caller's share, if it takes one
            if mine is not None and isinstance(self.executor, ProcessPool):
                self._direct(fresh, mine)
                mine = None
            while True:
                if self.suspects:
                    if not self.pending:  # a suspect runs alone: a loss is then its own
                        self._submit(self.suspects.popleft())
                else:
                    while len(self.pending) < self.in_flight:
                        task = next(fresh, None)
                        if task is None:
                            break
                        self._submit(task)
                if mine is not None:  # the executor has its tasks: now the caller's own
                    task, mine = mine, None
                    self._solve_here(task)
                    continue
                if not self.pending:
                    if self.suspects:
                        continue
                    break
                done, _ = wait(self.pending, return_when=FIRST_COMPLETED)
                for fut in done:
                    self._collect(fut)
        except KeyboardInterrupt:
            self.out.interrupted = True
            for fut in list(self.pending):  # finished just now: kept; the rest abandoned
                if fut.done() and not fut.cancelled() and fut.exception() is None:
                    self._collect(fut)
                else:
                    fut.cancel()
        finally:
            if inline:
                _SHORT.leave()
            for pool in self.own:
                pool.shutdown(wait=not self.out.interrupted, cancel_futures=True)
        self.out.chunks.sort(key=lambda c: int(c[0][0]) if len(c[0]) else -1)
        return self.out

    def _direct(self, fresh: Iterator[Task], mine: Task) -> None:
        """Tasks sent through idle workers' pipes (one each), the caller's share solved, then
        their replies read.  The leases are released whatever happens (on Ctrl-C a worker's
        late reply is dropped by the next request to it)."""
        assert isinstance(self.executor, ProcessPool)
        held: list[Any] = []
        sent: list[tuple[Any, int, Task]] = []
        try:
            while len(sent) < self.in_flight and (got := self.executor.lease(1)):
                (worker,) = got
                task = next(fresh, None)
                if task is None:
                    worker.lock.release()
                    break
                held.append(worker)
                try:
                    seq = worker.send(request(solve_chunk, self.game, task.values, self.options))
                except Exception as exc:  # the game does not pickle, or the worker is gone
                    held.remove(worker)
                    worker.lock.release()
                    (self._lost if lost_worker(exc) else self._failed)(task, error_text(exc))
                    break
                sent.append((worker, seq, task))
            self._solve_here(mine)
            while sent:
                self._reply(held, sent, wait=True)
        except KeyboardInterrupt:  # keep the replies already here; abandon the others
            for _ in range(len(sent)):
                self._reply(held, sent, wait=False)
            raise
        finally:
            for worker in held:
                worker.lock.release()

    def _reply(self, held: list[Any], sent: list[tuple[Any, int, Task]], wait: bool) -> None:
        """The first sent task's reply, collected as a finished future (its worker released);
        without ``wait``, only if it is already here (else it is moved to the end)."""
        worker, seq, task = sent.pop(0)
        got = worker.receive(seq, wait)
        if got is None:
            sent.append((worker, seq, task))
            return
        held.remove(worker)
        worker.lock.release()
        fut: Future[Chunk] = Future()
        if got[0]:
            fut.set_result(got[1])
        else:
            fut.set_exception(got[1])
        self.pending[fut] = task
        self._collect(fut)

    def _solve_here(self, task: Task) -> None:
        try:
            chunk = solve_chunk(self.game, task.values, self.options)
        except Exception as exc:  # as a worker's task error would be
            self._failed(task, error_text(exc))
            return
        self.out.chunks.append((task.idx, chunk))
        self.bar.advance(len(task.idx))

    def _submit(self, task: Task) -> None:
        for attempt in range(2):
            try:
                self.pending[
                    self.executor.submit(solve_chunk, self.game, task.values, self.options)
                ] = task
                return
            except BrokenExecutor as exc:
                if attempt or not self._replace():
                    self._failed(task, f"the executor is broken: {error_text(exc)}")
                    return
            except Exception as exc:  # an executor that refuses work: keep what was done
                self._failed(task, error_text(exc))
                return

    def _replace(self) -> bool:
        """A fresh process pool like the broken one (other executors cannot be replaced)."""
        old = self.executor
        if not isinstance(old, ProcessPoolExecutor):
            return False
        kwargs: dict[str, Any] = {
            "max_workers": getattr(old, "_max_workers", None),
            "mp_context": getattr(old, "_mp_context", None),
            "initializer": getattr(old, "_initializer", None),
            "initargs": getattr(old, "_initargs", ()),
        }
        self.executor = ProcessPoolExecutor(**kwargs)
        self.own.append(self.executor)
        return True

    def _collect(self, fut: Future[Chunk]) -> None:
        task = self.pending.pop(fut)
        try:
            chunk = fut.result()
        except Exception as exc:
            if not lost_worker(exc):
                self._failed(task, error_text(exc))
            else:
                self._lost(task, error_text(exc))
            return
        self.out.chunks.append((task.idx, chunk))
        self.bar.advance(len(task.idx))

    def _lost(self, task: Task, why: str) -> None:
        task.lost += 1
        task.last = why
        if task.lost <= self.retries:
            parts = [task]
        elif len(task.idx) > 1:  # lost every time: find the points that lose their worker
            half = len(task.idx) // 2
            parts = [
                Task(task.idx[part], task.values[part], task.lost, why)
                for part in (slice(0, half), slice(half, None))
            ]
        else:
            self._failed(task, f"worker lost {task.lost} times at this point ({why})")
            return
        if self.out.retried + len(parts) > MAX_LOST:
            self._failed(task, f"worker lost ({why}); no more retries: {MAX_LOST} tasks retried")
            return
        self.out.retried += len(parts)
        self.suspects.extend(parts)

    def _failed(self, task: Task, text: str) -> None:
        m = len(task.idx)
        chunk = Chunk.empty(len(self.options.spec), tuple((r, text) for r in range(m)))
        self.out.chunks.append((task.idx, chunk))
        self.bar.advance(m)
