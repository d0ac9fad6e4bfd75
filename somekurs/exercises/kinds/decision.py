"""Decision tree: walk yes/no (or several-way) questions to an outcome (must this be journalført?)."""

from __future__ import annotations

import random
from html import escape
from typing import Any

from somekurs.exercises import shuffle
from somekurs.exercises.feedback import (
    Ask,
    Feedback,
    Line,
    as_list,
    common_text,
    duplicate_ids,
    fraction,
)
from somekurs.exercises.htmlparts import option_row
from somekurs.exercises.kinds.base import Controls, Exercise, Kind

MAX_NODES = 200  # far more than any real tree; keeps a broken file from stalling the build
MAX_DEPTH = 40  # questions on the longest path


def node_ids(exercise: Exercise) -> dict[str, str]:
    """Decision nodes get numbered ids in the HTML (their YAML names may hold any character)."""
    return {name: str(n) for n, name in enumerate(exercise.get("nodes", {}))}


def _options(nodes: dict[str, Any], name: str) -> list[dict[str, Any]]:
    return nodes[name].get("options") or []


def reachable(exercise: Exercise) -> set[str]:
    """The node names a participant can reach from ``start``."""
    nodes = exercise["nodes"]
    seen: set[str] = set()
    todo = [exercise["start"]]
    while todo:
        name = todo.pop()
        if name in seen or name not in nodes:
            continue
        seen.add(name)
        todo.extend(option["next"] for option in _options(nodes, name))
    return seen


def expected(exercise: Exercise) -> list[str]:
    """The outcomes that count as right (one, or several that are all defensible)."""
    value = exercise["expected"]
    return [value] if isinstance(value, str) else list(value)


def leads_to(exercise: Exercise, start: str, goal: str | list[str]) -> bool:
    goals = {goal} if isinstance(goal, str) else set(goal)
    nodes = exercise["nodes"]
    seen: set[str] = set()
    todo = [start]
    while todo:
        name = todo.pop()
        if name in goals:
            return True
        if name in seen or name not in nodes:
            continue
        seen.add(name)
        todo.extend(o["next"] for o in _options(nodes, name))
    return False


def path_to(exercise: Exercise, goal: str) -> list[int] | None:
    """The first path (in option order) from ``start`` to ``goal``, as option positions in the data.

    Iterative depth-first search that remembers dead ends, so a tree of many branches that meet
    again («diamonds») takes linear time, not time doubling with every level.
    """
    nodes = exercise["nodes"]
    dead: set[str] = set()
    stack: list[tuple[str, int]] = [(exercise["start"], 0)]  # (node, next option to try)
    chosen: list[int] = []
    on_path: set[str] = {exercise["start"]}
    while stack:
        name, i = stack[-1]
        if name == goal:
            return chosen
        options = _options(nodes, name)
        if i >= len(options):
            dead.add(name)
            on_path.discard(name)
            stack.pop()
            if chosen:
                chosen.pop()
            continue
        stack[-1] = (name, i + 1)
        nxt = options[i]["next"]
        if nxt in dead or nxt in on_path or nxt not in nodes:
            continue
        chosen.append(i)
        on_path.add(nxt)
        stack.append((nxt, 0))
    return None


def walk(exercise: Exercise, choices: list[Any], ask_option: str) -> tuple[list[tuple[str, int]], str]:
    """The (node, option position) pairs taken for ``choices`` (option ids), and the node reached."""
    nodes = exercise["nodes"]
    node = exercise["start"]
    taken: list[tuple[str, int]] = []
    for choice in choices:
        options = _options(nodes, node)
        if not options:
            break
        ids = [o["id"] for o in options]
        if not isinstance(choice, str) or choice not in ids:
            raise Ask(ask_option.format(question=nodes[node]["question"]))
        index = ids.index(choice)
        taken.append((node, index))
        node = options[index]["next"]
    return taken, node


