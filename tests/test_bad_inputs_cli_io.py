"""Bad input to the command line, the Gambit readers and the probability arguments (issue 13).

- The command: every bad argument ends in exit status 2 and one line ``gametheory: error: ...``
  naming the culprit (a table of cases), with numbers read exactly and within bounds
  (:mod:`gametheory._cli_numbers`), checked against an independent reading of the number syntax.
- The Gambit readers: random bytes and mutated files (ours and Gambit's own corpus in
  ``../shared/gambit-games``) give a game or a :class:`~gametheory.GambitFormatError` with its
  line and column, each example within a time limit; the ``.nfg`` payoff body is linear in the
  number of players (measured by the length of the descriptions written, not by a clock).
- Probabilities given as strings are refused, not evaluated.

Time limits here only catch hangs (an example that a worker process has not finished after
``LIMIT`` seconds fails the test); no test asserts a speed.
"""

from __future__ import annotations

import contextlib
import math
import multiprocessing
import os
import subprocess
import sys
import warnings
from collections.abc import Callable, Iterator
from fractions import Fraction
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory as gt
from gametheory import _cli_numbers as nums
from gametheory.cli import main

ROOT = Path(__file__).resolve().parent.parent
MODEL = str(ROOT / "models" / "crisis_chicken.py")  # parameters c in (0, 10] and a
LIMIT = 30.0
T = TypeVar("T")


def _run_to_the_end(fn: Callable[..., object], *args: object) -> None:
    with contextlib.suppress(Exception):  # only whether it finishes matters here
        fn(*args)


class HangGuard:
    """A worker process, forked once and reused, that runs each example before the test does:
    if it has not finished within ``LIMIT`` seconds the worker is killed and the test fails.  A
    thread could not do this (a regular expression or a big-integer conversion holds the
    interpreter lock), and a fork per example costs tens of milliseconds."""

    def __init__(self) -> None:
        self.pool: Any = None

    def __call__(self, fn: Callable[..., T], *args: Any) -> T:
        """``fn(*args)`` in this process, once the worker has run it to the end in time."""
        if "fork" in multiprocessing.get_all_start_methods():
            if self.pool is None:
                # Python >= 3.12 warns of a fork in a process with threads; the worker only
                # runs pure functions, so the warning does not apply here
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore", DeprecationWarning)
                    self.pool = multiprocessing.get_context("fork").Pool(1)
            try:
                self.pool.apply_async(_run_to_the_end, (fn, *args)).get(LIMIT)
            except multiprocessing.TimeoutError:
                self.close()
                pytest.fail(f"{fn.__name__}{args!r:.200} did not finish within {LIMIT} s")
        return fn(*args)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.terminate()
            self.pool.join()
            self.pool = None


within = HangGuard()


@pytest.fixture(scope="module", autouse=True)
def _close_the_guard() -> Iterator[None]:
    yield
    within.close()


# -- the command: one line, exit status 2, the culprit named -------------------------------------

RUN = ["run", MODEL, "--at"]
SWEEP = ["sweep", MODEL]

