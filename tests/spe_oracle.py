"""An independent brute-force oracle for subgame-perfect equilibria of finite perfect-information
trees, in exact Fractions.

Nothing here comes from ``gametheory``: a tree is plain data (:class:`Leaf`, :class:`Move`,
:class:`Nature`), a node is named by its path (the actions from the root joined by ``"/"``, the
root is ``"root"``), and a behaviour profile is ``{path: {action: Fraction}}`` at every decision
node.

Definitions (the contract ``gt.spe`` is checked against):

* a profile is a *subgame-perfect equilibrium* (SPE) when every decision node's mixture is
  supported on maximisers of its mover's continuation value (one-shot deviation principle,
  finite trees of perfect information);
* an SPE ``σ`` is *extreme* when for every decision node ``v``, ``σ_v`` is a vertex of
  ``S_v(σ) = {τ_v : (τ_v, σ_-v) is an SPE}`` (a polytope in the simplex of ``v``'s actions:
  ``τ_v`` must be supported on ``v``'s maximisers, and every ancestor's mixture must stay
  supported on its maximisers, which is linear in ``τ_v``).  Shoham & Leyton-Brown (2008),
  *Multiagent Systems*, Fig. 5.1 (the sharing game) has four: (2–0, she accepts 2–0 w.p. 1),
  (2–0, w.p. 1/2), (1–1, w.p. 1/2), (1–1, w.p. 0), her strict choices elsewhere.

:func:`pure_spe` lists every pure SPE exactly (recursively choosing, at each node, every
maximiser for every combination of the children's SPE; :func:`pure_spe_by_enumeration` checks
every pure profile instead, for small trees).  :func:`extreme_spe` is brute force on a rational
grid: at each node whose mover is indifferent among actions ``T`` leading to different payoff
vectors it tries every mixture over ``T`` whose probabilities are multiples of ``1/12`` (two
actions) or ``1/6`` (three), keeps the SPE, and then keeps those whose every mixture is a vertex
of ``S_v(σ)`` (an exact test: the active constraints have full rank).  Where no player moving above
the node gets different payoffs from the tied actions, mixing moves no constraint and is never
extreme, so only pure choices are tried there.

Limitation: a vertex off the grid is missed.  The thresholds of games with small integer payoffs
(0..2) and depth at most 3 mostly have small denominators, which 12 and 6 cover; as a guard, every
vertex of every ``S_v(σ)`` of every SPE found is computed exactly and :class:`GridTooCoarse` is
raised if one is off the grid (the differential test then draws another game: about 1 game in
40 has a vertex such as 11/24).  :class:`TooManyProfiles` is raised when the grid would need more
than ``budget`` profiles (the caller draws another game).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Union

Node = Union["Leaf", "Move", "Nature"]
Mixture = dict[str, Fraction]
Profile = dict[str, Mixture]
Vector = tuple[Fraction, ...]

GRID = {2: 12, 3: 6}  # denominators of the mixtures tried over 2 and 3 tied actions


@dataclass(frozen=True)
class Leaf:
    payoffs: Vector
    label: str | None = None


@dataclass(frozen=True)
class Move:
    player: int
    actions: tuple[tuple[str, Node], ...]


@dataclass(frozen=True)
class Nature:
    branches: tuple[tuple[str, Fraction, Node], ...]


@dataclass(frozen=True)
class SPE:
    strategies: Profile
    payoffs: Vector
    outcomes: dict[str, Fraction]


class TooManyProfiles(Exception):
    """The grid enumeration would exceed its budget."""


class GridTooCoarse(Exception):
    """A vertex of some ``S_v(σ)`` is not on the grid: the oracle could miss an extreme SPE."""


def child(path: str, label: str) -> str:
    return label if path == "root" else f"{path}/{label}"


def nodes(root: Node) -> Iterator[tuple[str, Node]]:
    """Every node with its path, parents before children."""
    stack: list[tuple[str, Node]] = [("root", root)]
    while stack:
        path, node = stack.pop()
        yield path, node
        for label, kid in reversed(list(kids(node))):
            stack.append((child(path, label), kid))


def kids(node: Node) -> Iterator[tuple[str, Node]]:
    if isinstance(node, Move):
        yield from node.actions
    elif isinstance(node, Nature):
        for b, _, kid in node.branches:
            yield b, kid


# -- evaluation ---------------------------------------------------------------------------


def evaluate(root: Node, profile: Mapping[str, Mapping[str, Fraction]]) -> dict[str, tuple]:
    """``{path: (payoff vector, outcome distribution)}`` at every node under the profile."""
    out: dict[str, tuple[Vector, dict[str, Fraction]]] = {}

    def walk(path: str, node: Node) -> tuple[Vector, dict[str, Fraction]]:
        if isinstance(node, Leaf):
            res = (node.payoffs, {node.label or f"end:{path}": Fraction(1)})
        else:
            if isinstance(node, Move):
                edges = [(a, profile[path].get(a, Fraction(0)), k) for a, k in node.actions]
            else:
                edges = list(node.branches)
            pay: list[Fraction] = []
            lottery: dict[str, Fraction] = {}
            for label, q, kid in edges:
                vec, lot = walk(child(path, label), kid)
                pay = (
                    [q * y for y in vec]
                    if not pay
                    else [x + q * y for x, y in zip(pay, vec, strict=True)]
                )
                for lab, w in lot.items():
                    if q * w:
                        lottery[lab] = lottery.get(lab, Fraction(0)) + q * w
            res = (tuple(pay), lottery)
        out[path] = res
        return res

    walk("root", root)
    return out


def is_spe(root: Node, profile: Mapping[str, Mapping[str, Fraction]]) -> bool:
    """Every decision node's mixture is a distribution supported on its mover's maximisers."""
    values = evaluate(root, profile)
    for path, node in nodes(root):
        if isinstance(node, Move):
            mix = profile[path]
            if any(p < 0 for p in mix.values()) or sum(mix.values()) != 1:
                return False
            q = {a: values[child(path, a)][0][node.player] for a, _ in node.actions}
            best = max(q.values())
            if any(p > 0 and q[a] < best for a, p in mix.items()):
                return False
    return True


def signature(root: Node, profile: Mapping[str, Mapping[str, Fraction]]) -> tuple:
    """Payoffs and outcome distribution at every node: equal signatures mean the profiles
    differ only in choices that change nothing (for anyone, anywhere)."""
    values = evaluate(root, profile)
    return tuple(
        (path, values[path][0], tuple(sorted(values[path][1].items()))) for path in sorted(values)
    )


def _spe(root: Node, profile: Profile) -> SPE:
    pay, lottery = evaluate(root, profile)["root"]
    return SPE(profile, pay, lottery)


# -- pure SPE -----------------------------------------------------------------------------


def pure_spe(root: Node) -> list[SPE]:
    """Every pure SPE, exactly."""
    return [_spe(root, prof) for prof, _ in _pure(root, "root")]


def _pure(node: Node, path: str) -> list[tuple[Profile, Vector]]:
    if isinstance(node, Leaf):
        return [({}, node.payoffs)]
    labels = [b for b, _ in kids(node)]
    lists = [_pure(k, child(path, b)) for b, k in kids(node)]
    out: list[tuple[Profile, Vector]] = []
    for merged, combo in _combinations(lists):
        if isinstance(node, Nature):
            out.append((merged, _chance_mean(node, combo)))
            continue
        q = [v[node.player] for _, v in combo]
        for k, a in enumerate(labels):
            if q[k] == max(q):
                prof = {**merged, path: {b: Fraction(int(b == a)) for b in labels}}
                out.append((prof, combo[k][1]))
    return out


def pure_spe_by_enumeration(root: Node) -> list[SPE]:
    """Every pure SPE, by checking every pure profile (small trees only)."""
    moves = [(path, [a for a, _ in n.actions]) for path, n in nodes(root) if isinstance(n, Move)]
    found = []
    for choice in itertools.product(*(acts for _, acts in moves)):
        prof = {
            path: {b: Fraction(int(b == a)) for b in acts}
            for (path, acts), a in zip(moves, choice, strict=True)
        }
        if is_spe(root, prof):
            found.append(_spe(root, prof))
    return found


def _combinations(
    lists: Sequence[list[tuple[Profile, Vector]]],
) -> Iterator[tuple[Profile, tuple[tuple[Profile, Vector], ...]]]:
    """Each choice of one (profile, payoffs) per child, with the children's profiles merged."""
    for combo in itertools.product(*lists):
        merged: Profile = {}
        for prof, _ in combo:
            merged.update(prof)
        yield merged, combo


