"""Vertices of ``{z >= 0 : C z <= 1}`` by a lexicographic pivoting search (private kernel).

The bases visited are the lexicographically feasible ones (Avis 2000, "lrs"; Avis, Rosenberg,
Savani and von Stengel 2010): those feasible for the right-hand side
``1 + eps v + (eps^2, eps^3, ...)`` with ``eps -> 0``, where ``v`` is a fixed generic vector
(the "tilt"; plain lrs has no ``v``).  The tilt breaks almost every tie of a degenerate ratio
test in one comparison, and fewer bases are feasible for it (0/1 games: a third as many at
12 x 12 as with ``v = 0``, with rows of larger sums perturbed less, see ``_tilt``); the unit
columns still make the order total.  These bases are the vertices of a simple polytope whose
graph is connected, every vertex of the unperturbed polytope is the limit of at least one of
them, and from each such basis the lexicographic ratio test gives exactly one neighbour per
entering variable.  So a
breadth-first search from the slack basis over lexicographic pivots reaches every vertex,
degenerate polytopes (0/1 games) included, without any tie-breaking by tolerance.

Each level of the search is computed at once for a batch of bases in ``float64`` (numpy's
stacked inverse), with a rigorous error bound per basis from the residual ``I - B X``:
with ``delta = ||I - B X||`` bounded above (rounding included) and ``delta < 1``,
``||B^-1 - X|| <= ||X|| delta / (1 - delta)``.  Every tableau entry is an integer over
``det B`` and so is every 2 x 2 cross product the ratio test compares, so a value whose error
interval excludes zero has a certain sign, and one whose interval lies within ``1 / |det B|``
of zero is certainly zero; ``|det B|`` is bounded above along the search (the pivot element is
the ratio of the two determinants).  A basis where any decision is left open by the bounds is
redone in exact integer arithmetic (fraction-free Gauss-Jordan, Bareiss 1968).  So every sign,
tie and label is exact: the vertices and their label sets are those of exact pivoting.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from .._budget import UNLIMITED, Budget

__all__ = ["lex_vertices"]

_EPS = float(np.finfo(np.float64).eps)
_CHUNK = 2048  # bases per batched float step
_SAFETY = 4.0  # factor on the error bounds for the rounding in computing them

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]
Vertices = tuple[IntArray, IntArray, IntArray, IntArray]


@dataclass(frozen=True)
class _Step:
    """What the search needs of a batch of bases: labels, neighbours, determinant bounds.

    Bases whose float decisions were not all certified are listed in ``open`` (their other
    fields are meaningless) and are redone exactly.
    """

    zero: IntArray  # (N,) bitmask of zero coordinates z_j
    tight: IntArray  # (N,) bitmask of tight rows
    child: IntArray  # (N, d) basis masks of the neighbours
    child_det: FloatArray  # (N, d) upper bounds on |det| of the neighbours
    open: NDArray[np.bool_]  # (N,) decisions left open by the error bounds


def _tilt(c_int: list[list[int]]) -> NDArray[np.int64]:
    """The perturbation ``v`` of the right-hand side (see the module notes): the ranks 1..p of
    the rows by decreasing row sum, ties broken by a fixed scrambled order.

    Any positive ``v`` is correct; this order is empirical: on 0/1 games it visits less than
    half the bases of a random order (the bases of random games are their vertices anyway).
    """
    p = len(c_int)
    order = sorted(range(p), key=lambda i: (-sum(c_int[i]), (i * 7919) % 65521))
    v = np.zeros(p, np.int64)
    v[order] = np.arange(1, p + 1)
    return v


def _gamma(k: int) -> float:
    return k * _EPS / (1 - k * _EPS)


def _lex_round(
    cand: NDArray[np.bool_],
    v: FloatArray,
    ev: FloatArray,
    w: FloatArray,
    ew: FloatArray,
    whi: FloatArray,
    thr: FloatArray,
) -> tuple[NDArray[np.bool_], NDArray[np.bool_]]:
    """One component of the lexicographic ratio test on problems x rows arrays.

    Keeps, per problem, the candidate rows whose ratio ``v / w`` ties exactly with the
    smallest; also returns the problems where the error bounds leave an order or a tie open.
    A ratio difference is a 2 x 2 cross product over ``det B * w_r * w_s``, so a nonzero one is
    at least ``thr / (whi_r * whi_s)``.
    """
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        ratio = v / w
        ratio[~cand] = np.inf
        # The propagated error is (ev + |ratio| ew) / (w - ew); its |ratio| ew term is taken
        # twice, which covers the rounding of the division and of the differences below:
        # ew >= erow * |w| / rows >= 4 p eps |w| (``float_tableau``), so that extra term is at
        # least 4 p eps |ratio|.  Entries of rows that are not candidates are never used.
        rerr = (ev + 2 * np.abs(ratio) * ew) / (w - ew)
    best = ratio.argmin(axis=1, keepdims=True)
    at = _at_rows(ratio.shape, best)
    diff = ratio - ratio[at]
    slack = rerr + rerr[at]
    above = diff > slack
    wb = whi[at] * (1 + 1e-12)
    tied = (diff + slack) * (whi * wb) < thr
    tied[at] = True
    return cand & tied, np.asarray((cand & ~(above | tied)).any(axis=1))


def _at_rows(shape: tuple[int, ...], best: IntArray) -> tuple[IntArray, ...]:
    """Index of the row ``best`` (axis 1, kept as length 1) of each problem of an array."""
    if len(shape) == 2:
        return (np.arange(shape[0])[:, None], best)
    return (np.arange(shape[0])[:, None, None], best, np.arange(shape[2]))


def float_tableau(
    m_full: FloatArray, basic: IntArray
) -> tuple[FloatArray, FloatArray, NDArray[np.bool_]]:
    """``B^-1 M`` in floats for a batch of bases, ``B = M[:, basic]``, with error bounds.

    Returns the tableaux (N, p, width), per basis and row a factor ``e`` such that the entry
    in column j is within ``e * max|M[:, j]|`` of the exact one, and which bases the bounds
    do not cover (numerically singular).  With ``X`` the computed inverse and
    ``delta >= ||I - B X||_inf`` (rounding included), ``||B^-1 - X||_inf <= ||X|| delta /
    (1 - delta)``; the product ``X M`` adds ``gamma_p |X| |M|`` (Higham 2002, ch. 3).
    """
    n_b, p = basic.shape
    bmat = np.ascontiguousarray(m_full[:, basic].transpose(1, 0, 2))  # (N, p, p)
    bad = np.zeros(n_b, bool)
    try:
        x = np.linalg.inv(bmat)
    except np.linalg.LinAlgError:  # some matrix is numerically singular: all exact
        x = np.zeros_like(bmat)
        bad[:] = True
    with np.errstate(over="ignore", invalid="ignore"):
        rows = np.abs(x).sum(axis=2)  # (N, p)
        norm_x = rows.max(axis=1)
        norm_b = np.abs(bmat).sum(axis=2).max(axis=1)
        resid = np.abs(np.eye(p) - bmat @ x).sum(axis=2).max(axis=1)
        delta = _SAFETY * (resid + _gamma(p + 1) * (norm_b * norm_x + 1.0))
        eta = norm_x * delta / (1.0 - delta)
        tab = x @ m_full
        erow = _SAFETY * (eta[:, None] + _gamma(p) * rows)
    # finite bounds and |tab| <= ||X|| max|M| far from overflow: every entry is finite
    big = norm_x * np.abs(m_full).max() < 1e300
    bad |= ~(delta < 0.5) | ~np.isfinite(erow).all(axis=1) | ~big
    return tab, erow, bad


def _float_step(m_full: FloatArray, masks: IntArray, det_up: FloatArray, p: int, d: int) -> _Step:
    """Labels and lexicographic neighbours of a batch of bases, with certified decisions."""
    n_b, nvar = len(masks), d + p
    bits = ((masks[:, None] >> np.arange(nvar, dtype=np.int64)) & 1).astype(bool)
    basic = np.nonzero(bits)[1].reshape(n_b, p)  # sorted basic variables; row r <-> basic[r]
    nonbasic = np.nonzero(~bits)[1].reshape(n_b, d)
    tab, erow, openb = float_tableau(m_full, basic)
    cmax = np.abs(m_full).max(axis=0)  # the error of column j is erow * cmax[j]
    thr = 1.0 / det_up  # a nonzero entry is at least 1 / |det B| in absolute value

    # labels: basic variables with zero value
    beta, ebeta = tab[:, :, d + p], erow * cmax[d + p]
    bzero = np.abs(beta) + ebeta < thr[:, None]
    openb |= ~(bzero | (beta > ebeta)).all(axis=1)
    zero_var = (~bits).copy()
    zero_var[np.arange(n_b)[:, None], basic] = bzero
    weights = np.int64(1) << np.arange(max(d, p), dtype=np.int64)
    zero = (zero_var[:, :d] * weights[:d]).sum(axis=1)
    tight = (zero_var[:, d:] * weights[:p]).sum(axis=1)

    # lexicographic ratio test, for every nonbasic (entering) column at once: a problem per
    # (basis, entering column), the rows of the tableau its candidates; (N, p, d) arrays
    w = tab[np.arange(n_b)[:, None, None], np.arange(p)[:, None], nonbasic[:, None, :]]
    ew = erow[:, :, None] * cmax[nonbasic][:, None, :]
    thr3 = thr[:, None, None]
    cand = w > ew
    bad = (~(cand | (w < -ew) | (np.abs(w) + ew < thr3)).all(axis=1) | ~cand.any(axis=1)).ravel()
    whi = w + ew
    # first component, the right-hand side, on all problems
    cand, worse = _lex_round(cand, beta[:, :, None], ebeta[:, :, None], w, ew, whi, thr3)
    bad |= worse.ravel()
    flat = cand.transpose(0, 2, 1).reshape(-1, p)  # problem n * d + e
    live = np.flatnonzero(flat.sum(axis=1) > 1)
    if live.size:  # second: the generic tilt, which breaks nearly all ties at once
        own, ent = np.divmod(live, d)
        wl, el, hl = w[own, :, ent], ew[own, :, ent], whi[own, :, ent]
        flat[live], worse = _lex_round(
            flat[live],
            tab[own, :, d + p + 1],
            erow[own] * cmax[d + p + 1],
            wl,
            el,
            hl,
            thr[own][:, None],
        )
        bad[live] |= worse
        live = live[flat[live].sum(axis=1) > 1]
    if live.size:  # ties left: the columns of B^-1, on the tied rows only
        own, ent = np.divmod(live, d)
        cl = flat[live]
        count = cl.sum(axis=1)
        width = int(count.max())
        which, at = np.nonzero(cl)  # row-major: each problem's tied rows in order
        slot = np.arange(which.size) - np.repeat(np.cumsum(count) - count, count)
        rows = np.zeros((len(live), width), np.int64)
        rows[which, slot] = at
        keep = np.zeros((len(live), width), bool)
        keep[which, slot] = True
        own2, ent2 = own[:, None], ent[:, None]
        wl, el, hl = w[own2, rows, ent2], ew[own2, rows, ent2], whi[own2, rows, ent2]
        tl = thr[own][:, None]
        # the columns of B^-1 at the tied rows; their error factor is the row's (max|I| = 1)
        vals = tab[own2, rows, d : d + p]  # (L, K, p)
        evl = erow[own2, rows]  # (L, K)
        maybe = np.abs(vals) + evl[:, :, None] >= tl[:, :, None]  # not certainly zero
        pos = np.full(len(live), -1)
        comps = np.arange(p)
        sub = np.flatnonzero(keep.sum(axis=1) > 1)  # still tied
        while sub.size:
            # the next column where some tied row is not certainly zero (columns where all
            # are zero tie them all and change nothing)
            nxt = (maybe[sub] & keep[sub][:, :, None]).any(axis=1) & (comps > pos[sub][:, None])
            none = ~nxt.any(axis=1)  # still tied, no column left: only round-off can do this
            bad[live[sub[none]]] = True
            sub = sub[~none]
            col = nxt[~none].argmax(axis=1)
            ks, worse = _lex_round(
                keep[sub],
                vals[sub[:, None], np.arange(vals.shape[1]), col[:, None]],
                evl[sub],
                wl[sub],
                el[sub],
                hl[sub],
                tl[sub],
            )
            keep[sub], pos[sub] = ks, col
            bad[live[sub]] |= worse
            sub = sub[ks.sum(axis=1) > 1]
        flat[live] = False
        hit = np.nonzero(keep)
        flat[live[hit[0]], rows[hit]] = True
    bad |= flat.sum(axis=1) != 1
    openb |= bad.reshape(n_b, d).any(axis=1)
    leave = flat.argmax(axis=1).reshape(n_b, d)  # leaving row per entering column
    leave_var = basic[np.arange(n_b)[:, None], leave]
    child = masks[:, None] - (np.int64(1) << leave_var) + (np.int64(1) << nonbasic)
    wpiv = whi[np.arange(n_b)[:, None], leave, np.arange(d)]
    child_det = det_up[:, None] * wpiv * (1.0 + 1e-9)
    return _Step(zero, tight, child, child_det, openb)


def _exact_step(
    c_int: list[list[int]], mask: int, p: int, d: int
) -> tuple[int, int, list[int], list[float]]:
    """One basis in exact integer arithmetic: zero coords, tight rows, neighbours, |det|s."""
    nvar = d + p
    basic = [v for v in range(nvar) if mask >> v & 1]
    nonbasic = [v for v in range(nvar) if not mask >> v & 1]
    tilt = _tilt(c_int).tolist()
    cols = [[*r, *(1 if k == i else 0 for k in range(p)), 1, tilt[i]] for i, r in enumerate(c_int)]
    width = nvar + 1
    # [B | M] with B the basic columns of M = [C | I | 1]; fraction-free Gauss-Jordan
    aug = [[row[v] for v in basic] + row for row in cols]
    prev = 1
    for k in range(p):
        piv = next(r for r in range(k, p) if aug[r][k])
        aug[k], aug[piv] = aug[piv], aug[k]
        top, a = aug[k], aug[k][k]
        for r in range(p):
            if r == k:
                continue
            row, b = aug[r], aug[r][k]
            aug[r] = [(u * a - b * t) // prev for u, t in zip(row, top, strict=True)]
        prev = a
    den = aug[0][0]
    sgn = 1 if den > 0 else -1
    tab = [[sgn * v for v in row[p:]] for row in aug]  # numerators over |den|, row r <-> basic[r]
    den = abs(den)
    beta = [row[width - 1] for row in tab]
    zero_var = set(nonbasic) | {basic[r] for r in range(p) if beta[r] == 0}
    zero = sum(1 << j for j in zero_var if j < d)
    tight = sum(1 << (v - d) for v in zero_var if v >= d)
    children, dets = [], []
    comps = [width - 1, width, *range(d, d + p)]
    for e in nonbasic:
        cand = [r for r in range(p) if tab[r][e] > 0]
        for comp in comps:
            if len(cand) == 1:
                break
            best = cand[0]
            for r in cand[1:]:  # t_r / w_r < t_best / w_best, cross-multiplied (w > 0)
                if tab[r][comp] * tab[best][e] < tab[best][comp] * tab[r][e]:
                    best = r
            cand = [r for r in cand if tab[r][comp] * tab[best][e] == tab[best][comp] * tab[r][e]]
        r = cand[0]
        children.append(mask - (1 << basic[r]) + (1 << e))
        dets.append(float(tab[r][e]) * (1 + 1e-9))  # |det| of the neighbour: |det B| w_r
    return zero, tight, children, dets


def lex_vertices(c_int: list[list[int]], budget: Budget = UNLIMITED) -> Vertices:
    """Vertices (origin excluded) of ``{z >= 0 : C z <= 1}``, C a positive integer p x d matrix.

    Returns per vertex the bitmasks of its zero coordinates and tight rows (its exact labels)
    and of one basis (rows T whose slack is nonbasic, basic coordinates S), as
    ``_minors.minor_vertices`` does; bases of the same degenerate vertex are merged.
    """
    p, d = len(c_int), len(c_int[0])
    m_full = np.hstack([np.array(c_int, float), np.eye(p), np.ones((p, 1)), _tilt(c_int)[:, None]])
    start = sum(1 << (d + i) for i in range(p))
    seen = np.array([start], np.int64)  # sorted
    frontier, front_det = seen.copy(), np.ones(1)
    found: list[IntArray] = []  # rows: zero, tight, basis mask
    bases = 0
    while frontier.size:
        kids: list[IntArray] = []
        kid_dets: list[FloatArray] = []
        for lo in range(0, len(frontier), _CHUNK):
            budget.check("bases of a best-response polytope visited", bases)
            masks, dets = frontier[lo : lo + _CHUNK], front_det[lo : lo + _CHUNK]
            with np.errstate(all="ignore"):  # inf and nan compare False: decisions stay open
                step = _float_step(m_full, masks, dets, p, d)
            ok = ~step.open
            found.append(np.stack([step.zero[ok], step.tight[ok], masks[ok]], axis=1))
            kids.append(step.child[ok].ravel())
            kid_dets.append(step.child_det[ok].ravel())
            for mask in masks[~ok].tolist():
                budget.check("bases of a best-response polytope visited", bases)
                z, t, children, cdets = _exact_step(c_int, mask, p, d)
                found.append(np.array([[z, t, mask]], np.int64))
                kids.append(np.array(children, np.int64))
                kid_dets.append(np.array(cdets, float))
            bases += len(masks)
        allk, alld = np.concatenate(kids), np.concatenate(kid_dets)
        order = np.lexsort((alld, allk))  # by mask, then the smallest determinant bound first
        allk, alld = allk[order], alld[order]
        first = np.ones(allk.size, bool)
        first[1:] = allk[1:] != allk[:-1]
        allk, alld = allk[first], alld[first]
        new = ~np.isin(allk, seen, assume_unique=True)
        frontier, front_det = allk[new], alld[new]
        seen = np.union1d(seen, frontier)
    arr = np.concatenate(found)
    arr = arr[arr[:, 0] != (1 << d) - 1]  # the origin
    _, first = np.unique(arr[:, :2], axis=0, return_index=True)
    arr = arr[np.sort(first)]
    basis = arr[:, 2]
    rows_t = ((~basis) >> d) & ((1 << p) - 1)  # rows whose slack is nonbasic
    cols_s = basis & ((1 << d) - 1)
    return arr[:, 0], arr[:, 1], rows_t, cols_s
