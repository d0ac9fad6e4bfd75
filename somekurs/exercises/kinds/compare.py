"""Write, then compare: the participant writes (a reply, a post, a correction, what they would do),
the engine checks what it can check, and then shows a model answer with a rubric to tick.

What is checked automatically:
- content rules of the exercise: words that must not be there (a reply that reveals a case fails)
  and words of which at least one, or all, must be there (a reply that points to a secure channel);
- for posts (``platform`` set): the text checks of the course (length per platform, LIX, alt text,
  CamelCase hashtags, emoji, «klikk her»), from ``somekurs.exercises.textcheck``.
The model answer appears once the automatic checks pass (or when the participant asks for it);
the participant then ticks the rubric points their own text meets, and that self-assessment is
saved with the answer. This is the form the course's dilemmas take too: situation, your answer,
a suggested solution, the principle behind it.
"""

from __future__ import annotations

import random
import re
from html import escape
from typing import Any

from somekurs import norwegian
from somekurs.exercises import textcheck
from somekurs.exercises.feedback import (
    CHECKS_ONLY,
    ID_SCHEMA,
    MAX_ANSWER,
    POINTER_SCHEMA,
    Ask,
    Feedback,
    Line,
    duplicate_ids,
    fraction,
    text_answer,
)
from somekurs.exercises.kinds.base import Controls, Exercise, Kind
from somekurs.prose import WORD

DEFAULT_MIN_WORDS = 15
_TOKEN = re.compile(r"[0-9A-Za-zÆØÅæøåÉéÈèÜüÖöÄäÓóÁá§]+")


def _tokens(text: str) -> list[str]:
    return [t.lower() for t in _TOKEN.findall(text)]


def term_found(term: str, text: str) -> bool:
    """A rule's term in the text: a phrase as a whole, a single word also inflected («inntekt» finds
    «inntekten»), case ignored."""
    term = term.strip().lower()
    if not term:
        return False
    if " " in term or not _TOKEN.fullmatch(term):
        needle = " ".join(_tokens(term))
        return bool(needle) and needle in " ".join(_tokens(text))
    return any(token.startswith(term) for token in _tokens(text))


def rule_passes(rule: dict[str, Any], text: str) -> bool:
    if "must_not" in rule:
        return not any(term_found(t, text) for t in rule["must_not"])
    if "must_any" in rule:
        return any(term_found(t, text) for t in rule["must_any"])
    return all(term_found(t, text) for t in rule.get("must_all", []))


def _parts(answer: Any) -> tuple[Any, Any, Any]:
    if isinstance(answer, dict):
        return answer.get("text"), answer.get("alt_text"), answer.get("rubric")
    return answer, None, None


