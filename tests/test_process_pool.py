"""``gt.ProcessPool`` (issue 15, item 5): an executor whose workers each have a pipe of their own.

As an executor: results, errors and what does not pickle come back as on
``ProcessPoolExecutor``; a worker that dies fails its task with ``BrokenProcessPool`` and is
replaced; shutdown stops the workers.  Under sweeps: the frame is the serial one bit for bit,
tasks go straight to idle workers, a worker lost there is retried, and after Ctrl-C the late
reply of an abandoned task is dropped, not taken for the next task's.  (The frames of seeded
games and of the crisis grid on both kinds of pool: tests/test_sweep_pool.py.)"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import threading
import time
from collections.abc import Iterator
from concurrent.futures import CancelledError
from concurrent.futures.process import BrokenProcessPool
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory as gt
from gametheory.sweeps import _pointwise, _pool, _runner
from gametheory.sweeps import _worker as worker_module
from gametheory.sweeps._pool import request
from gametheory.sweeps._worker import solve_chunk

from .test_sweep_pool import SPACE, _game, _interrupted_here, _points, assert_same


@pytest.fixture(scope="module")
def pool() -> Iterator[gt.ProcessPool]:
    with gt.ProcessPool(2) as ex:
        yield ex


# -- as an executor ----------------------------------------------------------------------------
def _boom(text: str) -> None:
    raise ValueError(text)


def _refuse() -> None:
    raise TypeError("this object refuses to be rebuilt")


class _Unloadable:
    """An object that pickles but cannot be unpickled."""

    def __reduce__(self) -> tuple[Any, ...]:
        return (_refuse, ())


def _unloadable() -> _Unloadable:
    return _Unloadable()


def _sleep_then(x: int, seconds: float) -> int:
    time.sleep(seconds)
    return x


def test_results_errors_and_map_as_on_an_executor(pool: gt.ProcessPool) -> None:
    assert pool.submit(pow, 2, 10).result() == 1024
    assert pool.submit(int, "ff", base=16).result() == 255
    assert list(pool.map(abs, [-3, 2, -1, 0] * 5)) == [3, 2, 1, 0] * 5
    with pytest.raises(ValueError, match=r"^bad input here$"):
        pool.submit(_boom, "bad input here").result()
    assert pool.submit(os.getpid).result() != os.getpid()


def test_what_does_not_pickle_fails_its_task_with_the_reason(pool: gt.ProcessPool) -> None:
    fut = pool.submit(abs, lambda: 1)  # an argument that does not pickle
    with pytest.raises((pickle.PicklingError, AttributeError, TypeError)):
        fut.result()
    fut = pool.submit(_make_lock)  # a result that does not pickle
    with pytest.raises(RuntimeError, match="result could not be pickled"):
        fut.result()
    with pytest.raises(RuntimeError, match="result could not be unpickled here: TypeError"):
        pool.submit(_unloadable).result()
    assert pool.submit(pow, 3, 2).result() == 9  # and the pool goes on


def _make_lock() -> Any:
    import threading

    return threading.Lock()


def test_a_worker_that_dies_fails_its_task_and_is_replaced() -> None:
    with gt.ProcessPool(1) as ex:
        first = ex.submit(os.getpid).result()
        with pytest.raises(BrokenProcessPool, match=r"died \(exit code 3\)"):
            ex.submit(os._exit, 3).result()
        second = ex.submit(os.getpid).result()
        assert second != first
        assert ex.submit(pow, 2, 5).result() == 32
        assert all(w.process.is_alive() for w in ex._workers)


def test_shutdown_stops_the_workers_and_refuses_new_tasks() -> None:
    ex = gt.ProcessPool(2)
    procs = [w.process for w in ex._workers]
    assert ex.submit(pow, 2, 2).result() == 4
    ex.shutdown()
    assert all(p.exitcode == 0 for p in procs)
    with pytest.raises(RuntimeError, match="after shutdown"):
        ex.submit(pow, 2, 2)
    ex.shutdown()  # twice is fine
    assert ex.lease(1) == []


def test_shutdown_can_cancel_the_tasks_not_started() -> None:
    ex = gt.ProcessPool(1)
    futs = [ex.submit(_sleep_then, k, 0.2) for k in range(6)]
    end = time.monotonic() + 30
    while not futs[0].running() and time.monotonic() < end:  # the first is running
        time.sleep(0.005)
    ex.shutdown(wait=True, cancel_futures=True)
    assert futs[0].result() == 0
    assert any(f.cancelled() for f in futs[1:])
    for f in futs[1:]:
        if not f.cancelled():
            assert f.result() in range(6)
        else:
            with pytest.raises(CancelledError):
                f.result()


def test_a_pool_started_with_spawn_works() -> None:
    """Spawned workers import what they run (macOS and Windows start processes so)."""
    game, pts = _game(1, 2, 2), _points(1)
    with gt.ProcessPool(1, mp_context=multiprocessing.get_context("spawn")) as ex:
        assert ex.submit(pow, 7, 2).result() == 49
        pooled = gt.sweep(game, space=SPACE, points=pts, executor=ex)
    assert_same(pooled, gt.sweep(game, space=SPACE, points=pts))


def test_sweeps_from_two_threads_share_one_pool() -> None:
    """Two sweeps at once on one pool: each leases the workers idle at that moment, the
    other's tasks wait for theirs; both frames are the serial ones."""
    from concurrent.futures import ThreadPoolExecutor

    games = [(_game(s, 3, 3), _points(s)) for s in (7, 8)]
    with gt.ProcessPool(2) as ex, ThreadPoolExecutor(2) as threads:
        runs = [
            threads.submit(gt.sweep, g, space=SPACE, points=p, executor=ex)
            for _ in range(3)
            for g, p in games
        ]
        pooled = [r.result(timeout=120) for r in runs]
    for (g, p), res in zip(games * 3, pooled, strict=True):
        assert_same(res, gt.sweep(g, space=SPACE, points=p))


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        ({"max_workers": 0}, "max_workers must be a positive integer, got 0"),
        ({"max_workers": True}, "max_workers must be a positive integer, got True"),
        ({"max_workers": 2.0}, "max_workers must be a positive integer, got 2.0"),
        ({"mp_context": "fork"}, "mp_context must be a multiprocessing context"),
    ],
)
def test_bad_options_are_named(kwargs: dict[str, Any], words: str) -> None:
    with pytest.raises(gt.GameError, match=words.replace("(", r"\(")):
        gt.ProcessPool(**kwargs)


