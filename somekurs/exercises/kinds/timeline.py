"""Timeline: put the events of a real incident in order."""

from __future__ import annotations

import hashlib
import random
from html import escape
from typing import Any

from somekurs.exercises.feedback import Ask, Feedback, Line, as_list, fraction, index_of
from somekurs.exercises.kinds.base import Controls, Exercise, Kind


def initial_order(exercise: Exercise) -> list[int]:
    """The order a timeline's events are first shown in: shuffled, but the same every time.

    The data lists events in the right order, so showing them as written would give the
    answer away; a random shuffle would make the book's HTML differ between builds. A hash of
    the exercise id and each event's text gives a stable order that is never the right one.
    """
    events = exercise.get("events") or []

    def key(i: int) -> str:
        return hashlib.sha256(f"{exercise['id']}|{i}|{events[i]['text']}".encode()).hexdigest()

    order = sorted(range(len(events)), key=key)
    if len(order) > 1 and order == sorted(order):
        order = order[1:] + order[:1]
    return order


def _order(exercise: Exercise, answer: Any) -> list[int] | None:
    if not isinstance(answer, list):
        return None
    size = len(exercise["events"])
    indices = [index_of(v, size) for v in answer]
    if len(indices) != size or None in indices or len(set(indices)) != size:
        return None
    return indices  # type: ignore[return-value]


class TimelineKind(Kind):
    name = "timeline"
    title = "Tidslinje"
    schema = {
        "required": ["events"],
        "properties": {
            "events": {
                "type": "array",
                "minItems": 3,
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["text", "when"],
                    "properties": {"text": {"type": "string"}, "when": {"type": "string"}, "source": {"type": "string"}},
                },
            },
        },
    }
    texts = {
        "ask_timeline": "Sett alle hendelsene i rekkefølge (hver hendelse én gang), og trykk så «Sjekk svaret».",
        "timeline_right_place": "Riktig plass. ",
        "timeline_should_be": "Skal være nummer {n}. ",
        "timeline_when": "Tidspunkt: {when}.",
        "timeline_all": "Riktig. Alle hendelsene står i riktig rekkefølge.",
        "timeline_some": "{right} av {n} står på riktig plass.",
    }

    def judge(self, exercise: Exercise, answer: Any) -> Feedback:
        """Answer: the events' indices (as listed in the data) in the order the participant chose."""
        events = exercise["events"]
        order = as_list(answer, self.say("ask_timeline"))
        found = [index_of(v, len(events)) for v in order]
        indices = [i for i in found if i is not None]
        if len(indices) != len(events) or len(found) != len(events) or len(set(indices)) != len(events):
            raise Ask(self.say("ask_timeline"))
        details = []
        right = 0
        for position, index in enumerate(indices):
            ok = index == position
            right += ok
            event = events[index]
            where = self.say("timeline_right_place") if ok else self.say("timeline_should_be", n=index + 1)
            details.append(Line(f"{position + 1}. {event['text']}", ok, where + self.say("timeline_when", when=event["when"])))
        correct = right == len(events)
        summary = self.say("timeline_all") if correct else self.say("timeline_some", right=right, n=len(events))
        right_order = [f"{e['when']}: {e['text']}" for e in events]
        return Feedback(correct, fraction(right, len(events)), summary, details, extra={"right_order": right_order})

    def answer_key(self, exercise: Exercise) -> Any:
        return list(range(len(exercise["events"])))

    def describe_answer(self, exercise: Exercise, answer: Any) -> str:
        order = _order(exercise, answer)
        if order is None:
            return "(ikke ordnet)"
        return "; ".join(f"{n}. {exercise['events'][i]['text']}" for n, i in enumerate(order, start=1))

    def wrong_picks(self, exercise: Exercise, answer: Any) -> list[str]:
        order = _order(exercise, answer)
        if order is None:
            return []
        return [
            f"«{exercise['events'][i]['text']}» satt som nummer {n} (riktig: {i + 1})"
            for n, i in enumerate(order, start=1)
            if i != n - 1
        ]

    def demo_answer(self, exercise: Exercise, rng: random.Random, slip: float, lure: int) -> Any:
        answer = self.answer_key(exercise)
        if rng.random() < slip and len(answer) > 1:
            k = lure % (len(answer) - 1)
            answer[k], answer[k + 1] = answer[k + 1], answer[k]
        return answer

    def key_lines(self, exercise: Exercise) -> list[str]:
        from somekurs.exercises.keytext import one_line

        return [f"{n}. {one_line(e['when'])}: {one_line(e['text'])}" for n, e in enumerate(exercise["events"], start=1)]

    def body_html(self, exercise: Exercise, prefix: str) -> str:
        items = []
        for i in initial_order(exercise):
            text = escape(exercise["events"][i]["text"])
            items.append(
                f'<li data-sk-hendelse="{i}"><span class="sk-tekst">{text}</span> '
                f'<button type="button" data-sk-flytt="opp" aria-label="Flytt opp: {text}">Flytt opp</button>'
                f'<button type="button" data-sk-flytt="ned" aria-label="Flytt ned: {text}">Flytt ned</button></li>'
            )
        return (
            "<p>Sett hendelsene i riktig rekkefølge, den første øverst. Bruk knappene «Flytt opp» og «Flytt ned».</p>"
            f'<ol class="sk-tidslinje" aria-label="Hendelser">{"".join(items)}</ol>'
            '<p class="sk-status" role="status"></p>'
        )

    def script_data(self, exercise: Exercise) -> dict[str, Any]:
        return {"initialOrder": initial_order(exercise)}

    def feedback_extra_html(self, feedback: Feedback, exercise: Exercise, answer: Any) -> str:
        if feedback.correct or not feedback.extra.get("right_order"):
            return ""
        order = "".join(f"<li>{escape(t)}</li>" for t in feedback.extra["right_order"])
        return f"<p>Riktig rekkefølge:</p><ol>{order}</ol>"

    def controls(self, exercise: Exercise) -> Controls:
        return TimelineControls(exercise)