class CompareKind(Kind):
    name = "compare"
    checks_only = True  # rules find words, not meaning: a paraphrase can still break the duty of secrecy
    schema = {
        "required": ["situation", "task", "model", "rubric", "principle"],
        "properties": {
            "situation": {"type": "string", "minLength": 20},
            "task": {"type": "string", "minLength": 10, "description": "what to write"},
            "draft": {"type": "string", "description": "a constructed draft the participant starts from"},
            "platform": {"enum": list(textcheck.PLATFORM_LIMITS), "description": "set for a post: the text checks run too"},
            "needs_image": {"type": "boolean"},
            "lix_max": {"type": "number"},
            "min_words": {"type": "integer", "minimum": 1, "maximum": 200},
            "rules": {
                "type": "array",
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["id", "message"],
                    "properties": {
                        "id": ID_SCHEMA,
                        "must_not": {"type": "array", "minItems": 1, "items": {"type": "string", "minLength": 2}},
                        "must_any": {"type": "array", "minItems": 1, "items": {"type": "string", "minLength": 2}},
                        "must_all": {"type": "array", "minItems": 1, "items": {"type": "string", "minLength": 2}},
                        "message": {
                            "type": "string",
                            "minLength": 10,
                            "description": "what is wrong and why, when the rule fails",
                        },
                        **POINTER_SCHEMA,
                    },
                },
            },
            "model": {"type": "string", "minLength": 20, "description": "our suggested answer"},
            "model_alt_text": {"type": "string", "minLength": 15, "description": "our alt text for the image (needs_image)"},
            "rubric": {
                "type": "array",
                "minItems": 3,
                "maxItems": 6,
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["id", "text"],
                    "properties": {"id": ID_SCHEMA, "text": {"type": "string", "minLength": 5}},
                },
            },
            "principle": {"type": "string", "minLength": 10},
        },
    }

    def check(self, item: Exercise) -> list[tuple[str, str]]:
        found = duplicate_ids(item.get("rules", []), "rules") + duplicate_ids(item["rubric"], "rubric")
        for n, rule in enumerate(item.get("rules", [])):
            if sum(key in rule for key in ("must_not", "must_any", "must_all")) != 1:
                found.append((f"rules.{n}", "en regel har nøyaktig én av must_not, must_any og must_all"))
            elif not rule_passes(rule, item["model"]):
                found.append((f"rules.{n}", "forslaget (model) bryter selv denne regelen"))
        if item.get("needs_image") and not item.get("model_alt_text"):
            found.append(("model_alt_text", "oppgaven ber om alternativ tekst, så forslaget trenger en (model_alt_text)"))
        draft = item.get("draft", "")
        if draft and item.get("rules") and all(rule_passes(r, draft) for r in item["rules"]):
            found.append(("draft", "utkastet består alle reglene uendret; en regel må fange det som er galt i det"))
        return found

    def _min_words(self, exercise: Exercise) -> int:
        return int(exercise.get("min_words", DEFAULT_MIN_WORDS))

    def judge(self, exercise: Exercise, answer: Any, lang: str = "nb") -> Feedback:
        """Answer: {"text": ..., "alt_text": ..., "rubric": {point id: True/False}} (or just the text)."""
        raw_text, alt, rubric = _parts(answer)
        text = text_answer(raw_text, lang)
        if not text:
            raise Ask(self.say("ask_compare", lang))
        if len(WORD.findall(text)) < self._min_words(exercise):
            raise Ask(self.say("compare_short", lang, n=self._min_words(exercise)))
        if alt is not None and not isinstance(alt, str):
            alt = None
        if isinstance(alt, str) and len(alt) > MAX_ANSWER:
            raise Ask(self.say("compare_alt_long", lang))
        details: list[Line] = []
        failed = 0
        for rule in exercise.get("rules", []):
            ok = rule_passes(rule, text)
            failed += not ok
            where = {"section": rule.get("section", exercise.get("section", "")), "source": rule.get("source", "")}
            if not ok:
                details.append(Line(self.say("compare_rule_bad", lang), False, rule["message"], hint=rule["message"], **where))
        extra: dict[str, Any] = {}
        if exercise.get("platform"):
            report = textcheck.analyse(
                text,
                str(exercise["platform"]),
                alt_text=alt,
                needs_image=bool(exercise.get("needs_image")),
                lix_max=exercise.get("lix_max"),
                lang=lang,
            )
            for finding in report.findings:
                must = finding.level == textcheck.MUST
                failed += must
                label = self.say("compare_rule_bad", lang) if must else self.say("compare_form", lang)
                details.append(Line(label, False if must else None, finding.message, hint=finding.message))
            extra.update(
                {
                    "lix": report.lix,
                    "length": report.length,
                    "limit": report.limit.chars,
                    "codes": [f.code for f in report.findings],
                }
            )
        rules_total = len(exercise.get("rules", [])) + (1 if exercise.get("platform") else 0)
        correct = failed == 0
        summary = self.say("compare_pass", lang) if correct else self.say("compare_fix", lang, n=failed)
        ticked = rubric if isinstance(rubric, dict) else {}
        got = sum(1 for point in exercise["rubric"] if ticked.get(point["id"]) is True)
        if got:
            summary += " " + self.say("compare_rubric", lang, got=got, n=len(exercise["rubric"]))
        extra.update(
            {"model": exercise["model"], "principle": exercise["principle"], "rubric_got": got, CHECKS_ONLY: self.checks_only}
        )
        score = 1.0 if correct else fraction(max(rules_total - failed, 0), max(rules_total, 1))
        return Feedback(correct, score, summary, details, extra=extra)

    def feedback_extra_html(
        self, feedback: Feedback, exercise: Exercise, answer: Any, reveal: bool = True, lang: str = "nb"
    ) -> str:
        if not (feedback.correct or reveal):
            return ""
        return (
            f'<div class="sk-forslag"><p><strong>{escape(self.say("model", lang))}:</strong></p>'
            f'<p class="sk-svar-tekst">{escape(exercise["model"])}</p>'
            f"<p><strong>{escape(self.say('principle', lang))}:</strong> {escape(exercise['principle'])}</p></div>"
        )

    def answer_key(self, exercise: Exercise) -> Any:
        key: dict[str, Any] = {"text": exercise["model"], "rubric": {p["id"]: True for p in exercise["rubric"]}}
        if exercise.get("needs_image"):
            key["alt_text"] = exercise.get("model_alt_text", "")
        return key

    def describe_answer(self, exercise: Exercise, answer: Any, lang: str = "nb") -> str:
        text, alt, rubric = _parts(answer)
        out = text if isinstance(text, str) else ""
        if isinstance(alt, str) and alt:
            out += "\n\n" + self.say("described_alt", lang, alt=alt)
        if isinstance(rubric, dict):
            ticked = [p["text"] for p in exercise["rubric"] if rubric.get(p["id"]) is True]
            out += "\n\n" + self.say("described_rubric", lang, ticked="; ".join(ticked) if ticked else self.say("none", lang))
        return out

    def wrong_picks(self, exercise: Exercise, answer: Any, lang: str = "nb") -> list[str]:
        text, _, _ = _parts(answer)
        if not isinstance(text, str):
            return []
        return [
            self.say("rule_broken", lang, message=rule["message"][:70])
            for rule in exercise.get("rules", [])
            if not rule_passes(rule, text)
        ]

    def demo_answer(self, exercise: Exercise, rng: random.Random, slip: float, lure: int) -> Any:
        text = exercise.get("draft") if exercise.get("draft") and rng.random() < slip else exercise["model"]
        rubric = {p["id"]: rng.random() > slip for p in exercise["rubric"]}
        answer = {"text": text, "rubric": rubric}
        if exercise.get("needs_image"):
            answer["alt_text"] = exercise.get("model_alt_text", "")  # the workbook asks for it too
        return answer

    def key_lines(self, exercise: Exercise, lang: str = "nb") -> list[str]:
        from somekurs.exercises.keytext import one_line

        def bold(key: str) -> str:
            return f"**{self.say(key, lang)}**"

        lines = [
            f"- {bold('key_situation')} {one_line(exercise['situation'])}",
            f"- {bold('key_task')} {one_line(exercise['task'])}",
        ]
        if exercise.get("draft"):
            lines.append(f"- {bold('key_draft')} «{one_line(exercise['draft'])}»")
        for rule in exercise.get("rules", []):
            kind = "key_must_not" if "must_not" in rule else ("key_must_any" if "must_any" in rule else "key_must_all")
            terms = rule.get("must_not") or rule.get("must_any") or rule.get("must_all") or []
            said = self.say(kind, lang, terms=", ".join(terms))
            lines.append(f"- {bold('key_rule')} {said} {one_line(rule['message'])}")
        if exercise.get("platform"):
            name = textcheck.platform_name(str(exercise["platform"]), lang)
            lix = norwegian.number(exercise.get("lix_max", textcheck.DEFAULT_LIX_MAX), decimals=1)
            check = self.say("key_check_alt" if exercise.get("needs_image") else "key_check", lang, platform=name, lix=lix)
            lines.append(f"- {bold('key_text_check')} {check}")
        lines.append(f"- {bold('key_model')} {one_line(exercise['model'])}")
        lines += [f"- {bold('key_point')} {one_line(p['text'])}" for p in exercise["rubric"]]
        lines.append(f"- {bold('key_principle')} {one_line(exercise['principle'])}")
        return lines

    def body_html(self, exercise: Exercise, prefix: str, lang: str = "nb") -> str:
        parts = [
            f"<p><strong>{escape(self.say('situation', lang))}</strong> {escape(exercise['situation'])}</p>",
            f"<p><strong>{escape(self.say('task', lang))}</strong> {escape(exercise['task'])}</p>",
        ]
        if exercise.get("platform"):
            platform = str(exercise["platform"])
            name = textcheck.platform_name(platform, lang)
            limit = textcheck.PLATFORM_LIMITS[platform]
            lix = norwegian.number(exercise.get("lix_max", textcheck.DEFAULT_LIX_MAX), decimals=1)
            rule = self.say("limit_rule" if limit.rule else "limit_advice", lang, platform=name, chars=limit.chars, lix=lix)
            parts.append(f"<p>{escape(rule)}</p>")
        parts.append(
            f'<div class="sk-rad"><label for="{prefix}-tekst">{escape(self.say("your_answer", lang))}</label>'
            f'<textarea id="{prefix}-tekst" rows="7" maxlength="{MAX_ANSWER}" data-sk-tekst>{escape(exercise.get("draft", ""))}</textarea></div>'
        )
        if exercise.get("needs_image"):
            parts.append(
                f'<div class="sk-rad"><label for="{prefix}-alt">{escape(self.say("alt_label", lang))}</label>'
                f'<textarea id="{prefix}-alt" rows="2" maxlength="{MAX_ANSWER}" data-sk-alt></textarea></div>'
            )
        rubric = "".join(
            f'<div class="sk-valg"><input type="checkbox" id="{prefix}-punkt-{p["id"]}" value="{p["id"]}" data-sk-punkt>'
            f'<label for="{prefix}-punkt-{p["id"]}">{escape(p["text"])}</label></div>'
            for p in exercise["rubric"]
        )
        parts.append(
            f'<fieldset class="sk-rubrikk" hidden><legend>{escape(self.say("rubric_legend", lang))}</legend>{rubric}</fieldset>'
        )
        return "".join(parts)

    def script_data(self, exercise: Exercise, lang: str = "nb") -> dict[str, Any]:
        if exercise.get("platform"):
            return {"textcheck": textcheck.js_config(lang), "word": WORD.pattern}
        return {"word": WORD.pattern}

    def controls(self, exercise: Exercise, seed: str = "", lang: str = "nb") -> Controls:
        return CompareControls(exercise, seed, lang)


