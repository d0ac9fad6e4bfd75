"""Sort items into categories (e.g. moderate constructed comments: keep, hide, delete, report)."""

from __future__ import annotations

import random
from html import escape
from typing import Any

from somekurs.exercises import shuffle
from somekurs.exercises.feedback import (
    ID_SCHEMA,
    POINTER_SCHEMA,
    Ask,
    Feedback,
    Line,
    common_text,
    duplicate_ids,
    fraction,
    mapping_answer,
)
from somekurs.exercises.kinds.base import Controls, Exercise, Kind


def _labels(exercise: Exercise) -> dict[str, str]:
    return {c["id"]: c["label"] for c in exercise["categories"]}


def accepted(item: dict[str, Any]) -> set[str]:
    """The categories that count as right for an item: its category, and any it «also» accepts."""
    return {item["category"], *item.get("also", [])}


class SortKind(Kind):
    name = "sort"
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
                    "properties": {"id": ID_SCHEMA, "label": {"type": "string"}, "rule": {"type": "string"}},
                },
            },
            "items": {
                "type": "array",
                "minItems": 3,
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["id", "text", "category", "why"],
                    "properties": {
                        "id": ID_SCHEMA,
                        "text": {"type": "string"},
                        "category": {"type": "string"},
                        "also": {
                            "type": "array",
                            "items": {"type": "string"},
                            "description": "other categories that count as right, with the reason in why",
                        },
                        "why": {"type": "string", "minLength": 10},
                        **POINTER_SCHEMA,
                    },
                },
            },
        },
    }

    def check(self, item: Exercise) -> list[tuple[str, str]]:
        ids = [c["id"] for c in item["categories"]]
        found = duplicate_ids(item["categories"], "categories") + duplicate_ids(item["items"], "items")
        for n, entry in enumerate(item["items"]):
            for category in [entry["category"], *entry.get("also", [])]:
                if category not in ids:
                    found.append((f"items.{n}.category", f"ukjent kategori «{category}» (kjente: {', '.join(ids)})"))
        return found

    def judge(self, exercise: Exercise, answer: Any, lang: str = "nb") -> Feedback:
        """Answer: {item id: category id} for every item."""
        items = exercise["items"]
        labels = _labels(exercise)
        chosen = mapping_answer(answer, [i["id"] for i in items], self.say("ask_sort", lang, n=len(items)))
        missing = sum(1 for v in chosen.values() if not (isinstance(v, str) and v in labels))
        if missing:
            raise Ask(self.say("ask_sort", lang, n=missing))
        details = []
        right = 0
        for item in items:
            category = chosen[item["id"]]
            ok = category in accepted(item)
            right += ok
            said = self.say("sort_chosen", lang, chosen=labels[category])
            where = {"section": item.get("section", exercise.get("section", "")), "source": item.get("source", "")}
            if ok:
                also = [labels[c] for c in sorted(accepted(item) - {category})]
                note = self.say("sort_also", lang, also=also[0]) if also else ""
                details.append(Line(item["text"], True, said + note + item["why"], **where))
            else:
                why = said + self.say("sort_right_is", lang, right=labels[item["category"]]) + item["why"]
                details.append(Line(item["text"], False, why, hint=said + common_text("not_right_try", lang), **where))
        correct = right == len(items)
        summary = self.say("sort_all", lang) if correct else self.say("sort_some", lang, right=right, n=len(items))
        return Feedback(correct, fraction(right, len(items)), summary, details)

    def answer_key(self, exercise: Exercise) -> Any:
        return {item["id"]: item["category"] for item in exercise["items"]}

    def lists(self, exercise: Exercise) -> dict[str, list[str]]:
        return {"items": [i["id"] for i in exercise["items"]]}

    def describe_answer(self, exercise: Exercise, answer: Any, lang: str = "nb") -> str:
        labels = _labels(exercise)
        chosen = answer if isinstance(answer, dict) else {}
        missing = self.say("not_chosen", lang)
        return "; ".join(
            f"{item['text']} → {labels.get(v, missing) if isinstance(v := chosen.get(item['id']), str) else missing}"
            for item in exercise["items"]
        )

    def wrong_picks(self, exercise: Exercise, answer: Any, lang: str = "nb") -> list[str]:
        if not isinstance(answer, dict):
            return []
        labels = _labels(exercise)
        return [
            self.say("placed_as", lang, text=item["text"], label=labels[value])
            for item in exercise["items"]
            if isinstance(value := answer.get(item["id"]), str) and value in labels and value not in accepted(item)
        ]

    def demo_answer(self, exercise: Exercise, rng: random.Random, slip: float, lure: int) -> Any:
        answer = self.answer_key(exercise)
        if rng.random() < slip:
            # The lured item, or the next one that can be placed wrong: an item that accepts every category
            # has no wrong place, and an exercise where every item does has no slip to make.
            items = exercise["items"]
            for step in range(len(items)):
                item = items[(lure + step) % len(items)]
                wrong = [c["id"] for c in exercise["categories"] if c["id"] not in accepted(item)]
                if wrong:
                    answer[item["id"]] = wrong[0]
                    break
        return answer

    def key_lines(self, exercise: Exercise, lang: str = "nb") -> list[str]:
        from somekurs.exercises.keytext import end, one_line

        labels = _labels(exercise)
        lines = []
        for item in exercise["items"]:
            also = "".join(" " + self.say("key_also", lang, label=labels[c]) for c in item.get("also", []))
            lines.append(f"- {one_line(item['text'])} → **{end(labels[item['category']] + also)}** {one_line(item['why'])}")
        return lines

    def body_html(self, exercise: Exercise, prefix: str, lang: str = "nb") -> str:
        rules = "".join(
            f"<li><strong>{escape(c['label'])}</strong>{': ' + escape(c['rule']) if c.get('rule') else ''}</li>"
            for c in exercise["categories"]
        )
        options = f'<option value="">{escape(self.say("choose_category", lang))}</option>' + "".join(
            f'<option value="{escape(c["id"])}">{escape(c["label"])}</option>' for c in exercise["categories"]
        )
        shown = shuffle.arrange(shuffle.MARKUP_SEED, exercise["id"], "items", exercise["items"])
        rows = "".join(
            f'<div class="sk-rad" data-sk-id="{item["id"]}"><label for="{prefix}-punkt-{item["id"]}">{escape(item["text"])}</label>'
            f'<select id="{prefix}-punkt-{item["id"]}" data-sk-punkt="{item["id"]}">{options}</select></div>'
            for item in shown
        )
        return (
            f"<p>{escape(self.say('categories', lang))}</p><ul>{rules}</ul>"
            f"<fieldset><legend>{escape(self.say('legend', lang))}</legend>"
            f'<div data-sk-stokk="items">{rows}</div></fieldset>'
        )

    def controls(self, exercise: Exercise, seed: str = "", lang: str = "nb") -> Controls:
        return SortControls(exercise, seed, lang)


