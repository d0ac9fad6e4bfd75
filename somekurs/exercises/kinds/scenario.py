"""Branching scenario with consequences: each choice changes what happens next.

A story in steps. At each step the participant chooses what to do; the choice has a consequence
that is shown at once and leads to the next step (different choices, different situations), until
one of several endings. The debrief walks the participant's own path: for each step, what they
chose, how good it was, and — where a better choice existed — what it was and why.

Every choice has ``points`` (2 best, 1 defensible, 0 poor). The score is the points gained over the
most a participant could have gained on the same number of steps (the best path's points).
"""

from __future__ import annotations

import random
from html import escape
from typing import Any

from somekurs.exercises import shuffle
from somekurs.exercises.feedback import ID_PATTERN, ID_SCHEMA, POINTER_SCHEMA, Ask, Feedback, Line, as_list, duplicate_ids
from somekurs.exercises.kinds.base import Controls, Exercise, Kind

MAX_STEPS = 40
MAX_DEPTH = 12
RATINGS = ("good", "mixed", "bad")  # an ending's rating; its words are the texts' «rating_<name>»


def _choice(exercise: Exercise, step: str, choice_id: str) -> dict[str, Any] | None:
    return next((c for c in exercise["steps"][step]["choices"] if c["id"] == choice_id), None)


def best_points(exercise: Exercise, node: str, memo: dict[str, int] | None = None) -> int:
    """The most points a participant can still gain from ``node`` (0 at an ending)."""
    memo = {} if memo is None else memo
    if node in exercise["endings"]:
        return 0
    if node not in memo:
        memo[node] = max(c["points"] + best_points(exercise, c["next"], memo) for c in exercise["steps"][node]["choices"])
    return memo[node]


def walk(exercise: Exercise, answer: Any, ask: str) -> tuple[list[tuple[str, dict[str, Any]]], str]:
    """The (step, choice) pairs taken and the node reached; raises Ask on an unknown choice."""
    node = exercise["start"]
    taken = []
    for choice_id in as_list(answer, ask):
        if node in exercise["endings"]:
            break
        choice = _choice(exercise, node, choice_id) if isinstance(choice_id, str) else None
        if choice is None:
            raise Ask(ask)
        taken.append((node, choice))
        node = choice["next"]
    return taken, node


