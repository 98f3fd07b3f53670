"""Benchmark: checking profiles of automata in a repeated Prisoner's Dilemma, symbolically.

Run by hand::

    python benchmarks/bench_repeated.py [--repeat R] [--timeout T] [--root PATH] [--only NAME]

Issue 14's target: any profile of automata with up to 8 states each, symbolic ``δ`` and stage
payoffs ``T, R, P, S`` (in the space ``T > R > P > S``, all in ``(-10, 10)``), checked in under
2 s by ``gt.spe`` and by ``gt.nash``.  Cases: k-period limited punishment against itself for
``k = 1..7`` (``k + 1`` states), grim trigger, tit-for-tat, and mixed automata: ``mixed-k``
cooperates, and after a defection punishes for ``k`` periods with the mixture ``3/4 D + 1/4 C``,
forgiving (back to cooperation) with probability ``1/2`` whenever the other cooperated
(``k + 1`` states, mixed play and random transitions), played against ``k``-period punishment.
``mm-7`` is ``mixed-7`` against itself (one strongly connected component of 56 of the 64 joint
states), ``rand-8`` two seeded random 8-state automata (``np.random.default_rng(1)``, as
``tests/fixtures.random_automaton``: mixed play, lotteries over two next states;
63 of 64 joint states in one component).

Each case runs in a fresh child process (cold caches: the conditions module caches its
decisions, so a second run in one process would time lookups) and is timed in CPU seconds
(``time.process_time`` in the child: the machine is shared, wall time is not a measure); the
figure is the median over ``R`` children.  ``--root`` picks the checkout whose ``gametheory``
is timed (to compare a branch with its base: ``git archive <base> gametheory | tar -x -C DIR``
and run it once with ``--root DIR``).  Report the machine's load (``uptime``) with the figures.

Figures, session 7 (CPU seconds, one cold run each, both checkouts in one run; 2 shared cores,
load 5-7; conditions in brackets).  "before" is the branch's base e20120b, "after" this branch:
components of the chain solved one at a time with Markowitz pivots, Nash policy values on the
states they reach from the start, the parametric Fourier-Motzkin certificate in the covering,
gain conditions built as polynomials without parsing sympy expressions::

    case      spe before  spe after   nash before    nash after
    lp-7      0.05        0.04        0.11 [1]       0.10 [1]
    tft       0.04        0.04        0.35 [2]       0.52 [2]    (covering now proved)
    mixed-3   0.50        0.40        0.68 [9]       0.85 [9]
    mixed-5   2.14        1.61        2.15 [33]      1.88 [33]
    mixed-7   6.45        4.67        11.91 [129]    5.75 [129]  (Row: enumeration fallback)

The target (< 2 s) is met for pure automata up to 8 states and mixed ones up to 6 states
(``mixed-5``), not for 8-state automata with mixed play and random transitions (``mixed-7``):
SPE builds ~80 conditions with rational coefficients in delta of degree up to 56 (exact gcds in
pure Python: deviations 1.5 s, conditions 1.4 s, the emptiness proof 1.6 s); Nash compares 129
policies (2.5 s of exact solves) because no covering set is proved against the mixed automaton.

Session 8 (issue 14, CPU seconds in fresh processes, one run each, 2 shared cores, load 1-2):
a chain whose largest strongly connected component has more than 8 states gets its frequencies
by multi-modular evaluation and interpolation, verified exactly (``repeated/_modular.py``)
instead of the fraction field ``QQ(δ)``; "no root in (0, 1)" is decided by Descartes' rule with
bisection before Sturm sequences; the gain atoms are built in integer polynomials::

    case        before   after   frequencies: field -> modular   deviations   reduce
    mm-7 spe    227.35   8.16    10.75 -> 0.54                   1.25         6.1 (empty)
    mm-7 nash   1.28     1.28    on-path chain of 1 state (field) 0.22        0.6 [128]
    rand-8 spe  -        > 600   51.5 -> 0.46                    ~1.5         > 600
    rand-8 nash -        407     51.6 -> 0.44                    1.05         ~400 (undecided)
    mixed-7     1.27 / 1.09 (spe / nash)  ->  1.09 / 1.05   (largest component 8: field)

Of ``mm-7``'s 227 s, ~11 s were the field's frequencies and ~200 s Sturm sequences in
rationals (``_dense.positive_on_unit`` on contents of degree ~50); both are gone.  "before"
of ``rand-8`` was not run (its ``reduce`` alone exceeds the time limit).

Session 8, all of it on main (CPU seconds, one cold run each, load 1-2.5): deviations and
policy values on one common denominator (``_dense``, ``_bareiss``), every policy compared
first against others who mix or move at random, the conditions module's expressions built
from and seeded with their polynomials (``conditions._poly.poly_expr``)::

    case      spe (session 7)   spe     nash (session 7)   nash
    lp-7      0.20              0.12    0.26 [1]           0.20 [1]
    tft       0.19              0.12    0.77 [2]           0.71 [2]
    mixed-5   1.68              0.32    1.99 [33]          0.29 [33]
    mixed-7   4.69              0.72    5.70 [129]         0.90 [129]
    mm-7      227               5.84    1.28               1.04 [128]
    rand-8    -                 > 60    -                  > 60

The target is met for every case but two automata with mixed play and random transitions in
one large strongly connected component (``mm-7``, ``rand-8``): their frequencies take half a
second now, but ``gametheory.conditions.reduce`` of some 220 conditions of degree ~60 in
``δ`` takes 4.5 s (``mm-7``, proved empty by eliminating an equality: a substitution in sympy
expressions) to many minutes (``rand-8``).

The frequencies are no longer the cost (each under 0.6 s; the field took 11-52 s), nor are the
deviation gains (1-1.5 s, mostly sympy's building of the atoms' expressions, ``poly_expr``).
What remains is :func:`gametheory.conditions.reduce` on ~150-220 atoms of degree up to ~60 in
``δ``: re-normalising the expressions (``_normal._frac``), the elimination of ``decide_box`` and
branch-and-bound emptiness proofs (``_bnb``) of the space verdicts.  Issue 14's target (< 2 s)
is met for the Nash check of ``mm-7``, not for ``mm-7`` SPE (~8 s) nor for ``rand-8``: that
needs work in ``gametheory/conditions``.

Session 9 (CPU seconds, one cold run each in fresh processes, load 1.3-1.6; each figure
includes one-time imports such as scipy's, ~0.4 s, where the check needs them).  The
conditions module proves emptiness by polynomial Farkas certificates swept over ``δ``
(``conditions/_farkas``, ``_farkas_cover``); the repeated checks try them on the integer gains
before building atoms (``repeated/_prefilter``) and stop at the first player proved empty;
the atoms are built faster (``poly_expr`` by a sort key, contents by one modular Euclid,
frequencies by a Hessenberg characteristic polynomial, policy gains at ``2^k``).  ``tri-8``
is new: two random 8-state automata of a 3x3 crisis game (``3^8`` policies)::

    case      spe (session 8)   spe     nash (session 8)   nash
    lp-7      0.12              0.11    0.20 [1]           0.19 [1]
    tft       0.12              0.11    0.71 [2]           0.64 [2]
    mixed-5   0.32              0.56    0.29 [33]          0.62 [33]   (scipy's import)
    mixed-7   0.72              0.71    0.90 [129]         1.22 [129]
    mm-7      5.84              0.62    1.04 [128]         1.20 [128]
    rand-8    > 600             0.56    > 600              0.78
    tri-8     2.8               0.77    23                 1.69

Every case now meets the target (< 2 s).

Session 10 (CPU seconds, median of 3 cold runs in fresh processes, load 1.9-3.2).  The
certificates' LPs by a small float simplex (``conditions/_simplex``: 0.27 ms each against
scipy's 1.35 ms, and no import of ``scipy.optimize``); the Nash covering's failure regions
decided by a certificate sweep or an exact LP witness (``conditions/_lp_witness``) before the
general steps; conditions the others imply dropped with a proof (``conditions/_redundant``,
binding ones found by Clarkson's method); more than 256 policies against others who mix:
cutting planes instead of every policy's gain (``repeated/_cutting``).  ``trig-8`` is new: a
seeded random 8-state trigger strategy against itself (``tests/fixtures.trigger_automaton``,
seed 4), an equilibrium on a region::

    case      spe (session 9)   spe         nash (session 9)   nash
    lp-7      0.11              0.11        0.19 [1]           0.23 [1]
    tft       0.11              0.12        0.64 [2]           0.22 [2]
    mixed-5   0.56              0.28        0.62 [33]          0.37 [5]
    mixed-7   0.71              0.47        1.22 [129]         0.90 [7]
    mm-7      0.62              0.30        1.20 [128]         0.93 [7]
    rand-8    0.56              0.27        0.78               0.45
    tri-8     0.77              0.46        1.69               0.45
    trig-8    -                 0.16 [1]    -                  0.67 [1]

Nash conditions now list the binding ones only (``[7]`` where 129 policies were compared).
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def _profile(name: str) -> tuple[Any, Any, Any, Any]:
    import sympy as sp

    import gametheory as gt

    delta = sp.Symbol("delta", positive=True)
    T, R, P, S = sp.symbols("T R P S", real=True)
    C, D = "C", "D"
    stage = gt.NormalFormGame.from_matrices(
        [[R, S], [T, P]], [[R, T], [S, P]], actions=([C, D], [C, D])
    )
    space = gt.ParameterSpace(
        {T: (-10, 10), R: (-10, 10), P: (-10, 10), S: (-10, 10), delta: (0, 1)},
        constraints=[T > R, R > P, P > S],
    )

    sys.path.append(str(ROOT))  # after the timed checkout: its gametheory stays first
    from tests.fixtures import mixed_punishment as mixed

    kind, _, k = name.partition("-")
    if kind == "tri":
        return _tri(int(k))
    if kind == "rand":
        import numpy as np

        rng = np.random.default_rng(1)
        sys.path.append(str(ROOT))  # after the timed checkout: its gametheory stays first
        from tests.fixtures import random_automaton

        a, b = random_automaton(rng, int(k)), random_automaton(rng, int(k))
    elif kind == "trig":
        import numpy as np

        sys.path.append(str(ROOT))  # after the timed checkout: its gametheory stays first
        from tests.fixtures import trigger_automaton

        a = b = trigger_automaton(np.random.default_rng(4), int(k))
    elif kind == "mm":
        a = b = mixed(int(k))
    elif kind == "lp":
        a = b = gt.Automaton.limited_punishment(C, D, int(k))
    elif kind == "grim":
        a = b = gt.Automaton.grim_trigger(C, D)
    elif kind == "tft":
        a = b = gt.Automaton.tit_for_tat(C, D)
    else:
        a, b = gt.Automaton.limited_punishment(C, D, int(k)), mixed(int(k))
    return gt.RepeatedGame(stage, delta), space, a, b


def _tri(n: int) -> tuple[Any, Any, Any, Any]:
    """Two seeded random ``n``-state automata (``np.random.default_rng(1)``) of a 3x3 crisis
    game with symbolic costs: cooperate, retaliate in a limited way, escalate (``w`` war,
    ``c`` a concession, ``k`` a retaliation; ``w > 2c``, ``c > k``).  Each state plays an
    action or a mixture of two, and moves on the other's action to a state or a lottery."""
    import numpy as np
    import sympy as sp

    import gametheory as gt

    acts = ["C", "L", "E"]
    rng = np.random.default_rng(1)
    sys.path.append(str(ROOT))  # after the timed checkout: its gametheory stays first
    from tests.fixtures import random_automaton

    a, b = random_automaton(rng, n, acts), random_automaton(rng, n, acts)
    delta = sp.Symbol("delta", positive=True)
    w, c, k = sp.symbols("w c k", positive=True)
    rows = [[0, -c, -2 * c], [c - k, -k, -w], [2 * c, c - w, -w]]
    cols = [list(r) for r in zip(*rows, strict=True)]
    stage = gt.NormalFormGame.from_matrices(rows, cols, actions=(acts, acts))
    space = gt.ParameterSpace(
        {w: (0, 10), c: (0, 10), k: (0, 10), delta: (0, 1)}, constraints=[w > 2 * c, c > k]
    )
    return gt.RepeatedGame(stage, delta), space, a, b


