"""Play the «test-wise» participant: strategies that use cues, not knowledge, against every exercise.

A participant who does not read the course must score no better than chance. This module plays
the strategies such a participant uses (the first option, the longest, the most hedged; «Ja» all
the way; the same answer to every item; everything or nothing) and compares each with what
random answering scores. ``tests/test_testwise.py`` fails when a strategy beats chance by a clear
margin over all exercises of a kind, or when a single exercise can be passed by a uniform answer.

Authors: ``python -m somekurs.exercises.testwise [theme]`` lists, per exercise, what each strategy
scores and what chance scores, and flags the cues it finds.
"""

from __future__ import annotations

import itertools
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from somekurs.exercises import shuffle
from somekurs.exercises.evaluate import evaluate
from somekurs.exercises.kinds import inbox as inbox_kind
from somekurs.exercises.kinds.base import Exercise
from somekurs.exercises.kinds.risk import near

MARGIN = 0.15  # a strategy may beat chance by at most this much, averaged over a kind's exercises
UNIFORM_MAX = 0.67  # the same answer everywhere may get at most this share of one exercise right, and never all
SEEDS = [f"seed-{n}" for n in range(12)]  # participants: each sees its own shuffled order
HEDGES = re.compile(
    r"\b(kan|kanskje|ofte|vanligvis|som regel|normalt|bør|vurder\w*|avhenger|kommer an på|der det|hvis|om nødvendig|blant annet)\b",
    re.I,
)
YES = re.compile(r"^\s*ja\b", re.I)
NO = re.compile(r"^\s*nei\b", re.I)


@dataclass
class Result:
    """What one strategy scores on one exercise, and what random answering scores."""

    exercise: str
    kind: str
    strategy: str
    score: float  # 0..1 as the judge scores the strategy's answer (averaged over participants)
    chance: float  # expected score of random answering
    passed: bool = False  # the judge called the strategy's answer fully right (for at least one participant)


@dataclass
class Report:
    results: list[Result] = field(default_factory=list)

    def by_strategy(self) -> dict[tuple[str, str], list[Result]]:
        out: dict[tuple[str, str], list[Result]] = {}
        for r in self.results:
            out.setdefault((r.kind, r.strategy), []).append(r)
        return out

    def beating_chance(self, margin: float = MARGIN) -> list[str]:
        """Strategies whose mean score over a kind's exercises beats the mean chance by more than ``margin``
        (uniform answers are held to :meth:`uniform_too_good` instead: the best of them is no fair guess)."""
        found = []
        for (kind, strategy), rows in sorted(self.by_strategy().items()):
            if strategy.startswith("same"):
                continue
            score = sum(r.score for r in rows) / len(rows)
            chance = sum(r.chance for r in rows) / len(rows)
            if score > chance + margin:
                found.append(f"{kind}/{strategy}: {score:.2f} mot tilfeldig {chance:.2f} over {len(rows)} oppgaver")
        return found

    def uniform_too_good(self, limit: float = UNIFORM_MAX) -> list[str]:
        """Exercises a uniform answer passes outright, or gets more than ``limit`` of right."""
        return [
            f"{r.exercise}: «{r.strategy}» gir {'riktig' if r.passed else f'{r.score:.0%} riktig'}"
            for r in self.results
            if r.strategy.startswith("same") and (r.passed or r.score > limit)
        ]


def _r(ex: Exercise, kind: str, strategy: str, scored: tuple[float, bool], chance: float) -> Result:
    return Result(ex["id"], kind, strategy, scored[0], chance, scored[1])


def _best(ex: Exercise, kind: str, strategy: str, answers: list[Any], chance: float) -> Result:
    """The best of several uniform answers (the same category, rating or action for every item)."""
    scored = [_score(ex, a) for a in answers]
    return Result(ex["id"], kind, strategy, max(s for s, _ in scored), chance, any(p for _, p in scored))


def _score(exercise: Exercise, answer: Any) -> tuple[float, bool]:
    feedback = evaluate(exercise, answer)
    return (0.0, False) if feedback.needs_input else (feedback.score, bool(feedback.correct))


def _over_seeds(exercise: Exercise, make: Callable[[str], Any]) -> tuple[float, bool]:
    scores = [_score(exercise, make(seed)) for seed in SEEDS]
    return sum(s for s, _ in scores) / len(scores), any(p for _, p in scores)


def _hedges(text: str) -> int:
    return len(HEDGES.findall(text))


# --- per kind ---------------------------------------------------------------------------------------


