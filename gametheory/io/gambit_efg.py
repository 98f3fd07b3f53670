"""Gambit's extensive-form format (``.efg``, version 2): reading and writing.

A file is a header ``EFG 2 R "title" { "player" ... }``, an optional comment string, then the
nodes in prefix order (a node, then each child's subtree in action order)::

    p "node" player infoset "infoset label" { "action" ... } outcome
    c "node" infoset "infoset label" { "branch" probability ... } outcome
    t "node" outcome "outcome name" { payoff, ... }

Information sets are numbered per player (chance is player 0); the action list may be left out
of later members of an information set.  An outcome is numbered too: its name and payoffs are
given where it first appears, ``0`` is no outcome, and outcomes at non-terminal nodes add to the
payoffs of every terminal node below them.

Mapping to :class:`~gametheory.ExtensiveGame` (nodes are named by their path of actions):

- players and action labels as in Gambit (an empty or repeated label is renamed as Gambit does:
  ``""`` becomes ``_1``, a repeated ``x`` becomes ``x_1``, ``x_2``, ...; per information set),
  except that ``/`` in an action or branch label (Gambit's catalogue labels chance branches
  ``"1/2"``) becomes ``∕`` (U+2215, division slash), since ``/`` separates node paths here;
  writing turns it back into ``/``;
- a decision node's ``infoset`` is its Gambit information-set label when that label is non-empty
  and used by no other information set; a single-node information set without a label gets none
  (so it is ``"<player>@<path>"``); any other is named ``"<player>:<number>"`` (empty label) or
  ``"<label>_<k>"`` (a label shared by several information sets);
- a terminal node's payoffs are the sum of the outcomes on its path, and its ``label`` the name of
  its own outcome (``None`` when unnamed or absent);
- chance probabilities are exact and must be between 0 and 1 and sum to exactly 1 at each node
  (decimals are the rationals they denote, so ``0.333 0.333 0.333`` is refused);
- node labels, chance information-set labels, the title and the comment are not kept.

Writing gives every information set a number per player in order of first appearance, every
chance node its own chance information set, and one outcome per distinct (label, payoffs) pair.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

import sympy as sp

from ..errors import GameError, UnsupportedGameError
from ..games.extensive import ExtensiveGame, infoset_label
from ..games.tree import (
    Chance,
    ContinuousChance,
    ContinuousDecision,
    Decision,
    Node,
    Outcome,
    node_paths,
)
from ._lexer import (
    MAX_SUM_BITS,
    Token,
    TokenStream,
    normalize_labels,
    number_text,
    quote,
    shown_list,
    shown_number,
)

__all__ = ["MAX_DEPTH", "SLASH", "parse_efg", "write_efg"]

SLASH = "\u2215"
"""What ``/`` in a Gambit action or branch label becomes here (``/`` separates node paths)."""

MAX_DEPTH = 400
"""Deepest tree read: the game classes walk trees recursively."""


@dataclass
class _Infoset:
    label: str
    actions: list[str]
    probs: list[Fraction] | None  # chance only
    token: Token
    members: int = 0


@dataclass
class _Node:
    kind: str  # "p", "c" or "t"
    token: Token
    parent: int
    infoset: tuple[int, int] | None  # (player number, infoset number); chance is player 0
    outcome: int
    children: list[int] = field(default_factory=list)


class _Reader:
    def __init__(self, stream: TokenStream) -> None:
        self.stream = stream
        self.players: list[str] = []
        self.infosets: dict[tuple[int, int], _Infoset] = {}
        self.outcomes: dict[int, tuple[str, tuple[Fraction, ...], Token]] = {}
        self.nodes: list[_Node] = []

    def header(self) -> Token:
        s = self.stream
        head = s.expect("symbol", "'EFG'")
        if head.text != "EFG":
            raise s.error(f"expected 'EFG', found {head.describe()}", head)
        version = s.expect("number", "the format version (2) after 'EFG'")
        if version.text != "2":
            raise s.error(
                f"unknown .efg version {version.text!r}: only version 2 is read ('EFG 2 R ...')",
                version,
            )
        kind = s.expect("symbol", "the number type ('R' or 'D') after 'EFG 2'")
        if kind.text not in ("R", "D"):
            raise s.error(f"expected 'R' or 'D' after 'EFG 2', found {kind.describe()}", kind)
        s.expect("text", "the game's title (a quoted string)")
        at = s.peek()
        raw = s.labels("list of players")
        self.players = normalize_labels(raw)
        if "label" in self.players:
            raise s.error("a player named 'label' cannot be represented (Outcome's keyword)", at)
        if s.peek().kind == "text":  # the optional comment
            s.next()
        return at

    def tree(self) -> None:
        stack: list[list[int]] = []  # [node index, children still to read]
        while True:
            parent = stack[-1][0] if stack else -1
            index = self.node(parent)
            if stack:
                stack[-1][1] -= 1
                self.nodes[parent].children.append(index)
            key = self.nodes[index].infoset
            if key is not None:
                if len(stack) >= MAX_DEPTH:
                    raise self.stream.error(
                        f"the tree is deeper than {MAX_DEPTH} levels", self.nodes[index].token
                    )
                stack.append([index, len(self.infosets[key].actions)])
            while stack and stack[-1][1] == 0:
                stack.pop()
            if not stack:
                break
        end = self.stream.peek()
        if end.kind != "eof":
            raise self.stream.error(
                f"expected the end of the file after the tree's last node, found {end.describe()}"
            )

    def node(self, parent: int) -> int:
        s = self.stream
        tok = s.next()
        if tok.kind != "symbol" or tok.text not in ("p", "c", "t"):
            raise s.error(
                f"expected a node ('p' player, 'c' chance or 't' terminal), found {tok.describe()}",
                tok,
            )
        s.expect("text", f"the label of the '{tok.text}' node (a quoted string)")
        key: tuple[int, int] | None = None
        if tok.text == "p":
            at = s.peek()
            player = s.count("a player number")
            if not 1 <= player <= len(self.players):
                raise s.error(
                    f"player number {player}, but the game has {len(self.players)} player(s)", at
                )
            key = (player, s.count("an information set number"))
            self.infoset(key, tok)
        elif tok.text == "c":
            key = (0, s.count("a chance information set number"))
            self.infoset(key, tok)
        self.nodes.append(_Node(tok.text, tok, parent, key, self.outcome()))
        return len(self.nodes) - 1

    def infoset(self, key: tuple[int, int], node: Token) -> None:
        s = self.stream
        who = "chance" if key[0] == 0 else f"player {key[0]}"
        name = f"information set {key[1]} of {who}"
        known = self.infosets.get(key)
        if s.peek().kind != "text":
            if known is None:
                raise s.error(f"{name} is used before its actions are given")
            known.members += 1
            return
        given = s.next()
        label = given.text
        at = s.peek()
        actions, probs = self.actions(name) if key[0] == 0 else (s.labels("actions"), None)
        if not actions:
            raise s.error(f"{name} has no actions", at)
        if known is None:
            self.infosets[key] = _Infoset(label, actions, probs, node, 1)
            return
        if (known.label, known.actions, known.probs) != (label, actions, probs):
            first = f"line {known.token.line}, column {known.token.column}"
            raise s.error(
                f"{name} is defined again differently: at {first} it is {known.label!r} "
                f"{shown_list(known.actions)}"
                + (f" {shown_list(known.probs)}" if known.probs else "")
                + f", here {label!r} {shown_list(actions)}"
                + (f" {shown_list(probs)}" if probs else ""),
                given,
            )
        known.members += 1

    def actions(self, name: str) -> tuple[list[str], list[Fraction]]:
        s = self.stream
        opening = s.expect("{", f"'{{' opening the branches of {name}")
        labels: list[str] = []
        probs: list[Fraction] = []
        while s.peek().kind == "text":
            labels.append(s.next().text)
            at = s.peek()
            p = s.number(f"the probability of branch {labels[-1]!r}")
            if not 0 <= p <= 1:
                raise s.error(
                    f"the probability of branch {labels[-1]!r} is {shown_number(p)}, not in [0, 1]",
                    at,
                )
            probs.append(p)
        s.expect("}", f"a branch label or '}}' closing the branches of {name}")
        total = Fraction(0)
        for p in probs:
            total += p
            if total.denominator.bit_length() > MAX_SUM_BITS:
                raise s.error(
                    f"the probabilities of {name} have denominators too large to add exactly "
                    f"(their sum needs more than {MAX_SUM_BITS} bits)",
                    opening,
                )
        if labels and total != 1:
            terms = " + ".join(shown_number(p) for p in probs[:8])
            raise s.error(
                f"the probabilities of {name} sum to {shown_number(total)}, not 1 "
                f"({terms}{' + ...' if len(probs) > 8 else ''})",
                opening,
            )
        return labels, probs

    def outcome(self) -> int:
        s = self.stream
        at = s.peek()
        number = s.count("an outcome number (0 for none)")
        if s.peek().kind != "text":
            if number and number not in self.outcomes:
                raise s.error(f"outcome {number} is used before its payoffs are given", at)
            return number
        if number == 0:
            raise s.error("outcome 0 (no outcome) cannot have a name or payoffs", at)
        name = s.next().text
        where = f"outcome {number}"
        s.expect("{", f"'{{' opening the payoffs of {where}")
        pays = s.payoffs(self.players, where, "}")
        known = self.outcomes.get(number)
        if known is None:
            self.outcomes[number] = (name, tuple(pays), at)
        elif known[:2] != (name, tuple(pays)):
            first = f"line {known[2].line}, column {known[2].column}"
            raise s.error(
                f"outcome {number} is defined again differently: at {first} it is "
                f"{known[0]!r} {shown_list(known[1])}, here {name!r} {shown_list(pays)}",
                at,
            )
        return number

    # -- building the game ----------------------------------------------------------------
    def labels(self) -> dict[tuple[int, int], str | None]:
        """Our information-set label of each (player, number) decision information set."""
        keys = [k for k in self.infosets if k[0] != 0]
        named = [k for k in keys if self.infosets[k].label]
        unique = normalize_labels([self.infosets[k].label for k in named])
        out: dict[tuple[int, int], str | None] = dict(zip(named, unique, strict=True))
        used = {lab for lab in out.values() if lab is not None}
        for k in keys:
            info = self.infosets[k]
            if info.label:
                continue
            if info.members == 1:
                out[k] = None
                continue
            base = candidate = f"{self.players[k[0] - 1]}:{k[1]}"
            extra = 0
            while candidate in used:
                extra += 1
                candidate = f"{base}_{extra}"
            used.add(candidate)
            out[k] = candidate
        return out

    def build(self, players_at: Token) -> ExtensiveGame:
        ours = self.labels()
        actions = {
            k: [lab.replace("/", SLASH) for lab in normalize_labels(info.actions)]
            for k, info in self.infosets.items()
        }
        zero = tuple(Fraction(0) for _ in self.players)
        totals: list[tuple[Fraction, ...]] = []
        for node in self.nodes:  # prefix order: a parent's total is known before its children
            base = totals[node.parent] if node.parent >= 0 else zero
            own = self.outcomes[node.outcome][1] if node.outcome else zero
            total = tuple(a + b for a, b in zip(base, own, strict=True))
            if any(v.denominator.bit_length() > MAX_SUM_BITS for v in total):
                raise self.stream.error(
                    "the outcomes on the path to this node add up to payoffs whose denominators "
                    f"need more than {MAX_SUM_BITS} bits",
                    node.token,
                )
            totals.append(total)
        built: list[Node | None] = [None] * len(self.nodes)
        for i in reversed(range(len(self.nodes))):
            node = self.nodes[i]
            try:
                built[i] = self.make(node, totals[i], ours, actions, built)
            except GameError as exc:
                raise self.stream.error(str(exc), node.token) from None
            for c in node.children:
                built[c] = None  # free the children: each node has one parent
        root = built[0]
        if root is None:  # pragma: no cover - the reader always reads a root
            raise self.stream.error("the file has no nodes", players_at)
        try:
            return ExtensiveGame(root, players=self.players)
        except GameError as exc:
            raise self.stream.error(str(exc), self.nodes[0].token) from None

    def make(
        self,
        node: _Node,
        total: tuple[Fraction, ...],
        ours: dict[tuple[int, int], str | None],
        actions: dict[tuple[int, int], list[str]],
        built: list[Node | None],
    ) -> Node:
        if node.infoset is None:
            name = self.outcomes[node.outcome][0] if node.outcome else ""
            pays = {
                p: sp.Rational(v.numerator, v.denominator)
                for p, v in zip(self.players, total, strict=True)
            }
            return Outcome(name or None, **pays)
        kids: list[Node] = []
        for c in node.children:
            kid = built[c]
            if kid is None:  # pragma: no cover - children are built before their parent
                raise GameError("a child node was not built")
            kids.append(kid)
        labels = actions[node.infoset]
        info = self.infosets[node.infoset]
        if node.infoset[0] == 0:
            probs = info.probs or []
            return Chance(
                {
                    b: (sp.Rational(p.numerator, p.denominator), kid)
                    for b, p, kid in zip(labels, probs, kids, strict=True)
                }
            )
        player = self.players[node.infoset[0] - 1]
        return Decision(player, dict(zip(labels, kids, strict=True)), ours[node.infoset])


def parse_efg(stream: TokenStream) -> ExtensiveGame:
    """Read a game from the tokens of an ``.efg`` file (positioned at ``EFG``)."""
    reader = _Reader(stream)
    at = reader.header()
    reader.tree()
    return reader.build(at)


def write_efg(game: ExtensiveGame, title: str = "", comment: str = "") -> str:
    """The ``.efg`` text of a finite tree with numeric payoffs and probabilities."""
    players = game.players
    lines = [
        f"EFG 2 R {quote(title)} {{ {' '.join(quote(p) for p in players)} }}",
        quote(comment),
        "",
    ]
    numbers: dict[str, dict[str, int]] = {p: {} for p in players}
    outcomes: dict[tuple[str, tuple[str, ...]], int] = {}
    chance = 0
    for path, node in node_paths(game.root):
        if isinstance(node, ContinuousDecision):
            raise UnsupportedGameError(
                f"node {path} is a continuous decision: a Gambit file holds finite games only"
            )
        if isinstance(node, ContinuousChance):
            raise UnsupportedGameError(
                f"node {path} draws a continuum of types ({node.variable}): a Gambit file holds "
                "finite games only"
            )
        if isinstance(node, Decision):
            own = numbers[node.player]
            number = own.setdefault(infoset_label(node, path), len(own) + 1)
            acts = " ".join(quote(a.replace(SLASH, "/")) for a in node.actions)
            lines.append(
                f'p "" {players.index(node.player) + 1} {number} {quote(node.infoset or "")} '
                f"{{ {acts} }} 0"
            )
        elif isinstance(node, Chance):
            chance += 1
            branches = " ".join(
                f"{quote(b.replace(SLASH, '/'))} {number_text(p, f'the probability of branch {b!r} at node {path}')}"
                for b, (p, _) in node.branches.items()
            )
            lines.append(f'c "" {chance} "" {{ {branches} }} 0')
        else:
            pays = tuple(
                number_text(node.payoffs[p], f"the payoff of {p} at node {path}") for p in players
            )
            key = (node.label or "", pays)
            number = outcomes.setdefault(key, len(outcomes) + 1)
            lines.append(f't "" {number} {quote(key[0])} {{ {", ".join(pays)} }}')
    return "\n".join(lines) + "\n"
