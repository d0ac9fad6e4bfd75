"""Judge a constructed post against a checklist (universal design, privacy, language …)."""

from __future__ import annotations

import random
from html import escape
from typing import Any

from somekurs.exercises import textcheck
from somekurs.exercises.feedback import Ask, Feedback, Line, as_list, fraction
from somekurs.exercises.htmlparts import option_row
from somekurs.exercises.kinds.base import Controls, Exercise, Kind


def post_html(post: dict[str, Any]) -> str:
    """A constructed post, shown as text (never as an image from elsewhere)."""
    parts = [f'<p class="sk-svar-tekst">{escape(post["text"])}</p>']
    if post.get("image"):
        parts.append(f"<p><strong>Bilde:</strong> {escape(post['image'])}</p>")
        alt = post.get("alt_text", "")
        parts.append(f"<p><strong>Alternativ tekst:</strong> {escape(alt) if alt else '(tom)'}</p>")
    if post.get("video"):
        parts.append(f"<p><strong>Video:</strong> {escape(post['video'])}</p>")
    platform = textcheck.PLATFORM_NAMES.get(str(post.get("platform", "")), str(post.get("platform", "")))
    label = f"Innlegget (konstruert){' på ' + escape(platform) if platform else ''}:"
    return f'<p>{label}</p><div class="sk-innlegg">{"".join(parts)}</div>'


class ChecklistKind(Kind):
    name = "checklist"
    title = "Sjekkliste"
    schema = {
        "required": ["post", "checks"],
        "properties": {
            "post": {
                "type": "object",
                "required": ["text"],
                "properties": {
                    "text": {"type": "string"},
                    "image": {"type": "string"},
                    "alt_text": {"type": "string"},
                    "video": {"type": "string"},
                    "platform": {"type": "string"},
                },
            },
            "checks": {
                "type": "array",
                "minItems": 3,
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["text", "met", "why"],
                    "properties": {
                        "text": {"type": "string"},
                        "met": {"type": "boolean"},
                        "why": {"type": "string", "minLength": 10},
                    },
                },
            },
        },
    }
    texts = {
        "ask_check": "Svar «Oppfylt» eller «Ikke oppfylt» for hvert punkt i sjekklisten.",
        "check_fact": "Riktig svar: {fact}. ",
        "met": "Oppfylt",
        "not_met": "Ikke oppfylt",
        "check_all": "Riktig. Du vurderte alle punktene riktig.",
        "check_some": "{right} av {n} punkter er vurdert riktig.",
    }

    def judge(self, exercise: Exercise, answer: Any) -> Feedback:
        """Answer: for each check, True (the post meets it) or False (it does not)."""
        checks = exercise["checks"]
        said = as_list(answer, self.say("ask_check"))
        if len(said) != len(checks) or any(not isinstance(v, bool) for v in said):
            raise Ask(self.say("ask_check"))
        details = []
        right = 0
        for check, met in zip(checks, said, strict=True):
            ok = met == check["met"]
            right += ok
            fact = self.say("met" if check["met"] else "not_met")
            details.append(Line(check["text"], ok, self.say("check_fact", fact=fact) + check["why"]))
        correct = right == len(checks)
        summary = self.say("check_all") if correct else self.say("check_some", right=right, n=len(checks))
        return Feedback(correct, fraction(right, len(checks)), summary, details)

    def answer_key(self, exercise: Exercise) -> Any:
        return [check["met"] for check in exercise["checks"]]

    def describe_answer(self, exercise: Exercise, answer: Any) -> str:
        said = answer if isinstance(answer, list) else []
        words = {True: "oppfylt", False: "ikke oppfylt"}
        return "; ".join(
            f"{check['text']}: {words.get(value, '(ikke svart)') if isinstance(value, bool) else '(ikke svart)'}"
            for check, value in zip(exercise["checks"], said, strict=False)
        )

    def wrong_picks(self, exercise: Exercise, answer: Any) -> list[str]:
        if not isinstance(answer, list):
            return []
        return [
            f"«{check['text']}» vurdert som {'oppfylt' if value else 'ikke oppfylt'}"
            for check, value in zip(exercise["checks"], answer, strict=False)
            if isinstance(value, bool) and value != check["met"]
        ]

    def demo_answer(self, exercise: Exercise, rng: random.Random, slip: float, lure: int) -> Any:
        answer = self.answer_key(exercise)
        if rng.random() < slip:
            k = lure % len(answer)
            answer[k] = not answer[k]
        return answer

    def key_lines(self, exercise: Exercise) -> list[str]:
        from somekurs.exercises.keytext import one_line

        return [
            f"- {one_line(c['text'])}: **{'oppfylt' if c['met'] else 'ikke oppfylt'}**. {one_line(c['why'])}"
            for c in exercise["checks"]
        ]

    def body_html(self, exercise: Exercise, prefix: str) -> str:
        checks = "".join(
            f"<fieldset><legend>{escape(check['text'])}</legend>"
            + option_row("radio", f"{prefix}-punkt-{i}", f"{prefix}-punkt-{i}-ja", "ja", "Oppfylt")
            + option_row("radio", f"{prefix}-punkt-{i}", f"{prefix}-punkt-{i}-nei", "nei", "Ikke oppfylt")
            + "</fieldset>"
            for i, check in enumerate(exercise["checks"])
        )
        return post_html(exercise["post"]) + checks

    def controls(self, exercise: Exercise) -> Controls:
        return ChecklistControls(exercise)


class ChecklistControls(Controls):
    def __init__(self, exercise: Exercise) -> None:
        super().__init__(exercise)
        w = self.w
        self.radios = [
            w.RadioButtons(options=[("Oppfylt", True), ("Ikke oppfylt", False)], value=None) for _ in exercise["checks"]
        ]
        self.children = [w.HTML(post_html(exercise["post"]), layout=self.wide())]
        for check, radio in zip(exercise["checks"], self.radios, strict=True):
            self.children += [self.wrap_label(check["text"]), radio]

    def answer(self) -> Any:
        return [r.value for r in self.radios]

    def restore(self, answer: Any) -> None:
        if isinstance(answer, list):
            for radio, value in zip(self.radios, answer, strict=False):
                radio.value = value if isinstance(value, bool) else None

    def clear(self) -> None:
        for radio in self.radios:
            radio.value = None


KIND = ChecklistKind()
