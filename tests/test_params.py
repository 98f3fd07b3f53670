"""ParameterSpace: intervals, constraints, membership, sampling and clear errors."""

from __future__ import annotations

import numpy as np
import pytest
import sympy as sp

import gametheory as gt

c, a, p = sp.symbols("c a p", positive=True)
x = sp.Symbol("x", real=True)


def space() -> gt.ParameterSpace:
    return gt.ParameterSpace({c: (0, 10), a: (0, 10), p: (0, 1)}, constraints=[c > a])


def test_intervals_respect_assumptions_and_ends() -> None:
    s = space()
    assert s.interval(c) == sp.Interval.Lopen(0, 10)  # c positive: 0 excluded
    assert s.interval("p") == sp.Interval.Lopen(0, 1)
    t = gt.ParameterSpace({x: (None, 3)})
    assert t.interval(x) == sp.Interval(-sp.oo, 3)
    u = gt.ParameterSpace({x: sp.Interval.open(0, 1)})
    assert not u.contains(x=0) and u.contains(x=sp.Rational(1, 2))


def test_membership_and_points() -> None:
    s = space()
    assert s.contains(c=5, a=1, p=0.3)
    assert not s.contains(c=1, a=5, p=0.3)
    pt = s.point(c=5, a=1, p=0.3)
    assert pt[p] == sp.Rational(3, 10)
    assert s.point({c: 5, "a": 1, p: 1}) == {c: 5, a: 1, p: 1}


@pytest.mark.parametrize(
    ("kw", "error", "culprit"),
    [
        ({"c": 5, "a": 1}, gt.MissingParameterError, "p"),
        ({"c": 5, "a": 1, "p": 0.5, "q": 1}, gt.UnknownParameterError, "unknown parameter q"),
        ({"c": 11, "a": 1, "p": 0.5}, gt.OutsideSpaceError, "parameter c = 11"),
        ({"c": 1, "a": 2, "p": 0.5}, gt.OutsideSpaceError, "constraint c > a"),
        ({"c": 1, "a": float("nan"), "p": 0.5}, gt.OutsideSpaceError, "parameter a"),
    ],
)
def test_point_errors_name_the_culprit(kw: dict, error: type, culprit: str) -> None:
    with pytest.raises(error, match=culprit.replace("(", r"\(")):
        space().point(**kw)


def test_bad_spaces() -> None:
    with pytest.raises(gt.InvalidSpaceError, match="reversed"):
        gt.ParameterSpace({c: (5, 1)})
    with pytest.raises(gt.InvalidSpaceError, match="empty"):
        gt.ParameterSpace({c: (-2, 0)})
    with pytest.raises(gt.UnknownParameterError, match="uses q"):
        gt.ParameterSpace({c: (0, 1)}, constraints=[c > sp.Symbol("q")])
    with pytest.raises(gt.InvalidSpaceError, match="not an inequality"):
        gt.ParameterSpace({c: (0, 1)}, constraints=[sp.Eq(c, 1)])
    with pytest.raises(gt.InvalidSpaceError, match="identically false"):
        gt.ParameterSpace({c: (0, 1)}, constraints=[sp.false])


def test_sampling_uses_the_given_rng_and_stays_inside() -> None:
    s = space()
    d1 = s.sample(500, np.random.default_rng(1))
    d2 = s.sample(500, np.random.default_rng(1))
    assert all(np.array_equal(d1[k], d2[k]) for k in d1)
    assert np.all(d1[c] > d1[a]) and np.all((d1[p] > 0) & (d1[p] <= 1))
    pts = s.sample_points(50, np.random.default_rng(2))
    assert pts and all(s.contains(pt) for pt in pts)
    unbounded = gt.ParameterSpace.from_symbols([c, x]).sample(100, np.random.default_rng(0))
    assert np.all(unbounded[c] > 0)


def test_relations_and_display() -> None:
    s = space()
    rels = s.relations()
    assert (c > a) in rels and sp.Le(p, 1) in rels
    assert "c ∈ (0, 10]" in str(s)
    assert s._repr_latex_().startswith("$")
    assert s.extended([x]).symbols == (c, a, p, x)