class ScenarioKind(Kind):
    name = "scenario"
    schema = {
        "required": ["start", "steps", "endings"],
        "properties": {
            "start": {"type": "string"},
            "steps": {
                "type": "object",
                "propertyNames": {"pattern": ID_PATTERN},
                "additionalProperties": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["text", "choices"],
                    "properties": {
                        "text": {"type": "string", "minLength": 10, "description": "the situation at this step"},
                        "question": {"type": "string"},
                        "choices": {
                            "type": "array",
                            "minItems": 2,
                            "items": {
                                "type": "object",
                                "additionalProperties": False,
                                "required": ["id", "text", "points", "consequence", "why", "next"],
                                "properties": {
                                    "id": ID_SCHEMA,
                                    "text": {"type": "string", "minLength": 5},
                                    "points": {"enum": [0, 1, 2]},
                                    "consequence": {
                                        "type": "string",
                                        "minLength": 10,
                                        "description": "what happens, shown at once",
                                    },
                                    "why": {
                                        "type": "string",
                                        "minLength": 10,
                                        "description": "why the choice is good or poor (debrief)",
                                    },
                                    "next": {"type": "string"},
                                    **POINTER_SCHEMA,
                                },
                            },
                        },
                    },
                },
            },
            "endings": {
                "type": "object",
                "propertyNames": {"pattern": ID_PATTERN},
                "additionalProperties": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["title", "text", "rating"],
                    "properties": {
                        "title": {"type": "string"},
                        "text": {"type": "string", "minLength": 10},
                        "rating": {"enum": list(RATINGS)},
                    },
                },
            },
        },
    }

    def check(self, item: Exercise) -> list[tuple[str, str]]:
        steps, endings = item["steps"], item["endings"]
        found: list[tuple[str, str]] = []
        if len(steps) > MAX_STEPS:
            return [("steps", f"scenarioet har {len(steps)} steg; høyst {MAX_STEPS} er lov")]
        if item["start"] not in steps:
            found.append(("start", f"steget «{item['start']}» finnes ikke"))
        for name in steps.keys() & endings.keys():
            found.append((f"endings.{name}", "samme navn er både et steg og en slutt"))
        for name, step in steps.items():
            found += duplicate_ids(step["choices"], f"steps.{name}.choices")
            for n, choice in enumerate(step["choices"]):
                if choice["next"] not in steps and choice["next"] not in endings:
                    found.append((f"steps.{name}.choices.{n}.next", f"«{choice['next']}» er verken et steg eller en slutt"))
            if not any(c["points"] == 2 for c in step["choices"]):
                found.append((f"steps.{name}.choices", "hvert steg trenger minst ett valg med points: 2"))
            if all(c["points"] == 2 for c in step["choices"]):
                found.append((f"steps.{name}.choices", "alle valgene kan ikke være like gode"))
        ratings = {e["rating"] for e in endings.values()}
        if not {"good", "bad"} <= ratings:
            found.append(("endings", "scenarioet trenger minst én god og én dårlig slutt"))
        if found:
            return found
        return self._shape(item)

    @staticmethod
    def _shape(item: Exercise) -> list[tuple[str, str]]:
        """No loops, every step reachable, no path longer than MAX_DEPTH steps (iterative)."""
        steps = item["steps"]
        state: dict[str, int] = {}
        depth: dict[str, int] = {}
        stack: list[tuple[str, int]] = [(item["start"], 0)]
        state[item["start"]] = 1
        while stack:
            name, i = stack[-1]
            choices = steps[name]["choices"]
            if i < len(choices):
                stack[-1] = (name, i + 1)
                nxt = choices[i]["next"]
                if nxt in steps:
                    if state.get(nxt) == 1:
                        return [(f"steps.{nxt}", "scenarioet går i ring")]
                    if state.get(nxt) != 2:
                        state[nxt] = 1
                        stack.append((nxt, 0))
                continue
            depth[name] = 1 + max(depth.get(c["next"], 0) for c in choices)
            if depth[name] > MAX_DEPTH:
                return [("steps", f"en vei gjennom scenarioet har mer enn {MAX_DEPTH} steg")]
            state[name] = 2
            stack.pop()
        unreachable = sorted(set(steps) - set(state))
        return [(f"steps.{name}", "steget kan ikke nås fra start") for name in unreachable]

    def judge(self, exercise: Exercise, answer: Any, lang: str = "nb") -> Feedback:
        """Answer: the choice ids along the participant's path, from the start to an ending."""
        ask = self.say("ask_scenario", lang)
        taken, reached = walk(exercise, answer, ask)
        if not taken:
            raise Ask(ask)
        if reached not in exercise["endings"]:
            raise Ask(self.say("scenario_unfinished", lang, step=exercise["steps"][reached]["text"][:60]))
        memo: dict[str, int] = {}
        details = []
        got = 0
        for n, (step_name, choice) in enumerate(taken, start=1):
            got += choice["points"]
            step = exercise["steps"][step_name]
            best_here = max(step["choices"], key=lambda c: (c["points"] + best_points(exercise, c["next"], memo), c["points"]))
            verdict = {2: "scenario_good", 1: "scenario_ok", 0: "scenario_poor"}[choice["points"]]
            why = self.say(verdict) + choice["why"]
            if best_here["id"] != choice["id"] and choice["points"] < 2:
                why += " " + self.say("scenario_better", lang, better=best_here["text"], why=best_here["why"])
            where = {"section": choice.get("section", exercise.get("section", "")), "source": choice.get("source", "")}
            details.append(
                Line(self.say("scenario_step", lang, n=n, choice=choice["text"]), choice["points"] == 2, why, hint=why, **where)
            )
        best = best_points(exercise, exercise["start"], memo)
        ending = exercise["endings"][reached]
        correct = ending["rating"] == "good" and got == best
        summary = self.say("scenario_done", lang, ending=ending["title"], got=got, best=best)
        score = round(got / best, 3) if best else 0.0
        return Feedback(correct, score, summary, details, extra={"ending": reached, "got": got, "best": best})

    def feedback_extra_html(
        self, feedback: Feedback, exercise: Exercise, answer: Any, reveal: bool = True, lang: str = "nb"
    ) -> str:
        ending = exercise["endings"].get(feedback.extra.get("ending", ""))
        if not ending:
            return ""
        return (
            f'<p class="sk-slutt"><strong>{escape(self.say("rating_" + ending["rating"], lang))}: {escape(ending["title"])}.</strong> '
            f"{escape(ending['text'])}</p>"
        )

    def answer_key(self, exercise: Exercise) -> Any:
        memo: dict[str, int] = {}
        node, path = exercise["start"], []
        while node not in exercise["endings"]:
            choice = max(exercise["steps"][node]["choices"], key=lambda c: c["points"] + best_points(exercise, c["next"], memo))
            path.append(choice["id"])
            node = choice["next"]
        return path

    def describe_answer(self, exercise: Exercise, answer: Any, lang: str = "nb") -> str:
        try:
            taken, reached = walk(exercise, answer, "")
        except Ask:
            return self.say("not_finished", lang)
        steps = [choice["text"] for _, choice in taken]
        ending = exercise["endings"].get(reached)
        last = self.say("ending", lang, title=ending["title"]) if ending else self.say("not_finished", lang)
        return " → ".join([*steps, last])

    def wrong_picks(self, exercise: Exercise, answer: Any, lang: str = "nb") -> list[str]:
        """Each choice on the path that was not among the best at its step: where people go wrong."""
        try:
            taken, _ = walk(exercise, answer, "")
        except Ask:
            return []
        return [
            self.say("chose_at", lang, step=exercise["steps"][s]["text"][:50], choice=c["text"])
            for s, c in taken
            if c["points"] < 2
        ]

    def demo_answer(self, exercise: Exercise, rng: random.Random, slip: float, lure: int) -> Any:
        memo: dict[str, int] = {}
        node, path, n = exercise["start"], [], 0
        while node not in exercise["endings"]:
            choices = exercise["steps"][node]["choices"]
            ranked = sorted(choices, key=lambda c: -(c["points"] + best_points(exercise, c["next"], memo)))
            pick = ranked[min(1, len(ranked) - 1)] if n == lure % 3 and rng.random() < slip else ranked[0]
            path.append(pick["id"])
            node = pick["next"]
            n += 1
        return path

    def key_lines(self, exercise: Exercise, lang: str = "nb") -> list[str]:
        from somekurs.exercises.keytext import one_line

        lines = []
        for name, step in exercise["steps"].items():
            lines.append(f"- **{name}:** {one_line(step['text'])}")
            for c in sorted(step["choices"], key=lambda c: -c["points"]):
                lines.append(f"  - {c['points']} p: {one_line(c['text'])} → `{c['next']}`. {one_line(c['why'])}")
        for name, ending in exercise["endings"].items():
            rating = self.say("rating_" + ending["rating"], lang).lower()
            lines.append(f"- {self.say('key_ending', lang)} `{name}` ({rating}): {one_line(ending['title'])}.")
        return lines

    def body_html(self, exercise: Exercise, prefix: str, lang: str = "nb") -> str:
        parts = [f"<p>{escape(self.say('how_book', lang))}</p>"]
        for name, step in exercise["steps"].items():
            hidden = "" if name == exercise["start"] else " hidden"
            shown = shuffle.arrange(shuffle.MARKUP_SEED, exercise["id"], f"step-{name}", step["choices"])
            rows = "".join(
                f'<div class="sk-valg" data-sk-id="{c["id"]}"><input type="radio" name="{prefix}-steg-{name}" '
                f'id="{prefix}-steg-{name}-{c["id"]}" value="{c["id"]}"><label for="{prefix}-steg-{name}-{c["id"]}">'
                f"{escape(c['text'])}</label></div>"
                for c in shown
            )
            question = escape(step.get("question") or self.say("what_now", lang))
            parts.append(
                f'<fieldset data-sk-steg="{name}"{hidden}><legend>{question}</legend>'
                f'<p class="sk-folge" hidden></p><p>{escape(step["text"])}</p>'
                f'<div data-sk-stokk="step-{name}">{rows}</div></fieldset>'
            )
        for name, ending in exercise["endings"].items():
            parts.append(
                f'<div data-sk-slutt="{name}" hidden><p class="sk-folge"></p>'
                f"<p><strong>{escape(ending['title'])}.</strong> {escape(ending['text'])}</p></div>"
            )
        return "".join(parts)

    def controls(self, exercise: Exercise, seed: str = "", lang: str = "nb") -> Controls:
        return ScenarioControls(exercise, seed, lang)

    def lists(self, exercise: Exercise) -> dict[str, list[str]]:
        return {f"step-{name}": [c["id"] for c in step["choices"]] for name, step in exercise["steps"].items()}


