"""Benchmark: all extreme equilibria of bimatrix games, ours against nashpy, QuantEcon, Gambit.

Run by hand::

    python benchmarks/bench_bimatrix.py            # n = 3, 4, 5, 6, 8, 10
    python benchmarks/bench_bimatrix.py --quick    # n = 3, 5, 8, fewer games
    python benchmarks/bench_bimatrix.py --lrs      # n = 8 .. 16, ours against lrsnash only

For each size n, two seeded families of n x n games: ``random`` (integer payoffs drawn
uniformly from 0..99, generic) and ``binary`` (payoffs in {0, 1}, highly degenerate).  Each
tool's time is the median over the games it ran on; ``ratio`` is that median divided by the
median of our exact kernel on the same games.  ``agree`` counts the games on which the tool's
equilibrium set equals Gambit's ``enummixed_solve(rational=True)`` set (exactly for our exact
kernel; for float tools, same number of distinct equilibria, each within 1e-6 of one of the
reference).  Slow tools run on a
prefix of the games only (column ``games``): nashpy's support enumeration takes seconds per
game from 8 x 8 on and is skipped at 10 x 10, and Gambit's rational solver takes seconds per
game at 10 x 10.  QuantEcon's numba JIT and our index-table cache are warmed up first.
QuantEcon's and nashpy's support enumeration assume nondegenerate games, so they are not
expected to agree on the ``binary`` family; nashpy runs with its defaults (``tol=1e-16``, which
makes it miss mixed equilibria whose indifference checks carry round-off).  A full run takes
about eight minutes on two cores, most of it in Gambit's rational solver; ``--quick`` under one.

``lrsnash`` (lrslib, Avis et al. 2010; ``apt-get install lrslib``) runs as a subprocess on a
game file written beforehand, timed by wall clock around the subprocess (its process start,
a few milliseconds, included), wherever it is installed.  ``--lrs`` compares only our exact
kernel and lrsnash, on n = 8, 10, 12, 14, 16 (fewer games at the larger sizes, see
``LRS_GAMES``), with agreement checked as exact equality of the two sets of extreme equilibria
(lrsnash's grouped output is expanded into pairs); it takes ten minutes or more.  A tool that
refuses a game (an older kernel had a size limit) shows ``refused``.
"""

from __future__ import annotations

import argparse
import importlib.util
import math
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Callable, Iterable
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

sys.path.append(str(Path(__file__).resolve().parents[1]))  # uninstalled checkout

from gametheory.solvers._vertex_enum import (
    extreme_equilibria_exact,
    extreme_equilibria_float,
)

Game = tuple[NDArray[np.int64], NDArray[np.int64]]
Key = tuple[float, ...]
Solver = Callable[[Game], Any]

FULL_SIZES = (3, 4, 5, 6, 8, 10)
QUICK_SIZES = (3, 5, 8)
LRS_SIZES = (8, 10, 12, 14, 16)
LRS_GAMES = {8: 10, 10: 10, 12: 6, 14: 3, 16: 1}  # games per size and family with --lrs
# Largest number of games a slow tool runs on, per size (sizes not listed: no cap; 0: skipped).
CAPS: dict[str, dict[int, int]] = {
    "nashpy": {6: 10, 8: 2, 10: 0},
    "gambit-rational": {8: 10, 10: 4},
}


ATOL = 1e-6


def _key(x: Any, y: Any) -> Key:
    return tuple(float(v) for v in (*x, *y))


def _close(p: Key, q: Key) -> bool:
    return max(abs(u - v) for u, v in zip(p, q, strict=True)) <= ATOL


def _distinct(points: Iterable[Key]) -> list[Key]:
    """Float equilibria with near-duplicates (within ATOL) merged."""
    out: list[Key] = []
    for p in points:
        if not any(_close(p, q) for q in out):
            out.append(p)
    return out


def ours_exact(game: Game) -> set[Any]:
    return set(extreme_equilibria_exact(game[0].tolist(), game[1].tolist()).equilibria)


def ours_float(game: Game) -> list[Key]:
    return _distinct(_key(x, y) for x, y in extreme_equilibria_float(*game).equilibria)


def _gambit(rational: bool) -> Solver | None:
    if importlib.util.find_spec("pygambit") is None:
        return None
    import pygambit as gbt

    def solve(game: Game) -> set[Any] | list[Key]:
        g = gbt.Game.from_arrays(*game)
        eqs = gbt.nash.enummixed_solve(g, rational=rational).equilibria
        profiles = {
            tuple(tuple(eq[s] for s in player.strategies) for player in g.players) for eq in eqs
        }
        if rational:
            return {tuple(tuple(Fraction(v) for v in mix) for mix in pr) for pr in profiles}
        return _distinct(_key(*pr) for pr in profiles)

    return solve


def _nashpy() -> Solver | None:
    if importlib.util.find_spec("nashpy") is None:
        return None
    import nashpy

    def solve(game: Game) -> list[Key]:
        with warnings.catch_warnings():  # it warns on degenerate games
            warnings.simplefilter("ignore")
            return _distinct(_key(x, y) for x, y in nashpy.Game(*game).support_enumeration())

    return solve


def _quantecon() -> Solver | None:
    if importlib.util.find_spec("quantecon") is None:
        return None
    from quantecon.game_theory import NormalFormGame, support_enumeration

    def solve(game: Game) -> list[Key]:
        nfg = NormalFormGame(np.dstack([game[0], game[1]]).astype(float))
        return _distinct(_key(x, y) for x, y in support_enumeration(nfg))

    solve(_family("random", 4, 1, 0)[0])  # numba JIT warm-up
    return solve


