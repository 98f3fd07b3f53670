"""Every model's stated claims (its module-level ``claims``), proved by ``gt.verify``."""

from __future__ import annotations

from pathlib import Path

import pytest

import gametheory as gt

from . import solved

ROOT = Path(__file__).resolve().parent.parent
MODELS = sorted(
    p for p in (ROOT / "models").glob("*.py") if hasattr(solved.model(p.stem), "claims")
)


@pytest.mark.parametrize("path", MODELS, ids=[p.stem for p in MODELS])
def test_every_stated_claim_is_proved(path: Path) -> None:
    model = solved.model(path.stem)
    sol = solved.solution(path.stem)
    for statement, claim in model.claims.items():
        verdict = gt.verify(claim, sol)
        assert verdict.status == "proved", f"{statement}: {verdict}"


def test_the_flagship_models_state_claims() -> None:
    names = {p.stem for p in MODELS}
    assert {
        "crisis_chicken",
        "calibrated_retaliation",
        "escalation_ladder",
        "two_level_audience",
    } <= names
