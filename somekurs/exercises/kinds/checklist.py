"""Judge a constructed post against a checklist (universal design, privacy, language …)."""

from __future__ import annotations

import random
from html import escape
from typing import Any

from somekurs import texts
from somekurs.exercises import shuffle, textcheck
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
from somekurs.exercises.htmlparts import option_row
from somekurs.exercises.kinds.base import Controls, Exercise, Kind

# A uniform answer («Ikke oppfylt» everywhere) must not pass: each checklist has both kinds of
# check, and neither may be more than this share of the checks.
MAX_ONE_SIDE = 0.67


def post_html(post: dict[str, Any], lang: str = "nb") -> str:
    """A constructed post, shown as text (never as an image from elsewhere)."""

    def say(key: str, /, **values: Any) -> str:
        return texts.say("checklist", key, lang, **values)

    parts = [f'<p class="sk-svar-tekst">{escape(post["text"])}</p>']
    if post.get("image"):
        parts.append(f"<p><strong>{escape(say('image'))}</strong> {escape(post['image'])}</p>")
        alt = post.get("alt_text", "")
        parts.append(f"<p><strong>{escape(say('alt_text'))}</strong> {escape(alt) if alt else escape(say('empty'))}</p>")
    if post.get("video"):
        parts.append(f"<p><strong>{escape(say('video'))}</strong> {escape(post['video'])}</p>")
    platform = textcheck.platform_name(str(post.get("platform", "")), lang)
    what = post.get("label") or say("the_post")
    label = say("post_on", what=what, platform=platform) if platform else say("post_plain", what=what)
    return f'<p>{escape(label)}</p><div class="sk-innlegg">{"".join(parts)}</div>'


