"""Gambit's own game files (its catalogue and contributed examples) read by us and by pygambit.

The corpus lives outside the project (``../shared/gambit-games``, 170 files from Gambit's
repository, GPL): these tests skip cleanly when it is absent.  For every file: we read it, the
structure and exact payoffs match pygambit's reading of the same file, our ``to_gambit`` text
reads back to the same game, and pygambit reads that text to the same structure again.  For the
small games the equilibria are compared: two-player games (and two-player trees with perfect
recall, on the reduced normal form, strategies matched by the actions they choose) by the full set
of extreme equilibria against ``enummixed_solve(rational=True)``; the others by the payoffs of
their pure equilibria against ``enumpure_solve``.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest

import gametheory as gt

from .gambit_helpers import (
    mixed_equilibria_gambit,
    mixed_equilibria_ours,
    plan_bound,
    pure_payoffs_gambit,
    pure_payoffs_ours,
    same_normal_form,
    same_tree,
)

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "gambit-games"
FILES = sorted([*CORPUS.rglob("*.nfg"), *CORPUS.rglob("*.efg")]) if CORPUS.is_dir() else []
IDS = [str(p.relative_to(CORPUS)) for p in FILES]

pytestmark = pytest.mark.skipif(not FILES, reason=f"no Gambit corpus at {CORPUS}")


def _gambit(path: Path) -> object:
    gbt = pytest.importorskip("pygambit")
    try:
        return gbt.read_nfg(str(path)) if path.suffix == ".nfg" else gbt.read_efg(str(path))
    except ValueError as exc:  # pygambit >= 16.7 refuses repeated node or infoset labels
        pytest.skip(f"pygambit refuses this file: {exc}")


def _same(ours: gt.NormalFormGame | gt.ExtensiveGame, theirs: object) -> None:
    if isinstance(ours, gt.NormalFormGame):
        same_normal_form(ours, theirs)
    else:
        same_tree(ours, theirs)


def test_the_corpus_is_whole() -> None:
    assert len(FILES) == 170
    assert sum(p.suffix == ".nfg" for p in FILES) == 52


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_reads_like_pygambit(path: Path) -> None:
    ours = gt.read_gambit(path)
    assert isinstance(ours, gt.NormalFormGame if path.suffix == ".nfg" else gt.ExtensiveGame)
    assert gt.read_gambit(path.read_text(encoding="utf-8")) == ours
    _same(ours, _gambit(path))


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_written_back_reads_the_same_here_and_in_pygambit(path: Path, tmp_path: Path) -> None:
    ours = gt.read_gambit(path)
    text = ours.to_gambit(title=path.stem)
    again = gt.read_gambit(text)
    assert again == ours
    assert again.to_gambit(title=path.stem) == text
    _gambit(path)  # pygambit must read our text of every file it reads itself
    out = tmp_path / path.name
    out.write_text(text, encoding="utf-8")
    gbt = pytest.importorskip("pygambit")
    _same(ours, gbt.read_nfg(str(out)) if path.suffix == ".nfg" else gbt.read_efg(str(out)))


def _comparison(game: gt.NormalFormGame | gt.ExtensiveGame) -> str | None:
    """ "mixed" (every extreme equilibrium), "pure" (pure equilibrium payoffs) or None (too big).

    pygambit's exact enumeration takes seconds on the larger bimatrix games (work3.efg: 452
    extreme equilibria, 6 s), so those compare pure equilibria only."""
    if isinstance(game, gt.ExtensiveGame) and plan_bound(game) > 4096:
        return None
    shape = game.shape if isinstance(game, gt.NormalFormGame) else game.to_normal_form().shape
    if len(shape) == 2:
        bases = math.comb(sum(shape), shape[0])  # what vertex enumeration visits
        return "mixed" if bases <= 2000 else "pure" if bases <= 100_000 else None
    return "pure" if math.prod(shape) <= 2000 else None


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_equilibria_agree_with_pygambit(path: Path) -> None:
    ours = gt.read_gambit(path)
    how = _comparison(ours)
    if how is None:
        pytest.skip("too large to enumerate every equilibrium quickly")
    theirs = _gambit(path)
    if not getattr(theirs, "is_perfect_recall", True):
        pytest.skip("pygambit computes no equilibria of games with imperfect recall")
    if how == "mixed":
        assert mixed_equilibria_ours(ours) == mixed_equilibria_gambit(ours, theirs)
    else:
        assert pure_payoffs_ours(ours) == pure_payoffs_gambit(theirs)