class ScenarioControls(Controls):
    """One step at a time: the choice's consequence, then the next step, until an ending."""

    def __init__(self, exercise: Exercise, seed: str = "", lang: str = "nb") -> None:
        super().__init__(exercise, lang)
        w = self.w
        self.seed = seed
        self.path: list[str] = []
        self.story = w.VBox(layout=self.wide())
        self.children = [
            w.Label(self.say("how")),
            self.story,
        ]
        self._draw()

    def _draw(self) -> None:
        w = self.w
        rows: list[Any] = []
        node = self.exercise["start"]
        for choice_id in self.path:
            step = self.exercise["steps"][node]
            choice = _choice(self.exercise, node, choice_id)
            if choice is None:
                break
            rows += [
                self.wrap_label(step["text"]),
                self.wrap_label(self.say("you_chose", choice=choice["text"])),
                self.wrap_label(self.say("what_followed", consequence=choice["consequence"])),
            ]
            node = choice["next"]
        if node in self.exercise["endings"]:
            ending = self.exercise["endings"][node]
            rows.append(self.wrap_label(self.say("ending_text", title=ending["title"], text=ending["text"])))
        else:
            step = self.exercise["steps"][node]
            shown = shuffle.arrange(self.seed, self.exercise["id"], f"step-{node}", step["choices"])
            radio = w.RadioButtons(options=[(c["text"], c["id"]) for c in shown], value=None, layout=self.wide())
            radio.observe(lambda change: self._choose(change["new"]), names="value")
            rows += [self.wrap_label(step["text"]), w.Label(step.get("question") or self.say("what_now")), radio]
        self.story.children = rows

    def _choose(self, choice_id: str | None) -> None:
        if choice_id:
            self.path.append(choice_id)
            self._draw()
            self.changed()

    def answer(self) -> Any:
        return list(self.path)

    def restore(self, answer: Any) -> None:
        try:
            taken, _ = walk(self.exercise, answer, "")
        except Ask:
            return
        self.path = [c["id"] for _, c in taken]
        self._draw()

    def clear(self) -> None:
        self.path = []
        self._draw()


KIND = ScenarioKind()
