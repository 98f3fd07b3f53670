"""An independent check of profiles of automata in repeated games, in floats, by simulation.

Nothing here comes from ``gametheory.repeated``: the automata are read from their public data
(``start``, ``play``, ``transitions``) and their semantics re-implemented (own action first in a
transition's profile, ``"*"`` matches any action, an exact key wins, missing pairs stay).
Values are discounted sums over a finite horizon (forward distributions over joint states, no
linear solve), subgame perfection is checked by one-shot deviations at every joint state that
some history reaches, and Nash by value iteration on each player's decision problem against the
others' automata.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence
from typing import Any

import sympy as sp

Joint = tuple[str, ...]

TIE = 1e-7  # a gain this close to 0 may be a tie (a threshold) in floats
ZERO = 1e-10  # a gain this small is 0 (values are truncated at 1e-13 of the payoffs)


def _num(v: Any) -> float:
    return float(sp.sympify(v))


class Sim:
    def __init__(
        self,
        payoffs: Mapping[tuple[str, ...], Sequence[float]],
        actions: Sequence[Sequence[str]],
        automata: Sequence[Any],
        delta: float,
    ) -> None:
        self.payoffs = payoffs
        self.actions = [list(a) for a in actions]
        self.automata = list(automata)
        self.delta = delta
        self.n = len(automata)
        self.profiles = list(itertools.product(*self.actions))
        self._steps: dict[Any, dict[Joint, float]] = {}

    def next(self, i: int, state: str, profile: tuple[str, ...]) -> dict[str, float]:
        view = (profile[i], *profile[:i], *profile[i + 1 :])
        trans = self.automata[i].transitions
        if (state, view) in trans:
            return {k: _num(v) for k, v in trans[(state, view)].items()}
        for (s, pattern), lot in trans.items():
            if s == state and all(p in ("*", a) for p, a in zip(pattern, view, strict=True)):
                return {k: _num(v) for k, v in lot.items()}
        return {state: 1.0}

    def mix(self, i: int, state: str) -> dict[str, float]:
        return {a: _num(p) for a, p in self.automata[i].play[state].items()}

    def step(self, joint: Joint, profile: tuple[str, ...]) -> dict[Joint, float]:
        key = (joint, profile)
        if key not in self._steps:
            self._steps[key] = self._step(joint, profile)
        return self._steps[key]

    def _step(self, joint: Joint, profile: tuple[str, ...]) -> dict[Joint, float]:
        out: dict[Joint, float] = {}
        lots = [self.next(i, joint[i], profile) for i in range(self.n)]
        for combo in itertools.product(*(lot.items() for lot in lots)):
            q = 1.0
            for _, p in combo:
                q *= p
            if q:
                t = tuple(s for s, _ in combo)
                out[t] = out.get(t, 0.0) + q
        return out

    def reachable(self) -> list[Joint]:
        start = tuple(a.start for a in self.automata)
        seen, todo = [start], [start]
        while todo:
            j = todo.pop()
            for prof in self.profiles:
                for t in self.step(j, prof):
                    if t not in seen:
                        seen.append(t)
                        todo.append(t)
        return seen

    def play_prob(self, joint: Joint, profile: tuple[str, ...], skip: int = -1) -> float:
        q = 1.0
        for i, a in enumerate(profile):
            if i != skip:
                q *= self.mix(i, joint[i]).get(a, 0.0)
        return q

    def horizon(self) -> int:
        """Periods after which ``δ^H`` is below 1e-13 (the truncation error, times payoffs)."""
        return math.ceil(math.log(1e-13) / math.log(self.delta))

    def values(self) -> dict[Joint, list[float]]:
        """``(1 − δ) Σ_{t < H} δᵗ E[u_t]`` from every reachable joint state, by backward
        recursion over a finite horizon (the tail is below ``δ^H`` times the payoff range)."""
        states = self.reachable()
        v = {s: [0.0] * self.n for s in states}
        d = self.delta
        for _ in range(self.horizon()):
            new = {}
            for s in states:
                tot = [0.0] * self.n
                for prof in self.profiles:
                    q = self.play_prob(s, prof)
                    if not q:
                        continue
                    fut = [0.0] * self.n
                    for t, p in self.step(s, prof).items():
                        fut = [f + p * x for f, x in zip(fut, v[t], strict=True)]
                    for i in range(self.n):
                        tot[i] += q * ((1 - d) * self.payoffs[prof][i] + d * fut[i])
                new[s] = tot
            v = new
        return v

    def frequencies(self) -> dict[tuple[str, ...], float]:
        """``(1 − δ) Σ_{t < H} δᵗ Pr(a_t = a)`` from the start, by pushing the distribution
        over joint states forward period by period."""
        dist = {tuple(a.start for a in self.automata): 1.0}
        out = dict.fromkeys(self.profiles, 0.0)
        weight = 1 - self.delta
        for _ in range(self.horizon()):
            nxt: dict[Joint, float] = {}
            for s, w in dist.items():
                for prof in self.profiles:
                    q = w * self.play_prob(s, prof)
                    if not q:
                        continue
                    out[prof] += weight * q
                    for t, p in self.step(s, prof).items():
                        nxt[t] = nxt.get(t, 0.0) + q * p
            dist, weight = nxt, weight * self.delta
        return out

    def spe_gains(self) -> list[float]:
        """Every one-shot deviation's gain ``V_i(s) − Q_i(s, b)`` (negative: profitable)."""
        v = self.values()
        d = self.delta
        gains = []
        for s in v:
            for i in range(self.n):
                for b in self.actions[i]:
                    q = 0.0
                    for prof in self.profiles:
                        if prof[i] != b:
                            continue
                        w = self.play_prob(s, prof, skip=i)
                        if not w:
                            continue
                        fut = sum(p * v[t][i] for t, p in self.step(s, prof).items())
                        q += w * ((1 - d) * self.payoffs[prof][i] + d * fut)
                    gains.append(v[s][i] - q)
        return gains

    def verdict(self, concept: str) -> bool | None:
        """Whether the profile is an equilibrium (``"spe"`` or ``"nash"``): False where a
        deviation gains more than :data:`TIE`, True where every gain is 0 (to the values'
        rounding, :data:`ZERO`) or above :data:`TIE`, None in between (a tie within rounding:
        either answer is right).  The gains of the actions the profile plays are 0, so "some
        gain is 0" says nothing: only the size of the others does."""
        gains = self.spe_gains() if concept == "spe" else self.nash_gains()
        if min(gains) < -TIE:
            return False
        if any(ZERO < abs(g) <= TIE for g in gains):
            return None
        return True

    def nash_gains(self) -> list[float]:
        """``V_i(start) − max over strategies`` for each player, the max by value iteration on
        the others' joint states."""
        v = self._values if hasattr(self, "_values") else self.values()
        start = tuple(a.start for a in self.automata)
        d = self.delta
        out = []
        for i in range(self.n):
            others = {s[:i] + s[i + 1 :]: s for s in v}
            w = {o: 0.0 for o in others}
            for _ in range(self.horizon()):
                new = {}
                for o, s in others.items():
                    best = -1e300
                    for b in self.actions[i]:
                        q = 0.0
                        for prof in self.profiles:
                            if prof[i] != b:
                                continue
                            pr = self.play_prob(s, prof, skip=i)
                            if not pr:
                                continue
                            fut = sum(
                                p * w[t[:i] + t[i + 1 :]] for t, p in self.step(s, prof).items()
                            )
                            q += pr * ((1 - d) * self.payoffs[prof][i] + d * fut)
                        best = max(best, q)
                    new[o] = best
                w = new
            out.append(v[start][i] - w[start[:i] + start[i + 1 :]])
        return out