def test_a_late_reply_to_an_abandoned_request_is_dropped() -> None:
    """A sweep interrupted by Ctrl-C stops waiting for its worker: the next request to that
    worker reads the abandoned reply first, and must not take it for its own."""
    with gt.ProcessPool(1) as ex:
        (w,) = ex.lease(1)
        w.send(request(_sleep_then, "stale", 0.3))
        w.lock.release()  # abandoned, as on Ctrl-C
        assert ex.submit(_sleep_then, "fresh", 0.0).result() == "fresh"
        (w,) = ex.lease(1)
        try:
            assert w.receive(w.send(request(pow, 2, 3))) == (True, 8)
        finally:
            w.lock.release()


def test_leases_and_wakes_take_idle_workers_only() -> None:
    with gt.ProcessPool(2) as ex:
        a = ex.lease(5)
        assert len(a) == 2 and ex.lease(1) == []
        ex.wake(2)  # both leased: nothing is sent
        for w in a:
            w.lock.release()
        ex.wake(2)  # now both poll for a while, then sleep again
        time.sleep(0.01)
        assert list(ex.map(abs, [-1, -2])) == [1, 2]
        ex.wake(1)
        assert ex.submit(pow, 2, 4).result() == 16


# -- under sweeps ------------------------------------------------------------------------------
class _Spy:
    """Counts the tasks given through ``submit`` and straight through a pipe by a sweep."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, ex: gt.ProcessPool) -> None:
        self.submitted = 0
        self.direct = 0
        submit, send = ex.submit, _pool._Worker.send

        def counting_submit(*a: Any, **k: Any) -> Any:
            self.submitted += 1
            return submit(*a, **k)

        def counting_send(worker: Any, blob: bytes) -> int:
            if threading.current_thread() is threading.main_thread():
                self.direct += 1
            return send(worker, blob)

        monkeypatch.setattr(ex, "submit", counting_submit)
        monkeypatch.setattr(_pool._Worker, "send", counting_send)


def test_a_batched_sweep_hands_its_task_straight_to_a_worker(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(_pointwise, "cores", lambda: 2)
    game, pts = _game(3, 2, 2), _points(3)
    with gt.ProcessPool(2) as ex:
        spy = _Spy(monkeypatch, ex)
        pooled = gt.sweep(game, space=SPACE, points=pts, executor=ex)
    assert (spy.direct, spy.submitted) == (1, 0)
    assert_same(pooled, gt.sweep(game, space=SPACE, points=pts))


def test_points_solved_one_by_one_go_through_submit(monkeypatch: pytest.MonkeyPatch) -> None:
    import sympy as sp

    c = sp.Symbol("c", positive=True)
    game = gt.NormalFormGame.from_matrices([[sp.sqrt(c), 0], [0, 1]], [[1, 0], [0, c]])
    space = gt.ParameterSpace({c: (0, 4)})
    grid = np.linspace(0.25, 4, 16)
    with gt.ProcessPool(2) as ex:
        spy = _Spy(monkeypatch, ex)
        pooled = gt.sweep(game, space=space, c=grid, executor=ex)
    assert spy.direct == 0 and spy.submitted > 1
    assert_same(pooled, gt.sweep(game, space=space, c=grid))


def _die(*args: Any) -> None:
    os._exit(9)


def _arm() -> int:
    """In a worker: its next sweep task kills it (the direct path sends ``solve_chunk`` by
    reference, so the worker's module attribute is what runs)."""
    worker_module.solve_chunk = _die  # type: ignore[assignment]
    return os.getpid()


def test_a_worker_lost_in_a_sweep_is_replaced_and_its_task_retried(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(_pointwise, "cores", lambda: 2)
    game, pts = _game(4, 3, 3), _points(4)
    with gt.ProcessPool(1) as ex:
        armed = ex.submit(_arm).result()
        pooled = gt.sweep(game, space=SPACE, points=pts, executor=ex)
        assert ex.submit(os.getpid).result() != armed  # replaced
    assert pooled.complete and pooled.failures.empty
    assert_same(pooled, gt.sweep(game, space=SPACE, points=pts))


def test_ctrl_c_in_the_callers_share_then_the_next_sweep_is_right(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Ctrl-C while the caller solves its share: the worker's chunk is kept if it came back,
    the result is marked incomplete, and the next sweep on the pool is exact."""
    monkeypatch.setattr(_pointwise, "cores", lambda: 2)
    game, pts = _game(5, 2, 2), _points(5)
    serial = gt.sweep(game, space=SPACE, points=pts)
    with gt.ProcessPool(2) as ex:
        monkeypatch.setattr(_runner, "solve_chunk", _interrupted_here)
        res = gt.sweep(game, space=SPACE, points=pts, executor=ex)
        assert not res.complete and "interrupted" in res.incomplete[0]
        assert 0 < len(res.failures) < len(pts["x"])
        monkeypatch.setattr(_runner, "solve_chunk", solve_chunk)
        assert_same(gt.sweep(game, space=SPACE, points=pts, executor=ex), serial)


@pytest.mark.parametrize(
    "script",
    [
        "pool = gt.ProcessPool(2)",  # never used
        "pool = gt.ProcessPool(2)\nassert pool.submit(pow, 2, 3).result() == 8",
        "pool = gt.ProcessPool(1)\npool.submit(time.sleep, 60)\ntime.sleep(0.2)",  # still running
    ],
)
def test_the_interpreter_exits_without_shutdown(script: str) -> None:
    """Without ``shutdown``, the workers are stopped at exit (before ``multiprocessing`` joins
    its children), and a task still running is killed."""
    import subprocess
    import sys

    code = f"import time\nimport gametheory as gt\n{script}\nprint('done')"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=30, check=True
    )
    assert out.stdout.strip() == "done"


def test_workers_exit_when_the_caller_is_killed() -> None:
    """A caller killed outright (no exit handlers) leaves no worker behind: each reads EOF
    on its pipe (a forked worker closes its copy of the caller's end)."""
    import signal
    import subprocess
    import sys

    code = (
        "import os, signal, gametheory as gt\n"
        "pool = gt.ProcessPool(2)\n"
        "assert pool.submit(pow, 2, 3).result() == 8\n"
        "print(*[w.process.pid for w in pool._workers], flush=True)\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=30)
    assert out.returncode == -signal.SIGKILL
    pids = [int(p) for p in out.stdout.split()]
    assert len(pids) == 2
    end = time.monotonic() + 10
    while time.monotonic() < end and any(_alive(p) for p in pids):
        time.sleep(0.05)
    assert not any(_alive(p) for p in pids)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie is dead: its parent (here init) has not reaped it yet
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False


def test_a_pool_collected_without_shutdown_stops_its_workers() -> None:
    import gc

    ex = gt.ProcessPool(1)
    assert ex.submit(pow, 2, 2).result() == 4  # its thread started
    procs = [w.process for w in ex._workers]
    del ex
    gc.collect()
    for p in procs:
        p.join(timeout=10)
    assert all(p.exitcode == 0 for p in procs)


def test_a_task_that_cannot_be_sent_is_retried_or_failed(monkeypatch: pytest.MonkeyPatch) -> None:
    """The direct way's errors are the executor's: a worker gone when the task is written is a
    lost worker (retried through ``submit``); a game that does not pickle fails its points."""
    monkeypatch.setattr(_pointwise, "cores", lambda: 2)
    game, pts = _game(6, 2, 2), _points(6)
    send = _pool._Worker.send
    calls = []

    def broken_once(worker: Any, blob: bytes) -> int:
        calls.append(threading.current_thread() is threading.main_thread())
        if len(calls) == 1:
            raise BrokenProcessPool("gone while idle")
        return send(worker, blob)

    with gt.ProcessPool(2) as ex:
        monkeypatch.setattr(_pool._Worker, "send", broken_once)
        pooled = gt.sweep(game, space=SPACE, points=pts, executor=ex)
    assert calls[0] and not all(calls)  # the direct send failed; submit's thread sent it again
    assert pooled.complete and pooled.failures.empty
    assert_same(pooled, gt.sweep(game, space=SPACE, points=pts))

    def no_pickle(*args: Any) -> bytes:
        raise pickle.PicklingError("cannot pickle this game")

    monkeypatch.setattr(_pool._Worker, "send", send)
    monkeypatch.setattr(_runner, "request", no_pickle)
    with gt.ProcessPool(2) as ex:
        res = gt.sweep(game, space=SPACE, points=pts, executor=ex)
    failed = res.failures["error"]
    assert len(failed) and failed.str.contains("cannot pickle this game").all()
    assert 0 < len(failed) < len(pts["x"])  # the caller's share is solved


def _step(kind: int, value: int) -> int:
    """A task of a random script: a value, an error, or the worker's death."""
    if kind == 1:
        raise ValueError(f"no {value}")
    if kind == 2:
        os._exit(3)
    return value * value


_SCRIPT_POOL: list[gt.ProcessPool] = []


def _script_pool() -> gt.ProcessPool:
    """One pool for every example (started once: the property is about a pool that has
    lived through earlier scripts, deaths included)."""
    if not _SCRIPT_POOL:
        _SCRIPT_POOL.append(gt.ProcessPool(2))
    return _SCRIPT_POOL[0]


@pytest.fixture(scope="module", autouse=True)
def _close_script_pool() -> Iterator[None]:
    yield
    while _SCRIPT_POOL:
        _SCRIPT_POOL.pop().shutdown()


@settings(max_examples=15, deadline=None)
@given(st.lists(st.tuples(st.sampled_from([0, 0, 0, 1, 2]), st.integers(-50, 50)), max_size=12))
def test_any_script_of_tasks_gives_what_running_them_here_gives(
    script: list[tuple[int, int]],
) -> None:
    """Whatever mix of values, errors and deaths is submitted at once, each future says what
    the task did (a death: ``BrokenProcessPool``), and the pool then still works."""
    ex = _script_pool()
    futures = [ex.submit(_step, kind, value) for kind, value in script]
    for (kind, value), fut in zip(script, futures, strict=True):
        if kind == 0:
            assert fut.result(timeout=60) == value * value
        elif kind == 1:
            with pytest.raises(ValueError, match=f"^no {value}$"):
                fut.result(timeout=60)
        else:
            with pytest.raises(BrokenProcessPool, match="died"):
                fut.result(timeout=60)
    assert ex.submit(pow, 3, 3).result(timeout=60) == 27
    assert all(w.process.is_alive() for w in ex._workers)
