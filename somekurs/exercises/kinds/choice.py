"""Single or multiple choice, with feedback on each option."""

from __future__ import annotations

import random
from typing import Any

from somekurs.exercises import shuffle
from somekurs.exercises.feedback import POINTER_SCHEMA, Ask, Feedback, Line, duplicate_ids, fraction
from somekurs.exercises.htmlparts import option_row
from somekurs.exercises.kinds.base import Controls, Exercise, Kind


def _by_id(exercise: Exercise) -> dict[str, dict[str, Any]]:
    return {o["id"]: o for o in exercise["options"]}


class ChoiceKind(Kind):
    name = "choice"
    schema = {
        "required": ["options"],
        "properties": {
            "multiple": {"type": "boolean"},
            "options": {
                "type": "array",
                "minItems": 3,
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["id", "text", "correct", "feedback"],
                    "properties": {
                        "id": {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"},
                        "text": {"type": "string", "minLength": 2},
                        "correct": {"type": "boolean"},
                        "feedback": {"type": "string", "minLength": 10},
                        **POINTER_SCHEMA,
                    },
                },
            },
        },
    }

    def check(self, item: Exercise) -> list[tuple[str, str]]:
        found = duplicate_ids(item["options"], "options")
        right = sum(1 for option in item["options"] if option["correct"])
        if not right:
            found.append(("options", "minst ett svaralternativ må ha correct: true"))
        if item.get("multiple") and right == len(item["options"]):
            found.append(("options", "minst ett svaralternativ må være galt (ellers vinner «kryss av for alle»)"))
        return found

    def judge(self, exercise: Exercise, answer: Any, lang: str = "nb") -> Feedback:
        """Answer: the id of the chosen option, or (multiple) a list of the ids ticked."""
        options = _by_id(exercise)
        multiple = bool(exercise.get("multiple"))
        if answer is None or answer == [] or answer == "":
            raise Ask(self.say("ask_choice_many" if multiple else "ask_choice_one", lang))
        raw = answer if isinstance(answer, list) else [answer]
        if not all(isinstance(v, str) and v in options for v in raw):
            raise Ask(self.say("ask_choice_known", lang))
        picked = set(raw)
        if not multiple and len(picked) > 1:
            raise Ask(self.say("ask_choice_single", lang))
        pointer = {"section": exercise.get("section", "")}
        details: list[Line] = []
        if multiple:
            right = 0
            for option in exercise["options"]:
                ticked = option["id"] in picked
                ok = ticked == option["correct"]
                right += ok
                where = {"section": option.get("section", pointer["section"]), "source": option.get("source", "")}
                if ticked and ok:
                    details.append(Line(option["text"], True, self.say("ticked_right", lang) + option["feedback"], **where))
                elif ticked:
                    why = self.say("ticked_wrong", lang) + option["feedback"]
                    details.append(Line(option["text"], False, why, hint=why, **where))
                elif option["correct"]:
                    details.append(
                        Line(option["text"], False, self.say("missed", lang) + option["feedback"], solution_only=True, **where)
                    )
            size = len(options)
            correct = right == size
            summary = (
                self.say("choice_all_right", lang)
                if correct
                else self.say("choice_some_wrong", lang, wrong=size - right, size=size)
            )
            return Feedback(correct, fraction(right, size), summary, details)
        option = options[raw[0]]
        correct = bool(option["correct"])
        where = {"section": option.get("section", pointer["section"]), "source": option.get("source", "")}
        details.append(Line(option["text"], correct, option["feedback"], hint=option["feedback"], **where))
        return Feedback(correct, 1.0 if correct else 0.0, self.say("choice_right" if correct else "choice_wrong", lang), details)

    def answer_key(self, exercise: Exercise) -> Any:
        right = [o["id"] for o in exercise["options"] if o["correct"]]
        return right if exercise.get("multiple") else right[0]

    def lists(self, exercise: Exercise) -> dict[str, list[str]]:
        return {"options": [o["id"] for o in exercise["options"]]}

    def _picked(self, exercise: Exercise, answer: Any) -> list[dict[str, Any]]:
        options = _by_id(exercise)
        chosen = answer if isinstance(answer, list) else [answer]
        return [options[v] for v in chosen if isinstance(v, str) and v in options]

    def describe_answer(self, exercise: Exercise, answer: Any, lang: str = "nb") -> str:
        return "; ".join(o["text"] for o in self._picked(exercise, answer)) or self.say("none_chosen", lang)

    def wrong_picks(self, exercise: Exercise, answer: Any, lang: str = "nb") -> list[str]:
        picks = [o["text"] for o in self._picked(exercise, answer) if not o["correct"]]
        if exercise.get("multiple"):
            chosen = {o["id"] for o in self._picked(exercise, answer)}
            picks += [
                self.say("not_ticked", lang, text=o["text"])
                for o in exercise["options"]
                if o["correct"] and o["id"] not in chosen
            ]
        return picks

    def demo_answer(self, exercise: Exercise, rng: random.Random, slip: float, lure: int) -> Any:
        right = [o["id"] for o in exercise["options"] if o["correct"]]
        wrong = [o["id"] for o in exercise["options"] if not o["correct"]]
        if exercise.get("multiple"):
            picked = list(right)
            if wrong and rng.random() < slip:
                picked.append(wrong[lure % len(wrong)])
            if len(right) > 1 and rng.random() < slip / 2:
                picked.remove(right[-1])
            return picked
        if wrong and rng.random() < slip:
            # most who go wrong pick the same tempting option: that is what a misconception looks like
            return wrong[lure % len(wrong)] if rng.random() < 0.7 else rng.choice(wrong)
        return right[0]

    def key_lines(self, exercise: Exercise, lang: str = "nb") -> list[str]:
        from somekurs.exercises.keytext import end, one_line

        right, wrong = f"**{self.say('key_right', lang)}**", self.say("key_wrong", lang)
        return [f"- {right if o['correct'] else wrong}: {end(o['text'])} {one_line(o['feedback'])}" for o in exercise["options"]]

    def body_html(self, exercise: Exercise, prefix: str, lang: str = "nb") -> str:
        multiple = bool(exercise.get("multiple"))
        kind = "checkbox" if multiple else "radio"
        legend = self.say("legend_many" if multiple else "legend_one", lang)
        shown = shuffle.arrange(shuffle.MARKUP_SEED, exercise["id"], "options", exercise["options"])
        rows = "".join(
            option_row(kind, f"{prefix}-valg", f"{prefix}-valg-{o['id']}", o["id"], o["text"], " data-sk-valg", row_id=o["id"])
            for o in shown
        )
        return f'<fieldset><legend>{legend}</legend><div data-sk-stokk="options">{rows}</div></fieldset>'

    def controls(self, exercise: Exercise, seed: str = "", lang: str = "nb") -> Controls:
        return ChoiceControls(exercise, seed, lang)