def _chance_mean(node: Nature, combo: Sequence[tuple[Profile, Vector]]) -> Vector:
    """The expected payoffs at a chance node, its children's payoffs taken from ``combo``."""
    return _mean([(q, v) for (_, q, _), (_, v) in zip(node.branches, combo, strict=True)])


def _mean(parts: Sequence[tuple[Fraction, Vector]]) -> Vector:
    n = len(parts[0][1])
    return tuple(sum((q * v[i] for q, v in parts), Fraction(0)) for i in range(n))


# -- extreme SPE on a grid ----------------------------------------------------------------


def extreme_spe(root: Node, budget: int = 20_000) -> list[SPE]:
    """Every extreme SPE (pure ones and the mixed end points), by brute force on the grid."""
    index = dict(nodes(root))
    movers = _ancestor_movers(root)
    candidates = _grid(root, "root", movers, [0], budget)
    out = []
    for prof, _ in candidates:
        values = {p: v for p, (v, _) in evaluate(root, prof).items()}
        extreme = True
        for path, node in index.items():
            if not isinstance(node, Move) or not _relevant(node, path, values, movers):
                continue
            tied, verts = polytope_vertices(index, prof, values, path)
            for vert in verts:
                if any((x * GRID[len(tied)]).denominator != 1 for x in vert.values()):
                    raise GridTooCoarse(f"S_v has the vertex {vert} at node {path}, off the grid")
            if {a: prof[path].get(a, Fraction(0)) for a in tied} not in verts:
                extreme = False
        if extreme:
            out.append(_spe(root, prof))
    return out