class DecisionKind(Kind):
    name = "decision"
    schema = {
        "required": ["start", "nodes", "expected"],
        "properties": {
            "start": {"type": "string"},
            "expected": {
                "description": "id of the outcome the case should reach, or a list of outcomes that are all defensible",
                "oneOf": [
                    {"type": "string"},
                    {"type": "array", "items": {"type": "string"}, "minItems": 2, "uniqueItems": True},
                ],
            },
            "nodes": {
                "type": "object",
                "additionalProperties": {
                    "type": "object",
                    "properties": {
                        "question": {"type": "string"},
                        "outcome": {"type": "string"},
                        "why": {"type": "string"},
                        "options": {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "required": ["label", "next"],
                                "properties": {"label": {"type": "string"}, "next": {"type": "string"}},
                            },
                        },
                    },
                },
            },
        },
    }

    def check(self, item: Exercise) -> list[tuple[str, str]]:
        nodes: dict[str, Any] = item["nodes"]
        found: list[tuple[str, str]] = []
        if len(nodes) > MAX_NODES:
            return [("nodes", f"treet har {len(nodes)} noder; høyst {MAX_NODES} er lov")]
        if item["start"] not in nodes:
            found.append(("start", f"noden «{item['start']}» finnes ikke i nodes"))
        for goal in expected(item):
            if goal not in nodes:
                found.append(("expected", f"noden «{goal}» finnes ikke i nodes"))
            elif "outcome" not in nodes[goal]:
                found.append(("expected", f"«{goal}» er et spørsmål, ikke et utfall (outcome)"))
        for name, node in nodes.items():
            is_outcome = "outcome" in node
            options = node.get("options") or []
            if is_outcome and options:
                found.append((f"nodes.{name}", "en node er enten et spørsmål (question + options) eller et utfall, ikke begge"))
            if not is_outcome and (not node.get("question") or not options):
                found.append((f"nodes.{name}", "noden mangler enten outcome, eller question med options"))
            found += duplicate_ids(options, f"nodes.{name}.options")
            if options and len(options) < 2:
                found.append((f"nodes.{name}.options", "et spørsmål trenger minst to svar"))
            for n, option in enumerate(options):
                if option["next"] not in nodes:
                    found.append((f"nodes.{name}.options.{n}.next", f"noden «{option['next']}» finnes ikke"))
        if found:
            return found
        found += self._loops_and_depth(item)
        if not found:
            found += [("expected", f"utfallet «{g}» kan ikke nås fra start") for g in expected(item) if g not in reachable(item)]
        return found

    @staticmethod
    def _loops_and_depth(item: Exercise) -> list[tuple[str, str]]:
        """Every path from start must end in an outcome (no loops) within MAX_DEPTH questions.
        Iterative, so a tree of any length is refused with a message, never a crash."""
        nodes = item["nodes"]
        state: dict[str, int] = {}  # 1 on the current path, 2 done
        depth: dict[str, int] = {}  # longest number of questions from the node to an outcome
        stack: list[tuple[str, int]] = [(item["start"], 0)]
        trail: list[str] = [item["start"]]
        state[item["start"]] = 1
        while stack:
            name, i = stack[-1]
            options = _options(nodes, name)
            if i < len(options):
                stack[-1] = (name, i + 1)
                nxt = options[i]["next"]
                if state.get(nxt) == 1:
                    return [(f"nodes.{nxt}", "stien går i ring: " + " → ".join([*trail, nxt]))]
                if state.get(nxt) != 2:
                    state[nxt] = 1
                    trail.append(nxt)
                    stack.append((nxt, 0))
                continue
            depth[name] = 1 + max((depth[o["next"]] for o in options), default=-1) if options else 0
            if depth[name] > MAX_DEPTH:
                return [("nodes", f"treet har mer enn {MAX_DEPTH} spørsmål etter hverandre; del det opp")]
            state[name] = 2
            trail.pop()
            stack.pop()
        return []

    def judge(self, exercise: Exercise, answer: Any, lang: str = "nb") -> Feedback:
        """Answer: the options chosen, one per question on the way (indices or labels)."""
        choices = as_list(answer, self.say("ask_decision", lang))
        if not choices:
            raise Ask(self.say("ask_decision", lang))
        nodes = exercise["nodes"]
        taken, reached = walk(exercise, choices, self.strings(lang)["ask_decision_option"])
        if "outcome" not in nodes[reached]:
            raise Ask(self.say("ask_decision_next", lang, question=nodes[reached]["question"]))
        goals = expected(exercise)
        details = []
        right = 0
        for name, index in taken:
            option = nodes[name]["options"][index]
            ok = leads_to(exercise, option["next"], goals)
            right += ok
            where = {
                "section": option.get("section", nodes[name].get("section", exercise.get("section", ""))),
                "source": option.get("source", ""),
            }
            line = self.say("decision_line", lang, question=nodes[name]["question"], label=option["label"])
            details.append(Line(line, ok, option["why"], hint=common_text("not_right_try", lang), **where))
        correct = reached in goals
        outcome = nodes[reached]
        where = {"section": outcome.get("section", exercise.get("section", "")), "source": outcome.get("source", "")}
        details.append(
            Line(
                self.say("outcome_line", lang, outcome=outcome["outcome"]),
                correct,
                outcome.get("why", ""),
                hint=outcome.get("why", ""),
                **where,
            )
        )
        if correct:
            summary = self.say("decision_right", lang, outcome=outcome["outcome"])
        else:
            goal = nodes[goals[0]]
            summary = self.say("decision_wrong_hint", lang, reached=outcome["outcome"])
            details.append(
                Line(self.say("expected_line", lang, outcome=goal["outcome"]), None, goal.get("why", ""), solution_only=True)
            )
        return Feedback(
            correct, fraction(right, len(taken)) if not correct else 1.0, summary, details, extra={"reached": reached}
        )

    def answer_key(self, exercise: Exercise) -> Any:
        """The first path (in data order) to the first expected outcome, as option ids."""
        nodes, name, ids = exercise["nodes"], exercise["start"], []
        for position in path_to(exercise, expected(exercise)[0]) or []:
            option = nodes[name]["options"][position]
            ids.append(option["id"])
            name = option["next"]
        return ids

    def _path_words(self, exercise: Exercise, answer: Any) -> tuple[list[str], str | None]:
        if not isinstance(answer, list):
            return [], None
        try:
            taken, reached = walk(exercise, answer, "{question}")
        except Ask:
            return [], None
        nodes = exercise["nodes"]
        steps = [f"{nodes[name]['question']} {nodes[name]['options'][i]['label']}" for name, i in taken]
        return steps, nodes[reached].get("outcome")

    def describe_answer(self, exercise: Exercise, answer: Any, lang: str = "nb") -> str:
        steps, outcome = self._path_words(exercise, answer)
        ending = [self.say("outcome_line", lang, outcome=outcome)] if outcome else []
        return " → ".join(steps + ending) or self.say("not_answered", lang)

    def wrong_picks(self, exercise: Exercise, answer: Any, lang: str = "nb") -> list[str]:
        """The first step that leads away from the right outcome: where the participant went wrong."""
        if not isinstance(answer, list):
            return []
        try:
            taken, _ = walk(exercise, answer, "{question}")
        except Ask:
            return []
        nodes = exercise["nodes"]
        for name, i in taken:
            option = nodes[name]["options"][i]
            if not leads_to(exercise, option["next"], expected(exercise)):
                return [self.say("answered_with", lang, question=nodes[name]["question"], label=option["label"])]
        return []

    def demo_answer(self, exercise: Exercise, rng: random.Random, slip: float, lure: int) -> Any:
        """The key, or (with probability ``slip``) the key up to one step taken the other way, then on
        along the first options to an outcome."""
        key = self.answer_key(exercise)
        if not key or rng.random() >= slip:
            return key
        nodes, name = exercise["nodes"], exercise["start"]
        chosen: list[str] = []
        step = lure % len(key)
        while "outcome" not in nodes[name]:
            options = _options(nodes, name)
            ids = [o["id"] for o in options]
            n = len(chosen)
            if n < step and n < len(key):
                pick = key[n]
            elif n == step:
                pick = ids[(ids.index(key[n]) + 1) % len(ids)]
            else:
                pick = ids[0]
            chosen.append(pick)
            name = options[ids.index(pick)]["next"]
        return chosen

    def key_lines(self, exercise: Exercise, lang: str = "nb") -> list[str]:
        from somekurs.exercises.keytext import end, one_line

        nodes = exercise["nodes"]
        lines = []
        name = exercise["start"]
        for choice in self.answer_key(exercise):
            option = next(o for o in nodes[name]["options"] if o["id"] == choice)
            lines.append(f"- {one_line(nodes[name]['question'])} → **{one_line(option['label'])}** {one_line(option['why'])}")
            name = option["next"]
        for goal_name in expected(exercise):
            goal = nodes[goal_name]
            lines.append(f"- {self.say('key_outcome', lang)} **{end(goal['outcome'])}** {one_line(goal.get('why', ''))}")
        return lines

    def body_html(self, exercise: Exercise, prefix: str, lang: str = "nb") -> str:
        ids = node_ids(exercise)
        parts = []
        for name, node in exercise["nodes"].items():
            if "outcome" in node:
                continue
            n = ids[name]
            shown = shuffle.arrange(shuffle.MARKUP_SEED, exercise["id"], f"node-{n}", node["options"])
            rows = "".join(
                option_row("radio", f"{prefix}-node-{n}", f"{prefix}-node-{n}-{o['id']}", o["id"], o["label"], row_id=o["id"])
                for o in shown
            )
            hidden = "" if name == exercise["start"] else " hidden"
            parts.append(
                f'<fieldset data-sk-node="{n}" data-sk-navn="{escape(name)}"{hidden}>'
                f'<legend>{escape(node["question"])}</legend><div data-sk-stokk="node-{n}">{rows}</div></fieldset>'
            )
        return f"<p>{escape(self.say('how', lang))}</p>" + "".join(parts)

    def script_data(self, exercise: Exercise, lang: str = "nb") -> dict[str, Any]:
        return {"nodeIds": node_ids(exercise)}

    def lists(self, exercise: Exercise) -> dict[str, list[str]]:
        ids = node_ids(exercise)
        return {
            f"node-{ids[name]}": [o["id"] for o in node["options"]]
            for name, node in exercise["nodes"].items()
            if "options" in node
        }

    def controls(self, exercise: Exercise, seed: str = "", lang: str = "nb") -> Controls:
        return DecisionControls(exercise, seed, lang)


