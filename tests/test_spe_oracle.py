"""The SPE oracle (tests/spe_oracle.py) checked on its own, before it judges ``gt.spe``."""

from __future__ import annotations

from fractions import Fraction as F

import pytest

from tests.spe_oracle import (
    GridTooCoarse,
    Leaf,
    Move,
    Nature,
    extreme_spe,
    is_spe,
    pure_spe,
    pure_spe_by_enumeration,
    signature,
)


def leaf(*u: int, label: str | None = None) -> Leaf:
    return Leaf(tuple(F(x) for x in u), label)


def sharing_game() -> Move:
    """Shoham & Leyton-Brown (2008), *Multiagent Systems*, Fig. 5.1: the brother offers a split
    of two presents, the sister accepts (both get the split) or rejects (both get nothing)."""
    offers = {"2-0": (2, 0), "1-1": (1, 1), "0-2": (0, 2)}
    return Move(
        0,
        tuple((o, Move(1, (("yes", leaf(*u)), ("no", leaf(0, 0))))) for o, u in offers.items()),
    )


def centipede(stages: int = 4) -> Move | Leaf:
    """Rosenthal (1981), *J. Econ. Theory* 25, 92–100: the mover at stage k may take
    (k+2 to it, k to the other) or pass; passing at the last stage gives the last mover less than
    taking (stages, against stages + 2).  Taking is strictly better everywhere: one SPE, take at once."""
    last = (stages - 1) % 2
    end = [stages + 2, stages + 2]
    end[last] = stages
    node: Move | Leaf = leaf(*end)
    for k in reversed(range(stages)):
        mover = k % 2
        take = [k, k]
        take[mover] = k + 2
        node = Move(mover, (("take", leaf(*take)), ("pass", node)))
    return node


def _extremes(tree: Move) -> set[tuple]:
    return {
        tuple(sorted((p, tuple(sorted(m.items()))) for p, m in e.strategies.items()))
        for e in extreme_spe(tree)
    }


def test_sharing_game_has_four_extreme_spe() -> None:
    tree = sharing_game()
    found = extreme_spe(tree)
    assert len(found) == 4
    seen = {
        (max(e.strategies["root"], key=e.strategies["root"].get), e.strategies["2-0"]["yes"])
        for e in found
    }
    assert seen == {("2-0", 1), ("2-0", F(1, 2)), ("1-1", F(1, 2)), ("1-1", 0)}
    for e in found:
        assert e.strategies["1-1"]["yes"] == 1 and e.strategies["0-2"]["yes"] == 1
        assert is_spe(tree, e.strategies)
    # her acceptance of 2-0 w.p. 3/4 with his 2-0 is an SPE, but not an end point
    mid = {
        "root": {"2-0": F(1), "1-1": F(0), "0-2": F(0)},
        **{o: {"yes": F(1), "no": F(0)} for o in ("1-1", "0-2")},
        "2-0": {"yes": F(3, 4), "no": F(1, 4)},
    }
    assert is_spe(tree, mid)
    assert len(pure_spe(tree)) == 2


def test_no_ties_unique_spe_is_backward_induction() -> None:
    tree = Move(
        0,
        (
            ("L", Move(1, (("a", leaf(3, 1)), ("b", leaf(0, 2))))),
            ("R", Move(1, (("c", leaf(2, 3)), ("d", leaf(1, 0))))),
        ),
    )
    (pure,) = pure_spe(tree)
    (ext,) = extreme_spe(tree)
    assert pure.strategies == ext.strategies
    assert pure.strategies == {
        "root": {"L": 0, "R": 1},
        "L": {"a": 0, "b": 1},
        "R": {"c": 1, "d": 0},
    }
    assert pure.payoffs == (2, 3) and pure.outcomes == {"end:R/c": 1}