def _ancestor_movers(root: Node) -> dict[str, frozenset[int]]:
    """The players who move at some ancestor of each node."""
    out: dict[str, frozenset[int]] = {"root": frozenset()}
    for path, node in nodes(root):
        mine = out[path] | ({node.player} if isinstance(node, Move) else set())
        for label, _ in kids(node):
            out[child(path, label)] = mine
    return out


def _tied(node: Move, path: str, values: Mapping[str, Vector]) -> list[str]:
    q = {a: values[child(path, a)][node.player] for a, _ in node.actions}
    return [a for a, _ in node.actions if q[a] == max(q.values())]


def _relevant(
    node: Move, path: str, values: Mapping[str, Vector], movers: Mapping[str, frozenset[int]]
) -> bool:
    """Whether mixing at ``path`` can move an ancestor's constraint: some player moving above
    gets different payoffs from the tied actions (otherwise ``S_v`` is the whole simplex of the
    tied actions, whose vertices are pure)."""
    tied = _tied(node, path, values)
    return any(len({values[child(path, t)][i] for t in tied}) > 1 for i in movers[path])


def _grid(
    node: Node, path: str, movers: Mapping[str, frozenset[int]], count: list[int], budget: int
) -> list[tuple[Profile, Vector]]:
    """Every SPE of the subtree whose mixtures at relevant ties are on the grid."""
    if isinstance(node, Leaf):
        return [({}, node.payoffs)]
    labels = [b for b, _ in kids(node)]
    lists = [_grid(k, child(path, b), movers, count, budget) for b, k in kids(node)]
    out: list[tuple[Profile, Vector]] = []
    for merged, combo in _combinations(lists):
        if isinstance(node, Nature):
            out.append((merged, _chance_mean(node, combo)))
            continue
        values = {child(path, b): v for b, (_, v) in zip(labels, combo, strict=True)}
        tied = [labels.index(a) for a in _tied(node, path, values)]
        if not _relevant(node, path, values, movers):
            mixes = [{k: Fraction(1)} for k in tied]
        elif len(tied) not in GRID:
            raise TooManyProfiles(f"{len(tied)} tied actions at node {path}")
        else:
            mixes = list(_simplex(tied, GRID[len(tied)]))
        for mix in mixes:
            prof = {**merged, path: {b: mix.get(k, Fraction(0)) for k, b in enumerate(labels)}}
            vec = _mean([(w, combo[k][1]) for k, w in mix.items()])
            out.append((prof, vec))
        count[0] += len(mixes)
        if count[0] > budget:
            raise TooManyProfiles(f"more than {budget} grid profiles")
    return out


