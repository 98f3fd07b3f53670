"""Exact Fourier–Motzkin emptiness (``_linear.fm_empty``, issue 12): the space's linear facts are
decided without floats and without importing scipy.optimize.

Checked against the LP path (``lp_decide``: HiGHS, answers confirmed in rationals by a point or
a Motzkin certificate) on random small systems with strict and weak rows, degenerate ones
included (repeated rows, zero rows, a single feasible point), and against hand-made fixtures.
"""

from __future__ import annotations

import subprocess
import sys
from fractions import Fraction
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory.conditions._linear import (
    Row,
    _simplest_between,
    check_rows,
    fm_empty,
    fm_point,
    lp_decide,
)

F = Fraction
ROOT = Path(__file__).resolve().parent.parent


def _row(a: list[int], b: int, strict: bool) -> Row:
    return (tuple(F(v) for v in a), F(b), strict)


@st.composite
def systems(draw: st.DrawFn) -> tuple[list[Row], int]:
    n = draw(st.integers(1, 3))
    rows = draw(
        st.lists(
            st.tuples(
                st.lists(st.integers(-3, 3), min_size=n, max_size=n),
                st.integers(-4, 4),
                st.booleans(),
            ),
            min_size=1,
            max_size=7,
        )
    )
    out = [_row(a, b, s) for a, b, s in rows]
    if draw(st.booleans()):  # a repeated row (a degenerate system)
        out.append(out[0])
    return out, n


@settings(max_examples=300)
@given(systems())
def test_fm_agrees_with_the_certified_lp(system: tuple[list[Row], int]) -> None:
    rows, n = system
    verdict = fm_empty(rows, n)
    found = fm_point(rows, n)
    if verdict is None:  # past the row budget (the callers then use the LP)
        assert found is None
        return
    assert found is not None and found[0] is verdict
    if not verdict:  # fm_point's point is exact
        assert found[1] is not None and check_rows(rows, found[1])
    status, point = lp_decide(rows, n)
    if status == "nonempty":  # an exact point satisfies every row
        assert point is not None and check_rows(rows, point)
        assert verdict is False
    elif status == "empty":  # an exact Motzkin certificate
        assert verdict is True


def test_fm_strictness_fixtures() -> None:
    assert fm_empty([_row([1], 0, True), _row([-1], 0, False)], 1) is True  # x > 0, x <= 0
    assert fm_empty([_row([1], 0, False), _row([-1], 0, False)], 1) is False  # x = 0
    # x + y > 20 on [0, 10]^2: empty by a hair; >= 20 leaves the corner (10, 10)
    box = [_row([1, 0], 0, False), _row([-1, 0], 10, False)]
    box += [_row([0, 1], 0, False), _row([0, -1], 10, False)]
    assert fm_empty([*box, _row([1, 1], -20, True)], 2) is True
    assert fm_empty([*box, _row([1, 1], -20, False)], 2) is False
    assert fm_empty([_row([0, 0], -1, False)], 2) is True  # 0 >= 1
    assert fm_empty([_row([0, 0], 0, True)], 2) is True  # 0 > 0
    assert fm_empty([_row([1, -1], 0, False)], 2) is False  # unbounded: no pair to combine


def test_fm_point_picks_simple_rationals() -> None:
    assert _simplest_between(F(1, 3), F(1, 2)) == F(2, 5)
    assert _simplest_between(F(2), F(3)) == F(5, 2)
    assert _simplest_between(F(-7, 2), F(-3)) == F(-10, 3)
    assert _simplest_between(F(-1), F(1)) == 0
    # 3x >= 1, x < 1/2, and y pinned to 7/3 by two weak rows
    rows = [_row([3, 0], -1, False), _row([-2, 0], 1, True)]
    rows += [_row([0, 3], -7, False), _row([0, -3], 7, False)]
    assert fm_point(rows, 2) == (False, [F(2, 5), F(7, 3)])


def test_fm_gives_up_past_its_row_budget() -> None:
    # 3 unknowns, 30 rows each way in every unknown: the first elimination passes the budget
    rows = [_row([1, k, -k], k, False) for k in range(15)]
    rows += [_row([-1, -k, k], 100, False) for k in range(15)]
    rows += [_row([k % 3 - 1, 1, 1], k, True) for k in range(15)]
    rows += [_row([1 - k % 3, -1, -1], 100, True) for k in range(15)]
    assert fm_empty(rows, 3) is None


def test_linear_implications_do_not_import_scipy_optimize() -> None:
    """The space's linear facts come from Fourier–Motzkin: proving one loads no LP solver."""
    code = (
        "import sys, sympy as sp\n"
        "from gametheory.conditions import implied\n"
        "from gametheory.params import ParameterSpace\n"
        "x, y = sp.symbols('x y', real=True)\n"
        "space = ParameterSpace({x: (0, 10), y: (0, 10)}, constraints=[x + y <= 12])\n"
        "assert implied(2*x + 2*y <= 25, space) is True\n"
        "assert 'scipy.optimize' not in sys.modules, 'scipy.optimize imported'\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=ROOT,
    )
    assert out.returncode == 0, out.stderr
