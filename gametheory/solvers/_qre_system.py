"""The logit QRE system of a finite game in log-probabilities (private kernel of ``gt.qre``).

Payoffs are stored divided by their range (``AgentSystem.unit``), so the system's ``lam`` is the
caller's precision times that range: the branch then has the same shape, and the tracer takes
the same steps, whatever the payoffs' units.

One *agent* chooses at each information set: a player of a normal-form game, or an information
set of a tree (the agent form of McKelvey & Palfrey 1998).  With ``y`` the log-probabilities of
every agent's actions (stacked, agent by agent) and ``lam`` the precision, the system is, for
every agent ``h`` with actions ``a0, a1, ...``::

    sum_a exp(y[h, a]) - 1 = 0
    y[h, a] - y[h, a0] - lam * (u[h, a] - u[h, a0]) = 0          (a != a0)

where ``u[h, a]`` is the expected payoff of ``h``'s player from ``a``, conditional on reaching
``h`` (beliefs by Bayes' rule from the profile and chance).  Its solutions with ``lam >= 0`` are
the logit QRE (Turocy 2005 writes the normal-form system in the same log-probability variables).

Both kinds of game are stored alike: a list of *terminals* (pure profiles, or leaves) with their
chance weight, payoffs and the agent-actions on their way, so that the probability of a terminal
is ``weight * exp(incidence @ y)``.  Everything below is dense numpy, built once.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from ..errors import UnsupportedGameError
from ..games.extensive import ExtensiveGame, infoset_label
from ..games.normal_form import NormalFormGame
from ..games.paths import ROOT, child_key
from ..games.tree import Chance, Decision, Node, Outcome

__all__ = ["AgentSystem", "Evaluation", "agent_system"]


@dataclass(frozen=True, eq=False)
class AgentSystem:
    """The game's data as arrays; ``k`` indexes agent-actions (the entries of ``y``)."""

    agents: tuple[str, ...]
    owners: tuple[int, ...]  # the player (index into players) of each agent
    players: tuple[str, ...]
    actions: tuple[tuple[str, ...], ...]
    agent_of: np.ndarray  # (K,) the agent of each agent-action
    first: np.ndarray  # (K,) the index of the first action of the same agent
    pair_action: np.ndarray  # (P,) the agent-action k of each (k, terminal) pair
    pair_weight: np.ndarray  # (P,) chance weight * payoff of k's player at the terminal
    pair_incidence: np.ndarray  # (P, K) the terminal's agent-actions, k itself left out
    pair_sum: np.ndarray  # (K, P) one-hot: sums pairs into their agent-action
    node_weight: np.ndarray  # (X,) chance weight of each decision node
    node_incidence: np.ndarray  # (X, K) agent-actions on the way to the node
    node_sum: np.ndarray  # (A, X) one-hot: sums nodes into their agent
    node_paths: tuple[str, ...]  # trees: each decision node's path (for beliefs)
    term_weight: np.ndarray  # (T,) chance weight of each terminal
    term_incidence: np.ndarray  # (T, K)
    term_payoffs: np.ndarray  # (T, n) payoffs
    tree: bool
    tensors: tuple[np.ndarray, ...] = ()  # normal form: each player's payoff array (a fast path)
    unit: float = 1.0  # the payoff range: pair weights and tensors are divided by it

    @cached_property
    def pair_agent(self) -> np.ndarray:
        """(P,) the agent of each (agent-action, terminal) pair."""
        return np.asarray(self.agent_of[self.pair_action])

    @cached_property
    def node_agent(self) -> np.ndarray:
        """(X,) the agent (information set) of each decision node."""
        return np.asarray(np.argmax(self.node_sum, axis=0))

    @cached_property
    def offsets(self) -> tuple[int, ...]:
        """Where each agent's block of ``y`` starts, and the total size at the end."""
        counts = [len(a) for a in self.actions]
        return tuple(int(v) for v in np.concatenate([[0], np.cumsum(counts)]))

    @cached_property
    def own(self) -> np.ndarray:
        """(K,) True at the first action of each agent (its row is the sum-to-one equation)."""
        return np.asarray(np.arange(self.size) == self.first)

    @cached_property
    def same_agent(self) -> np.ndarray:
        """(K, K) 1.0 where two agent-actions belong to the same agent."""
        return np.asarray(self.agent_of[:, None] == self.agent_of[None, :], dtype=float)

    @cached_property
    def difference(self) -> np.ndarray:
        """(K, K) the derivative of ``y[k] - y[first[k]]`` in ``y``."""
        out = np.eye(self.size)
        out[np.arange(self.size), self.first] -= 1.0
        return out

    @property
    def size(self) -> int:
        """The number of agent-actions (unknowns besides ``lam``)."""
        return len(self.agent_of)

    def start(self) -> np.ndarray:
        """``y`` at uniform play (the branch at ``lam = 0``)."""
        counts = np.array([len(a) for a in self.actions], dtype=float)
        return -np.log(counts[self.agent_of])

    def payoff_range(self) -> float:
        """The largest payoff minus the smallest (1 when all are equal): the unit of payoffs
        in the system, so that its ``lam`` is the caller's times this range."""
        return self.unit


