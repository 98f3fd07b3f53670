"""A claim as a test: ``assert_claim`` fails with the verdict (and its shrunk counterexample)."""

from __future__ import annotations

from typing import Any

from ..params import ParameterSpace

__all__ = ["assert_claim"]


def assert_claim(
    claim: Any,
    target: object,
    space: ParameterSpace | None = None,
    *,
    over: str = "every",
    allow_unrefuted: bool = True,
    max_examples: int = 300,
) -> Any:
    """Check a claim with :func:`gametheory.verify` inside a test.

    Raises ``AssertionError`` carrying the verdict — the counterexample point and the equilibrium
    that breaks the claim there — when the claim is refuted or vacuous (and when it is only
    "not refuted" with ``allow_unrefuted=False``); returns the verdict otherwise::

        def test_no_war_above_the_face_saving_threshold():
            assert_claim(sp.Implies(pi >= pi_F, sp.Eq(gt.war, 0)), model.solution())
    """
    from ..claims import verify

    verdict = verify(claim, target, space, over=over, max_examples=max_examples)  # type: ignore[arg-type]
    bad = {"refuted", "vacuous"} | (set() if allow_unrefuted else {"not refuted"})
    if verdict.status in bad:
        raise AssertionError(f"claim {verdict.status}\n{verdict}")
    return verdict
