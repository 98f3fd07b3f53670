"""Run one long exact computation in a child process that is stopped at a deadline (private).

:class:`~gametheory._budget.Budget` is checked between steps, so a single long call (one
Gröbner basis) would overrun it.  :func:`run_until` runs such a call in a forked child and
terminates it when the time is up.  Where a child cannot be made (no ``fork`` start method, or
inside a daemonic pool worker, which may not have children), the call runs in this process.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any

__all__ = ["DeadlinePassed", "run_until"]


class DeadlinePassed(Exception):
    """The call was stopped at its deadline."""


def _child(conn: Connection, fn: Callable[..., Any], args: tuple[Any, ...]) -> None:
    try:
        conn.send(("ok", fn(*args)))
    except BaseException as exc:  # sent back and re-raised in the parent
        conn.send(("error", exc))
    finally:
        conn.close()


def run_until(seconds: float, fn: Callable[..., Any], *args: Any) -> Any:
    """``fn(*args)``, or :class:`DeadlinePassed` if it takes longer than ``seconds``.

    Exceptions raised by ``fn`` are raised here.  The result and exceptions must pickle.
    """
    if "fork" not in multiprocessing.get_all_start_methods() or (
        multiprocessing.current_process().daemon
    ):
        return fn(*args)
    ctx = multiprocessing.get_context("fork")
    receive, send = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(send, fn, args), daemon=True)
    proc.start()
    send.close()
    try:
        if not receive.poll(max(seconds, 0.0)):
            raise DeadlinePassed
        status, value = receive.recv()
    except EOFError:  # the child died without answering
        raise DeadlinePassed from None
    finally:
        if proc.is_alive():
            proc.terminate()
        proc.join()
        receive.close()
    if status == "error":
        raise value
    return value