def _lrsnash() -> Solver | None:
    """lrsnash as a subprocess; its grouped output expanded into exact (x, y) pairs."""
    exe = shutil.which("lrsnash")
    if exe is None:
        return None
    folder = Path(tempfile.mkdtemp(prefix="bench-lrs-"))

    def solve(game: Game) -> set[Any]:
        A, B = game
        m, n = A.shape
        path = folder / "game.txt"
        lines = [f"{m} {n}", ""]
        for mat in (A, B):
            lines += [" ".join(map(str, r)) for r in mat.tolist()] + [""]
        path.write_text("\n".join(lines))
        out = subprocess.run([exe, str(path)], capture_output=True, text=True, check=True)
        found: set[Any] = set()
        ys: list[tuple[Fraction, ...]] = []
        for line in out.stdout.splitlines():
            parts = line.split()
            if not parts:
                ys = []
            elif parts[0] == "2":  # player 2's strategy (n values, then player 1's payoff)
                ys.append(tuple(Fraction(v) for v in parts[1 : n + 1]))
            elif parts[0] == "1":  # player 1's strategy: an equilibrium with each y above
                x = tuple(Fraction(v) for v in parts[1 : m + 1])
                found.update((x, y) for y in ys)
        return found

    return solve


def _family(kind: str, n: int, count: int, seed: int) -> list[Game]:
    rng = np.random.default_rng([seed, n, kind == "binary"])
    high = 2 if kind == "binary" else 100
    return [(rng.integers(0, high, (n, n)), rng.integers(0, high, (n, n))) for _ in range(count)]


def _timed(solve: Solver, game: Game) -> tuple[float, Any]:
    start = time.perf_counter()
    try:
        result = solve(game)
    except ValueError as exc:  # an older kernel's size refusal (UnsupportedGameError)
        return math.nan, exc
    return time.perf_counter() - start, result


def _agrees(name: str, result: Any, reference: set[Any]) -> bool:
    if isinstance(result, Exception) or isinstance(reference, Exception):
        return False
    if name in ("ours-exact", "lrsnash"):
        return bool(result == reference)
    expected = [_key(*pr) for pr in reference]
    return len(result) == len(expected) and all(any(_close(p, q) for q in result) for p in expected)


def run(sizes: tuple[int, ...], count: int | dict[int, int], seed: int, lrs_only: bool) -> None:
    solvers: dict[str, Solver | None] = {"ours-exact": ours_exact, "lrsnash": _lrsnash()}
    if not lrs_only:
        solvers |= {
            "ours-float": ours_float,
            "gambit-rational": _gambit(rational=True),
            "gambit-float": _gambit(rational=False),
            "quantecon": _quantecon(),
            "nashpy": _nashpy(),
        }
    missing = [name for name, solve in solvers.items() if solve is None]
    if missing:
        print("not installed, skipped:", ", ".join(missing))
    reference_name = "ours-exact" if lrs_only else "gambit-rational"
    header = f"{'n':>3} {'family':<7} {'tool':<16}{'games':>6}{'median ms':>12}{'ratio':>9}"
    print(header + f"{'agree':>10}")
    print("-" * (len(header) + 10))
    for n in sizes:
        for kind in ("random", "binary"):
            games = _family(kind, n, count if isinstance(count, int) else count[n], seed)
            if n <= 10:
                ours_exact(games[0])  # warm the index-table cache of the all-minors kernel
            times: dict[str, list[float]] = {}
            results: dict[str, list[Any]] = {}
            for name, solve in solvers.items():
                if solve is None:
                    continue
                cap = CAPS.get(name, {}).get(n, len(games))
                for game in games[:cap]:
                    elapsed, result = _timed(solve, game)
                    times.setdefault(name, []).append(elapsed)
                    results.setdefault(name, []).append(result)
            ours = times["ours-exact"]
            reference = results.get(reference_name, [])
            for name, elapsed_list in times.items():
                median = statistics.median(elapsed_list)
                ratio = median / statistics.median(ours[: len(elapsed_list)])
                pairs = list(zip(results[name], reference, strict=False))
                if name == reference_name or not pairs:
                    agree = "ref" if name == reference_name else "-"
                else:
                    agree = f"{sum(_agrees(name, r, ref) for r, ref in pairs)}/{len(pairs)}"
                shown = "refused" if math.isnan(median) else f"{1e3 * median:.2f}"
                print(
                    f"{n:>3} {kind:<7} {name:<16}{len(elapsed_list):>6}"
                    f"{shown:>12}{ratio:>9.2f}{agree:>10}",
                    flush=True,
                )
            print()
    print("ratio = tool median / ours-exact median on the same games (> 1: ours is faster)")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="sizes 3, 5, 8 and 8 games each")
    parser.add_argument("--games", type=int, default=None, help="games per size and family")
    parser.add_argument("--seed", type=int, default=20240601, help="base seed of the games")
    parser.add_argument("--lrs", action="store_true", help="n = 8 .. 16, ours and lrsnash only")
    parser.add_argument("--sizes", type=str, default=None, help="comma-separated sizes")
    args = parser.parse_args(argv)
    sizes: tuple[int, ...] = LRS_SIZES if args.lrs else QUICK_SIZES if args.quick else FULL_SIZES
    if args.sizes:
        sizes = tuple(int(v) for v in args.sizes.split(","))
    count: int | dict[int, int] = args.games or (8 if args.quick else 20)
    if args.lrs and not args.games:
        count = {n: LRS_GAMES.get(n, 1) for n in sizes}
    print(f"games per size and family: {count}, seed {args.seed}\n")
    run(sizes, count, args.seed, args.lrs)


if __name__ == "__main__":
    main()
