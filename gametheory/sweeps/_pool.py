"""``gt.ProcessPool``: a process pool whose workers each have a pipe of their own.

It is a :class:`concurrent.futures.Executor` (``submit``, ``map``, ``shutdown``, ``with``), so
it goes wherever an executor does.  What it changes is the way to a worker and back:

- :class:`~concurrent.futures.ProcessPoolExecutor` hands a task to its workers through two
  threads of the caller's process (its manager thread, then its queue's feeder thread) and
  takes the result back through the manager thread.  Measured on a 2-core machine, a task
  starts 0.16 ms after ``submit`` when the caller is idle and 0.3-0.7 ms after when the caller
  computes meanwhile (those threads wait for the GIL), and a result of 125 KB takes 0.3-0.5 ms
  to come back: about a tenth of a 2,000-point sweep of a 2x2 game.
- Here each worker has a duplex pipe.  ``submit`` hands the task to a thread per worker (one
  hop), and a sweep (:mod:`._runner`) writes its tasks into idle workers' pipes itself, from the
  calling thread, and reads their results straight from them: no thread in between.
- A worker idle for more than a millisecond takes about 0.2 ms to wake (the CPU's idle state,
  measured on the same machine).  :meth:`ProcessPool.wake` tells idle workers that a task is
  coming: each then polls its pipe for up to :data:`_POLL` seconds instead of sleeping.  A
  sweep sends it first thing, so the workers wake while the caller checks the points.

A worker that dies (killed, out of memory, ``os._exit``) fails the task it was running with
:class:`~concurrent.futures.process.BrokenProcessPool` and is replaced by a fresh process: the
pool itself never breaks.  Workers ignore ``SIGINT`` (Ctrl-C reaches the caller, which stops
waiting; a worker finishes its task and the reply is discarded).  Results and errors travel as
pickles; one that does not pickle, or unpickle, fails its task with the reason.
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import os
import pickle
import queue
import signal
import threading
import time
from collections.abc import Callable
from concurrent.futures import Executor, Future
from concurrent.futures.process import BrokenProcessPool
from multiprocessing.connection import Connection, wait
from multiprocessing.context import BaseContext
from multiprocessing.reduction import ForkingPickler
from multiprocessing.util import Finalize
from typing import Any, Literal, overload

from ..errors import GameError

__all__ = ["ProcessPool"]

_POLL = 2e-3  # seconds a woken worker polls its pipe before it sleeps again
_WAKE = -1  # the sequence number of a wake-up (no reply)
_HEADER = 8  # bytes of a message's sequence number
_STARTING = threading.Lock()  # held while a worker is started (see _Worker._start)


class _Worker:
    """One worker process and the caller's end of its pipe; ``lock`` is held by whoever has a
    request in flight on it (its thread, or a sweep that leased it)."""

    def __init__(self, ctx: BaseContext) -> None:
        self.ctx = ctx
        self.lock = threading.Lock()
        self.seq = 0
        self.torn = False  # a message half written or half read (Ctrl-C): replace it first
        self.closed = False  # stopped with its pool: a dead process is not replaced
        self.process: Any = None
        self.conn: Connection | None = None
        self._start()

    def _start(self) -> None:
        # one start at a time: a worker forked while another's end is still open here would
        # hold a copy of it (its death is then seen by its process sentinel, see _read)
        with _STARTING:
            here, there = mp.Pipe(duplex=True)
            # a forked worker gets a copy of this end too: it closes it, or it would never
            # read EOF when this process dies
            args = (there, here) if self.ctx.get_start_method() == "fork" else (there,)
            process = self.ctx.Process(target=_serve, args=args, name="gametheory-pool")  # type: ignore[attr-defined]
            process.start()
            there.close()  # so that the worker's death reads as EOF here
        self.process, self.conn = process, here

    def send(self, blob: bytes) -> int:
        """Send a pickled ``(fn, args, kwargs)``; its sequence number (hold ``lock``).  A dead
        worker is replaced first, once."""
        if self.closed:
            raise BrokenProcessPool("the ProcessPool was shut down")
        self.seq += 1
        message = self.seq.to_bytes(_HEADER, "little", signed=True) + blob
        if self.torn:
            self._replace(kill=True)
        try:
            self._write(message)
        except OSError:  # the worker died while idle: a fresh one takes the task
            self._replace()
            self._write(message)
        return self.seq

    def _write(self, message: bytes) -> None:
        try:
            self.conn.send_bytes(message)  # type: ignore[union-attr]
        except BaseException as exc:
            if not isinstance(exc, OSError):  # interrupted part way: the pipe is unusable
                self.torn = True
            raise

    def _read(self) -> bytes:
        """The next message; ``EOFError`` once the worker has exited without one (seen by its
        process sentinel too: another process may hold a copy of its end of the pipe)."""
        try:
            ready = wait([self.conn, self.process.sentinel])  # type: ignore[list-item]
            if self.conn not in ready and not self.conn.poll(0):  # type: ignore[union-attr]
                raise EOFError("the worker exited")
            return self.conn.recv_bytes()  # type: ignore[union-attr]
        except BaseException as exc:
            if not isinstance(exc, EOFError | OSError):
                self.torn = True
            raise

    def wake(self) -> None:
        """Tell the worker a task is coming (hold ``lock``); no reply."""
        if self.closed:
            return
        if self.torn:
            self._replace(kill=True)
        try:
            self._write(_WAKE.to_bytes(_HEADER, "little", signed=True))
        except OSError:
            self._replace()

    @overload
    def receive(self, seq: int, wait: Literal[True] = ...) -> tuple[bool, Any]: ...
    @overload
    def receive(self, seq: int, wait: bool) -> tuple[bool, Any] | None: ...
    def receive(self, seq: int, wait: bool = True) -> tuple[bool, Any] | None:
        """The reply to request ``seq``: ``(True, result)`` or ``(False, exception)`` (hold
        ``lock``); without ``wait``, ``None`` if it has not come yet.  Replies to requests
        abandoned earlier (Ctrl-C) are read and dropped.  A worker that died is replaced, and
        the request fails with ``BrokenProcessPool``."""
        while True:
            if not wait and not self.conn.poll(0):  # type: ignore[union-attr]
                return None
            try:
                data = self._read()
            except (EOFError, OSError):
                code = self._replace()
                after = "the pool was shut down" if self.closed else "a fresh worker replaced it"
                return False, BrokenProcessPool(
                    f"a worker of the ProcessPool died (exit code {code}) while running a "
                    f"task; {after}"
                )
            if int.from_bytes(data[:_HEADER], "little", signed=True) != seq:
                continue  # the reply to an abandoned request
            ok = data[_HEADER] == 1
            try:
                value = pickle.loads(memoryview(data)[_HEADER + 1 :])
            except Exception as exc:
                return False, RuntimeError(
                    f"the task's {'result' if ok else 'error'} could not be unpickled here: "
                    f"{type(exc).__name__}: {exc}"
                )
            return ok, value

    def _replace(self, kill: bool = False) -> object:
        """Start a fresh process in place of this one (``kill``: the old one may be alive);
        the old one's exit code.  Not once the pool is stopped."""
        old = self.process
        if self.closed:
            old.join(timeout=1.0)
            return old.exitcode
        if self.conn is not None:
            self.conn.close()
        if kill:
            old.kill()
        old.join(timeout=1.0)
        if old.exitcode is None:  # pragma: no cover - alive yet its pipe is broken
            old.kill()
            old.join()
        self.torn = False
        self._start()
        return old.exitcode

    def stop(self) -> None:
        """Ask the worker to exit and wait for it (hold ``lock``)."""
        self.closed = True
        with contextlib.suppress(OSError):
            self.conn.send_bytes(b"")  # type: ignore[union-attr]
        self.process.join(timeout=5.0)
        if self.process.exitcode is None:  # pragma: no cover - a task that never ends
            self.process.kill()
            self.process.join()
        self.conn.close()  # type: ignore[union-attr]


