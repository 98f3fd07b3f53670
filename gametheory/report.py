"""Printing a model: its symbolic equilibria and its equilibria at named scenarios."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .equilibrium import Solution
from .params import ParameterSpace

__all__ = ["model_report", "outcome_lines"]


def model_report(
    solution: Solution,
    scenarios: Mapping[str, Mapping[Any, object]] | None = None,
    title: str | None = None,
    claims: Mapping[str, Any] | None = None,
) -> str:
    """A plain-text report: the space, the symbolic solution, each scenario's equilibria, then
    each claim (``{statement: claim}``) with its verdict from :func:`gametheory.verify`."""
    space: ParameterSpace = solution.space
    out = []
    if title:
        out += [title, "=" * len(title), ""]
    out += [
        f"Parameter space: {space}",
        "",
        "Equilibria (conditions on the parameters):",
        str(solution),
    ]
    for name, point in (scenarios or {}).items():
        at = solution.at(point)
        values = ", ".join(f"{k}={v}" for k, v in point.items())
        out += ["", f"Scenario {name!r} ({values}):", str(at)]
        out.extend(outcome_lines(at))
    if claims:
        from .claims import verify

        out += ["", "Claims (gt.verify over the whole space):"]
        for statement, claim in claims.items():
            out.append(f"  [{verify(claim, solution).status}] {statement}")
    return "\n".join(out)


def outcome_lines(solution: Solution) -> list[str]:
    """One line per equilibrium: its kind and the outcomes it reaches with their probabilities."""
    lines = []
    for eq in solution:
        probs = ", ".join(f"P({o}) = {p}" for o, p in eq.outcomes.items() if p != 0)
        lines.append(f"  {eq.kind}: {probs}")
    return lines
