"""A small dense simplex method in floats, for the many tiny LPs of the certificate sweeps.

The Farkas sweeps (:mod:`._farkas_cover`) and their witnesses (:mod:`._lp_witness`) solve
thousands of LPs of about ten rows and five columns; scipy's ``linprog`` costs about 1.3 ms
each in Python overhead, and importing ``scipy.optimize`` half a second.  Here the textbook
two-phase tableau method (Dantzig 1963; Chvátal 1983, ch. 3 and 8), with Dantzig's pivot
rule and Bland's, which cannot cycle, where pivots stall, solves

    minimise ``c·x``  subject to  ``A_ub x ≤ b_ub``,  ``A_eq x = b_eq``,  ``x ≥ 0``

and returns a *vertex* (a basic solution), which is what the certificates need: its support
names few rows.  Floats only propose here: every certificate and witness built from an
answer is checked exactly by the caller, so a wrong answer costs a proof, never a claim.
A run that exceeds its pivot budget reports ``"failed"`` and the caller may ask scipy.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np

__all__ = ["LPResult", "highs", "minimise", "most_inside"]

TOL = 1e-9  # reduced costs and pivots below this are read as zero
PIVOTS = 50  # pivot budget per phase, times (rows + columns)
STALL = 20  # degenerate pivots in a row before Bland's rule takes over

LPStatus = Literal["optimal", "infeasible", "unbounded", "failed"]


@dataclass(frozen=True)
class LPResult:
    """An LP's outcome: ``x`` and ``fun`` are meaningful when ``status == "optimal"``."""

    status: LPStatus
    x: np.ndarray
    fun: float


def minimise(
    c: np.ndarray,
    a_ub: np.ndarray | None = None,
    b_ub: np.ndarray | None = None,
    a_eq: np.ndarray | None = None,
    b_eq: np.ndarray | None = None,
) -> LPResult:
    """A vertex minimising ``c·x`` over ``A_ub x ≤ b_ub, A_eq x = b_eq, x ≥ 0``."""
    n = len(c)
    a_ub = np.zeros((0, n)) if a_ub is None else np.asarray(a_ub, dtype=float)
    a_eq = np.zeros((0, n)) if a_eq is None else np.asarray(a_eq, dtype=float)
    b_ub = np.zeros(0) if b_ub is None else np.asarray(b_ub, dtype=float)
    b_eq = np.zeros(0) if b_eq is None else np.asarray(b_eq, dtype=float)
    m_ub, m = len(b_ub), len(b_ub) + len(b_eq)
    # columns: x (n), slacks of the <= rows (m_ub), artificials (m); then the right-hand side
    t = np.zeros((m + 1, n + m_ub + m + 1))
    t[:m_ub, :n] = a_ub
    t[:m_ub, n : n + m_ub] = np.eye(m_ub)
    t[m_ub:m, :n] = a_eq
    t[:m, -1] = np.concatenate([b_ub, b_eq])
    flip = t[:m, -1] < 0
    t[:m][flip] *= -1.0
    t[:m, n + m_ub : n + m_ub + m] = np.eye(m)
    basis = list(range(n + m_ub, n + m_ub + m))
    artificial = n + m_ub
    # phase 1: minimise the artificials' sum (its reduced costs: minus the rows' sum)
    t[m, :artificial] = -t[:m, :artificial].sum(axis=0)
    t[m, -1] = -t[:m, -1].sum()
    status = _run(t, basis, artificial, PIVOTS * (m + n))
    if status != "optimal":
        return LPResult("failed", np.zeros(n), np.nan)
    if -t[m, -1] > TOL * max(1.0, np.abs(t[:m, -1]).max(initial=0.0)):
        return LPResult("infeasible", np.zeros(n), np.nan)
    keep = _drive_out(t, basis, artificial)
    t = np.delete(t, np.s_[artificial:-1], axis=1)[[*keep, m]]
    basis = [basis[r] for r in keep]
    # phase 2: the objective's reduced costs over the feasible basis
    m = len(basis)
    t[m, :] = 0.0
    t[m, :n] = c
    for r, j in enumerate(basis):
        if t[m, j] != 0.0:
            t[m] -= t[m, j] * t[r]
    status = _run(t, basis, t.shape[1] - 1, PIVOTS * (m + n))
    if status != "optimal":
        return LPResult(status, np.zeros(n), np.nan)
    x = np.zeros(t.shape[1] - 1)
    x[basis] = t[:m, -1]
    return LPResult("optimal", x[:n], float(np.dot(c, x[:n])))