class TimelineControls(Controls):
    def __init__(self, exercise: Exercise) -> None:
        super().__init__(exercise)
        w = self.w
        self.order = initial_order(exercise)
        self.list = w.VBox()
        self.status = w.Label()
        self.children = [w.Label("Sett hendelsene i riktig rekkefølge, den første øverst."), self.list, self.status]
        self._draw()

    def _move(self, event: int, step: int) -> None:
        i = self.order.index(event)
        j = i + step
        if 0 <= j < len(self.order):
            self.order[i], self.order[j] = self.order[j], self.order[i]
            self._draw()
            text = self.exercise["events"][event]["text"]
            self.status.value = f"«{text}» er nå nummer {j + 1} av {len(self.order)}."

    def _draw(self) -> None:
        w = self.w
        rows = []
        for position, event in enumerate(self.order):
            text = self.exercise["events"][event]["text"]
            up = w.Button(description="Flytt opp", disabled=position == 0, tooltip=f"Flytt opp: {text}")
            down = w.Button(description="Flytt ned", disabled=position == len(self.order) - 1, tooltip=f"Flytt ned: {text}")
            up.on_click(lambda _b, e=event: self._move(e, -1))
            down.on_click(lambda _b, e=event: self._move(e, 1))
            label = w.Label(f"{position + 1}. {text}", layout=w.Layout(flex="1 1 auto"))
            rows.append(w.HBox([label, up, down]))
        self.list.children = rows

    def answer(self) -> Any:
        return list(self.order)

    def restore(self, answer: Any) -> None:
        if isinstance(answer, list) and sorted(answer) == list(range(len(self.exercise["events"]))):
            self.order = list(answer)
            self._draw()

    def clear(self) -> None:
        self.order = initial_order(self.exercise)
        self.status.value = ""
        self._draw()


KIND = TimelineKind()
