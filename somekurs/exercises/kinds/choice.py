"""Single or multiple choice, with feedback on each option."""

from __future__ import annotations

import random
from typing import Any

from somekurs.exercises.feedback import Ask, Feedback, Line, fraction, index_of
from somekurs.exercises.htmlparts import option_row
from somekurs.exercises.kinds.base import Controls, Exercise, Kind


class ChoiceKind(Kind):
    name = "choice"
    title = "Flervalg"
    schema = {
        "required": ["options"],
        "properties": {
            "multiple": {"type": "boolean"},
            "options": {
                "type": "array",
                "minItems": 2,
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["text", "correct", "feedback"],
                    "properties": {
                        "text": {"type": "string"},
                        "correct": {"type": "boolean"},
                        "feedback": {"type": "string", "minLength": 10},
                    },
                },
            },
        },
    }
    texts = {
        "ask_choice_one": "Kryss av for ett svar, og trykk så «Sjekk svaret».",
        "ask_choice_many": "Kryss av for ett eller flere svar, og trykk så «Sjekk svaret».",
        "ask_choice_known": "Velg blant svaralternativene som vises, og trykk så «Sjekk svaret».",
        "ask_choice_single": "Her skal du velge bare ett svar.",
        "choice_all_right": "Riktig. Du valgte alle de riktige svarene og ingen av de gale.",
        "choice_some_wrong": "Ikke helt. {wrong} av {size} svaralternativer er bedømt feil. Les forklaringene under.",
        "choice_right": "Du valgte det riktige svaret.",
        "choice_wrong": "Ikke riktig. Les forklaringen, og prøv igjen.",
        "not_ticked": "Du krysset ikke av for dette. ",
    }

    def check(self, item: Exercise) -> list[tuple[str, str]]:
        if not any(option["correct"] for option in item["options"]):
            return [("options", "minst ett svaralternativ må ha correct: true")]
        return []

    def judge(self, exercise: Exercise, answer: Any) -> Feedback:
        """Answer: the index of the chosen option, or (multiple) a list of ticked indices."""
        options = exercise["options"]
        size = len(options)
        multiple = bool(exercise.get("multiple"))
        if answer is None or answer == [] or answer == ():
            raise Ask(self.say("ask_choice_many" if multiple else "ask_choice_one"))
        picked_raw = answer if isinstance(answer, (list, tuple, set)) else [answer]
        picked = {index_of(v, size) for v in picked_raw}
        if None in picked or not picked:
            raise Ask(self.say("ask_choice_known"))
        if not multiple and len(picked) > 1:
            raise Ask(self.say("ask_choice_single"))
        details: list[Line] = []
        if multiple:
            right = 0
            for i, option in enumerate(options):
                ticked = i in picked
                ok = ticked == option["correct"]
                right += ok
                if ticked or option["correct"]:
                    prefix = "" if ticked else self.say("not_ticked")
                    details.append(Line(option["text"], ok, prefix + option["feedback"]))
            correct = right == size
            wrong = size - right
            summary = self.say("choice_all_right") if correct else self.say("choice_some_wrong", wrong=wrong, size=size)
            return Feedback(correct, fraction(right, size), summary, details)
        (only,) = picked
        assert only is not None  # None was refused above
        option = options[only]
        correct = bool(option["correct"])
        details.append(Line(option["text"], correct, option["feedback"]))
        return Feedback(correct, 1.0 if correct else 0.0, self.say("choice_right" if correct else "choice_wrong"), details)

    def answer_key(self, exercise: Exercise) -> Any:
        right = [i for i, o in enumerate(exercise["options"]) if o["correct"]]
        return right if exercise.get("multiple") else right[0]

    def _picked(self, exercise: Exercise, answer: Any) -> list[int]:
        size = len(exercise["options"])
        chosen = answer if isinstance(answer, list) else [answer]
        return [i for i in (index_of(v, size) for v in chosen) if i is not None]

    def describe_answer(self, exercise: Exercise, answer: Any) -> str:
        picked = self._picked(exercise, answer)
        return "; ".join(exercise["options"][i]["text"] for i in picked) or "(ingen valgt)"

    def wrong_picks(self, exercise: Exercise, answer: Any) -> list[str]:
        options = exercise["options"]
        return [options[i]["text"] for i in self._picked(exercise, answer) if not options[i]["correct"]]

    def demo_answer(self, exercise: Exercise, rng: random.Random, slip: float, lure: int) -> Any:
        options = exercise["options"]
        right = [i for i, o in enumerate(options) if o["correct"]]
        wrong = [i for i, o in enumerate(options) if not o["correct"]]
        if exercise.get("multiple"):
            picked = set(right)
            if wrong and rng.random() < slip:
                picked.add(wrong[lure % len(wrong)])
            if len(right) > 1 and rng.random() < slip / 2:
                picked.discard(right[-1])
            return sorted(picked)
        if wrong and rng.random() < slip:
            # most who go wrong pick the same tempting option: that is what a misconception looks like
            return wrong[lure % len(wrong)] if rng.random() < 0.7 else rng.choice(wrong)
        return right[0]

    def key_lines(self, exercise: Exercise) -> list[str]:
        from somekurs.exercises.keytext import end, one_line

        return [
            f"- {'**Riktig**' if o['correct'] else 'Feil'}: {end(o['text'])} {one_line(o['feedback'])}"
            for o in exercise["options"]
        ]

    def body_html(self, exercise: Exercise, prefix: str) -> str:
        multiple = bool(exercise.get("multiple"))
        kind = "checkbox" if multiple else "radio"
        legend = "Kryss av for alle som passer" if multiple else "Velg ett svar"
        rows = "".join(
            option_row(kind, f"{prefix}-valg", f"{prefix}-valg-{i}", str(i), option["text"], " data-sk-valg")
            for i, option in enumerate(exercise["options"])
        )
        return f"<fieldset><legend>{legend}</legend>{rows}</fieldset>"

    def controls(self, exercise: Exercise) -> Controls:
        return ChoiceControls(exercise)


class ChoiceControls(Controls):
    def __init__(self, exercise: Exercise) -> None:
        super().__init__(exercise)
        w = self.w
        options = exercise["options"]
        self.multiple = bool(exercise.get("multiple"))
        if self.multiple:
            self.boxes = [w.Checkbox(value=False, description=o["text"], indent=False, layout=self.wide()) for o in options]
            self.children = [w.Label("Kryss av for alle som passer:"), *self.boxes]
        else:
            self.radio = w.RadioButtons(
                options=[(o["text"], i) for i, o in enumerate(options)], value=None, layout=self.wide(), description=""
            )
            self.children = [w.Label("Velg ett svar:"), self.radio]

    def answer(self) -> Any:
        if self.multiple:
            return [i for i, box in enumerate(self.boxes) if box.value]
        return self.radio.value

    def restore(self, answer: Any) -> None:
        if self.multiple and isinstance(answer, list):
            for i, box in enumerate(self.boxes):
                box.value = i in answer
        elif not self.multiple and isinstance(answer, int) and 0 <= answer < len(self.exercise["options"]):
            self.radio.value = answer

    def clear(self) -> None:
        if self.multiple:
            for box in self.boxes:
                box.value = False
        else:
            self.radio.value = None


KIND = ChoiceKind()