def _run(t: np.ndarray, basis: list[int], columns: int, budget: int) -> LPStatus:
    """Pivot ``t`` (objective in the last row) to optimality over its first ``columns``
    columns: Dantzig's rule (the most negative reduced cost) while pivots make progress, and
    Bland's rule (the lowest-indexed improving column; among the rows of the least ratio, the
    one whose basic variable has the lowest index), which cannot cycle, after
    :data:`STALL` degenerate pivots in a row and to the end."""
    m = len(basis)
    stalled = 0
    for _ in range(budget):
        reduced = t[m, :columns]
        improving = np.nonzero(reduced < -TOL)[0]
        if improving.size == 0:
            return "optimal"
        bland = stalled >= STALL
        j = int(improving[0]) if bland else int(improving[np.argmin(reduced[improving])])
        col = t[:m, j]
        rows = np.nonzero(col > TOL)[0]
        if rows.size == 0:
            return "unbounded"
        ratios = t[rows, -1] / col[rows]
        best = ratios.min()
        ties = rows[ratios <= best + TOL * max(1.0, abs(best))]
        r = int(min(ties, key=lambda k: basis[k]))
        if not bland:
            stalled = stalled + 1 if best <= TOL else 0
        _pivot(t, r, j)
        basis[r] = j
    return "failed"


def _pivot(t: np.ndarray, r: int, j: int) -> None:
    t[r] /= t[r, j]
    col = t[:, j].copy()
    col[r] = 0.0
    t -= np.outer(col, t[r])


def _drive_out(t: np.ndarray, basis: list[int], artificial: int) -> list[int]:
    """After phase 1: artificials still basic (at zero) are pivoted out where their row has a
    nonzero entry in a real column; rows with none are redundant.  The rows kept."""
    keep = []
    for r, j in enumerate(basis):
        if j < artificial:
            keep.append(r)
            continue
        cols = np.nonzero(np.abs(t[r, :artificial]) > TOL)[0]
        if cols.size:
            _pivot(t, r, int(cols[0]))
            basis[r] = int(cols[0])
            keep.append(r)
    return keep


def highs(
    c: np.ndarray,
    a_ub: np.ndarray | None = None,
    b_ub: np.ndarray | None = None,
    a_eq: np.ndarray | None = None,
    b_eq: np.ndarray | None = None,
) -> LPResult:
    """The same LP by scipy's HiGHS dual simplex (a vertex): the fallback where
    :func:`minimise` runs out of pivots."""
    from scipy.optimize import linprog  # (heavy: imported only when needed)

    res = linprog(
        c, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=b_eq, bounds=(0, None), method="highs-ds"
    )
    names: dict[int, LPStatus] = {0: "optimal", 2: "infeasible", 3: "unbounded"}
    status = names.get(res.status, "failed")
    if status != "optimal":
        return LPResult(status, np.zeros(len(c)), np.nan)
    return LPResult(status, np.asarray(res.x), float(res.fun))


def most_inside(rows: np.ndarray, tol: float = 1e-9) -> np.ndarray | None:
    """A point ``x`` maximising the least slack ``s`` of ``rows @ [x, 1] ≥ 0`` (``s ≤ 1``; rows
    scaled to a largest entry of 1); None unless ``s > tol``.  In :func:`minimise`'s form:
    ``x = x⁺ − x⁻`` and ``s = 1 − u`` with ``x⁺, x⁻, u ≥ 0``, minimising ``u`` under
    ``−a x⁺ + a x⁻ − u ≤ b − 1``.  None too where the floats fail (no fallback: a point
    here only proposes, and callers go on without one)."""
    a, b = rows[:, :-1], rows[:, -1]
    n = a.shape[1]
    a_ub = np.hstack([-a, a, -np.ones((len(b), 1))])
    cost = np.zeros(2 * n + 1)
    cost[-1] = 1.0
    res = minimise(cost, a_ub, b - 1.0)
    if res.status != "optimal" or 1.0 - res.fun <= tol:
        return None
    return np.asarray(res.x[:n] - res.x[n : 2 * n])