def test_centipede_takes_at_once() -> None:
    tree = centipede(4)
    (eq,) = pure_spe(tree)
    assert [eq.strategies[p]["take"] for p in eq.strategies] == [1, 1, 1, 1]
    assert eq.payoffs == (2, 0)
    assert [e.strategies for e in extreme_spe(tree)] == [eq.strategies]


@pytest.mark.parametrize(
    ("tree", "count"),
    [
        pytest.param(
            # P2 indifferent at L; with a, P1 is indifferent between L and R: (a,L) (a,R) (b,R)
            Move(0, (("L", Move(1, (("a", leaf(1, 1)), ("b", leaf(0, 1))))), ("R", leaf(1, 0)))),
            3,
            id="tie-below-tie",
        ),
        pytest.param(
            # three-way tie for P2, each reply changing P1's best choice
            Move(
                0,
                (
                    ("L", Move(1, (("a", leaf(2, 0)), ("b", leaf(1, 0)), ("c", leaf(0, 0))))),
                    ("R", leaf(1, 1)),
                ),
            ),
            4,  # a->L; b->L, b->R; c->R
            id="three-way",
        ),
        pytest.param(
            # P1 indifferent at the root between two subtrees, each with a tie of P2
            Move(
                0,
                (
                    ("L", Move(1, (("a", leaf(1, 0)), ("b", leaf(1, 0))))),
                    ("R", Move(1, (("c", leaf(1, 2)), ("d", leaf(0, 2))))),
                ),
            ),
            2 * (2 + 1),  # L-ties (2) x [c: L or R; d: L]
            id="ties-both-sides",
        ),
    ],
)
def test_pure_spe_counts_match_a_hand_count(tree: Move, count: int) -> None:
    found = pure_spe(tree)
    assert len(found) == count
    brute = pure_spe_by_enumeration(tree)
    key = lambda e: sorted((p, sorted(m.items())) for p, m in e.strategies.items())  # noqa: E731
    assert sorted(map(key, found)) == sorted(map(key, brute))


def test_three_way_tie_extremes() -> None:
    """P2 indifferent among a, b, c (P1 gets 2, 1, 0 after L; 1 after R).  S at P2's node given
    P1 plays L is {E_τ[P1's payoff] >= 1}: vertices a, b, and the mixtures a/2+c/2; given P1
    plays R: {E_τ <= 1}: vertices b, c, a/2+c/2.  Extreme SPE: 6."""
    tree = Move(
        0,
        (
            ("L", Move(1, (("a", leaf(2, 0)), ("b", leaf(1, 0)), ("c", leaf(0, 0))))),
            ("R", leaf(1, 1)),
        ),
    )
    found = extreme_spe(tree)
    got = {(e.strategies["root"]["L"], tuple(e.strategies["L"].values())) for e in found}
    half = F(1, 2)
    assert got == {
        (1, (1, 0, 0)),
        (1, (0, 1, 0)),
        (1, (half, 0, half)),
        (0, (0, 1, 0)),
        (0, (0, 0, 1)),
        (0, (half, 0, half)),
    }


def test_chance_and_signature() -> None:
    """A chance node averages; profiles differing only in a choice between identical outcomes
    have the same signature."""
    tree = Nature(
        (
            ("h", F(1, 2), Move(0, (("x", leaf(1, 0, label="o")), ("y", leaf(1, 0, label="o"))))),
            ("t", F(1, 2), leaf(3, 2)),
        )
    )
    found = pure_spe(tree)
    assert len(found) == 2 and all(e.payoffs == (2, 1) for e in found)
    a, b = (e.strategies for e in found)
    assert signature(tree, a) == signature(tree, b)
    assert len(extreme_spe(tree)) == 2


def test_grid_guard_raises_off_grid() -> None:
    """A threshold of 1/7 is off the 1/60 grid: the oracle says so instead of missing it."""
    tree = Move(0, (("L", Move(1, (("a", leaf(7, 0)), ("b", leaf(0, 0))))), ("R", leaf(1, 1))))
    with pytest.raises(GridTooCoarse):
        extreme_spe(tree)
