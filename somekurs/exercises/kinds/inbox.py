"""The inbox: a simulated feed of the agency's own account, each item to be acted on.

Constructed comments, direct messages and mentions arrive in order. For each, the participant
chooses what to do (one action or several: answer, hide and secure a copy, forward to the case
handler, treat as an innsyn request …). After «Behandle innboksen» the log shows, item by item,
what followed from what they did, and whether it was right under the page's rules and the law.

An item is handled right when every action it ``must`` have is chosen and none it ``must_not`` have
is: so doing the same thing everywhere, everything everywhere, or nothing, cannot pass.
"""

from __future__ import annotations

import random
from html import escape
from typing import Any

from somekurs import texts
from somekurs.exercises.feedback import ID_SCHEMA, POINTER_SCHEMA, Ask, Feedback, Line, common_text, duplicate_ids, fraction
from somekurs.exercises.kinds.base import Controls, Exercise, Kind

# The actions a participant can take, in the order they are offered. Each has a label and what a
# reader of the log is told by default: the texts' «action_<id>» and «done_<id>» (section inbox).
ACTIONS = (
    "svar",
    "privat",
    "la-sta",
    "skjul",
    "slett",
    "sikre",
    "videresend",
    "innsyn",
    "meld",
    "anmeld",
    "eskaler",
    "blokker",
    "rett",
)
CHANNELS = ("kommentar", "melding", "omtale", "innlegg")  # their names: the texts' «channel_<id>»
MAX_ITEMS = 20


def chosen_actions(answer: Any, item_id: str) -> set[str]:
    value = answer.get(item_id) if isinstance(answer, dict) else None
    return {a for a in value if isinstance(a, str) and a in ACTIONS} if isinstance(value, list) else set()


def _say(key: str, lang: str, **values: Any) -> str:
    return texts.say("inbox", key, lang, **values)


def label(action: str, lang: str = "nb") -> str:
    """What the participant ticks for an action («Skjul»)."""
    return _say(f"action_{action}", lang)


def done(action: str, lang: str = "nb") -> str:
    """What the log says followed from an action, unless the item says otherwise."""
    return _say(f"done_{action}", lang)


def channel(name: str, lang: str = "nb") -> str:
    """A channel's name («Kommentar»)."""
    return _say(f"channel_{name}", lang)


def handled(item: dict[str, Any], chosen: set[str]) -> bool:
    return set(item["must"]) <= chosen and not (chosen & set(item.get("must_not", [])))


