"""Reading and writing Gambit files: the mapping of labels and numbers, the sources accepted,
refusals of games a file cannot hold, clear errors (with line and column) on bad files, and a
fuzz test (random mutations of valid files give a game or a GameError; the fuzz tests with a
time limit per example are in tests/test_bad_inputs_cli_io.py)."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory as gt
from gametheory.io._lexer import normalize_labels, quote, tokenize

R = sp.Rational

# Battle of the sexes, payoff version (counts only; the first player's strategy changes fastest)
PAYOFF_NFG = 'NFG 1 R "BoS" { "Her" "Him" } { 2 2 }\n\n2 1  0 0  0 0  1 2\n'

# the outcome version: named outcomes, an unnamed one and index 0 (no outcome: zero payoffs)
OUTCOME_NFG = """NFG 1 D "Chicken" { "Row" "" }

{ { "swerve" "straight" }
{ "x" "x" }
}
"a comment"

{
{ "tie" 0, 0 }
{ "" 7.5, -1 }
{ "crash" -1e1 -10 }
}
1 0 2 3
"""

# chance, a two-node information set, outcomes at a non-terminal node, omitted repeats
CHANCE_EFG = r"""EFG 2 R "Signal" { "Sender" "Receiver" }
"comment"

c "nature" 1 "" { "strong" 1/3 "weak" 2/3 } 0
p "" 1 1 "S|strong" { "beer" "quiche" } 1 "entry fee" { -1, 0 }
p "" 2 1 "" { "fight" "yield" } 0
t "" 2 "war" { 0, 1 }
t "" 3 "" { 2, 0 }
p "" 2 2 "R|quiche" { "fight" "yield" } 0
t "" 2
t "" 0
p "" 1 2 "S|weak" { "beer" "quiche" } 0
p "" 2 1 "" { "fight" "yield" } 0
t "" 4 "war" { 1, 1 }
t "" 5 "a \"quoted\" name" { 3, 0 }
p "" 2 2 "R|quiche" { "fight" "yield" } 0
t "" 4
t "" 0
"""


def test_payoff_version() -> None:
    g = gt.read_gambit(PAYOFF_NFG)
    assert isinstance(g, gt.NormalFormGame)
    assert g.players == ("Her", "Him") and g.actions["Her"] == ("1", "2")
    assert g.payoff(("1", "1")) == {"Her": 2, "Him": 1}
    assert g.payoff(("2", "1")) == {"Her": 0, "Him": 0}  # first player fastest
    assert g.payoff(("2", "2")) == {"Her": 1, "Him": 2}
    assert len(gt.nash(g)) == 3


def test_outcome_version_labels_and_exact_decimals() -> None:
    g = gt.read_gambit(OUTCOME_NFG)
    assert g.players == ("Row", "_1")  # an empty label is renamed as Gambit does
    assert g.actions["_1"] == ("x_1", "x_2")  # and so is a repeated one
    assert g.payoff(("swerve", "x_1")) == {"Row": 0, "_1": 0}
    assert g.label(("swerve", "x_1")) == "tie"
    assert g.payoff(("straight", "x_1")) == {"Row": 0, "_1": 0}  # index 0: no outcome
    assert g.label(("straight", "x_1")) == "straight/x_1"
    assert g.payoff(("swerve", "x_2")) == {"Row": R(15, 2), "_1": -1}
    assert g.label(("swerve", "x_2")) == "swerve/x_2"  # an unnamed outcome: default label
    assert g.payoff(("straight", "x_2")) == {"Row": -10, "_1": -10}
    assert g.label(("straight", "x_2")) == "crash"
    assert g.is_exact


def test_extensive_mapping() -> None:
    g = gt.read_gambit(CHANCE_EFG)
    assert isinstance(g, gt.ExtensiveGame)
    assert g.players == ("Sender", "Receiver")
    root = g.root
    assert isinstance(root, gt.Chance)
    p_strong, strong = root.branches["strong"]
    assert p_strong == R(1, 3)
    assert root.branches["weak"][0] == R(2, 3)
    assert isinstance(strong, gt.Decision) and strong.infoset == "S|strong"
    assert set(g.infosets) == {
        "S|strong",
        "S|weak",
        "Receiver:1",
        "R|quiche",
    }  # Receiver's unlabelled 2-node set gets "<player>:<number>"
    assert g.infosets["Receiver:1"].paths == ("strong/beer", "weak/beer")
    # the non-terminal outcome (-1, 0) is added to every payoff below it
    assert g.node("strong/beer/fight").payoffs == {"Sender": -1, "Receiver": 1}
    assert g.node("strong/beer/fight").label == "war"
    assert g.node("strong/beer/yield").label is None
    assert g.node("strong/quiche/yield").payoffs == {"Sender": -1, "Receiver": 0}
    assert g.node("weak/beer/yield").label == 'a "quoted" name'


def test_the_sum_of_chance_probabilities_is_exact() -> None:
    text = 'EFG 2 R "" { "A" } "" c "" 1 "" { "a" 0.333 "b" 0.667 } 0 t "" 0 t "" 0'
    assert gt.read_gambit(text).root.branches["a"][0] == R(333, 1000)
    with pytest.raises(gt.GambitFormatError, match=r"sum to 999/1000, not 1"):
        gt.read_gambit(text.replace("0.667", "0.666"))


def test_a_slash_in_a_label_becomes_a_division_slash_and_is_written_back() -> None:
    """Gambit's catalogue labels chance branches by their probability ("1/2", twice: "1/2_1",
    "1/2_2" after Gambit's renaming); '/' separates node paths here, so it reads as U+2215."""
    text = """EFG 2 R "" { "A" } ""
    c "" 1 "" { "1/2" 1/2 "1/2" 1/2 } 0
    p "" 1 1 "" { "in/out" "stay" } 0
    t "" 1 "" { 1 }
    t "" 2 "" { 2 }
    t "" 3 "" { 3 }
    """
    g = gt.read_gambit(text)
    assert isinstance(g, gt.ExtensiveGame) and isinstance(g.root, gt.Chance)
    assert list(g.root.branches) == ["1\u22152_1", "1\u22152_2"]
    assert g.node("1\u22152_1/in\u2215out").payoffs == {"A": 1}
    written = g.to_gambit()
    assert '"1/2_1" 1/2 "1/2_2" 1/2' in written and '"in/out"' in written
    assert "\u2215" not in written
    assert gt.read_gambit(written) == g