def _choice(ex: Exercise) -> Iterable[Result]:
    options = ex["options"]
    ids = [o["id"] for o in options]
    right = {o["id"] for o in options if o["correct"]}
    if ex.get("multiple"):
        # random ticking: each option agrees with the key half the time
        chance = 0.5
        yield _r(ex, "choice-multi", "tick-all", _score(ex, ids), chance)
        longest = sorted(options, key=lambda o: -len(o["text"]))[: max(1, len(options) // 2)]
        yield _r(ex, "choice-multi", "tick-longest-half", _score(ex, [o["id"] for o in longest]), chance)
        hedged = [o["id"] for o in options if _hedges(o["text"])] or ids[:1]
        yield _r(ex, "choice-multi", "tick-hedged", _score(ex, hedged), chance)
        first_half = lambda seed: shuffle.order(seed, ex["id"], "options", ids)[: max(1, len(ids) // 2)]  # noqa: E731
        yield _r(ex, "choice-multi", "tick-first-half", _over_seeds(ex, first_half), chance)
        return
    chance = len(right) / len(options)

    def pick(key: Callable[[dict[str, Any]], Any]) -> str:
        return max(options, key=key)["id"]

    yield _r(ex, "choice", "first-shown", _over_seeds(ex, lambda s: shuffle.order(s, ex["id"], "options", ids)[0]), chance)
    yield _r(ex, "choice", "first-in-book", _score(ex, shuffle.order(shuffle.MARKUP_SEED, ex["id"], "options", ids)[0]), chance)
    yield _r(ex, "choice", "longest", _score(ex, pick(lambda o: len(o["text"]))), chance)
    yield _r(ex, "choice", "shortest", _score(ex, pick(lambda o: -len(o["text"]))), chance)
    yield _r(ex, "choice", "most-hedged", _score(ex, pick(lambda o: (_hedges(o["text"]), len(o["text"])))), chance)


def _sort(ex: Exercise) -> Iterable[Result]:
    cats = [c["id"] for c in ex["categories"]]
    chance = sum(len({i["category"], *i.get("also", [])}) for i in ex["items"]) / len(ex["items"]) / len(cats)
    yield _best(ex, "sort", "same-category", [{i["id"]: cat for i in ex["items"]} for cat in cats], chance)


def _checklist(ex: Exercise) -> Iterable[Result]:
    for value, name in ((True, "same-met"), (False, "same-not-met")):
        yield _r(ex, "checklist", name, _score(ex, {c["id"]: value for c in ex["checks"]}), 0.5)


def _risk(ex: Exercise) -> Iterable[Result]:
    # random ratings: the share of the 25 cells within one step of each key, averaged
    def cells(r: dict[str, Any]) -> int:
        return sum(1 for a, b in itertools.product(range(1, 6), repeat=2) if near((a, b), r))

    chance = sum(cells(r) / 25 for r in ex["risks"]) / len(ex["risks"])
    pairs = [(a, b) for a in range(1, 6) for b in range(1, 6)]
    yield _best(ex, "risk", "same-rating", [{r["id"]: list(pair) for r in ex["risks"]} for pair in pairs], chance)


def _walk(
    nodes: dict[str, Any],
    start: str,
    choose: Callable[[str, list[dict[str, Any]]], dict[str, Any]],
    is_end: Callable[[str], bool],
    options_of: Callable[[str], list[dict[str, Any]]],
) -> list[str]:
    path, node = [], start
    for _ in range(100):
        if is_end(node):
            break
        option = choose(node, options_of(node))
        path.append(option["id"])
        node = option["next"]
    return path


def _decision(ex: Exercise) -> Iterable[Result]:
    from somekurs.exercises.kinds.decision import expected, node_ids

    nodes, goals, ids = ex["nodes"], set(expected(ex)), node_ids(ex)

    def reach_chance(node: str) -> float:
        if "outcome" in nodes[node]:
            return 1.0 if node in goals else 0.0
        options = nodes[node]["options"]
        return sum(reach_chance(o["next"]) for o in options) / len(options)

    chance = reach_chance(ex["start"])

    def run(choose: Callable[[str, list[dict[str, Any]]], dict[str, Any]]) -> list[str]:
        return _walk(nodes, ex["start"], choose, lambda n: "outcome" in nodes[n], lambda n: nodes[n]["options"])

    def label(pattern: re.Pattern[str]) -> Callable[[str, list[dict[str, Any]]], dict[str, Any]]:
        return lambda n, opts: next((o for o in opts if pattern.match(o["label"])), opts[0])

    def first_shown(seed: str) -> list[str]:
        def choose(n: str, opts: list[dict[str, Any]]) -> dict[str, Any]:
            first = shuffle.order(seed, ex["id"], f"node-{ids[n]}", [o["id"] for o in opts])[0]
            return next(o for o in opts if o["id"] == first)

        return run(choose)

    def reached(path: list[str]) -> float:
        return 1.0 if evaluate(ex, path).correct else 0.0

    yield Result(ex["id"], "decision", "always-ja", reached(run(label(YES))), chance)
    yield Result(ex["id"], "decision", "always-nei", reached(run(label(NO))), chance)
    yield Result(
        ex["id"], "decision", "longest-label", reached(run(lambda n, opts: max(opts, key=lambda o: len(o["label"])))), chance
    )
    yield Result(ex["id"], "decision", "first-shown", sum(reached(first_shown(s)) for s in SEEDS) / len(SEEDS), chance)


def _scenario(ex: Exercise) -> Iterable[Result]:
    from somekurs.exercises.kinds.scenario import best_points

    steps, endings = ex["steps"], ex["endings"]
    best = best_points(ex, ex["start"]) or 1

    def expected_points(node: str) -> float:
        if node in endings:
            return 0.0
        choices = steps[node]["choices"]
        return sum(c["points"] + expected_points(c["next"]) for c in choices) / len(choices)

    chance = expected_points(ex["start"]) / best

    def run(choose: Callable[[str, list[dict[str, Any]]], dict[str, Any]]) -> list[str]:
        return _walk(steps, ex["start"], choose, lambda n: n in endings, lambda n: steps[n]["choices"])

    def first_shown(seed: str) -> list[str]:
        def choose(n: str, opts: list[dict[str, Any]]) -> dict[str, Any]:
            first = shuffle.order(seed, ex["id"], f"step-{n}", [c["id"] for c in opts])[0]
            return next(c for c in opts if c["id"] == first)

        return run(choose)

    yield _r(ex, "scenario", "longest", _score(ex, run(lambda n, o: max(o, key=lambda c: len(c["text"])))), chance)
    yield _r(ex, "scenario", "shortest", _score(ex, run(lambda n, o: min(o, key=lambda c: len(c["text"])))), chance)
    yield _r(
        ex,
        "scenario",
        "most-hedged",
        _score(ex, run(lambda n, o: max(o, key=lambda c: (_hedges(c["text"]), len(c["text"]))))),
        chance,
    )
    yield _r(ex, "scenario", "first-shown", _over_seeds(ex, first_shown), chance)


def _inbox(ex: Exercise) -> Iterable[Result]:
    offered = list(ex.get("actions") or inbox_kind.ACTIONS)
    items = ex["items"]
    # random: each offered action ticked with probability one half
    chance = 0.0
    for item in items:
        must, must_not = set(item["must"]), set(item.get("must_not", []))
        chance += 0.5 ** (len(must) + len(must_not))
    chance /= len(items)
    yield _best(ex, "inbox", "same-action", [{i["id"]: [action] for i in items} for action in offered], chance)
    yield _r(ex, "inbox", "same-everything", _score(ex, {i["id"]: list(offered) for i in items}), chance)


def _compare(ex: Exercise) -> Iterable[Result]:
    if ex.get("draft") and ex.get("rules"):
        yield _r(ex, "compare", "same-draft-unchanged", _score(ex, {"text": ex["draft"]}), 0.0)


PLAYERS: dict[str, Callable[[Exercise], Iterable[Result]]] = {
    "choice": _choice,
    "sort": _sort,
    "checklist": _checklist,
    "risk": _risk,
    "decision": _decision,
    "scenario": _scenario,
    "inbox": _inbox,
    "compare": _compare,
}


def play(exercises: Iterable[Exercise]) -> Report:
    report = Report()
    for ex in exercises:
        player = PLAYERS.get(ex["kind"])
        if player is not None:
            report.results.extend(player(ex))
    return report


def cues(ex: Exercise) -> list[str]:
    """Cues in one exercise that an author can remove (used by the command line)."""
    found = []
    if ex["kind"] == "choice" and not ex.get("multiple"):
        options = ex["options"]
        longest = max(options, key=lambda o: len(o["text"]))
        if longest["correct"] and len(longest["text"]) > 1.2 * sorted(len(o["text"]) for o in options)[-2]:
            found.append("det riktige svaret er klart det lengste")
        hedged = max(options, key=lambda o: _hedges(o["text"]))
        if hedged["correct"] and _hedges(hedged["text"]) > max(_hedges(o["text"]) for o in options if o is not hedged):
            found.append("det riktige svaret er det mest forbeholdne")
        absolute = [o for o in options if not o["correct"] and re.search(r"\b(alltid|aldri|alle|ingen|aldri)\b", o["text"], re.I)]
        if len(absolute) == len([o for o in options if not o["correct"]]):
            found.append("alle de gale svarene er absolutte («alltid», «aldri»): lett å avvise")
    return found


def main(argv: list[str]) -> int:
    from somekurs.exercises.model import load_exercises

    exercises, problems = load_exercises()
    for problem in problems:
        print("DATAFEIL:", problem)
    chosen = [e for e in exercises.values() if not argv or e["theme"] in argv or e["id"] in argv]
    report = play(chosen)
    for ex in chosen:
        rows = [r for r in report.results if r.exercise == ex["id"]]
        line = ", ".join(f"{r.strategy} {r.score:.2f}" for r in rows)
        chance = f" (tilfeldig {rows[0].chance:.2f})" if rows else ""
        flags = cues(ex) + [
            f"«{r.strategy}» gir {r.score:.0%}"
            for r in rows
            if r.strategy.startswith("same") and (r.passed or r.score > UNIFORM_MAX)
        ]
        print(f"{ex['id']} [{ex['kind']}]: {line}{chance}" + ("".join(f"\n  ! {f}" for f in flags)))
    beat = report.beating_chance()
    for line in beat:
        print("SLÅR TILFELDIG:", line)
    for line in report.uniform_too_good():
        print("SAMME SVAR OVERALT:", line)
    return 1 if beat or report.uniform_too_good() or problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