class DecisionControls(Controls):
    def __init__(self, exercise: Exercise, seed: str = "", lang: str = "nb") -> None:
        super().__init__(exercise, lang)
        w = self.w
        self.nodes = exercise["nodes"]
        self.radios: dict[str, Any] = {}
        self.boxes: dict[str, Any] = {}
        ids = node_ids(exercise)
        for name, node in self.nodes.items():
            if "outcome" in node:
                continue
            shown = shuffle.arrange(seed, exercise["id"], f"node-{ids[name]}", node["options"])
            radio = w.RadioButtons(options=[(o["label"], o["id"]) for o in shown], value=None)
            radio.observe(lambda _change: self._refresh(), names="value")
            self.radios[name] = radio
            self.boxes[name] = w.VBox([self.wrap_label(node["question"]), radio])
        self.children = [w.Label(self.say("how")), *self.boxes.values()]
        self._refresh()

    def _path(self) -> tuple[list[int], set[str]]:
        name, chosen, shown = self.exercise["start"], [], set()
        while name in self.radios and name not in shown:
            shown.add(name)
            value = self.radios[name].value
            if value is None:
                break
            chosen.append(value)
            name = next(o["next"] for o in self.nodes[name]["options"] if o["id"] == value)
        return chosen, shown

    def _refresh(self) -> None:
        _, shown = self._path()
        for name, box in self.boxes.items():
            box.layout.display = "" if name in shown else "none"

    def answer(self) -> Any:
        return self._path()[0]

    def restore(self, answer: Any) -> None:
        if not isinstance(answer, list):
            return
        name = self.exercise["start"]
        for value in answer:
            options = {o["id"]: o for o in self.nodes[name]["options"]} if name in self.radios else {}
            if not isinstance(value, str) or value not in options:
                break
            self.radios[name].value = value
            name = options[value]["next"]
        self._refresh()

    def clear(self) -> None:
        for radio in self.radios.values():
            radio.value = None
        self._refresh()


KIND = DecisionKind()