BAD_ARGS = [
    pytest.param([*RUN, "c=1/0", "a=1"], ["c=1/0", "divides by zero"], id="at-div-zero"),
    pytest.param(
        [*RUN, "c=1e1000000000", "a=1"], ["c=1e1000000000", "exponent beyond ±300"], id="at-hang"
    ),
    pytest.param([*RUN, "c=1e400", "a=1"], ["c=1e400", "exponent"], id="at-1e400"),
    pytest.param([*RUN, "c=1e-400", "a=1"], ["c=1e-400", "exponent"], id="at-1e-400"),
    pytest.param([*RUN, "c=" + "1" * 50 + "e290", "a=1"], ["too large", "1e300"], id="at-large"),
    pytest.param([*RUN, "c=0." + "0" * 40 + "1e-270", "a=1"], ["too small"], id="at-small"),
    pytest.param([*RUN, "c=" + "1" * 150, "a=1"], ["longer than 100"], id="at-long"),
    pytest.param([*RUN, "c=5", "c=6", "a=1"], ["parameter c is given twice", "'c=6'"], id="twice"),
    pytest.param([*RUN, "c=5", "--at", "c=6", "a=1"], ["c is given twice"], id="twice-two-at"),
    pytest.param([*RUN, "c=inf", "a=1"], ["'inf' is not a number"], id="inf"),
    pytest.param([*RUN, "c=nan", "a=1"], ["'nan' is not a number"], id="nan"),
    pytest.param([*RUN, "c=1_000", "a=1"], ["'1_000' is not a number"], id="underscore"),
    pytest.param([*RUN, "c=0x10", "a=1"], ["'0x10'"], id="hex"),
    pytest.param([*RUN, "c=1/2/3", "a=1"], ["'1/2/3'"], id="two-slashes"),
    pytest.param([*RUN, "c=1.5/2", "a=1"], ["'1.5/2'"], id="decimal-fraction"),
    pytest.param([*RUN, "c=--1", "a=1"], ["'--1'"], id="two-signs"),
    pytest.param([*RUN, "c=\u00b2", "a=1"], ["'\u00b2' is not a number"], id="superscript"),
    pytest.param([*RUN, "c=\uff15", "a=1"], ["is not a number"], id="fullwidth-digit"),
    pytest.param([*RUN, "c=1e", "a=1"], ["'1e'"], id="bare-e"),
    pytest.param([*RUN, "c", "a=1"], ["NAME=VALUE", "got 'c'"], id="no-equals"),
    pytest.param([*RUN, "=5", "a=1"], ["got '=5'"], id="no-name"),
    pytest.param([*RUN, "c=10", "a=1", "z=2"], ["unknown parameter z"], id="unknown"),
    pytest.param([*RUN, "c=11", "a=1"], ["c", "outside"], id="outside"),
    pytest.param(RUN, ["--at", "expected at least one argument"], id="at-empty"),
    pytest.param(["run", MODEL, "--bogus"], ["unrecognized arguments: --bogus"], id="option"),
    pytest.param(["run"], ["required: model", "gametheory run --help"], id="no-model"),
    pytest.param(["bogus"], ["invalid choice: 'bogus'"], id="command"),
    pytest.param([], ["required: command"], id="nothing"),
    pytest.param(["run", "nope.py"], ["'nope.py' does not exist"], id="missing-model"),
    pytest.param(["run", str(ROOT / "models")], ["is a directory"], id="model-folder"),
    pytest.param(["run", str(ROOT / "README.md")], ["README.md", "not a Python file"], id="md"),
    pytest.param([*SWEEP, "c=1:2:100000000000", "a=1"], ["1,000,000 values"], id="num-huge"),
    pytest.param(
        [*SWEEP, "c=1:2:1000", "a=1:2:10000"], ["1000 x 10000 = 10,000,000 points"], id="grid-big"
    ),
    pytest.param([*SWEEP, "c=1:1e400:3", "a=1"], ["'c=1:1e400:3'", "exponent"], id="stop-1e400"),
    pytest.param([*SWEEP, "c=1e400", "a=1"], ["'c=1e400'", "exponent"], id="value-1e400"),
    pytest.param([*SWEEP, "c=1/0", "a=1"], ["'c=1/0'", "divides by zero"], id="sweep-div-zero"),
    pytest.param([*SWEEP, "c=1:2:-3", "a=1"], ["NUM must be a positive whole"], id="num-neg"),
    pytest.param([*SWEEP, "c=1:2:3e2", "a=1"], ["NUM must be", "'3e2'"], id="num-exp"),
    pytest.param([*SWEEP, "c=1:2:\u00b2", "a=1"], ["NUM must be"], id="num-superscript"),
    pytest.param([*SWEEP, "c=1:2:00", "a=1"], ["NUM must be", "'00'"], id="num-zeros"),
    pytest.param([*SWEEP, "c=1:2", "a=1"], ["'c=1:2'", "START:STOP:NUM"], id="two-parts"),
    pytest.param([*SWEEP, "c=1", "c=2", "a=1"], ["parameter c is given twice"], id="sweep-twice"),
    pytest.param([*SWEEP, "c=1:2:3"], ["parameter(s): a"], id="sweep-missing"),
    pytest.param(SWEEP, ["required: NAME=START:STOP:NUM|NAME=VALUE"], id="sweep-no-grid"),
    pytest.param(
        [*SWEEP, "c=1", "a=1", "--outside", "keep"], ["--outside", "'keep'"], id="outside-choice"
    ),
    pytest.param([*SWEEP, "c=1", "a=1", "--select", "max:"], ["--select", "'max:'"], id="select"),
    pytest.param(
        [*SWEEP, "c=1", "a=1", "--out", "/nonexistent-folder/r.csv"],
        ["--out", "folder '/nonexistent-folder' does not exist"],
        id="out-folder",
    ),
    pytest.param(
        [*SWEEP, "c=1:2:2", "a=1", "--measure", "war", "--plot", "/nonexistent-folder/r.png"],
        ["--plot", "does not exist"],
        id="plot-folder",
    ),
]


