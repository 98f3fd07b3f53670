"""One home per concept (issue 16, item 4) and closed vocabularies (item 2, the Literal part).

Path keys live in ``games/paths.py``, outcome labels in ``games/outcome_labels.py``, parameter
resolution in ``space_resolution.py``, model loading in ``model.py``; kinds, concepts,
refinements and verdict statuses are ``Literal`` types of ``kinds.py``, checked at the public
boundary.  The old import paths keep working.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import get_args

import pytest
import sympy as sp
from hypothesis import given
from hypothesis import strategies as st

import gametheory as gt
from gametheory import kinds
from gametheory.cli import main
from gametheory.games.outcome_labels import (
    is_leaf_default,
    outcome_label,
    outcome_labels,
    profile_label,
)
from gametheory.games.paths import ROOT, child_key, is_within, path_key, path_of
from gametheory.games.tree import children, node_paths
from gametheory.space_resolution import resolve_space
from tests.fixtures import C, beer_quiche, crisis_game, deterrence_root, entry_game

LABEL = st.text(alphabet="abxy-_ 1", min_size=1, max_size=3)
PATHS = st.lists(LABEL, max_size=4).map(tuple)


# -- old import paths ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("module", "name", "home"),
    [
        pytest.param("gametheory.solvers.nash", "resolve_space", resolve_space, id="nash"),
        pytest.param("gametheory.solvers._space", "resolve_space", resolve_space, id="_space"),
        pytest.param("gametheory.cli", "load_module", gt.model.load_module, id="cli"),
        pytest.param("gametheory.solvers.spe", "_outcome_labels", outcome_labels, id="spe"),
        pytest.param("gametheory.solvers.pbe", "Refinement", kinds.Refinement, id="pbe"),
    ],
)
def test_old_import_paths_reach_the_new_home(module: str, name: str, home: object) -> None:
    assert getattr(importlib.import_module(module), name) is home


def test_the_backward_pieces_module_is_named_for_what_it_is() -> None:
    pieces = importlib.import_module("gametheory.solvers._backward_pieces")
    assert {"Piece", "Region3", "choose", "expect"} <= set(pieces.__all__)
    with pytest.raises(ModuleNotFoundError):
        importlib.import_module("gametheory.solvers._spe_pieces")


# -- path keys -------------------------------------------------------------------------------------
@given(PATHS, LABEL)
def test_path_keys_round_trip_and_extend(path: tuple[str, ...], label: str) -> None:
    key = path_key(path)
    assert path_of(key) == path
    assert child_key(key, label) == path_key((*path, label))
    assert is_within(child_key(key, label), key) and is_within(key, key) and is_within(key, ROOT)
    assert not is_within(key, child_key(key, label))


@given(PATHS, PATHS)
def test_is_within_is_the_prefix_order_of_paths(a: tuple[str, ...], b: tuple[str, ...]) -> None:
    assert is_within(path_key(a), path_key(b)) == (a[: len(b)] == b)


@pytest.mark.parametrize(
    "game",
    [
        pytest.param(entry_game(), id="entry"),
        pytest.param(gt.ExtensiveGame(deterrence_root()), id="deterrence"),
        pytest.param(beer_quiche().to_extensive(), id="beer-quiche"),
    ],
)
def test_every_node_key_leads_back_to_its_node(game: gt.ExtensiveGame) -> None:
    """Walking ``path_of(key)`` down from the root reaches the node ``node_paths`` gave."""
    for key, node in node_paths(game.root):
        here = game.root
        for step in path_of(key):
            here = dict(children(here))[step]
        assert here is node and game.node(key) is node


# -- outcome labels --------------------------------------------------------------------------------
def test_outcome_labels_are_what_the_solvers_key_outcomes_by() -> None:
    """Differential: every label a solution's outcomes (or the reduced normal form's lotteries)
    use is one of ``outcome_labels``; each made-up leaf label is ``end:<path key>``."""
    game = gt.ExtensiveGame(deterrence_root())
    labels = outcome_labels(game)
    assert labels == ["end:absorb", "de-escalation", "war"] == outcome_labels(game.root)
    used = {k for eq in gt.spe(game) for k in eq.outcomes}
    used |= {k for lot in game.to_normal_form().lotteries for k in lot}
    assert used <= set(labels)
    assert [is_leaf_default(x) for x in labels] == [True, False, False]
    leaf = dict(children(game.root))["absorb"]
    assert outcome_label(leaf, path_key(("absorb",))) == "end:absorb"


def test_a_profile_label_is_the_default_label_of_a_normal_form_game() -> None:
    g = crisis_game()
    made_up = [profile_label(p) for p in g.profiles()]
    for lab, default in zip(g.labels, made_up, strict=True):
        assert lab in (default, "war")
    assert "escalate/escalate" in made_up and "war" in g.labels


# -- parameter resolution --------------------------------------------------------------------------
def test_resolve_space_defaults_aligns_and_names_what_is_missing() -> None:
    a, c = sp.Symbol("a", positive=True), C
    assert resolve_space((c,), None) == gt.ParameterSpace.from_symbols((c,))
    by_name = gt.ParameterSpace({sp.Symbol("c"): (0, 10)})
    assert resolve_space((c,), by_name).symbols == (c,)
    with pytest.raises(gt.MissingParameterError, match=r"parameter\(s\) a are not in the space"):
        resolve_space((c, a), by_name)
    with pytest.raises(gt.InvalidSpaceError, match="space must be a ParameterSpace, got dict"):
        resolve_space((c,), {c: (0, 1)})  # type: ignore[arg-type]


# -- one model loader ------------------------------------------------------------------------------
def test_the_command_and_load_model_refuse_the_same_bad_model(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``gametheory run`` loads through ``load_model``: a ``solution()`` that returns no
    Solution is an error for both (the command used to fall back to ``gt.solve`` silently)."""
    path = tmp_path / "wrong.py"
    path.write_text(
        "import gametheory as gt\ngame = gt.NormalFormGame.from_matrices([[1]], [[1]])\n"
        "space = game.default_space()\ndef solution():\n    return 42\n"
    )
    with pytest.raises(gt.GameError, match="returned int, not a Solution") as info:
        gt.load_model(path).solve()
    assert main(["run", str(path)]) == 2
    assert str(info.value) in capsys.readouterr().err