def test_unlabelled_single_node_infosets_keep_path_names_and_shared_labels_are_numbered() -> None:
    text = """EFG 2 R "" { "A" "B" } ""
    p "" 1 1 "h" { "l" "r" } 0
    p "" 2 1 "h" { "x" } 0
    t "" 0
    p "" 2 2 "" { "x" } 0
    t "" 0
    """
    g = gt.read_gambit(text)
    assert list(g.infosets) == ["h_1", "h_2", "B@r"]


def test_sources(tmp_path: Path) -> None:
    path = tmp_path / "bos.nfg"
    path.write_text(PAYOFF_NFG, encoding="utf-8")
    g = gt.read_gambit(PAYOFF_NFG)
    assert gt.read_gambit(path) == g
    assert gt.read_gambit(str(path)) == g
    assert gt.read_gambit(PAYOFF_NFG.encode()) == g
    assert gt.read_gambit(b"\xef\xbb\xbf" + PAYOFF_NFG.encode()) == g  # a byte-order mark
    with pytest.raises(gt.GambitFormatError, match=r"no file named 'missing.nfg'"):
        gt.read_gambit("missing.nfg")
    with pytest.raises(FileNotFoundError):
        gt.read_gambit(tmp_path / "missing.nfg")
    with pytest.raises(gt.UnsupportedGameError, match="int"):
        gt.read_gambit(3)  # type: ignore[arg-type]


