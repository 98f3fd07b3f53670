"""The presentation of logit QRE results (:mod:`gametheory.solvers._qre_result`): a point's text
and notebook HTML, and a branch's picture (matplotlib, the ``plot`` extra)."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Any

from .._present_registry import register
from ..errors import GameError
from ..solvers._qre_result import QRE, QREBranch

__all__ = ["branch_plot", "qre_html", "qre_text"]


@register("text", QRE)
def qre_text(q: QRE) -> str:
    """``str(q)``: the point, its convergence, each agent's probabilities, the payoffs, the
    selection and the notes, one per line."""
    where = "λ → ∞ (limit)" if q.limit else f"λ = {q.lam:g}"
    head = f"Logit QRE ({q.form} form) at {where}"
    state = "converged" if q.converged else "NOT converged"
    lines = [
        head,
        f"  {state}: residual {q.residual:.3g}, regret {q.regret:.3g}, tol "
        f"{q.tol:g}"
        + (" (of the regret, times the payoff range)" if q.limit else "")
        + f"; {q.steps} steps"
        + (f", stopped at λ = {q.lam:.4g}" if q.limit else ""),
    ]
    width = max((len(k) for k in q.strategies), default=0)
    for agent, mix in q.strategies.items():
        probs = ", ".join(f"{a}: {p:.6g}" for a, p in mix.items())
        lines.append(f"  {agent:<{width}}  {probs}")
    pays = ", ".join(f"{p}: {v:.6g}" for p, v in q.payoffs.items())
    lines.append(f"  payoffs  {pays}")
    if q.selection:
        lines.append(f"  {q.selection}")
    lines.extend(f"  note: {n}" for n in q.notes)
    return "\n".join(lines)


@register("html", QRE)
def qre_html(q: QRE) -> str:
    """``q._repr_html_()``: the text's head, a table of the probabilities, the payoffs and notes."""
    rows = "".join(
        f"<tr><td>{escape(agent)}</td><td>{escape(a)}</td><td>{p:.6g}</td></tr>"
        for agent, mix in q.strategies.items()
        for a, p in mix.items()
    )
    lines = qre_text(q).splitlines()
    first = escape(lines[0])
    rest = "<br>".join(escape(line.strip()) for line in lines[1:2])
    tail = "<br>".join(
        escape(line.strip())
        for line in lines
        if line.strip().startswith(("payoffs", "note", "the branch", "selects"))
    )
    return (
        f"<p><b>{first}</b><br>{rest}</p><table><thead><tr><th>agent</th><th>action</th>"
        f"<th>probability</th></tr></thead><tbody>{rows}</tbody></table><p>{tail}</p>"
    )


@register("plot", QREBranch)
def branch_plot(
    branch: QREBranch,
    ax: Any = None,
    *,
    agents: Sequence[str] | None = None,
    logx: bool = False,
) -> Any:
    """:meth:`QREBranch.plot <gametheory.QREBranch.plot>`: each action's probability against λ."""
    try:
        import matplotlib.pyplot as plt
    except ImportError as exc:  # pragma: no cover - matplotlib is optional
        raise GameError("QREBranch.plot needs matplotlib (pip install matplotlib)") from exc
    chosen = list(branch.agents) if agents is None else list(agents)
    unknown = [h for h in chosen if h not in branch.agents]
    if unknown:
        raise GameError(
            f"QREBranch.plot: {unknown[0]!r} is not an agent of the branch "
            f"({', '.join(branch.agents)})"
        )
    if ax is None:
        _, ax = plt.subplots()
    frame = branch.frame()
    if logx:
        frame = frame[frame["lam"] > 0]
    for h, acts in zip(branch.agents, branch.actions, strict=True):
        if h in chosen:
            for a in acts:
                ax.plot(frame["lam"], frame[f"{h}/{a}"], label=f"{h}: {a}")
    if logx:
        ax.set_xscale("log")
    ax.set_xlabel("λ (precision)")
    ax.set_ylabel("probability")
    ax.set_ylim(-0.02, 1.02)
    ax.legend(fontsize="small")
    return ax
