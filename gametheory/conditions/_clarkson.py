"""Which of many linear inequalities bind, in floats: Clarkson's redundancy removal.

At a fixed value of the swept parameter the atoms are linear inequalities ``s_k(x) ≥ 0``.
Clarkson's method (Clarkson 1994, "More output-sensitive geometric algorithms", FOCS; see
also Fukuda's polyhedral computation FAQ, "redundancy removal") finds the binding ones (the
facets) with LPs over the binding set found so far only: for each ``k``, minimise ``s_k`` over
that set; where the minimum is negative at ``x*``, the ray from an interior point ``z`` to
``x*`` leaves the polyhedron through a facet, which joins the set (and ``k`` is tried again).
Floats only propose: :mod:`._redundant` proves exactly every atom it drops.  For each dropped
atom it also reports the binding rows tight at the minimiser: the few that imply it there.
"""

from __future__ import annotations

import numpy as np

from ._simplex import minimise, most_inside

__all__ = ["binding"]

TOL = 1e-9


def binding(atoms: np.ndarray, space: np.ndarray) -> tuple[list[int], dict[int, set[int]]] | None:
    """``(binding rows, {dropped row: binding rows tight at its minimiser})`` for the system
    ``atoms @ [x, 1] ≥ 0`` and ``space @ [x, 1] ≥ 0`` (rows scaled to a largest entry of 1);
    None when it has no interior point or an LP fails."""
    z = most_inside(np.vstack([atoms, space]), TOL)
    if z is None:
        return None
    slack_z = atoms @ np.r_[z, 1.0]
    found: list[int] = []
    support: dict[int, set[int]] = {}
    for k in range(len(atoms)):
        while k not in found:
            x = _minimiser(atoms[k], atoms[found], space)
            if x is None:
                return None
            values = atoms @ np.r_[x, 1.0]
            if values[k] >= -TOL:
                support[k] = {j for j in found if abs(values[j]) <= 1e-7}
                break
            # the first row the segment z -> x crosses (the one k is measured against included)
            out = np.nonzero(values < -TOL)[0]
            cross = slack_z[out] / (slack_z[out] - values[out])
            first = int(out[np.argmin(cross)])
            if first in found:
                return None  # (floats: a found row crossed again)
            found.append(first)
    return sorted(found), support


def _minimiser(row: np.ndarray, found: np.ndarray, space: np.ndarray) -> np.ndarray | None:
    """A point minimising ``row @ [x, 1]`` over the found rows and the space's, or None."""
    rows = np.vstack([found, space])
    a, b = rows[:, :-1], rows[:, -1]
    c = row[:-1]
    res = minimise(np.r_[c, -c], np.hstack([-a, a]), b)
    if res.status != "optimal":
        return None
    n = len(c)
    return np.asarray(res.x[:n] - res.x[n:])
