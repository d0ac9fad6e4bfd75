"""Text check of a draft post: readability (LIX), alt text, CamelCase hashtags, emoji, length."""

from __future__ import annotations

import random
from html import escape
from typing import Any

from somekurs import norwegian
from somekurs.exercises import textcheck
from somekurs.exercises.feedback import MAX_ANSWER, Ask, Feedback, Line, text_answer
from somekurs.exercises.kinds.base import Controls, Exercise, Kind
from somekurs.prose import WORD


class TextcheckKind(Kind):
    name = "textcheck"
    title = "Tekstsjekk"
    schema = {
        "required": ["platform"],
        "properties": {
            "platform": {"enum": list(textcheck.PLATFORM_LIMITS)},
            "draft": {"type": "string", "description": "a constructed draft the participant starts from"},
            "needs_image": {"type": "boolean"},
            "lix_max": {"type": "number"},
        },
    }
    texts = {
        "alt_too_long": "Den alternative teksten er for lang. Skriv en eller to setninger.",
        "text_ok": "Teksten består sjekken. ",
        "text_fix": "Rett opp {n} ting før du publiserer. ",
        "text_facts": "{length} tegn ({kind}: {limit}), LIX {lix}.",
        "rule": "plattformens grense",
        "advice": "kursets anbefalte lengde",
        "see_advice": " Se rådene under.",
        "must": "Må rettes",
        "should": "Råd",
    }

    def judge(self, exercise: Exercise, answer: Any) -> Feedback:
        """Answer: the draft text, or {"text": ..., "alt_text": ...} when the post has an image."""
        alt: Any = None
        if isinstance(answer, dict):
            alt = answer.get("alt_text")
            answer = answer.get("text")
        text = text_answer(answer)
        if not text:
            raise Ask(textcheck.MESSAGES["tom"])
        if alt is not None and not isinstance(alt, str):
            alt = None
        if isinstance(alt, str) and len(alt) > MAX_ANSWER:
            raise Ask(self.say("alt_too_long"))
        report = textcheck.analyse(
            text,
            str(exercise["platform"]),
            alt_text=alt,
            needs_image=bool(exercise.get("needs_image")),
            lix_max=exercise.get("lix_max"),
        )
        # ok stays None: the line's own label («Må rettes» / «Råd») says how serious it is.
        details = [Line(self.say("must") if f.level == "må" else self.say("should"), None, f.message) for f in report.findings]
        limit = report.limit
        facts = self.say(
            "text_facts",
            length=report.length,
            kind=self.say("rule" if limit.rule else "advice"),
            limit=limit.chars,
            lix=norwegian.number(report.lix, decimals=1),
        )
        if report.ok:
            summary = self.say("text_ok") + facts + (self.say("see_advice") if report.findings else "")
        else:
            summary = self.say("text_fix", n=len(report.must_fix)) + facts
        return Feedback(
            report.ok,
            report.score,
            summary,
            details,
            extra={
                "lix": report.lix,
                "length": report.length,
                "limit": limit.chars,
                "rule": limit.rule,
                "codes": [f.code for f in report.findings],
            },
        )

    def answer_key(self, exercise: Exercise) -> Any:
        return None

    def describe_answer(self, exercise: Exercise, answer: Any) -> str:
        if isinstance(answer, dict):
            text = answer["text"] if isinstance(answer.get("text"), str) else ""
            alt = answer.get("alt_text")
            return text + (f"\n\nAlternativ tekst: {alt}" if isinstance(alt, str) and alt else "")
        return answer if isinstance(answer, str) else ""

    def demo_answer(self, exercise: Exercise, rng: random.Random, slip: float, lure: int) -> Any:
        return {"text": exercise.get("draft", "") or "(Konstruert utkast.)", "alt_text": None}

    def key_lines(self, exercise: Exercise) -> list[str]:
        from somekurs.exercises.keytext import one_line

        platform = str(exercise["platform"])
        limit = textcheck.PLATFORM_LIMITS.get(platform, textcheck.PLATFORM_LIMITS["nettside"])
        kind = "plattformens grense" if limit.rule else "kursets anbefalte lengde"
        lines = [
            f"- Plattform: {textcheck.PLATFORM_NAMES.get(platform, platform)} ({kind}: {limit.chars} tegn).",
            f"- LIX høyst {norwegian.number(exercise.get('lix_max', textcheck.DEFAULT_LIX_MAX), decimals=1)}.",
        ]
        if exercise.get("needs_image"):
            lines.append("- Innlegget trenger alternativ tekst til bildet.")
        if exercise.get("draft"):
            lines.append(f"- Utkastet deltakerne starter med: «{one_line(exercise['draft'])}»")
        lines.append("- Det finnes ingen fasit-tekst: sjekken godtar alle tekster uten «må rettes»-funn.")
        return lines

    def body_html(self, exercise: Exercise, prefix: str) -> str:
        platform = str(exercise["platform"])
        name = textcheck.PLATFORM_NAMES.get(platform, platform)
        limit = textcheck.PLATFORM_LIMITS.get(platform, textcheck.PLATFORM_LIMITS["nettside"])
        rule = (
            f"{escape(name)} tillater høyst {limit.chars} tegn."
            if limit.rule
            else f"Kursets anbefalte lengde for {escape(name)} er {limit.chars} tegn (et råd, ikke plattformens regel)."
        )
        lix_max = exercise.get("lix_max", textcheck.DEFAULT_LIX_MAX)
        parts = [
            f"<p>{rule} Målet for LIX er høyst {norwegian.number(lix_max, decimals=1)}.</p>",
            f'<div class="sk-rad"><label for="{prefix}-utkast">Utkast til innlegg på {escape(name)}</label>'
            f'<textarea id="{prefix}-utkast" rows="6" maxlength="{MAX_ANSWER}" data-sk-utkast>'
            f"{escape(exercise.get('draft', ''))}</textarea></div>",
        ]
        if exercise.get("needs_image"):
            parts.append(
                f'<div class="sk-rad"><label for="{prefix}-alt">Alternativ tekst til bildet</label>'
                f'<textarea id="{prefix}-alt" rows="2" maxlength="{MAX_ANSWER}" data-sk-alt></textarea></div>'
            )
        return "".join(parts)

    def script_data(self, exercise: Exercise) -> dict[str, Any]:
        return {"textcheck": textcheck.js_config(), "word": WORD.pattern}

    def controls(self, exercise: Exercise) -> Controls:
        return TextcheckControls(exercise)