class InboxKind(Kind):
    name = "inbox"
    schema = {
        "required": ["account", "setting", "items"],
        "properties": {
            "account": {"type": "string", "minLength": 5, "description": "whose account (constructed)"},
            "setting": {"type": "string", "minLength": 10, "description": "the situation: day, time, what goes on"},
            "rules": {"type": "string", "description": "the page's published comment rules, in short"},
            "actions": {"type": "array", "items": {"enum": list(ACTIONS)}, "description": "the actions offered (default: all)"},
            "items": {
                "type": "array",
                "minItems": 4,
                "maxItems": MAX_ITEMS,
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["id", "channel", "author", "time", "text", "must", "why"],
                    "properties": {
                        "id": ID_SCHEMA,
                        "channel": {"enum": list(CHANNELS)},
                        "author": {"type": "string", "description": "a constructed name or role, never a real private person"},
                        "time": {"type": "string"},
                        "text": {"type": "string", "minLength": 5},
                        "must": {"type": "array", "minItems": 1, "items": {"enum": list(ACTIONS)}},
                        "must_not": {"type": "array", "items": {"enum": list(ACTIONS)}},
                        "why": {"type": "string", "minLength": 10},
                        "consequences": {
                            "type": "object",
                            "propertyNames": {"enum": list(ACTIONS)},
                            "additionalProperties": {"type": "string", "minLength": 5},
                            "description": "what follows from an action for this item (else the default)",
                        },
                        **POINTER_SCHEMA,
                    },
                },
            },
        },
    }

    def offered(self, exercise: Exercise) -> list[str]:
        return list(exercise.get("actions") or ACTIONS)

    def check(self, item: Exercise) -> list[tuple[str, str]]:
        found = duplicate_ids(item["items"], "items")
        offered = set(self.offered(item))
        for n, entry in enumerate(item["items"]):
            for action in [*entry["must"], *entry.get("must_not", [])]:
                if action not in offered:
                    found.append((f"items.{n}", f"handlingen «{action}» er ikke blant dem oppgaven tilbyr"))
            if set(entry["must"]) & set(entry.get("must_not", [])):
                found.append((f"items.{n}", "en handling kan ikke være både must og must_not"))
        for action in offered:
            if sum(1 for e in item["items"] if handled(e, {action})) > len(item["items"]) / 2:
                found.append(
                    ("items", f"«samme handling overalt» ({action}) behandler over halvparten riktig; varier meldingene")
                )
        return found

    def judge(self, exercise: Exercise, answer: Any, lang: str = "nb") -> Feedback:
        """Answer: {item id: [action ids]} for every item."""
        if not isinstance(answer, dict):
            raise Ask(self.say("ask_inbox", lang))
        items = exercise["items"]
        missing = sum(1 for item in items if not chosen_actions(answer, item["id"]))
        if missing:
            raise Ask(self.say("inbox_missing", lang, n=missing))
        details, right, log = [], 0, []
        for item in items:
            chosen = chosen_actions(answer, item["id"])
            ok = handled(item, chosen)
            right += ok
            consequences = item.get("consequences", {})
            happened = [consequences.get(a, done(a, lang)) for a in self.ordered(exercise, chosen)]
            log.append({"item": item["id"], "consequences": happened, "ok": ok})
            did = self.say("inbox_did", lang, actions=", ".join(label(a, lang).lower() for a in self.ordered(exercise, chosen)))
            why = did + " ".join(happened) + " "
            if not ok:
                lacking = [label(a, lang).lower() for a in item["must"] if a not in chosen]
                wrong = [label(a, lang).lower() for a in item.get("must_not", []) if a in chosen]
                why += (self.say("inbox_needed", lang, actions=", ".join(lacking)) if lacking else "") + (
                    self.say("inbox_not", lang, actions=", ".join(wrong)) if wrong else ""
                )
            where = {"section": item.get("section", exercise.get("section", "")), "source": item.get("source", "")}
            heading = self.say(
                "heading",
                lang,
                time=item["time"],
                channel=channel(item["channel"], lang),
                author=item["author"],
                text=item["text"][:80],
            )
            details.append(
                Line(
                    heading,
                    ok,
                    why + item["why"],
                    hint=did + " ".join(happened) + " " + common_text("not_right_try", lang),
                    **where,
                )
            )
        correct = right == len(items)
        summary = self.say("inbox_all", lang) if correct else self.say("inbox_some", lang, right=right, n=len(items))
        return Feedback(correct, fraction(right, len(items)), summary, details, extra={"log": log})

    def ordered(self, exercise: Exercise, chosen: set[str]) -> list[str]:
        return [a for a in self.offered(exercise) if a in chosen]

    def answer_key(self, exercise: Exercise) -> Any:
        return {item["id"]: list(item["must"]) for item in exercise["items"]}

    def describe_answer(self, exercise: Exercise, answer: Any, lang: str = "nb") -> str:
        none = self.say("no_action", lang)
        return "; ".join(
            f"{item['time']} {item['author']}: "
            + (", ".join(label(a, lang) for a in self.ordered(exercise, chosen_actions(answer, item["id"]))) or none)
            for item in exercise["items"]
        )

    def wrong_picks(self, exercise: Exercise, answer: Any, lang: str = "nb") -> list[str]:
        out = []
        for item in exercise["items"]:
            chosen = chosen_actions(answer, item["id"])
            if chosen and not handled(item, chosen):
                actions = ", ".join(label(a, lang).lower() for a in self.ordered(exercise, chosen))
                out.append(self.say("picked", lang, text=item["text"][:50], actions=actions))
        return out

    def demo_answer(self, exercise: Exercise, rng: random.Random, slip: float, lure: int) -> Any:
        answer = self.answer_key(exercise)
        if rng.random() < slip:
            item = exercise["items"][lure % len(exercise["items"])]
            answer[item["id"]] = list(item.get("must_not", [])[:1]) or ["la-sta"]
        return answer

    def key_lines(self, exercise: Exercise, lang: str = "nb") -> list[str]:
        from somekurs.exercises.keytext import one_line

        lines = []
        for item in exercise["items"]:
            must = ", ".join(label(a, lang).lower() for a in item["must"])
            must_not = ", ".join(label(a, lang).lower() for a in item.get("must_not", []))
            lines.append(
                f"- {item['time']} ({channel(item['channel'], lang).lower()}) «{one_line(item['text'])}» → **{must}**"
                + (" " + self.say("key_not", lang, actions=must_not) if must_not else "")
                + f". {one_line(item['why'])}"
            )
        return lines

    def body_html(self, exercise: Exercise, prefix: str, lang: str = "nb") -> str:
        parts = [
            f"<p><strong>{escape(self.say('account', lang))}</strong> "
            f"{escape(self.say('account_text', lang, account=exercise['account']))}</p>",
            f"<p>{escape(exercise['setting'])}</p>",
        ]
        if exercise.get("rules"):
            parts.append(
                f'<p class="sk-regler"><strong>{escape(self.say("rules", lang))}</strong> {escape(exercise["rules"])}</p>'
            )
        parts.append(f'<p>{escape(self.say("how", lang))}</p><ol class="sk-innboks">')
        for item in exercise["items"]:
            boxes = "".join(
                f'<div class="sk-valg"><input type="checkbox" id="{prefix}-{item["id"]}-{a}" value="{a}" data-sk-melding="{item["id"]}">'
                f'<label for="{prefix}-{item["id"]}-{a}">{escape(label(a, lang))}</label></div>'
                for a in self.offered(exercise)
            )
            legend = self.say("legend", lang, time=item["time"], channel=channel(item["channel"], lang), author=item["author"])
            parts.append(
                f'<li data-sk-id="{item["id"]}"><fieldset><legend>{escape(legend)}</legend>'
                f'<p class="sk-svar-tekst">{escape(item["text"])}</p>{boxes}</fieldset></li>'
            )
        parts.append("</ol>")
        return "".join(parts)

    def controls(self, exercise: Exercise, seed: str = "", lang: str = "nb") -> Controls:
        return InboxControls(exercise, seed, lang)

    def script_data(self, exercise: Exercise, lang: str = "nb") -> dict[str, Any]:
        # The page's data is written with sorted keys: the actions' own order goes as a list.
        return {
            "actions": {a: [label(a, lang), done(a, lang)] for a in ACTIONS},
            "actionOrder": list(ACTIONS),
            "channels": {c: channel(c, lang) for c in CHANNELS},
        }