@pytest.mark.parametrize(("argv", "culprits"), BAD_ARGS)
def test_every_bad_argument_is_one_line_and_exit_status_2(
    argv: list[str], culprits: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2  # bounded by construction; the old hang: a test below
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("gametheory: error: ") and err.endswith("\n"), err
    assert err.count("\n") == 1, err
    for culprit in culprits:
        assert culprit in err, err


@pytest.mark.parametrize(
    ("source", "culprits"),
    [
        pytest.param("x = (\n", ["line 1", "SyntaxError"], id="syntax"),
        pytest.param(
            "def f():\n    return 1 / 0\n\n\ngame = f()\n", ["line 2", "ZeroDiv"], id="raise"
        ),
        pytest.param("raise ValueError('one\\ntwo')\n", ["ValueError: one"], id="two-lines"),
        pytest.param("game = 1\n", ["defines no module-level 'space'"], id="no-space"),
    ],
)
def test_a_model_file_that_fails_is_one_line_naming_the_file_and_line(
    source: str, culprits: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    model = tmp_path / "broken.py"
    model.write_text(source, encoding="utf-8")
    assert main(["run", str(model)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"model file {str(model)!r}" in err, err
    for culprit in culprits:
        assert culprit in err, err


def test_the_exponent_that_used_to_hang_is_refused_by_the_program() -> None:
    """``--at c=1e1000000000`` built a billion-digit rational; now it is refused at once."""
    result = subprocess.run(
        [sys.executable, "-m", "gametheory.cli", "run", MODEL, "--at", "c=1e1000000000", "a=1"],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=120,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "c=1e1000000000" in result.stderr


def test_good_values_still_work(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*RUN, "c=2.5e0", "a=+1/2"]) == 0
    assert "Equilibria at c=5/2, a=1/2" in capsys.readouterr().out


# -- the number parser: exact, bounded, checked against an independent reading --------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("5", Fraction(5)),
        (" -0.3 ", Fraction(-3, 10)),
        ("0.1", Fraction(1, 10)),
        ("+.5", Fraction(1, 2)),
        ("5.", Fraction(5)),
        ("2.5e-3", Fraction(1, 400)),
        ("1E3", Fraction(1000)),
        ("-1/3", Fraction(-1, 3)),
        ("4/6", Fraction(2, 3)),
        ("0e999", None),  # the exponent alone is refused, whatever the value
        ("1e300", Fraction(10**300)),
        ("1e-300", Fraction(1, 10**300)),
        ("0", Fraction(0)),
        ("0/5", Fraction(0)),
    ],
)
def test_number_syntax(text: str, value: Fraction | None) -> None:
    if value is None:
        with pytest.raises(gt.GameError, match="exponent"):
            nums.parse_number(text, "x")
    else:
        assert nums.parse_number(text, "x") == value


@st.composite
def decimals(draw: st.DrawFn) -> tuple[str, int, int, int]:
    """A decimal in the accepted syntax and its value as (sign, mantissa, power of ten), built
    from its parts, so that the expected value is known without parsing."""
    sign = draw(st.sampled_from(["", "+", "-"]))
    whole = draw(st.text("0123456789", max_size=60))
    frac = draw(st.text("0123456789", max_size=60))
    if not whole and not frac:
        whole = "0"
    dot = draw(st.booleans()) or bool(frac)
    exp = draw(st.none() | st.integers(-400, 400))
    exp_text = "" if exp is None else draw(st.sampled_from(["e", "E"])) + str(exp)
    if exp is not None and exp >= 0 and draw(st.booleans()):
        exp_text = exp_text[0] + "+" + exp_text[1:]
    text = f"{sign}{whole}{'.' if dot else ''}{frac}{exp_text}"
    mantissa = int((whole + frac) or "0")
    power = (exp or 0) - len(frac)
    return text, -1 if sign == "-" else 1, mantissa, power


@given(decimals())
def test_decimals_read_exactly_or_refused_for_a_stated_bound(
    case: tuple[str, int, int, int],
) -> None:
    text, sign, mantissa, power = case
    exponent = text.lower().partition("e")[2]
    value = sign * (Fraction(mantissa) * Fraction(10) ** power)
    if len(text) > nums.MAX_CHARS:
        expected = "longer than"
    elif exponent and abs(int(exponent)) > nums.MAX_EXPONENT:
        expected = "exponent beyond"
    elif value and not Fraction(1, 10**300) <= abs(value) <= 10**300:
        expected = "too large" if abs(value) > 1 else "too small"
    else:
        assert nums.parse_number(text, "c=...") == value
        return
    with pytest.raises(gt.GameError, match=expected):
        nums.parse_number(text, "c=...")


@given(st.integers(-(10**40), 10**40), st.integers(-(10**40), 10**40))
def test_fractions_read_exactly(p: int, q: int) -> None:
    if q == 0:
        with pytest.raises(gt.GameError, match="divides by zero"):
            nums.parse_number(f"{p}/{q}", "c")
    elif q < 0:
        with pytest.raises(gt.GameError, match="not a number"):  # "1/-2" is not the syntax
            nums.parse_number(f"{p}/{q}", "c")
    else:
        assert nums.parse_number(f"{p}/{q}", "c") == Fraction(p, q)


NUMBERISH = st.text(alphabet=st.sampled_from(list("0123456789+-./eE_ x\u00b2\uff15")), max_size=400)


@given(NUMBERISH | st.text(max_size=400))
def test_any_text_gives_a_bounded_number_or_a_game_error(text: str) -> None:
    try:
        value = within(nums.parse_number, text, "c")
    except gt.GameError as exc:
        assert str(exc).startswith("in c: ")
        return
    # a size argument: nothing bigger than the bounds can have been built
    assert value == 0 or Fraction(1, 10**300) <= abs(value) <= 10**300
    assert value.numerator.bit_length() <= 1400 and value.denominator.bit_length() <= 1400


@given(NUMBERISH | st.text(max_size=60))
def test_any_text_gives_a_bounded_count_or_a_game_error(text: str) -> None:
    try:
        count = within(nums.parse_count, text, "c")
    except gt.GameError as exc:
        assert "NUM" in str(exc)
        return
    assert 1 <= count <= nums.MAX_POINTS and count == int(text)


@given(st.lists(st.sampled_from(["a", "b", "c"]), min_size=1, max_size=6))
def test_a_name_given_twice_is_always_refused(names: list[str]) -> None:
    items = [f"{n}={k}" for k, n in enumerate(names)]
    if len(set(names)) == len(names):
        assert list(nums.parse_pairs(items, "--at", "usage")) == names
        return
    twice = next(n for k, n in enumerate(names) if n in names[:k])
    with pytest.raises(gt.GameError, match=f"parameter {twice} is given twice"):
        nums.parse_pairs(items, "--at", "usage")


SPACE = gt.ParameterSpace({"c": (0, 10), "a": (None, None)})


GOOD_NUMBERS = st.sampled_from(["1", "0.5", "1/3", "10", "-2e2", "1e300", "7.25e-3"])
NUMBERS = GOOD_NUMBERS | GOOD_NUMBERS | NUMBERISH.filter(lambda t: ":" not in t)
COUNTS = st.sampled_from(["3", "1", "1000", "1000000", "1000001", "0", "2.5", ""]) | NUMBERISH


@st.composite
def grid_items(draw: st.DrawFn) -> list[str]:
    """Grid arguments: mostly one item per parameter of ``SPACE`` with a value or a range
    (number-like text, counts up to past the limit), sometimes one missing, repeated, unknown
    or without ``=``."""
    value = NUMBERS | st.builds(lambda a, b, n: f"{a}:{b}:{n}", NUMBERS, NUMBERS, COUNTS)
    items = [f"{n}={draw(value)}" for n in ("c", "a") if draw(st.integers(0, 5)) > 0]
    if draw(st.integers(0, 3)) == 0:
        name = draw(st.sampled_from(["c", "a", "z", "", "c "]))
        items.append(draw(st.sampled_from([f"{name}={draw(value)}", name, f"{name}:1:2"])))
    return items


@given(grid_items())
def test_any_grid_arguments_give_a_bounded_grid_or_a_game_error(items: list[str]) -> None:
    from gametheory._cli_sweep import parse_grid

    try:
        grid = within(parse_grid, items, SPACE)
    except gt.GameError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert list(grid) == ["c", "a"]
    sizes = [np.size(v) for v in grid.values()]
    assert math.prod(sizes) <= nums.MAX_POINTS
    assert all(np.all(np.isfinite(v)) for v in grid.values())


def test_grid_size_is_the_product() -> None:
    nums.check_grid_size([1000, 1000])
    with pytest.raises(gt.GameError, match="1000 x 1001 = 1,001,000 points"):
        nums.check_grid_size([1000, 1001])


# -- the Gambit readers: a game or a GambitFormatError, in bounded time ---------------------------

CORPUS = ROOT.parent / "shared" / "gambit-games"
CORPUS_FILES = (
    sorted(p for p in [*CORPUS.rglob("*.nfg"), *CORPUS.rglob("*.efg")] if p.stat().st_size < 6000)
    if CORPUS.is_dir()
    else []
)
OWN_SEEDS = [
    b'NFG 1 R "BoS" { "Her" "Him" } { 2 2 }\n\n2 1  0 0  0 0  1 2\n',
    b'NFG 1 R "" { "A" "B" } { { "x" "y" } { "l" "r" } }\n""\n'
    b'{ { "o" 1, 2 } { "" 1/3 -2.5e1 } }\n1 2 0 1\n',
    b'EFG 2 R "" { "A" "B" } ""\nc "" 1 "" { "h" 1/2 "t" 1/2 } 0\n'
    b'p "" 1 1 "" { "a" "b" } 0\nt "" 1 "w" { 1, -1 }\nt "" 2 "l" { 0, 0 }\n'
    b'p "" 1 2 "" { "a" "b" } 0\nt "" 1\nt "" 2\n',
]
TOKENS = [
    b"{",
    b"}",
    b'"',
    b",",
    b" 0 ",
    b" -1/3 ",
    b" 9e9 ",
    b" 1e999999999 ",
    b" " + b"7" * 5000 + b" ",
    b" " + b"1" * 3000 + b"- ",
    b" 999999999 ",
    b" t ",
    b' p "" 1 1 "" { "a" } 0 ',
    b' c "" 1 "" { "a" 1/2 } 0 ',
    b"\xff",
    b"\xef\xbb\xbf",
]


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    """One of our files or a corpus file with a few edits, some of them big or nasty tokens."""
    seeds = [*OWN_SEEDS, *CORPUS_FILES]
    seed = draw(st.sampled_from(seeds))
    data = bytearray(seed.read_bytes() if isinstance(seed, Path) else seed)
    for _ in range(draw(st.integers(1, 5))):
        kind = draw(st.sampled_from(["delete", "insert", "flip", "truncate", "token", "repeat"]))
        low = 0 if draw(st.integers(0, 4)) == 0 else min(20, len(data))  # mostly past the header
        at = draw(st.integers(low, max(len(data) - 1, low)))
        if kind == "delete":
            del data[at : at + draw(st.integers(1, 40))]
        elif kind == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=8))
        elif kind == "flip" and at < len(data):
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif kind == "truncate":
            del data[at:]
        elif kind == "token":
            data[at:at] = draw(st.sampled_from(TOKENS))
        else:  # a span repeated many times: long lists, deep trees
            span = bytes(data[at : at + draw(st.integers(1, 30))])
            data[at:at] = span * draw(st.integers(2, 300))
    return bytes(data)