class TextcheckControls(Controls):
    def __init__(self, exercise: Exercise) -> None:
        super().__init__(exercise)
        w = self.w
        platform = str(exercise["platform"])
        name = textcheck.PLATFORM_NAMES.get(platform, platform)
        self.text = w.Textarea(value=exercise.get("draft", ""), layout=w.Layout(width="100%", height="9em"))
        self.children = [w.Label(f"Utkast til innlegg på {name}:"), self.text]
        self.alt = None
        if exercise.get("needs_image"):
            self.alt = w.Textarea(placeholder="Beskriv hva bildet viser.", layout=w.Layout(width="100%", height="4em"))
            self.children += [w.Label("Alternativ tekst til bildet:"), self.alt]

    def answer(self) -> Any:
        return {"text": self.text.value, "alt_text": self.alt.value if self.alt is not None else None}

    def restore(self, answer: Any) -> None:
        if isinstance(answer, dict):
            if isinstance(answer.get("text"), str):
                self.text.value = answer["text"]
            if self.alt is not None and isinstance(answer.get("alt_text"), str):
                self.alt.value = answer["alt_text"]

    def clear(self) -> None:
        self.text.value = self.exercise.get("draft", "")
        if self.alt is not None:
            self.alt.value = ""


KIND = TextcheckKind()