def _serve(conn: Connection, theirs: Connection | None = None) -> None:
    """A worker's loop: requests in, replies out, until an empty message or EOF (the pool's
    end closed: it was stopped, or its process died)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if theirs is not None:
        theirs.close()
    while True:
        try:
            data = conn.recv_bytes()
        except (EOFError, OSError):
            return
        if not data:
            return
        seq = int.from_bytes(data[:_HEADER], "little", signed=True)
        if seq == _WAKE:  # a task is coming: poll instead of sleeping
            end = time.perf_counter() + _POLL
            while time.perf_counter() < end and not conn.poll(0):
                pass
            continue
        try:
            fn, args, kwargs = pickle.loads(data[_HEADER:])
            status, value = 1, fn(*args, **kwargs)
        except BaseException as exc:  # the caller gets it, as from any executor
            status, value = 0, exc
        reply = bytearray(data[:_HEADER])
        try:
            reply.append(status)
            reply += ForkingPickler.dumps(value)
        except Exception as exc:
            what = "result" if status else f"error ({type(value).__name__}: {value})"
            failure = RuntimeError(
                f"the task's {what} could not be pickled: {type(exc).__name__}: {exc}"
            )
            reply = bytearray(data[:_HEADER]) + b"\x00" + ForkingPickler.dumps(failure)
        try:
            conn.send_bytes(reply)
        except OSError:
            return


def _dispatch(jobs: queue.SimpleQueue[Any], worker: _Worker) -> None:
    """One worker's thread: the next submitted task, to that worker, and its reply back (it
    holds no reference to the pool, which can then be collected and stop its workers)."""
    while True:
        item = jobs.get()
        if item is None:
            return
        future, blob = item
        if not future.set_running_or_notify_cancel():
            continue
        with worker.lock:
            try:
                ok, value = worker.receive(worker.send(blob))
            except Exception as exc:  # the pool stopped under it (at exit)
                ok, value = False, exc
        if ok:
            future.set_result(value)
        else:
            future.set_exception(value)


def _stop_all(workers: list[_Worker], jobs: queue.SimpleQueue[Any], threads: int) -> None:
    """The pool's end when it is collected or the interpreter exits without ``shutdown``
    (before ``multiprocessing`` joins its children, which would otherwise wait forever)."""
    for _ in range(threads):
        jobs.put(None)
    for w in workers:
        if w.lock.acquire(timeout=1.0):
            try:
                w.stop()
            finally:
                w.lock.release()
        else:  # a task still running at exit
            w.closed = True
            w.process.kill()


class ProcessPool(Executor):
    """A process pool for sweeps: an executor whose workers each have a pipe of their own.

    ``gt.sweep(game, ..., executor=gt.ProcessPool())`` runs on it as on any executor; a sweep
    of a small two-player game hands its tasks to the workers and reads their results straight
    through those pipes, and wakes the workers first.  On 2 cores, 2,000 points of a 2x2 game
    (about 6 ms serially) then run about 1.6x faster than serially, against 1.4-1.5x on a
    :class:`~concurrent.futures.ProcessPoolExecutor`; see ``docs/how-to/sweep-cluster.md``.

    Parameters
    ----------
    max_workers
        Worker processes, all started at once; default ``os.cpu_count()``.
    mp_context
        A :mod:`multiprocessing` context (its start method); default the platform's, as for
        ``ProcessPoolExecutor``.

    Notes
    -----
    A worker that dies fails its task with ``BrokenProcessPool`` and is replaced: the pool goes
    on.  Workers ignore Ctrl-C.  ``shutdown()`` (or leaving a ``with`` block) stops them; so
    does the end of the interpreter.
    """

    def __init__(self, max_workers: int | None = None, *, mp_context: BaseContext | None = None):
        if max_workers is None:
            max_workers = os.cpu_count() or 1
        if isinstance(max_workers, bool) or not isinstance(max_workers, int) or max_workers < 1:
            raise GameError(f"max_workers must be a positive integer, got {max_workers!r}")
        if mp_context is not None and not isinstance(mp_context, BaseContext):
            raise GameError(
                "mp_context must be a multiprocessing context (multiprocessing.get_context()), "
                f"got {type(mp_context).__name__}"
            )
        self._max_workers = max_workers
        ctx = mp_context or mp.get_context()
        self._workers: list[_Worker] = []
        try:
            for _ in range(max_workers):
                self._workers.append(_Worker(ctx))
        except BaseException:
            for w in self._workers:
                w.stop()
            raise
        self._jobs: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._threads: list[threading.Thread] = []
        self._state = threading.Lock()
        self._closed = False
        self._final = _finalizer(self, 0)

    @property
    def max_workers(self) -> int:
        """The number of worker processes."""
        return self._max_workers

    def __repr__(self) -> str:
        return f"ProcessPool(max_workers={self._max_workers})"

    # -- the executor interface ---------------------------------------------------------------
    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        """Run ``fn(*args, **kwargs)`` on a worker; its future.  Arguments that do not pickle
        fail the future (as on ``ProcessPoolExecutor``)."""
        future: Future[Any] = Future()
        try:
            blob = request(fn, *args, **kwargs)
        except Exception as exc:
            blob = None
            failure = exc
        with self._state:  # (so no task is queued behind shutdown's stop signals)
            if self._closed:
                raise RuntimeError("cannot schedule new futures after shutdown")
            if blob is None:
                future.set_running_or_notify_cancel()
                future.set_exception(failure)
                return future
            if not self._threads:
                self._threads = [
                    threading.Thread(target=_dispatch, args=(self._jobs, w), daemon=True)
                    for w in self._workers
                ]
                for t in self._threads:
                    t.start()
                self._final.cancel()
                self._final = _finalizer(self, len(self._threads))
            self._jobs.put((future, blob))
        return future

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        """Stop taking tasks; with ``cancel_futures``, cancel those not started; with
        ``wait``, wait for the rest and for the workers to exit."""
        with self._state:
            if self._closed:
                return
            self._closed = True
            threads = list(self._threads)
        if cancel_futures:
            while True:
                try:
                    item = self._jobs.get_nowait()
                except queue.Empty:
                    break
                if item is not None:
                    item[0].cancel()
        self._final.cancel()
        stop = threading.Thread(target=self._stop, args=(threads,), name="gametheory-pool-stop")
        stop.start()
        if wait:
            stop.join()

    def _stop(self, threads: list[threading.Thread]) -> None:
        for _ in threads:
            self._jobs.put(None)
        for t in threads:
            t.join()
        for w in self._workers:
            with w.lock:
                w.stop()

    # -- the sweeps' direct way (see gametheory.sweeps._runner) ----------------------------
    def wake(self, k: int) -> None:
        """Tell up to ``k`` idle workers that a task is coming: each polls its pipe for 2 ms
        instead of sleeping (busy ones are left alone).  Sweeps call it first thing, for the
        workers they will hand a task (a woken worker without one spins for 2 ms)."""
        if self._closed:
            return
        for w in self._workers:
            if k <= 0:
                break
            if w.lock.acquire(blocking=False):
                k -= 1
                try:
                    w.wake()
                finally:
                    w.lock.release()

    def lease(self, k: int) -> list[_Worker]:
        """Up to ``k`` idle workers, their locks held by the caller, who sends each a request
        (``send``), reads its reply (``receive``) and releases ``lock``; none once shut down."""
        if self._closed:
            return []
        out: list[_Worker] = []
        for w in self._workers:
            if len(out) >= k:
                break
            if w.lock.acquire(blocking=False):
                out.append(w)
        return out


def _finalizer(pool: ProcessPool, threads: int) -> Finalize:
    return Finalize(pool, _stop_all, args=(pool._workers, pool._jobs, threads), exitpriority=10)


def request(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> bytes:
    """A call as a worker reads it (``submit``'s and a sweep's alike)."""
    return bytes(ForkingPickler.dumps((fn, args, kwargs)))
