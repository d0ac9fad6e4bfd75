"""A dilemma from a real case: the participant writes what they would do, then sees our suggestion."""

from __future__ import annotations

import random
from html import escape
from typing import Any

from somekurs.exercises.feedback import MAX_ANSWER, Ask, Feedback, Line, text_answer
from somekurs.exercises.kinds.base import Controls, Exercise, Kind
from somekurs.exercises.textcheck import clean_text


class DilemmaKind(Kind):
    name = "dilemma"
    title = "Dilemma"
    schema = {
        "required": ["situation", "suggestion", "principle"],
        "properties": {
            "situation": {"type": "string", "minLength": 20},
            "suggestion": {"type": "string", "minLength": 20},
            "principle": {"type": "string", "minLength": 10},
        },
    }
    texts = {
        "ask_dilemma": "Skriv først hva du ville gjort, og trykk så «Sjekk svaret». Da ser du forslaget vårt.",
        "dilemma_saved": "Svaret ditt er lagret. Sammenlign det med forslaget under.",
        "suggestion": "Forslag til løsning",
        "principle": "Prinsippet bak",
    }

    def judge(self, exercise: Exercise, answer: Any) -> Feedback:
        """Answer: the participant's own text. Any real text is saved; there is no right or wrong."""
        text = text_answer(answer)
        if not text:
            raise Ask(self.say("ask_dilemma"))
        details = [
            Line(self.say("suggestion"), None, exercise["suggestion"]),
            Line(self.say("principle"), None, exercise["principle"]),
        ]
        return Feedback(
            None,
            1.0,
            self.say("dilemma_saved"),
            details,
            extra={"suggestion": exercise["suggestion"], "principle": exercise["principle"]},
        )

    def answer_key(self, exercise: Exercise) -> Any:
        return None

    def describe_answer(self, exercise: Exercise, answer: Any) -> str:
        return answer if isinstance(answer, str) else ""

    def demo_answer(self, exercise: Exercise, rng: random.Random, slip: float, lure: int) -> Any:
        return "(Konstruert svar) Jeg ville fulgt rutinen vår og spurt lederen min før jeg svarte."

    def key_lines(self, exercise: Exercise) -> list[str]:
        from somekurs.exercises.keytext import one_line

        return [
            f"- **Situasjon:** {one_line(exercise['situation'])}",
            f"- **Forslag:** {one_line(exercise['suggestion'])}",
            f"- **Prinsipp:** {one_line(exercise['principle'])}",
        ]

    def body_html(self, exercise: Exercise, prefix: str) -> str:
        return (
            f"<p><strong>Situasjonen:</strong> {escape(exercise['situation'])}</p>"
            f'<div class="sk-rad"><label for="{prefix}-tekst">Hva ville du gjort, og hvorfor?</label>'
            f'<textarea id="{prefix}-tekst" rows="5" maxlength="{MAX_ANSWER}"></textarea></div>'
        )

    def feedback_extra_html(self, feedback: Feedback, exercise: Exercise, answer: Any) -> str:
        if not isinstance(answer, str):
            return ""
        return f'<p>Ditt svar:</p><p class="sk-svar-tekst" style="white-space:pre-wrap">{escape(clean_text(answer))}</p>'

    def controls(self, exercise: Exercise) -> Controls:
        return DilemmaControls(exercise)


class DilemmaControls(Controls):
    def __init__(self, exercise: Exercise) -> None:
        super().__init__(exercise)
        w = self.w
        self.text = w.Textarea(placeholder="Skriv hva du ville gjort, og hvorfor.", layout=w.Layout(width="100%", height="8em"))
        self.children = [
            self.wrap_label("Situasjonen: " + exercise["situation"]),
            w.Label("Hva ville du gjort, og hvorfor?"),
            self.text,
        ]

    def answer(self) -> Any:
        return self.text.value

    def restore(self, answer: Any) -> None:
        if isinstance(answer, str):
            self.text.value = answer

    def clear(self) -> None:
        self.text.value = ""


KIND = DilemmaKind()
