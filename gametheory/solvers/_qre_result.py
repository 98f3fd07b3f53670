"""Result types of ``gt.qre`` and ``gt.qre_branch``: a point of the logit QRE principal branch,
and the branch itself as a table to plot."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from .._present_registry import render

if TYPE_CHECKING:
    import pandas as pd

    from ..equilibrium import Equilibrium

__all__ = ["QRE", "QREBranch"]

Form = Literal["normal", "agent"]


@dataclass(frozen=True)
class QRE:
    """A logit quantal response equilibrium on the principal branch (numeric).

    Attributes
    ----------
    lam
        The precision λ of the point (for the limit, the λ where tracing stopped).
    strategies
        ``{player: {action: probability}}`` for a normal-form game; for a tree (its agent form)
        ``{information set: {action: probability}}``, behaviour strategies.  Read-only.
    payoffs
        ``{player: expected payoff}`` under the profile.
    beliefs
        Trees only: ``{information set: {node path: probability}}``, by Bayes' rule from the
        profile and chance (every node is reached at finite λ); empty for normal-form games.
    residual
        The fixed-point residual: the largest gap between a probability of ``strategies`` and
        the logit response to the profile at ``lam``,
        ``exp(lam * u[a]) / sum(exp(lam * u[b]))`` (conditional payoffs for trees).
    regret
        The largest regret of any player (agent: at its information set, under ``beliefs``):
        its best action's payoff minus the profile's.  It tends to 0 as λ grows.
    tol
        The tolerance asked for: of ``residual`` at a finite λ; of ``regret`` relative to the
        payoff range at the limit.
    converged
        Whether that tolerance was met.
    form
        ``"normal"`` (logit QRE of the normal form, McKelvey & Palfrey 1995) or ``"agent"``
        (agent QRE of a tree, McKelvey & Palfrey 1998).
    limit
        True for ``gt.qre(game, lam=math.inf)``: the end of the branch as λ → ∞.
    selected
        At the limit of a normal-form game: the equilibrium of ``gt.nash(game)`` (exact) that
        the branch tends to: the nearest to the limiting profile, when it is within ``1e-3``
        (largest probability gap) and the others are at least ten times farther; else None.
    selection
        At the limit: one sentence saying which equilibrium the branch selects, or why none is
        named; empty at a finite λ.
    steps
        Predictor–corrector steps taken along the branch.
    method
        How the point was computed.
    notes
        Remarks (e.g. why ``converged`` is False, or where the branch met another).
    bifurcations
        For each point where the traced branch crossed another curve of QRE (the sign of the
        augmented Jacobian's determinant flipped: a degenerate game), the λ of the accepted
        points either side, ``(before, after)``.  There
        the branch is continued smoothly, but "the" principal branch is no longer unique.
    """

    lam: float
    strategies: Mapping[str, Mapping[str, float]]
    payoffs: Mapping[str, float]
    beliefs: Mapping[str, Mapping[str, float]]
    residual: float
    regret: float
    tol: float
    converged: bool
    form: Form
    limit: bool
    selected: Equilibrium | None = field(compare=False)  # unhashable; `selection` names it
    selection: str
    steps: int
    method: str
    notes: tuple[str, ...] = ()
    bifurcations: tuple[tuple[float, float], ...] = ()

    def __str__(self) -> str:
        return render("text", self)

    def __repr__(self) -> str:
        where = "inf" if self.limit else f"{self.lam:g}"
        return f"<QRE {self.form} form, lam={where}, converged={self.converged}>"

    def _repr_html_(self) -> str:
        return render("html", self)


@dataclass(frozen=True)
class QREBranch:
    """The principal branch traced from λ = 0: one row per accepted point.

    Attributes
    ----------
    agents
        The players (normal form) or information sets (agent form), in order.
    actions
        Each agent's actions.
    lam
        λ at each point, in the order the branch passes them (λ may turn back in some games).
    probabilities
        At each point, every agent's action probabilities, flattened in the order of
        ``agents`` and ``actions``.
    end
        The last point as a :class:`QRE` (at ``lam_max``, or the limit).
    form
        ``"normal"`` or ``"agent"``.
    """

    agents: tuple[str, ...]
    actions: tuple[tuple[str, ...], ...]
    lam: tuple[float, ...]
    probabilities: tuple[tuple[float, ...], ...]
    end: QRE
    form: Form

    @property
    def columns(self) -> tuple[str, ...]:
        """The probability columns of :meth:`frame`: ``"agent/action"``."""
        return tuple(
            f"{h}/{a}" for h, acts in zip(self.agents, self.actions, strict=True) for a in acts
        )

    def frame(self) -> pd.DataFrame:
        """A tidy ``pandas.DataFrame``: column ``lam``, then one probability column per
        ``"agent/action"``, one row per point of the branch."""
        import pandas as pd

        frame = pd.DataFrame(list(self.probabilities), columns=list(self.columns))
        frame.insert(0, "lam", list(self.lam))
        return frame

    def plot(
        self,
        ax: Any = None,
        *,
        agents: Sequence[str] | None = None,
        logx: bool = False,
    ) -> Any:
        """Plot each action's probability against λ (needs matplotlib); returns the Axes.

        Parameters
        ----------
        ax
            A matplotlib Axes to draw on (a new figure by default).
        agents
            Which players / information sets to draw (all by default).
        logx
            A logarithmic λ axis (the point at λ = 0 is left out).
        """
        return render("plot", self, ax, agents=agents, logx=logx)

    def __repr__(self) -> str:
        top = max(self.lam) if self.lam else 0.0
        return f"<QREBranch {self.form} form, {len(self.lam)} points, λ up to {top:.4g}>"