def test_error_names_the_path(tmp_path: Path) -> None:
    path = tmp_path / "bad.efg"
    path.write_text('EFG 2 R "" { "A" }\n""\nq "" 1\n', encoding="utf-8")
    with pytest.raises(gt.GambitFormatError) as info:
        gt.read_gambit(path)
    assert str(info.value).startswith(f"{path}: line 3, column 1: expected a node")
    assert (info.value.line, info.value.column) == (3, 1)
    again = pickle.loads(pickle.dumps(info.value))
    assert str(again) == str(info.value) and again.line == 3


def test_writing() -> None:
    g = gt.NormalFormGame.from_matrices(
        [[1, R(1, 3)], [0.1, 2]], [[1, 0], [0, 2]], outcomes={("s1", "s1"): "both first"}
    )
    text = g.to_gambit(title="a 2x2", comment="two lines\nof comment")
    assert text.startswith('NFG 1 R "a 2x2" { "Row" "Col" }')
    assert '{ "both first" 1, 1 }' in text
    assert '{ "" 1/3, 0 }' in text and '{ "" 0.1, 0 }' in text
    back = gt.read_gambit(text)
    assert back.payoff(("s2", "s1"))["Row"] == R(1, 10)  # the float's decimal, exactly
    assert back.label(("s1", "s1")) == "both first"
    tree = gt.ExtensiveGame(
        gt.Chance(
            {
                "a": (R(1, 4), gt.Decision("P", {"x": gt.Outcome(P=1)}, infoset="h")),
                "b": (R(3, 4), gt.Decision("P", {"x": gt.Outcome("end", P=-1)}, infoset="h")),
            }
        )
    )
    assert tree.to_gambit().splitlines()[3:] == [
        'c "" 1 "" { "a" 1/4 "b" 3/4 } 0',
        'p "" 1 1 "h" { "x" } 0',
        't "" 1 "" { 1 }',
        'p "" 1 1 "h" { "x" } 0',
        't "" 2 "end" { -1 }',
    ]
    assert gt.read_gambit(tree.to_gambit()) == tree


def test_symbolic_and_other_games_are_refused() -> None:
    c = sp.Symbol("c", positive=True)
    g = gt.NormalFormGame.from_matrices([[c, 0], [0, 1]], [[0, 1], [1, 0]])
    with pytest.raises(
        gt.UnsupportedGameError,
        match=r"payoff of Row .* is c, which is symbolic.*game\.at\(\.\.\.\)\.to_gambit\(\)",
    ):
        g.to_gambit()
    assert "1/2" in g.at(c=R(1, 2)).to_gambit()
    with pytest.raises(gt.UnsupportedGameError, match="not rational"):
        gt.NormalFormGame.from_matrices([[sp.sqrt(2)]], [[0]]).to_gambit()
    p = sp.Symbol("p", positive=True)
    tree = gt.ExtensiveGame(
        gt.Chance({"a": (p, gt.Outcome(A=1)), "b": (1 - p, gt.Outcome(A=0))}), parameters=[p]
    )
    with pytest.raises(gt.UnsupportedGameError, match=r"branch 'a' at node root is p"):
        tree.to_gambit()
    x = sp.Symbol("x")
    cont = gt.ExtensiveGame(gt.ContinuousDecision("A", x, (0, 1), gt.Outcome(A=x)))
    with pytest.raises(gt.UnsupportedGameError, match="continuous decision"):
        cont.to_gambit()
    from gametheory.io import to_gambit

    with pytest.raises(gt.UnsupportedGameError, match="str"):
        to_gambit("not a game")


def test_labels_with_quotes_and_backslashes_survive() -> None:
    for label in ['say "hi"', "a\\b", "ends\\", '\\"', "two\\\\", "new\nline", ""]:
        (tok, _) = tokenize(quote(label))
        assert tok.kind == "text" and tok.text == label


def test_normalize_labels_like_gambit() -> None:
    assert normalize_labels(["a", "b"]) == ["a", "b"]
    assert normalize_labels(["", "x", "x", "x_1"]) == ["_1", "x_2", "x_3", "x_1"]
    assert normalize_labels(["", ""]) == ["_1", "_2"]