def _read_or_refuse(data: bytes) -> None:
    try:
        game = within(gt.read_gambit, data)
    except gt.GambitFormatError as exc:  # a malformed file: its line and column, one sentence
        assert exc.line >= 1 and exc.column >= 1
        assert str(exc).startswith(f"line {exc.line}, column {exc.column}: ")
        return
    assert isinstance(game, gt.NormalFormGame | gt.ExtensiveGame)


@settings(max_examples=200)
@given(
    st.binary(max_size=3000)
    | st.builds(
        lambda head, tail: head + tail,
        st.sampled_from([b"NFG 1 R ", b"EFG 2 R "]),
        st.binary(max_size=3000),
    )
)
def test_random_bytes_give_a_game_or_a_format_error(data: bytes) -> None:
    _read_or_refuse(data)


@settings(max_examples=300)
@given(mutated())
def test_mutated_files_give_a_game_or_a_format_error_in_bounded_time(data: bytes) -> None:
    _read_or_refuse(data)


@pytest.mark.skipif(not CORPUS_FILES, reason=f"no Gambit corpus at {CORPUS}")
def test_the_corpus_is_used() -> None:
    assert len(CORPUS_FILES) > 50


def test_a_long_digit_run_is_refused_at_once() -> None:
    """A number token that the old decimal pattern matched in quadratic time."""
    text = 'NFG 1 R "" { "A" } { 1 } ' + "1" * 200_000 + "-"
    with pytest.raises(gt.GambitFormatError, match="is not a number"):
        within(gt.read_gambit, text)