@dataclass(frozen=True, eq=False)
class Evaluation:
    """The system and its derivatives at ``(y, lam)``."""

    residual: np.ndarray  # (K,)
    jacobian: np.ndarray  # (K, K + 1): d/dy, then d/dlam
    u: np.ndarray  # (K,) conditional expected payoffs
    reach: np.ndarray  # (A,) probability of reaching each agent


def evaluate(system: AgentSystem, y: np.ndarray, lam: float) -> Evaluation:
    """``H(y, lam)`` and its Jacobian (analytic: every term is a product of exponentials).

    The conditional payoffs are ratios of sums of exponentials whose terms all underflow at an
    information set that play leaves (its reach falls like ``exp(-lam * gap)``): numerator and
    denominator are both divided by the reach of the agent's most likely node first."""
    agent = system.agent_of
    p = np.exp(y)
    if system.tensors:
        u, du = _table_payoffs(system, p)
        den = np.ones(len(system.agents))
    else:
        u, du, den = _tree_payoffs(system, y)
    first = system.first
    own = system.own
    size = system.size
    res = y - y[first] - lam * (u - u[first])
    jac = np.empty((size, size + 1))
    jac[:, :size] = system.difference - lam * (du - du[first])
    jac[:, size] = -(u - u[first])
    # the first action's row of each agent: its probabilities sum to 1
    sums = np.bincount(agent, p, minlength=len(system.agents))
    res[own] = sums[agent[own]] - 1.0
    jac[own, :size] = system.same_agent[own] * p
    jac[own, size] = 0.0
    return Evaluation(res, jac, u, den)