# -- bad input: a GambitFormatError at the right line and column ---------------------------------

BAD = [
    pytest.param("", 1, 1, "expected a Gambit file", id="empty"),
    pytest.param("XFG 1 R", 1, 1, "starting with 'NFG' or 'EFG'", id="not-gambit"),
    pytest.param('NFG 2 R "" { "A" } { 1 } 0', 1, 5, "only version 1", id="nfg-version"),
    pytest.param('EFG 3 R "" { "A" } t "" 0', 1, 5, "only version 2", id="efg-version"),
    pytest.param('NFG 1 X "" { "A" } { 1 } 0', 1, 7, "'R' or 'D'", id="number-type"),
    pytest.param('NFG 1 R "" { "A" } { 1 } 1/0', 1, 26, "divides by zero", id="div-zero"),
    pytest.param('NFG 1 R "" { "A" } { 1 } 1.2.3', 1, 26, "'1.2.3' is not a number", id="nan"),
    pytest.param('NFG 1 R "" { "A" } { 1 } 1e99999', 1, 26, "exponent", id="exponent"),
    pytest.param(
        'NFG 1 R "" { "A" } { 1 }\n two',
        2,
        2,
        "expected the outcomes ('{') or the payoffs",
        id="word",
    ),
    pytest.param('NFG 1 R "" { "A" "B" } { 2 2 }\n1 2 3', 2, 6, "end of the file", id="short"),
    pytest.param('NFG 1 R "" { "A" } { 1 } 1 2', 1, 28, "end of the file, found '2'", id="long"),
    pytest.param('NFG 1 R "" { "A" } { 2 3 } 1', 1, 26, "for 2 player(s)", id="strategies"),
    pytest.param('NFG 1 R "" { } { } 1', 1, 12, "no players", id="no-players"),
    pytest.param('NFG 1 R "" { "A" } { 0 } 1', 1, 22, "no strategies", id="zero-strats"),
    pytest.param(
        'NFG 1 R "" { "A" } { { "a" } }\n{\n{ "" 1 }\n}\n2', 5, 1, "only 1 outcome", id="ix"
    ),
    pytest.param('NFG 1 R "" { "A" } { { "a" } }\n{\n{ "" 1 2 }\n} 1', 3, 8, "'}' after", id="pay"),
    pytest.param('NFG 1 R "x { "A" }', 1, 16, "never closed", id="unclosed-string"),
    pytest.param('EFG 2 R "" { "A" } ""\np "" 2 1 "" { "a" } 0', 2, 6, "player number 2", id="pl"),
    pytest.param('EFG 2 R "" { "A" } ""\np "" 1 1 0', 2, 10, "before its actions", id="infoset"),
    pytest.param('EFG 2 R "" { "A" } ""\nt "" 3', 2, 6, "before its payoffs", id="outcome"),
    pytest.param(
        'EFG 2 R "" { "A" } ""\np "" 1 1 "" { "a" "b" } 0\nt "" 1 "o" { 1 }\nt "" 1 "o" { 2 }',
        4,
        6,
        "outcome 1 is defined again differently: at line 3, column 6",
        id="outcome-twice",
    ),
    pytest.param(
        'EFG 2 R "" { "A" } ""\nc "" 1 "" { "a" 1/2 "b" 1/2 } 0\n'
        'p "" 1 1 "" { "x" } 0 t "" 0\np "" 1 1 "" { "y" } 0 t "" 0',
        4,
        10,
        "information set 1 of player 1 is defined again differently",
        id="infoset-twice",
    ),
    pytest.param(
        'EFG 2 R "" { "A" } ""\nc "" 1 "" { "a" 1/2 "b" 1/3 } 0 t "" 0 t "" 0',
        2,
        11,
        "sum to 5/6, not 1",
        id="chance-sum",
    ),
    pytest.param(
        'EFG 2 R "" { "A" } ""\nc "" 1 "" { "a" 3/2 "b" -1/2 } 0', 2, 17, "not in [0, 1]", id="p"
    ),
    pytest.param('EFG 2 R "" { "A" } ""\np "" 1 1 "" { } 0', 2, 13, "no actions", id="no-acts"),
    pytest.param('EFG 2 R "" { "A" } ""\nt "" 0 "x" { 1 }', 2, 6, "outcome 0", id="null-out"),
    pytest.param('EFG 2 R "" { "A" } ""\np "" 1 1 "" { "a" } 0', 2, 22, "a node", id="truncated"),
    pytest.param('EFG 2 R "" { "A" } ""\nt "" 0\nt "" 0', 3, 1, "last node", id="two-roots"),
    pytest.param('EFG 2 R "" { "label" } ""\nt "" 0', 1, 12, "'label'", id="label-player"),
    pytest.param(b'NFG 1 R "caf\xe9" { "A" } { 1 } 0', 1, 13, "not UTF-8", id="latin-1"),
    pytest.param(b'NFG 1 R ""\n { "\xc3\xa9\xff" }', 2, 6, "byte 0xff", id="utf8-col"),
]