CASES = [
    *(f"lp-{k}" for k in range(1, 8)),
    "grim",
    "tft",
    "mixed-1",
    "mixed-3",
    "mixed-5",
    "mixed-7",
    "mm-7",
    "rand-8",
    "tri-8",
    "trig-8",
]


def _child(root: str, name: str, concept: str, out: Any) -> None:
    sys.path.insert(0, root)
    import gametheory as gt

    rg, space, a, b = _profile(name)
    start = time.process_time()  # CPU time of this child: robust to the machine's load
    sol = getattr(gt, concept)(rg, space, profile={"Row": a, "Col": b})
    elapsed = time.process_time() - start
    import sympy as sp

    atoms = len(sp.And.make_args(sol[0].conditions)) if len(sol) else 0
    out.put((elapsed, atoms, sol.complete, gt.__file__))


def run(root: str, name: str, concept: str, timeout: float) -> tuple[float, int, bool] | None:
    ctx = mp.get_context("spawn")
    out = ctx.Queue()
    proc = ctx.Process(target=_child, args=(root, name, concept, out))
    proc.start()
    proc.join(timeout)
    if proc.is_alive():
        proc.kill()
        proc.join()
        return None
    elapsed, atoms, complete, where = out.get()
    if not where.startswith(root):
        raise SystemExit(f"timed {where}, not the checkout at {root}")
    return elapsed, atoms, complete


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=120.0)
    parser.add_argument("--root", default=str(ROOT))
    parser.add_argument("--only", action="append", help="a case name (repeatable)")
    args = parser.parse_args()
    root = str(Path(args.root).resolve())
    print(f"gametheory from {root}; load {os.getloadavg()[0]:.1f}; median of {args.repeat}")
    print(f"{'case':10} {'spe s':>8} {'atoms':>6} {'nash s':>8} {'atoms':>6}")
    for name in args.only or CASES:
        cells = []
        for concept in ("spe", "nash"):
            runs = [run(root, name, concept, args.timeout) for _ in range(args.repeat)]
            done = [r for r in runs if r is not None]
            if len(done) < len(runs):
                cells.append(f"{'>' + str(int(args.timeout)):>8} {'':>6}")
                continue
            t = statistics.median(r[0] for r in done)
            cells.append(f"{t:8.2f} {done[0][1]:>6}")
        print(f"{name:10} {' '.join(cells)}", flush=True)
    print(f"load after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
