"""Differential tests of the exact bimatrix kernel against lrslib's ``lrsnash``.

``lrsnash`` (Avis, Rosenberg, Savani & von Stengel 2010; Debian package ``lrslib``) enumerates
the extreme equilibria of a bimatrix game in exact arithmetic by reverse search, an
implementation written apart from ours.  It is not installed on CI: every test here skips
cleanly without it.  Its output groups the equilibria of degenerate games (several mixed
strategies of player 2, then one of player 1, all pairs of which are equilibria); we compare
the sets of extreme equilibrium pairs.
"""

from __future__ import annotations

import shutil
import subprocess
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest

import gametheory.solvers._vertex_enum as vertex_enum
from gametheory.solvers._vertex_enum import extreme_equilibria_exact

LRSNASH = shutil.which("lrsnash")
pytestmark = pytest.mark.skipif(LRSNASH is None, reason="lrsnash (lrslib) is not installed")

Eq = tuple[tuple[Fraction, ...], tuple[Fraction, ...]]


def lrsnash_set(A: np.ndarray, B: np.ndarray, tmp: Path) -> set[Eq]:
    """The extreme equilibria lrsnash prints, as a set of exact (x, y) pairs."""
    m, n = A.shape
    rows = [" ".join(map(str, r)) for r in (*A.tolist(), *B.tolist())]
    path = tmp / "game.txt"
    path.write_text(f"{m} {n}\n\n" + "\n".join(rows[:m]) + "\n\n" + "\n".join(rows[m:]) + "\n")
    assert LRSNASH is not None
    out = subprocess.run([LRSNASH, str(path)], capture_output=True, text=True, check=True)
    found: set[Eq] = set()
    ys: list[tuple[Fraction, ...]] = []
    for line in out.stdout.splitlines():
        parts = line.split()
        if not parts or parts[0] not in ("1", "2"):
            ys = [] if not parts else ys
            continue
        values = tuple(Fraction(v) for v in parts[1:])
        if parts[0] == "2":  # a strategy of player 2 (n probabilities, then 1's payoff)
            ys.append(values[:n])
        else:  # player 1's strategy closes the group: it pairs with every y above it
            found.update((values[:m], y) for y in ys)
    return found


def ours(A: np.ndarray, B: np.ndarray) -> set[Eq]:
    result = extreme_equilibria_exact(A.tolist(), B.tolist())
    assert len(set(result.equilibria)) == len(result.equilibria)
    return set(result.equilibria)


def family(kind: str, m: int, n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng([seed, m, n, kind == "binary"])
    high = {"random": 100, "binary": 2, "ternary": 3}[kind]
    return rng.integers(0, high, (m, n)), rng.integers(0, high, (m, n))


def test_parser_reads_a_degenerate_game(tmp_path: Path) -> None:
    # Two pure coordination blocks: the 2x2 block's equilibria form a square of four extreme
    # pairs, plus the pure equilibrium in the third row and column (brute-force count: 9).
    A = np.array([[1, 1, 0], [1, 1, 0], [0, 0, 1]])
    got = lrsnash_set(A, A, tmp_path)
    assert len(got) == 9
    assert got == ours(A, A)


@pytest.mark.parametrize("kind", ["random", "binary", "ternary"])
@pytest.mark.parametrize("route", ["minors", "search"])
def test_matches_lrsnash_small(
    kind: str, route: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if route == "search":  # the lexicographic search, forced on small games
        monkeypatch.setattr(vertex_enum, "_MINORS_MAX_BASES", 0)
    for seed in range(12):
        m, n = 2 + seed % 5, 2 + (seed * 3) % 5
        A, B = family(kind, m, n, seed)
        assert ours(A, B) == lrsnash_set(A, B, tmp_path), (kind, seed)


@pytest.mark.parametrize(
    ("kind", "size"), [("random", 11), ("binary", 11), ("random", 12), ("binary", 12)]
)
def test_matches_lrsnash_large(kind: str, size: int, tmp_path: Path) -> None:
    A, B = family(kind, size, size, 7)
    assert ours(A, B) == lrsnash_set(A, B, tmp_path)