class SortControls(Controls):
    def __init__(self, exercise: Exercise, seed: str = "", lang: str = "nb") -> None:
        super().__init__(exercise, lang)
        w = self.w
        choices = [(self.say("choose_category"), None)] + [(c["label"], c["id"]) for c in exercise["categories"]]
        rules = [f"{c['label']}: {c['rule']}" if c.get("rule") else c["label"] for c in exercise["categories"]]
        shown = shuffle.arrange(seed, exercise["id"], "items", exercise["items"])
        # Each list has a visible, numbered name («Kategori for nr. 2»): a screen reader says which
        # item a list belongs to, and axe finds no unnamed <select>.
        self.selects = {
            item["id"]: w.Dropdown(
                options=choices,
                value=None,
                description=self.say("category_for", n=n),
                style={"description_width": "initial"},
                layout=self.wide(),
            )
            for n, item in enumerate(shown, start=1)
        }
        self.children = [self.wrap_label(self.say("categories") + " " + "; ".join(rules))]
        for n, item in enumerate(shown, start=1):
            self.children += [self.wrap_label(f"{n}. {item['text']}"), self.selects[item["id"]]]

    def answer(self) -> Any:
        return {key: s.value for key, s in self.selects.items()}

    def restore(self, answer: Any) -> None:
        ids = {c["id"] for c in self.exercise["categories"]}
        if isinstance(answer, dict):
            for key, select in self.selects.items():
                value = answer.get(key)
                select.value = value if isinstance(value, str) and value in ids else None

    def clear(self) -> None:
        for select in self.selects.values():
            select.value = None


KIND = SortKind()
