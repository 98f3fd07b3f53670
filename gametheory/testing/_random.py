"""Seeded random signalling games, for tests and benchmarks (no global random state)."""

from __future__ import annotations

import numpy as np
import sympy as sp

from ..errors import GameError
from ..games.signaling import SignalingGame

__all__ = ["random_signalling_game"]


def random_signalling_game(
    rng: np.random.Generator,
    types: int = 2,
    messages: int = 2,
    actions: int = 2,
    low: int = -5,
    high: int = 5,
) -> SignalingGame:
    """A signalling game with integer payoffs in ``[low, high]`` and a prior with small
    denominators, drawn from ``rng``.

    Types are ``t0, t1, ...``, messages ``m0, ...``, actions ``a0, ...``; the sender is ``"S"``
    and the receiver ``"R"``.

    Examples
    --------
    >>> import numpy as np
    >>> sg = random_signalling_game(np.random.default_rng(0), types=3)
    >>> sg.types
    {'t0': 2/5, 't1': 3/10, 't2': 3/10}
    """
    if not isinstance(rng, np.random.Generator):
        raise GameError(
            f"rng must be a numpy Generator (np.random.default_rng(seed)), got {type(rng).__name__}"
        )
    for name, k in (("types", types), ("messages", messages), ("actions", actions)):
        if isinstance(k, bool) or not isinstance(k, int) or k < 1:
            raise GameError(f"{name} must be a positive integer, got {k!r}")
    for name, k in (("low", low), ("high", high)):
        if isinstance(k, bool) or not isinstance(k, int):
            raise GameError(f"{name} must be an integer, got {k!r}")
    if low > high:
        raise GameError(f"low ({low}) must not exceed high ({high})")
    names = [f"t{i}" for i in range(types)]
    weights = rng.integers(1, 5, size=types)
    total = int(weights.sum())
    prior = {t: sp.Rational(int(w), total) for t, w in zip(names, weights, strict=True)}
    msgs = [f"m{j}" for j in range(messages)]
    acts = [f"a{k}" for k in range(actions)]
    table = {
        (t, m, x): (int(rng.integers(low, high + 1)), int(rng.integers(low, high + 1)))
        for t in names
        for m in msgs
        for x in acts
    }
    return SignalingGame(
        sender="S", receiver="R", types=prior, messages=msgs, actions=acts, payoffs=table
    )