class ChoiceControls(Controls):
    def __init__(self, exercise: Exercise, seed: str = "", lang: str = "nb") -> None:
        super().__init__(exercise, lang)
        w = self.w
        shown = shuffle.arrange(seed, exercise["id"], "options", exercise["options"])
        self.multiple = bool(exercise.get("multiple"))
        if self.multiple:
            self.boxes = {
                o["id"]: w.Checkbox(value=False, description=o["text"], indent=False, layout=self.wide()) for o in shown
            }
            self.children = [w.Label(self.say("legend_many") + ":"), *self.boxes.values()]
        else:
            self.radio = w.RadioButtons(
                options=[(o["text"], o["id"]) for o in shown], value=None, layout=self.wide(), description=""
            )
            self.children = [w.Label(self.say("legend_one") + ":"), self.radio]

    def answer(self) -> Any:
        if self.multiple:  # in the data file's order, so an answer never depends on the order shown
            return [o["id"] for o in self.exercise["options"] if self.boxes[o["id"]].value]
        return self.radio.value

    def restore(self, answer: Any) -> None:
        if self.multiple:
            chosen = {v for v in answer if isinstance(v, str)} if isinstance(answer, list) else set()
            for key, box in self.boxes.items():
                box.value = key in chosen
        elif isinstance(answer, str) and answer in {o["id"] for o in self.exercise["options"]}:
            self.radio.value = answer

    def clear(self) -> None:
        if self.multiple:
            for box in self.boxes.values():
                box.value = False
        else:
            self.radio.value = None


KIND = ChoiceKind()
