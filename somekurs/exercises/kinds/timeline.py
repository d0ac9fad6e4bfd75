"""Timeline: put the events of a real incident in order."""

from __future__ import annotations

import random
from html import escape
from typing import Any

from somekurs.exercises import shuffle
from somekurs.exercises.feedback import ID_SCHEMA, Ask, Feedback, Line, duplicate_ids, fraction
from somekurs.exercises.kinds.base import Controls, Exercise, Kind


def initial_order(exercise: Exercise, seed: str = "") -> list[str]:
    """The event ids in the order they are first shown: shuffled, never the right order, stable."""
    return shuffle.order(seed, exercise["id"], "events", [e["id"] for e in exercise.get("events") or []], avoid_file_order=True)


def _order(exercise: Exercise, answer: Any) -> list[str] | None:
    """The answer as a full order of the event ids, or None."""
    ids = [e["id"] for e in exercise["events"]]
    if not isinstance(answer, list) or len(answer) != len(ids) or not all(isinstance(v, str) for v in answer):
        return None
    return list(answer) if sorted(answer) == sorted(ids) else None


class TimelineKind(Kind):
    name = "timeline"
    answer_lists = frozenset({"events"})
    schema = {
        "required": ["events"],
        "properties": {
            "reflection": {
                "type": "string",
                "minLength": 10,
                "description": "a question to think about afterwards; the answer is saved",
            },
            "events": {
                "type": "array",
                "minItems": 3,
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["id", "text", "when"],
                    "properties": {
                        "id": ID_SCHEMA,
                        "text": {"type": "string"},
                        "when": {"type": "string"},
                        "source": {"type": "string"},
                        "why": {"type": "string", "description": "why it came here, or what it meant"},
                    },
                },
            },
        },
    }

    def check(self, item: Exercise) -> list[tuple[str, str]]:
        return duplicate_ids(item["events"], "events")

    def judge(self, exercise: Exercise, answer: Any, lang: str = "nb") -> Feedback:
        """Answer: the event ids in the order the participant chose (the data lists them in the right order)."""
        events = exercise["events"]
        order = _order(exercise, answer)
        if order is None:
            raise Ask(self.say("ask_timeline", lang))
        place = {e["id"]: n for n, e in enumerate(events)}
        by_id = {e["id"]: e for e in events}
        details = []
        right = 0
        for position, event_id in enumerate(order):
            ok = place[event_id] == position
            right += ok
            event = by_id[event_id]
            where = self.say("timeline_right_place", lang) if ok else self.say("timeline_should_be", lang, n=place[event_id] + 1)
            why = where + self.say("timeline_when", lang, when=event["when"]) + (" " + event["why"] if event.get("why") else "")
            details.append(
                Line(
                    f"{position + 1}. {event['text']}",
                    ok,
                    why,
                    hint=self.say("timeline_not_here", lang),
                    section=exercise.get("section", ""),
                    source=event.get("source", ""),
                )
            )
        correct = right == len(events)
        summary = self.say("timeline_all", lang) if correct else self.say("timeline_some", lang, right=right, n=len(events))
        right_order = [f"{e['when']}: {e['text']}" for e in events]
        return Feedback(correct, fraction(right, len(events)), summary, details, extra={"right_order": right_order})

    def answer_key(self, exercise: Exercise) -> Any:
        return [e["id"] for e in exercise["events"]]

    def describe_answer(self, exercise: Exercise, answer: Any, lang: str = "nb") -> str:
        order = _order(exercise, answer)
        if order is None:
            return self.say("not_ordered", lang)
        by_id = {e["id"]: e for e in exercise["events"]}
        return "; ".join(f"{n}. {by_id[i]['text']}" for n, i in enumerate(order, start=1))

    def wrong_picks(self, exercise: Exercise, answer: Any, lang: str = "nb") -> list[str]:
        order = _order(exercise, answer)
        if order is None:
            return []
        place = {e["id"]: n for n, e in enumerate(exercise["events"], start=1)}
        by_id = {e["id"]: e for e in exercise["events"]}
        return [
            self.say("placed_as", lang, text=by_id[i]["text"], n=n, right=place[i])
            for n, i in enumerate(order, start=1)
            if place[i] != n
        ]

    def demo_answer(self, exercise: Exercise, rng: random.Random, slip: float, lure: int) -> Any:
        answer = self.answer_key(exercise)
        if rng.random() < slip and len(answer) > 1:
            k = lure % (len(answer) - 1)
            answer[k], answer[k + 1] = answer[k + 1], answer[k]
        return answer

    def key_lines(self, exercise: Exercise, lang: str = "nb") -> list[str]:
        from somekurs.exercises.keytext import one_line

        return [f"{n}. {one_line(e['when'])}: {one_line(e['text'])}" for n, e in enumerate(exercise["events"], start=1)]

    def body_html(self, exercise: Exercise, prefix: str, lang: str = "nb") -> str:
        items = []
        by_id = {e["id"]: e for e in exercise["events"]}
        up, down = escape(self.say("move_up", lang)), escape(self.say("move_down", lang))
        for i in initial_order(exercise):
            text = escape(by_id[i]["text"])
            items.append(
                f'<li data-sk-id="{i}"><span class="sk-tekst">{text}</span> '
                f'<button type="button" data-sk-flytt="opp" aria-label="{up}: {text}">{up}</button>'
                f'<button type="button" data-sk-flytt="ned" aria-label="{down}: {text}">{down}</button></li>'
            )
        return (
            f"<p>{escape(self.say('how_book', lang))}</p>"
            f'<ol class="sk-tidslinje" aria-label="{escape(self.say("events", lang))}" data-sk-stokk="events">{"".join(items)}</ol>'
            '<p class="sk-status" role="status"></p>'
        )

    def lists(self, exercise: Exercise) -> dict[str, list[str]]:
        return {"events": [e["id"] for e in exercise["events"]]}

    def feedback_extra_html(
        self, feedback: Feedback, exercise: Exercise, answer: Any, reveal: bool = True, lang: str = "nb"
    ) -> str:
        if feedback.correct or not reveal or not feedback.extra.get("right_order"):
            return ""
        order = "".join(f"<li>{escape(t)}</li>" for t in feedback.extra["right_order"])
        return f"<p>{escape(self.say('right_order', lang))}</p><ol>{order}</ol>"

    def controls(self, exercise: Exercise, seed: str = "", lang: str = "nb") -> Controls:
        return TimelineControls(exercise, seed, lang)