def _simplex(keys: Sequence[int], n: int) -> Iterator[dict[int, Fraction]]:
    """Every distribution over ``keys`` with probabilities in multiples of ``1/n``."""
    for parts in itertools.product(range(n + 1), repeat=len(keys) - 1):
        if sum(parts) <= n:
            full = (*parts, n - sum(parts))
            yield {k: Fraction(c, n) for k, c in zip(keys, full, strict=True) if c}


def polytope_vertices(
    index: Mapping[str, Node], prof: Profile, values: Mapping[str, Vector], path: str
) -> tuple[list[str], list[dict[str, Fraction]]]:
    """The actions ``T`` the mover at ``path`` is indifferent among, and the vertices of
    ``S_v(σ)`` (mixtures over ``T``): every choice of ``|T| - 1`` constraints made tight, with
    ``Σ τ = 1``, solved exactly and kept if feasible."""
    node = index[path]
    assert isinstance(node, Move)
    tied = _tied(node, path, values)
    rows = [tuple(Fraction(int(s == t)) for s in tied) for t in tied]  # τ_t >= 0
    rows += _ancestor_rows(index, prof, values, path, tied)
    if len(tied) == 1:
        return tied, [{tied[0]: Fraction(1)}]
    verts: list[dict[str, Fraction]] = []
    ones = tuple(Fraction(1) for _ in tied)
    for pick in itertools.combinations(rows, len(tied) - 1):
        sol = _solve([*pick, ones], [Fraction(0)] * (len(tied) - 1) + [Fraction(1)])
        if sol is None or any(
            sum(r * x for r, x in zip(row, sol, strict=True)) < 0 for row in rows
        ):
            continue
        vert = dict(zip(tied, sol, strict=True))
        if vert not in verts:
            verts.append(vert)
    return tied, verts


def _ancestor_rows(
    index: Mapping[str, Node],
    prof: Profile,
    values: Mapping[str, Vector],
    path: str,
    tied: list[str],
) -> list[tuple[Fraction, ...]]:
    """``g·τ >= 0`` for every ancestor ``u``, action ``a`` it plays and other action ``b``:
    ``g_t`` is the mover's ``val(a) - val(b)`` at ``u`` when ``v`` plays ``t`` (affine in τ)."""
    cur = {t: values[child(path, t)] for t in tied}  # the value at the current node, per t
    rows = []
    here = path
    while here != "root":
        parent, _, via = here.rpartition("/")
        parent = parent or "root"
        node = index[parent]

        def val(x: str, t: str, parent: str = parent, via: str = via, cur: dict = cur) -> Vector:
            return cur[t] if x == via else values[child(parent, x)]

        if isinstance(node, Move):
            i = node.player
            for a, p in prof[parent].items():
                if p <= 0:
                    continue
                for b, _ in node.actions:
                    if b != a and via in (a, b):
                        rows.append(tuple(val(a, t)[i] - val(b, t)[i] for t in tied))
            edges = [(prof[parent].get(x, Fraction(0)), x) for x, _ in node.actions]
        else:
            assert isinstance(node, Nature)
            edges = [(q, b) for b, q, _ in node.branches]
        cur = {t: _mean([(w, val(x, t)) for w, x in edges]) for t in tied}
        here = parent
    return rows


def _solve(a: list[tuple[Fraction, ...]], b: list[Fraction]) -> list[Fraction] | None:
    """The unique solution of a square system (Gauss-Jordan, exact), or None if singular."""
    n = len(a)
    m = [[*row, rhs] for row, rhs in zip(a, b, strict=True)]
    for col in range(n):
        piv = next((r for r in range(col, n) if m[r][col] != 0), None)
        if piv is None:
            return None
        m[col], m[piv] = m[piv], m[col]
        for r in range(n):
            if r != col and m[r][col] != 0:
                f = m[r][col] / m[col][col]
                m[r] = [x - f * y for x, y in zip(m[r], m[col], strict=True)]
    return [m[i][n] / m[i][i] for i in range(n)]