def _big_denominators(k: int) -> list[str]:
    """``k`` fractions ``1/q`` with distinct 1,000-digit odd denominators (pairwise coprime
    enough that their exact sum has about k * 1,000 digits)."""
    return [f"1/{10**999 + 2 * i + 1}" for i in range(k)]


def test_chance_probabilities_with_huge_denominators_are_refused_in_bounded_time() -> None:
    """Found by hand: their sum's message raised int's digit limit (a ValueError that was not
    a GameError), and the exact sum grew without bound (400 branches: 5 s)."""
    branches = " ".join(f'"b{i}" {p}' for i, p in enumerate(_big_denominators(400)))
    text = f'EFG 2 R "" {{ "A" }} ""\nc "" 1 "" {{ {branches} }} 0\n' + 't "" 0\n' * 400
    with pytest.raises(gt.GambitFormatError, match="denominators too large to add exactly"):
        within(gt.read_gambit, text)
    two = " ".join(f'"b{i}" {p}' for i, p in enumerate(_big_denominators(2)))
    text = f'EFG 2 R "" {{ "A" }} ""\nc "" 1 "" {{ {two} }} 0\nt "" 0\nt "" 0\n'
    with pytest.raises(gt.GambitFormatError, match=r"sum to a fraction of about \d+ / \d+ digits"):
        within(gt.read_gambit, text)