class ChecklistKind(Kind):
    name = "checklist"
    schema = {
        "required": ["post", "checks"],
        "properties": {
            "post": {
                "type": "object",
                "required": ["text"],
                "additionalProperties": False,
                "properties": {
                    "text": {"type": "string"},
                    "label": {"type": "string", "description": "what is shown, when it is not a post (e.g. «Notatet i arkivet»)"},
                    "image": {"type": "string"},
                    "alt_text": {"type": "string"},
                    "video": {"type": "string"},
                    "platform": {"type": "string"},
                },
            },
            "checks": {
                "type": "array",
                "minItems": 4,
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["id", "text", "met", "why"],
                    "properties": {
                        "id": ID_SCHEMA,
                        "text": {"type": "string"},
                        "met": {"type": "boolean"},
                        "why": {"type": "string", "minLength": 10},
                        **POINTER_SCHEMA,
                    },
                },
            },
        },
    }

    def check(self, item: Exercise) -> list[tuple[str, str]]:
        found = duplicate_ids(item["checks"], "checks")
        met = sum(1 for c in item["checks"] if c["met"])
        share = max(met, len(item["checks"]) - met) / len(item["checks"])
        if share > MAX_ONE_SIDE:
            found.append(("checks", f"for mange punkter med samme svar ({share:.0%}); «samme svar overalt» skal ikke lønne seg"))
        return found

    def judge(self, exercise: Exercise, answer: Any, lang: str = "nb") -> Feedback:
        """Answer: {check id: True (the post meets it) or False}."""
        checks = exercise["checks"]
        said = mapping_answer(answer, [c["id"] for c in checks], self.say("ask_check", lang))
        if any(not isinstance(v, bool) for v in said.values()):
            raise Ask(self.say("ask_check", lang))
        details = []
        right = 0
        for check in checks:
            ok = said[check["id"]] == check["met"]
            right += ok
            fact = self.say("met" if check["met"] else "not_met", lang)
            told = self.say("check_said", lang, said=self.say("met" if said[check["id"]] else "not_met", lang))
            where = {"section": check.get("section", exercise.get("section", "")), "source": check.get("source", "")}
            details.append(
                Line(
                    check["text"],
                    ok,
                    self.say("check_fact", lang, fact=fact) + check["why"],
                    hint=told + common_text("not_right_try", lang),
                    **where,
                )
            )
        correct = right == len(checks)
        summary = self.say("check_all", lang) if correct else self.say("check_some", lang, right=right, n=len(checks))
        return Feedback(correct, fraction(right, len(checks)), summary, details)

    def answer_key(self, exercise: Exercise) -> Any:
        return {check["id"]: check["met"] for check in exercise["checks"]}

    def lists(self, exercise: Exercise) -> dict[str, list[str]]:
        return {"checks": [c["id"] for c in exercise["checks"]]}

    def describe_answer(self, exercise: Exercise, answer: Any, lang: str = "nb") -> str:
        said = answer if isinstance(answer, dict) else {}
        words = {True: self.say("met_word", lang), False: self.say("not_met_word", lang)}
        missing = self.say("not_answered", lang)
        return "; ".join(
            f"{check['text']}: {words[v] if isinstance(v := said.get(check['id']), bool) else missing}"
            for check in exercise["checks"]
        )

    def wrong_picks(self, exercise: Exercise, answer: Any, lang: str = "nb") -> list[str]:
        if not isinstance(answer, dict):
            return []
        return [
            self.say("judged_as", lang, text=check["text"], said=self.say("met_word" if value else "not_met_word", lang))
            for check in exercise["checks"]
            if isinstance(value := answer.get(check["id"]), bool) and value != check["met"]
        ]

    def demo_answer(self, exercise: Exercise, rng: random.Random, slip: float, lure: int) -> Any:
        answer = self.answer_key(exercise)
        if rng.random() < slip:
            check = exercise["checks"][lure % len(exercise["checks"])]
            answer[check["id"]] = not answer[check["id"]]
        return answer

    def key_lines(self, exercise: Exercise, lang: str = "nb") -> list[str]:
        from somekurs.exercises.keytext import one_line

        return [
            f"- {one_line(c['text'])}: **{self.say('met_word' if c['met'] else 'not_met_word', lang)}**. {one_line(c['why'])}"
            for c in exercise["checks"]
        ]

    def body_html(self, exercise: Exercise, prefix: str, lang: str = "nb") -> str:
        shown = shuffle.arrange(shuffle.MARKUP_SEED, exercise["id"], "checks", exercise["checks"])
        checks = "".join(
            f'<fieldset data-sk-id="{c["id"]}"><legend>{escape(c["text"])}</legend>'
            + option_row("radio", f"{prefix}-punkt-{c['id']}", f"{prefix}-punkt-{c['id']}-ja", "ja", self.say("met", lang))
            + option_row("radio", f"{prefix}-punkt-{c['id']}", f"{prefix}-punkt-{c['id']}-nei", "nei", self.say("not_met", lang))
            + "</fieldset>"
            for c in shown
        )
        return post_html(exercise["post"], lang) + f'<div data-sk-stokk="checks">{checks}</div>'

    def controls(self, exercise: Exercise, seed: str = "", lang: str = "nb") -> Controls:
        return ChecklistControls(exercise, seed, lang)


class ChecklistControls(Controls):
    def __init__(self, exercise: Exercise, seed: str = "", lang: str = "nb") -> None:
        super().__init__(exercise, lang)
        w = self.w
        shown = shuffle.arrange(seed, exercise["id"], "checks", exercise["checks"])
        choices = [(self.say("met"), True), (self.say("not_met"), False)]
        self.radios = {c["id"]: w.RadioButtons(options=choices, value=None) for c in shown}
        self.children = [w.HTML(post_html(exercise["post"], lang), layout=self.wide())]
        for check in shown:
            self.children += [self.wrap_label(check["text"]), self.radios[check["id"]]]

    def answer(self) -> Any:
        return {key: r.value for key, r in self.radios.items()}

    def restore(self, answer: Any) -> None:
        if isinstance(answer, dict):
            for key, radio in self.radios.items():
                value = answer.get(key)
                radio.value = value if isinstance(value, bool) else None

    def clear(self) -> None:
        for radio in self.radios.values():
            radio.value = None


KIND = ChecklistKind()