def _tree_payoffs(system: AgentSystem, y: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Conditional payoffs ``u``, their derivatives in ``y`` and each agent's (scaled) reach,
    from the (agent-action, terminal) pairs."""
    shift, r = _node_terms(system, y)
    v = system.pair_weight * np.exp(system.pair_incidence @ y - shift[system.pair_agent])
    num = system.pair_sum @ v
    d_num = system.pair_sum @ (v[:, None] * system.pair_incidence)
    den = system.node_sum @ r
    d_den = system.node_sum @ (r[:, None] * system.node_incidence)
    agent = system.agent_of
    u = num / den[agent]
    du = (d_num - u[:, None] * d_den[agent]) / den[agent][:, None]
    return u, du, den


def _table_payoffs(system: AgentSystem, p: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Normal form: ``u[i, a]`` contracts player i's payoff array with the others' mixes, and
    its derivative in ``y[j, b]`` (j != i) is the array contracted with all but i and j, times
    ``p[j, b]`` (``d p / d y = p``)."""
    n = len(system.tensors)
    offsets = system.offsets
    mixes = [p[offsets[i] : offsets[i + 1]] for i in range(n)]
    u = np.empty(system.size)
    du = np.zeros((system.size, system.size))
    for i, table in enumerate(system.tensors):
        rows = slice(offsets[i], offsets[i + 1])
        if n == 1:
            u[rows] = table
        for j in range(n):
            if j != i:
                block = _contract(table, mixes, (i, j) if i < j else (j, i))
                block = block if i < j else block.T
                du[rows, offsets[j] : offsets[j + 1]] = block * mixes[j][None, :]
                u[rows] = block @ mixes[j]  # the same for every j
    return u, du


def _contract(table: np.ndarray, mixes: list[np.ndarray], keep: tuple[int, ...]) -> np.ndarray:
    """``table`` summed against ``mixes`` on every axis not in ``keep`` (kept in order)."""
    if len(keep) == table.ndim:
        return table
    if table.ndim == 2:  # two players: a matrix-vector product
        return table @ mixes[1] if keep == (0,) else mixes[0] @ table
    out = table
    for axis in range(table.ndim - 1, -1, -1):  # from the last, so earlier axes keep their place
        if axis not in keep:
            out = np.tensordot(out, mixes[axis], axes=([axis], [0]))
    return out


def probabilities(system: AgentSystem, y: np.ndarray) -> np.ndarray:
    """The behaviour probabilities, each agent's renormalised (``exp(y)`` up to rounding)."""
    p = np.exp(y - _agent_max(system, y))
    return p / np.bincount(system.agent_of, p)[system.agent_of]


def expected_payoffs(system: AgentSystem, y: np.ndarray) -> np.ndarray:
    """Each player's expected payoff under the profile ``exp(y)``."""
    w = system.term_weight * np.exp(system.term_incidence @ y)
    return np.asarray(w @ system.term_payoffs)


def beliefs(system: AgentSystem, y: np.ndarray) -> list[dict[str, float]]:
    """Each agent's beliefs over its nodes (trees), by Bayes' rule from the profile."""
    _, r = _node_terms(system, y)
    den = system.node_sum @ r
    out: list[dict[str, float]] = [{} for _ in system.agents]
    for x, path in enumerate(system.node_paths):
        h = system.node_agent[x]
        out[h][path] = float(r[x] / den[h])
    return out


def _node_terms(system: AgentSystem, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each agent's largest log-reach (the shift) and each node's reach divided by it."""
    with np.errstate(divide="ignore"):
        log_reach = np.log(system.node_weight) + system.node_incidence @ y
    shift = np.full(len(system.agents), -np.inf)
    np.maximum.at(shift, system.node_agent, log_reach)
    return shift, np.exp(log_reach - shift[system.node_agent])


def _agent_max(system: AgentSystem, y: np.ndarray) -> np.ndarray:
    top = np.full(len(system.agents), -np.inf)
    np.maximum.at(top, system.agent_of, y)
    return top[system.agent_of]


# -- building -----------------------------------------------------------------------------


MAX_ENTRIES = 10_000_000
"""The largest dense incidence array built (80 MB of floats); bigger games are refused."""


def agent_system(game: NormalFormGame | ExtensiveGame, *, tables: bool = True) -> AgentSystem:
    """The arrays of a numeric game (checked by the caller: numeric, finite, perfect recall).

    A normal-form game is evaluated by contracting its payoff tables unless ``tables`` is False,
    when it gets the (action, profile) pair arrays of the general evaluation instead (tests
    compare the two).

    Raises
    ------
    UnsupportedGameError
        When an incidence array would exceed ``MAX_ENTRIES`` entries.
    """
    if isinstance(game, NormalFormGame):
        return _normal_form_system(game, tables)
    return _tree_system(game)


def _check_entries(rows: int, size: int, what: str) -> None:
    if rows * size > MAX_ENTRIES:
        raise UnsupportedGameError(
            f"qre(): the {what} is too large for the dense logit-QRE kernel ({rows:,} x {size:,} "
            f"entries, more than {MAX_ENTRIES:,})"
        )


def _normal_form_system(game: NormalFormGame, tables: bool) -> AgentSystem:
    shape = game.shape
    offsets = np.concatenate([[0], np.cumsum(shape)[:-1]]).astype(int)
    size = int(sum(shape))
    n = len(shape)
    _check_entries(len(game.table) * (1 if tables else n + 1), size, "normal form")
    profiles = list(itertools.product(*(range(s) for s in shape)))
    payoffs = np.array([[float(v) for v in row] for row in game.table])
    terms = np.zeros((len(profiles), size))
    for t, idx in enumerate(profiles):
        terms[t, offsets + np.array(idx)] = 1.0
    pair_action, pair_weight, pair_rows = [], [], []
    for i in range(n if not tables else 0):
        for t, idx in enumerate(profiles):
            k = int(offsets[i] + idx[i])
            pair_action.append(k)
            pair_weight.append(payoffs[t, i])
            row = terms[t].copy()
            row[k] = 0.0
            pair_rows.append(row)
    agents = tuple(game.players)
    return _assemble(
        agents=agents,
        owners=tuple(range(n)),
        players=agents,
        actions=tuple(game.actions[p] for p in game.players),
        pair_action=pair_action,
        pair_weight=pair_weight,
        pair_rows=pair_rows,
        nodes=[(i, 1.0, np.zeros(size), "root") for i in range(n)],
        terms=(np.ones(len(profiles)), terms, payoffs),
        tree=False,
        tensors=tuple(payoffs[:, i].reshape(shape) for i in range(n)) if tables else (),
    )


def _tree_system(game: ExtensiveGame) -> AgentSystem:
    infosets = {label: h for label, h in game.infosets.items()}
    labels = list(infosets)
    agent_index = {label: j for j, label in enumerate(labels)}
    counts = [len(infosets[h].actions) for h in labels]
    offsets = np.concatenate([[0], np.cumsum(counts)[:-1]]).astype(int)
    size = int(sum(counts))
    players = game.players
    nodes: list[tuple[int, float, np.ndarray, str]] = []
    leaves: list[tuple[float, list[int], list[float]]] = []
    stack: list[tuple[Node, str, float, list[int]]] = [(game.root, ROOT, 1.0, [])]
    while stack:
        node, path, weight, taken = stack.pop()
        if isinstance(node, Outcome):
            leaves.append((weight, taken, [float(node.payoffs.get(p, 0)) for p in players]))
        elif isinstance(node, Chance):
            for b, (prob, child) in reversed(list(node.branches.items())):  # popped in order
                stack.append((child, child_key(path, b), weight * float(prob), taken))
        elif isinstance(node, Decision):
            j = agent_index[infoset_label(node, path)]
            row = np.zeros(size)
            row[taken] = 1.0
            nodes.append((j, weight, row, path))
            for a_pos, (a, child) in reversed(list(enumerate(node.actions.items()))):
                k = int(offsets[j] + a_pos)
                stack.append((child, child_key(path, a), weight, [*taken, k]))
    _check_entries(sum(len(taken) + 1 for _, taken, _ in leaves) + len(nodes), size, "tree")
    terms = np.zeros((len(leaves), size))
    for t, (_, taken, _) in enumerate(leaves):
        terms[t, taken] = 1.0
    term_weight = np.array([w for w, _, _ in leaves])
    payoffs = np.array([pay for _, _, pay in leaves]).reshape(len(leaves), len(players))
    agent_of = np.repeat(np.arange(len(labels)), counts)
    owners = tuple(players.index(infosets[h].player) for h in labels)
    pair_action, pair_weight, pair_rows = [], [], []
    for t, (w, taken, _) in enumerate(leaves):
        for k in taken:
            pair_action.append(k)
            pair_weight.append(w * payoffs[t, owners[agent_of[k]]])
            row = terms[t].copy()
            row[k] = 0.0
            pair_rows.append(row)
    return _assemble(
        agents=tuple(labels),
        owners=owners,
        players=players,
        actions=tuple(infosets[h].actions for h in labels),
        pair_action=pair_action,
        pair_weight=pair_weight,
        pair_rows=pair_rows,
        nodes=nodes,
        terms=(term_weight, terms, payoffs),
        tree=True,
    )


def _assemble(
    *,
    agents: tuple[str, ...],
    owners: tuple[int, ...],
    players: tuple[str, ...],
    actions: tuple[tuple[str, ...], ...],
    pair_action: list[int],
    pair_weight: list[float],
    pair_rows: list[np.ndarray],
    nodes: list[tuple[int, float, np.ndarray, str]],
    terms: tuple[np.ndarray, np.ndarray, np.ndarray],
    tree: bool,
    tensors: tuple[np.ndarray, ...] = (),
) -> AgentSystem:
    counts = [len(a) for a in actions]
    size = sum(counts)
    spread = float(np.ptp(terms[2])) if terms[2].size else 0.0
    unit = spread if spread > 0 else 1.0
    agent_of = np.repeat(np.arange(len(agents)), counts)
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]]).astype(int)
    pa = np.array(pair_action, dtype=int)
    pair_sum = np.zeros((size, len(pa)))
    pair_sum[pa, np.arange(len(pa))] = 1.0
    node_sum = np.zeros((len(agents), len(nodes)))
    for x, (j, _, _, _) in enumerate(nodes):
        node_sum[j, x] = 1.0
    return AgentSystem(
        agents=agents,
        owners=owners,
        players=players,
        actions=actions,
        agent_of=agent_of,
        first=starts[agent_of],
        pair_action=pa,
        pair_weight=np.array(pair_weight, dtype=float) / unit,
        pair_incidence=np.array(pair_rows, dtype=float).reshape(len(pa), size),
        pair_sum=pair_sum,
        node_weight=np.array([w for _, w, _, _ in nodes], dtype=float),
        node_incidence=np.array([r for _, _, r, _ in nodes], dtype=float).reshape(len(nodes), size),
        node_sum=node_sum,
        node_paths=tuple(path for _, _, _, path in nodes),
        term_weight=terms[0],
        term_incidence=terms[1],
        term_payoffs=terms[2],
        tree=tree,
        tensors=tuple(t / unit for t in tensors),
        unit=unit,
    )