class CompareControls(Controls):
    def __init__(self, exercise: Exercise, seed: str = "", lang: str = "nb") -> None:
        super().__init__(exercise, lang)
        w = self.w
        self.text = w.Textarea(
            value=exercise.get("draft", ""), placeholder=self.say("placeholder"), layout=w.Layout(width="100%", height="10em")
        )
        self.children = [
            self.wrap_label(f"{self.say('situation')} {exercise['situation']}"),
            self.wrap_label(f"{self.say('task')} {exercise['task']}"),
            w.Label(self.say("your_answer") + ":"),
            self.text,
        ]
        self.alt = None
        if exercise.get("needs_image"):
            self.alt = w.Textarea(placeholder=self.say("alt_placeholder"), layout=w.Layout(width="100%", height="4em"))
            self.children += [w.Label(self.say("alt_label") + ":"), self.alt]
        self.rubric = {
            p["id"]: w.Checkbox(value=False, description=p["text"], indent=False, layout=self.wide()) for p in exercise["rubric"]
        }
        self.rubric_box = w.VBox([w.Label(self.say("rubric_legend")), *self.rubric.values()], layout=w.Layout(display="none"))
        self.children.append(self.rubric_box)

    def answer(self) -> Any:
        out: dict[str, Any] = {"text": self.text.value, "rubric": {k: b.value for k, b in self.rubric.items()}}
        if self.alt is not None:
            out["alt_text"] = self.alt.value
        return out

    def restore(self, answer: Any) -> None:
        text, alt, rubric = _parts(answer)
        if isinstance(text, str):
            self.text.value = text
        if self.alt is not None and isinstance(alt, str):
            self.alt.value = alt
        if isinstance(rubric, dict):
            for key, box in self.rubric.items():
                box.value = rubric.get(key) is True

    def clear(self) -> None:
        self.text.value = self.exercise.get("draft", "")
        if self.alt is not None:
            self.alt.value = ""
        for box in self.rubric.values():
            box.value = False
        self.rubric_box.layout.display = "none"

    def after_check(self, feedback: Feedback) -> None:
        if not feedback.needs_input:
            self.rubric_box.layout.display = ""


KIND = CompareKind()