def test_the_command_refuses_a_game_of_the_wrong_type(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "notagame.py"
    path.write_text("import gametheory as gt\ngame = 3\nspace = gt.ParameterSpace({})\n")
    assert main(["run", str(path)]) == 2
    assert "game is of type int, not a NormalFormGame" in capsys.readouterr().err


# -- closed vocabularies ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("call", "value", "allowed", "hint"),
    [
        pytest.param(
            lambda: gt.pbe(beer_quiche(), refine="intuitve"),  # type: ignore[arg-type]
            "'intuitve'",
            "'intuitive', 'D1'",
            "did you mean 'intuitive'?",
            id="refine",
        ),
        pytest.param(
            lambda: gt.nash(crisis_game(), method="sequence form"),  # type: ignore[arg-type]
            "'sequence form'",
            "'auto', 'normal-form', 'sequence-form'",
            "did you mean 'sequence-form'?",
            id="method",
        ),
        pytest.param(
            lambda: gt.Equilibrium("pooled", {}, {}, {}, sp.true, {}, gt.ParameterSpace({})),  # type: ignore[arg-type]
            "'pooled'",
            "'pure', 'mixed', 'pooling'",
            "did you mean 'pooling'?",
            id="kind",
        ),
        pytest.param(
            lambda: gt.Solution(crisis_game(), (), gt.ParameterSpace({}), "Nash", "by hand"),  # type: ignore[arg-type]
            "'Nash'",
            "'nash', 'spe', 'pbe', 'pbe (intuitive)', 'pbe (D1)'",
            "did you mean 'nash'?",
            id="concept",
        ),
    ],
)
def test_a_bad_option_names_itself_and_the_allowed_values(
    call: object, value: str, allowed: str, hint: str
) -> None:
    with pytest.raises(gt.InvalidOptionError) as info:
        call()  # type: ignore[operator]
    message = str(info.value)
    assert value in message and allowed in message and hint in message
    assert isinstance(info.value, gt.GameError)


def test_a_bad_refinement_is_still_an_unsupported_game_error() -> None:
    """Old ``except gt.UnsupportedGameError`` around ``gt.pbe(refine=...)`` keeps working."""
    with pytest.raises(gt.UnsupportedGameError, match="'divinity'") as info:
        gt.pbe(beer_quiche(), refine="divinity")  # type: ignore[arg-type]
    assert isinstance(info.value, gt.InvalidOptionError)


@given(st.text(max_size=12) | st.sampled_from(kinds.KINDS) | st.none() | st.integers())
def test_check_choice_accepts_exactly_the_vocabulary(value: object) -> None:
    if value in kinds.KINDS:
        assert kinds.check_choice(value, kinds.KINDS, "kind") == value
    else:
        with pytest.raises(gt.InvalidOptionError, match=r"^kind must be one of 'pure', "):
            kinds.check_choice(value, kinds.KINDS, "kind")


def test_what_the_solvers_produce_is_in_the_vocabulary() -> None:
    """Every kind and concept the solvers return (refined ones too) is a member of its Literal:
    results are validated when built, so this would raise otherwise; and each refinement's
    concept is listed."""
    sols = [
        gt.nash(crisis_game()),
        gt.spe(entry_game()),
        gt.pbe(beer_quiche()),
        *(gt.pbe(beer_quiche(), refine=r) for r in kinds.REFINEMENTS),
    ]
    assert {s.concept for s in sols} == set(kinds.CONCEPTS)
    assert {eq.kind for s in sols for eq in s} <= set(kinds.KINDS)
    assert {kinds.base_concept(s.concept) for s in sols} == set(get_args(kinds.BaseConcept))
    assert {r.criterion for s in sols for r in s.removed} <= set(kinds.REFINEMENTS)
    verdict = gt.verify(gt.claims.payoff("Entrant") >= -1, sols[1])
    assert verdict.status in kinds.VERDICT_STATUSES