@pytest.mark.parametrize(("text", "line", "column", "fragment"), BAD)
def test_bad_files_name_line_and_column(
    text: str | bytes, line: int, column: int, fragment: str
) -> None:
    with pytest.raises(gt.GambitFormatError) as info:
        gt.read_gambit(text)
    message = str(info.value)
    assert message.startswith(f"line {line}, column {column}: "), message
    assert fragment in message, message
    assert isinstance(info.value, gt.InvalidGameError | gt.GameError | ValueError)


def test_a_deep_tree_is_refused_before_recursion_fails() -> None:
    from gametheory.io.gambit_efg import MAX_DEPTH

    def chain(n: int) -> str:
        nodes = [f'p "" 1 {i + 1} "" {{ "go" "stop" }} 0\nt "" 0' for i in range(n)]
        return 'EFG 2 R "" { "A" } ""\n' + "\n".join(nodes) + '\nt "" 0\n'

    assert isinstance(gt.read_gambit(chain(MAX_DEPTH)), gt.ExtensiveGame)
    with pytest.raises(gt.GambitFormatError, match="deeper than"):
        gt.read_gambit(chain(MAX_DEPTH + 1))


# -- fuzzing ------------------------------------------------------------------------------------

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "gambit-games"
SEEDS = [PAYOFF_NFG.encode(), OUTCOME_NFG.encode(), CHANCE_EFG.encode()] + (
    sorted(
        p.read_bytes()
        for p in [*CORPUS.rglob("*.nfg"), *CORPUS.rglob("*.efg")]
        if p.stat().st_size < 1500
    )
    if CORPUS.is_dir()
    else []
)


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    """A valid file with a few random edits: deletions, insertions, byte flips, a truncation."""
    data = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["delete", "insert", "flip", "truncate", "token"]))
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        if kind == "delete":
            del data[at : at + draw(st.integers(1, 8))]
        elif kind == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=4))
        elif kind == "flip" and data:
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif kind == "truncate":
            del data[at:]
        else:  # a token of the format, where it may confuse the reader most
            data[at:at] = draw(
                st.sampled_from([b"{", b"}", b'"', b",", b" 0 ", b" -1/3 ", b" 9e9 ", b" t "])
            )
    return bytes(data)


@settings(max_examples=300)
@given(mutated())
def test_mutated_files_give_a_game_or_a_game_error(data: bytes) -> None:
    try:
        game = gt.read_gambit(data)
    except gt.GambitFormatError as exc:  # every refusal of a file names its line and column
        assert exc.line >= 1 and exc.column >= 1
        assert str(exc).startswith(f"line {exc.line}, column {exc.column}: ")
        return
    assert isinstance(game, gt.NormalFormGame | gt.ExtensiveGame)
    assert gt.read_gambit(game.to_gambit()) == game