class InboxControls(Controls):
    def __init__(self, exercise: Exercise, seed: str = "", lang: str = "nb") -> None:
        super().__init__(exercise, lang)
        w = self.w
        offered = list(exercise.get("actions") or ACTIONS)
        self.boxes: dict[str, dict[str, Any]] = {}
        account = self.say("account") + " " + self.say("account_text", account=exercise["account"])
        self.children = [self.wrap_label(account), self.wrap_label(exercise["setting"])]
        if exercise.get("rules"):
            self.children.append(self.wrap_label(f"{self.say('rules')} {exercise['rules']}"))
        for item in exercise["items"]:
            boxes = {
                a: w.Checkbox(value=False, description=label(a, lang), indent=False, layout=w.Layout(width="auto"))
                for a in offered
            }
            self.boxes[item["id"]] = boxes
            legend = self.say("legend", time=item["time"], channel=channel(item["channel"], lang), author=item["author"])
            heading = f"{legend}: {item['text']}"
            self.children += [self.wrap_label(heading), w.HBox(list(boxes.values()), layout=w.Layout(flex_flow="row wrap"))]

    def answer(self) -> Any:
        return {item: [a for a, box in boxes.items() if box.value] for item, boxes in self.boxes.items()}

    def restore(self, answer: Any) -> None:
        for item, boxes in self.boxes.items():
            chosen = chosen_actions(answer, item)
            for action, box in boxes.items():
                box.value = action in chosen

    def clear(self) -> None:
        for boxes in self.boxes.values():
            for box in boxes.values():
                box.value = False


KIND = InboxKind()