def test_outcomes_added_along_a_path_are_bounded() -> None:
    """Outcomes at 40 nested nodes with coprime 1,000-digit denominators: the payoffs summed
    along the path would need 40,000 digits."""
    pays = _big_denominators(40)
    nodes = [
        f'p "" 1 {i + 1} "" {{ "go" "stop" }} {i + 1} "o{i}" {{ {p} }}\nt "" 0'
        for i, p in enumerate(pays)
    ]
    text = 'EFG 2 R "" { "A" } ""\n' + "\n".join(nodes) + '\nt "" 0\n'
    with pytest.raises(gt.GambitFormatError, match="outcomes on the path to this node add up"):
        within(gt.read_gambit, text)
    short = 'EFG 2 R "" { "A" } ""\n' + "\n".join(nodes[:3]) + '\nt "" 0\n'
    game = within(gt.read_gambit, short)  # three of them are fine, and exact
    assert isinstance(game, gt.ExtensiveGame)


def test_the_nfg_payoff_body_is_linear_in_the_number_of_players(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """8,000 players took 12 s: each payoff's description named the whole profile.  Measured by
    the total length of the descriptions made, which must stay proportional to the file."""
    from gametheory.games import normal_form
    from gametheory.io import gambit_nfg

    made = [0]
    real_profile_text, real_to_expr = gambit_nfg._profile_text, normal_form.to_expr

    def profile_text(shape: tuple[int, ...], k: int) -> str:
        out = real_profile_text(shape, k)
        made[0] += len(out)
        return out

    def to_expr(value: object, what: str, *args: Any) -> Any:
        made[0] += len(what)
        return real_to_expr(value, what, *args)

    monkeypatch.setattr(gambit_nfg, "_profile_text", profile_text)
    monkeypatch.setattr(normal_form, "to_expr", to_expr)
    n = 3000
    text = (
        f'NFG 1 R "" {{ {" ".join(f"{chr(34)}P{i}{chr(34)}" for i in range(n))} }} '
        f"{{ {' '.join('1' for _ in range(n))} }} {' '.join(str(i) for i in range(n))}"
    )
    game = within(gt.read_gambit, text)
    assert isinstance(game, gt.NormalFormGame)
    assert game.table == ((*range(n),),)  # read right (one profile: player k is paid k)
    assert made[0] <= 40 * len(text)  # quadratic would be about n * len(text)


def test_a_path_that_is_not_a_gambit_file_says_so(tmp_path: Path) -> None:
    path = tmp_path / "model.py"
    path.write_text("import gametheory\n", encoding="utf-8")
    for source in (str(path), path):
        with pytest.raises(gt.GambitFormatError) as info:
            gt.read_gambit(source)
        message = str(info.value)
        assert message.startswith(f"{path}: line 1, column 1: this file is not a Gambit game")
        assert "'import'" in message and "no file named" not in message
    empty = tmp_path / "empty.nfg"
    empty.write_bytes(b"")
    with pytest.raises(gt.GambitFormatError, match=r"not a Gambit game: .* but it is empty"):
        gt.read_gambit(str(empty))
    with pytest.raises(gt.GambitFormatError, match="is a folder, not a file"):
        gt.read_gambit(str(tmp_path))
    with pytest.raises(gt.GambitFormatError, match=r"no file named 'missing\.nfg'"):
        gt.read_gambit("missing.nfg")


class _Matrices:
    def __init__(self, a: object, b: object) -> None:
        self.payoff_matrices = (a, b)


@pytest.mark.parametrize(
    ("a", "error", "fragment"),
    [
        pytest.param(
            [[1, 2], [3]], gt.InvalidGameError, "matrix 0 is not a rectangular", id="ragged"
        ),
        pytest.param([["1", 2], [3, 4]], gt.InvalidPayoffError, "'1' of type str", id="string"),
        pytest.param([[float("nan"), 2], [3, 4]], gt.InvalidPayoffError, "not finite", id="nan"),
        pytest.param([[1j, 2], [3, 4]], gt.InvalidPayoffError, "type complex", id="complex"),
    ],
)
def test_bad_nashpy_matrices_are_game_errors(
    a: object, error: type[gt.GameError], fragment: str
) -> None:
    with pytest.raises(error, match=fragment):
        gt.NormalFormGame.from_nashpy(_Matrices(a, [[1, 2], [3, 4]]))


# -- probabilities given as strings: refused, never evaluated ------------------------------------

TREE = gt.ExtensiveGame(
    gt.Decision(
        "A",
        {
            "l": gt.Outcome(A=1, B=0),
            "r": gt.Decision("B", {"x": gt.Outcome(A=0, B=1), "y": gt.Outcome(A=2, B=2)}),
        },
    )
)
PENNIES = gt.NormalFormGame.from_matrices([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
C = sp.Symbol("c", positive=True)
PENNIES_C = gt.NormalFormGame.from_matrices([[C, -1], [-1, 1]], [[-1, 1], [1, -1]])


@pytest.mark.parametrize("value", ["1/2", "__import__('os').getpid()", ""])
def test_behaviour_to_mixed_refuses_strings(value: str) -> None:
    [a_set] = [h for h in TREE.infosets if h.startswith("A")]
    [b_set] = [h for h in TREE.infosets if h.startswith("B")]
    profile = {a_set: {"l": 0, "r": 1}, b_set: {"x": value, "y": 1}}
    with pytest.raises(gt.InvalidProfileError) as info:
        TREE.behaviour_to_mixed(profile)
    message = str(info.value)
    assert f"action 'x' at information set {b_set!r}" in message and "string" in message


def test_behaviour_to_mixed_still_takes_numbers() -> None:
    [a_set] = [h for h in TREE.infosets if h.startswith("A")]
    [b_set] = [h for h in TREE.infosets if h.startswith("B")]
    mixed = TREE.behaviour_to_mixed({a_set: {"r": 1}, b_set: {"x": Fraction(1, 3), "y": 0.5}})
    assert sum(mixed["A"].values()) == 1 and mixed["B"]["x"] == Fraction(1, 3)
    with pytest.raises(gt.InvalidProfileError, match="not a mapping"):
        TREE.behaviour_to_mixed({a_set: "r", b_set: {"x": 1}})


@pytest.mark.parametrize(("game", "at"), [(PENNIES, None), (PENNIES_C, {"c": 1})])
def test_regret_refuses_strings(game: gt.NormalFormGame, at: dict[str, int] | None) -> None:
    from gametheory.testing import regret

    with pytest.raises(gt.InvalidProfileError, match=r"probability of s1 for player Row.*string"):
        regret(game, {"Row": {"s1": "1/2", "s2": 0.5}, "Col": {"s1": 1}}, at=at)
    with pytest.raises(gt.InvalidProfileError, match="probability of s2 for player Col"):
        regret(PENNIES, [[1, 0], [0, "1"]])
    assert (
        regret(
            PENNIES,
            {"Row": {"s1": 0.5, "s2": 0.5}, "Col": {"s1": Fraction(1, 2), "s2": Fraction(1, 2)}},
        )["Row"]
        == 0
    )
