"""Sort items into categories (e.g. moderate constructed comments: keep, hide, delete, report)."""

from __future__ import annotations

import random
from html import escape
from typing import Any

from somekurs.exercises.feedback import Ask, Feedback, Line, as_list, fraction
from somekurs.exercises.kinds.base import Controls, Exercise, Kind


def _labels(exercise: Exercise) -> dict[str, str]:
    return {c["id"]: c["label"] for c in exercise["categories"]}


class SortKind(Kind):
    name = "sort"
    title = "Sortering"
    schema = {
        "required": ["categories", "items"],
        "properties": {
            "categories": {
                "type": "array",
                "minItems": 2,
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["id", "label"],
                    "properties": {"id": {"type": "string"}, "label": {"type": "string"}, "rule": {"type": "string"}},
                },
            },
            "items": {
                "type": "array",
                "minItems": 2,
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["text", "category", "why"],
                    "properties": {
                        "text": {"type": "string"},
                        "category": {"type": "string"},
                        "why": {"type": "string", "minLength": 10},
                    },
                },
            },
        },
    }
    texts = {
        "ask_sort": "Velg en kategori for hvert punkt. Det mangler {n}.",
        "sort_chosen": "Du valgte «{chosen}». ",
        "sort_right_is": "Riktig kategori er «{right}». ",
        "sort_all": "Riktig. Alle er plassert riktig.",
        "sort_some": "{right} av {n} er plassert riktig.",
    }

    def check(self, item: Exercise) -> list[tuple[str, str]]:
        ids = [c["id"] for c in item["categories"]]
        found = []
        if len(set(ids)) != len(ids):
            found.append(("categories", "to kategorier har samme id"))
        for n, entry in enumerate(item["items"]):
            if entry["category"] not in ids:
                found.append((f"items.{n}.category", f"ukjent kategori «{entry['category']}» (kjente: {', '.join(ids)})"))
        return found

    def judge(self, exercise: Exercise, answer: Any) -> Feedback:
        """Answer: one category id per item, in item order (or a dict item index → category id)."""
        items = exercise["items"]
        labels = _labels(exercise)
        if isinstance(answer, dict):
            answer = [answer.get(i, answer.get(str(i))) for i in range(len(items))]
        chosen = as_list(answer, self.say("ask_sort", n=len(items)))
        known = [isinstance(c, str) and c in labels for c in chosen]
        if len(chosen) != len(items) or not all(known):
            missing = known[: len(items)].count(False) + max(0, len(items) - len(chosen))
            raise Ask(self.say("ask_sort", n=max(missing, 1)))
        details = []
        right = 0
        for item, category in zip(items, chosen, strict=True):
            ok = category == item["category"]
            right += ok
            verdict = "" if ok else self.say("sort_right_is", right=labels[item["category"]])
            details.append(Line(item["text"], ok, self.say("sort_chosen", chosen=labels[category]) + verdict + item["why"]))
        correct = right == len(items)
        summary = self.say("sort_all") if correct else self.say("sort_some", right=right, n=len(items))
        return Feedback(correct, fraction(right, len(items)), summary, details)

    def answer_key(self, exercise: Exercise) -> Any:
        return [item["category"] for item in exercise["items"]]

    def describe_answer(self, exercise: Exercise, answer: Any) -> str:
        labels = _labels(exercise)
        chosen = answer if isinstance(answer, list) else []
        return "; ".join(
            f"{item['text']} → {labels.get(value, '(ikke valgt)') if isinstance(value, str) else '(ikke valgt)'}"
            for item, value in zip(exercise["items"], chosen, strict=False)
        )

    def wrong_picks(self, exercise: Exercise, answer: Any) -> list[str]:
        if not isinstance(answer, list):
            return []
        labels = _labels(exercise)
        return [
            f"«{item['text']}» plassert som «{labels.get(value, value)}»"
            for item, value in zip(exercise["items"], answer, strict=False)
            if value is not None and value != item["category"]
        ]

    def demo_answer(self, exercise: Exercise, rng: random.Random, slip: float, lure: int) -> Any:
        answer = self.answer_key(exercise)
        others = [c["id"] for c in exercise["categories"]]
        if rng.random() < slip:
            k = lure % len(answer)
            answer[k] = next(c for c in others if c != answer[k])
        return answer

    def key_lines(self, exercise: Exercise) -> list[str]:
        from somekurs.exercises.keytext import end, one_line

        labels = _labels(exercise)
        return [
            f"- {one_line(item['text'])} → **{end(labels[item['category']])}** {one_line(item['why'])}"
            for item in exercise["items"]
        ]

    def body_html(self, exercise: Exercise, prefix: str) -> str:
        rules = "".join(
            f"<li><strong>{escape(c['label'])}</strong>{': ' + escape(c['rule']) if c.get('rule') else ''}</li>"
            for c in exercise["categories"]
        )
        options = '<option value="">Velg kategori</option>' + "".join(
            f'<option value="{escape(c["id"])}">{escape(c["label"])}</option>' for c in exercise["categories"]
        )
        rows = "".join(
            f'<div class="sk-rad"><label for="{prefix}-punkt-{i}">{escape(item["text"])}</label>'
            f'<select id="{prefix}-punkt-{i}" data-sk-punkt>{options}</select></div>'
            for i, item in enumerate(exercise["items"])
        )
        return f"<p>Kategoriene:</p><ul>{rules}</ul><fieldset><legend>Velg kategori for hvert punkt</legend>{rows}</fieldset>"

    def controls(self, exercise: Exercise) -> Controls:
        return SortControls(exercise)


class SortControls(Controls):
    def __init__(self, exercise: Exercise) -> None:
        super().__init__(exercise)
        w = self.w
        choices = [("Velg kategori", None)] + [(c["label"], c["id"]) for c in exercise["categories"]]
        rules = [f"{c['label']}: {c['rule']}" if c.get("rule") else c["label"] for c in exercise["categories"]]
        self.selects = [w.Dropdown(options=choices, value=None) for _ in exercise["items"]]
        self.children = [self.wrap_label("Kategoriene: " + "; ".join(rules))]
        for item, select in zip(exercise["items"], self.selects, strict=True):
            self.children += [self.wrap_label(item["text"]), select]

    def answer(self) -> Any:
        return [s.value for s in self.selects]

    def restore(self, answer: Any) -> None:
        ids = {c["id"] for c in self.exercise["categories"]}
        if isinstance(answer, list):
            for select, value in zip(self.selects, answer, strict=False):
                select.value = value if value in ids else None

    def clear(self) -> None:
        for select in self.selects:
            select.value = None


KIND = SortKind()
