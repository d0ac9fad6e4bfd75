"""Decision tree: walk yes/no (or several-way) questions to an outcome (must this be journalført?)."""

from __future__ import annotations

import random
from html import escape
from typing import Any

from somekurs.exercises.feedback import Ask, Feedback, Line, as_list, fraction, index_of
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


def leads_to(exercise: Exercise, start: str, goal: str) -> bool:
    nodes = exercise["nodes"]
    seen: set[str] = set()
    todo = [start]
    while todo:
        name = todo.pop()
        if name == goal:
            return True
        if name in seen or name not in nodes:
            continue
        seen.add(name)
        todo.extend(o["next"] for o in _options(nodes, name))
    return False


def path_to(exercise: Exercise, goal: str) -> list[int] | None:
    """The first path (in option order) from ``start`` to ``goal``, as option indices.

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
    """The (node, option index) pairs taken for ``choices``, and the node reached."""
    nodes = exercise["nodes"]
    node = exercise["start"]
    taken: list[tuple[str, int]] = []
    for choice in choices:
        options = _options(nodes, node)
        if not options:
            break
        index = index_of(choice, len(options))
        if index is None and isinstance(choice, str):
            labels = [o["label"] for o in options]
            index = labels.index(choice) if choice in labels else None
        if index is None:
            raise Ask(ask_option.format(question=nodes[node]["question"]))
        taken.append((node, index))
        node = options[index]["next"]
    return taken, node


class DecisionKind(Kind):
    name = "decision"
    title = "Beslutningstre"
    schema = {
        "required": ["start", "nodes", "expected"],
        "properties": {
            "start": {"type": "string"},
            "expected": {"type": "string", "description": "id of the outcome the case should reach"},
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
    texts = {
        "ask_decision": "Svar på det første spørsmålet, og trykk så «Sjekk svaret».",
        "ask_decision_option": "Velg ett av svarene på spørsmålet «{question}».",
        "ask_decision_next": "Du er ikke ferdig. Svar på spørsmålet «{question}».",
        "decision_toward": "Dette svaret fører mot riktig utfall.",
        "decision_away": "Dette svaret fører bort fra riktig utfall.",
        "decision_line": "{question} Du svarte: {label}",
        "outcome_line": "Utfall: {outcome}",
        "expected_line": "Riktig utfall: {outcome}",
        "decision_right": "Riktig. Saken ender med: {outcome}.",
        "decision_wrong": "Ikke riktig. Du kom til «{reached}», men saken skal ende med «{expected}».",
    }

    def check(self, item: Exercise) -> list[tuple[str, str]]:
        nodes: dict[str, Any] = item["nodes"]
        found: list[tuple[str, str]] = []
        if len(nodes) > MAX_NODES:
            return [("nodes", f"treet har {len(nodes)} noder; høyst {MAX_NODES} er lov")]
        if item["start"] not in nodes:
            found.append(("start", f"noden «{item['start']}» finnes ikke i nodes"))
        if item["expected"] not in nodes:
            found.append(("expected", f"noden «{item['expected']}» finnes ikke i nodes"))
        elif "outcome" not in nodes[item["expected"]]:
            found.append(("expected", f"«{item['expected']}» er et spørsmål, ikke et utfall (outcome)"))
        for name, node in nodes.items():
            is_outcome = "outcome" in node
            options = node.get("options") or []
            if is_outcome and options:
                found.append((f"nodes.{name}", "en node er enten et spørsmål (question + options) eller et utfall, ikke begge"))
            if not is_outcome and (not node.get("question") or not options):
                found.append((f"nodes.{name}", "noden mangler enten outcome, eller question med options"))
            for n, option in enumerate(options):
                if option["next"] not in nodes:
                    found.append((f"nodes.{name}.options.{n}.next", f"noden «{option['next']}» finnes ikke"))
        if found:
            return found
        found += self._loops_and_depth(item)
        if not found and item["expected"] not in reachable(item):
            found.append(("expected", f"utfallet «{item['expected']}» kan ikke nås fra start"))
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

    def judge(self, exercise: Exercise, answer: Any) -> Feedback:
        """Answer: the options chosen, one per question on the way (indices or labels)."""
        choices = as_list(answer, self.say("ask_decision"))
        if not choices:
            raise Ask(self.say("ask_decision"))
        nodes = exercise["nodes"]
        taken, reached = walk(exercise, choices, self.texts["ask_decision_option"])
        if "outcome" not in nodes[reached]:
            raise Ask(self.say("ask_decision_next", question=nodes[reached]["question"]))
        expected = exercise["expected"]
        details = []
        right = 0
        for name, index in taken:
            option = nodes[name]["options"][index]
            ok = leads_to(exercise, option["next"], expected)
            right += ok
            why = self.say("decision_toward" if ok else "decision_away")
            details.append(Line(self.say("decision_line", question=nodes[name]["question"], label=option["label"]), ok, why))
        correct = reached == expected
        outcome = nodes[reached]
        details.append(Line(self.say("outcome_line", outcome=outcome["outcome"]), correct, outcome.get("why", "")))
        if correct:
            summary = self.say("decision_right", outcome=outcome["outcome"])
        else:
            goal = nodes[expected]
            summary = self.say("decision_wrong", reached=outcome["outcome"], expected=goal["outcome"])
            details.append(Line(self.say("expected_line", outcome=goal["outcome"]), None, goal.get("why", "")))
        return Feedback(
            correct, fraction(right, len(taken)) if not correct else 1.0, summary, details, extra={"reached": reached}
        )

    def answer_key(self, exercise: Exercise) -> Any:
        return path_to(exercise, exercise["expected"]) or []

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

    def describe_answer(self, exercise: Exercise, answer: Any) -> str:
        steps, outcome = self._path_words(exercise, answer)
        return " → ".join(steps + ([f"Utfall: {outcome}"] if outcome else [])) or "(ikke svart)"

    def wrong_picks(self, exercise: Exercise, answer: Any) -> list[str]:
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
            if not leads_to(exercise, option["next"], exercise["expected"]):
                return [f"«{nodes[name]['question']}» besvart med «{option['label']}»"]
        return []

    def demo_answer(self, exercise: Exercise, rng: random.Random, slip: float, lure: int) -> Any:
        key = self.answer_key(exercise)
        if not key or rng.random() >= slip:
            return key
        nodes, name, chosen = exercise["nodes"], exercise["start"], []
        step = lure % len(key)
        for n, i in enumerate(key):
            options = _options(nodes, name)
            pick = (i + 1) % len(options) if n == step else i
            chosen.append(pick)
            name = options[pick]["next"]
            if "outcome" in nodes[name]:
                return chosen
        return chosen

    def key_lines(self, exercise: Exercise) -> list[str]:
        from somekurs.exercises.keytext import end, one_line

        nodes = exercise["nodes"]
        lines = []
        name = exercise["start"]
        for choice in self.answer_key(exercise):
            option = nodes[name]["options"][choice]
            lines.append(f"- {one_line(nodes[name]['question'])} → **{one_line(option['label'])}**")
            name = option["next"]
        goal = nodes[exercise["expected"]]
        lines.append(f"- Utfall: **{end(goal['outcome'])}** {one_line(goal.get('why', ''))}")
        return lines

    def body_html(self, exercise: Exercise, prefix: str) -> str:
        ids = node_ids(exercise)
        parts = []
        for name, node in exercise["nodes"].items():
            if "outcome" in node:
                continue
            n = ids[name]
            rows = "".join(
                option_row("radio", f"{prefix}-node-{n}", f"{prefix}-node-{n}-{i}", str(i), option["label"])
                for i, option in enumerate(node["options"])
            )
            hidden = "" if name == exercise["start"] else " hidden"
            parts.append(
                f'<fieldset data-sk-node="{n}" data-sk-navn="{escape(name)}"{hidden}>'
                f"<legend>{escape(node['question'])}</legend>{rows}</fieldset>"
            )
        return "<p>Svar på spørsmålene. Neste spørsmål kommer fram når du har svart.</p>" + "".join(parts)

    def script_data(self, exercise: Exercise) -> dict[str, Any]:
        return {"nodeIds": node_ids(exercise)}

    def controls(self, exercise: Exercise) -> Controls:
        return DecisionControls(exercise)


class DecisionControls(Controls):
    def __init__(self, exercise: Exercise) -> None:
        super().__init__(exercise)
        w = self.w
        self.nodes = exercise["nodes"]
        self.radios: dict[str, Any] = {}
        self.boxes: dict[str, Any] = {}
        for name, node in self.nodes.items():
            if "outcome" in node:
                continue
            radio = w.RadioButtons(options=[(o["label"], i) for i, o in enumerate(node["options"])], value=None)
            radio.observe(lambda _change: self._refresh(), names="value")
            self.radios[name] = radio
            self.boxes[name] = w.VBox([self.wrap_label(node["question"]), radio])
        self.children = [w.Label("Svar på spørsmålene. Neste spørsmål kommer fram når du har svart."), *self.boxes.values()]
        self._refresh()

    def _path(self) -> tuple[list[int], set[str]]:
        name, chosen, shown = self.exercise["start"], [], set()
        while name in self.radios and name not in shown:
            shown.add(name)
            value = self.radios[name].value
            if value is None:
                break
            chosen.append(value)
            name = self.nodes[name]["options"][value]["next"]
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
            if name not in self.radios or not isinstance(value, int) or not 0 <= value < len(self.nodes[name]["options"]):
                break
            self.radios[name].value = value
            name = self.nodes[name]["options"][value]["next"]
        self._refresh()

    def clear(self) -> None:
        for radio in self.radios.values():
            radio.value = None
        self._refresh()


KIND = DecisionKind()