class TimelineControls(Controls):
    def __init__(self, exercise: Exercise, seed: str = "", lang: str = "nb") -> None:
        super().__init__(exercise, lang)
        w = self.w
        self.seed = seed
        self.by_id = {e["id"]: e for e in exercise["events"]}
        self.order = initial_order(exercise, seed)
        self.list = w.VBox()
        self.status = w.Label()
        self.children = [w.Label(self.say("how")), self.list, self.status]
        self._draw()

    def _move(self, event: str, step: int) -> None:
        i = self.order.index(event)
        j = i + step
        if 0 <= j < len(self.order):
            self.order[i], self.order[j] = self.order[j], self.order[i]
            self._draw()
            self.changed()
            text = self.by_id[event]["text"]
            self.status.value = self.say("moved", text=text, pos=j + 1, n=len(self.order))

    def _draw(self) -> None:
        w = self.w
        rows = []
        for position, event in enumerate(self.order):
            text = self.by_id[event]["text"]
            up = w.Button(description=self.say("move_up"), disabled=position == 0, tooltip=f"{self.say('move_up')}: {text}")
            down = w.Button(
                description=self.say("move_down"),
                disabled=position == len(self.order) - 1,
                tooltip=f"{self.say('move_down')}: {text}",
            )
            up.on_click(lambda _b, e=event: self._move(e, -1))
            down.on_click(lambda _b, e=event: self._move(e, 1))
            label = w.Label(f"{position + 1}. {text}", layout=w.Layout(flex="1 1 auto"))
            rows.append(w.HBox([label, up, down]))
        self.list.children = rows

    def answer(self) -> Any:
        return list(self.order)

    def restore(self, answer: Any) -> None:
        order = _order(self.exercise, answer)
        if order is not None:
            self.order = order
            self._draw()

    def clear(self) -> None:
        self.order = initial_order(self.exercise, self.seed)
        self.status.value = ""
        self._draw()


KIND = TimelineKind()
