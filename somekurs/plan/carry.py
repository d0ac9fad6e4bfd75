"""Answers that belong in a document: an exercise answer (or another document's field) as a field's value.

A field with ``from_exercise`` shows the participant's answer to that exercise, in the field's own
shape: the text they wrote (``text``), the texts of the options they picked (``chosen``), the items
they put in one category or every item with its category (``sorted``), the risks with their ratings
(``risk``). A field with ``from_plan`` shows what they have in a field of another document (the
statement «Om kontoene våre» repeats the response time of the comment rules, for instance).

Only the participant's own answer is read, from their own progress file, and only an answer to the
exercise as it is now (the fingerprint must match, as when the workbook restores an answer): an
answer to an older version might name options that have changed. The newer of the checked answer and
the draft is used. Text left as the exercise's constructed draft is not the participant's, so it is
not carried. Carrying never writes anything: what the participant types in the field is stored by
``somekurs.plan.store`` and always wins (see :func:`value_of`).

``lang`` is the written standard of what is shown: the exercise in that standard (its titles and
option texts, from ``load_exercises(lang=...)``) and the note «Hentet fra …». The answer itself is
the same in both (an nn exercise has its bokmål twin's fingerprint, and answers hold ids).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from somekurs import texts
from somekurs.plan import model

Field = dict[str, Any]


@dataclass(frozen=True)
class Carried:
    """A value carried into a field, and where it came from (shown as «Hentet fra …»)."""

    value: Any
    kind: str  # "exercise" or "plan"
    source_id: str  # the exercise id, or «<document>.<field>»
    title: str  # the exercise's title, or the document's and field's
    lang: str = "nb"  # the standard of the title and the note

    @property
    def note(self) -> str:
        if self.kind == "exercise":
            return texts.say("plan", "from_exercise", self.lang, title=self.title)
        return texts.say("plan", "from_plan", self.lang, title=self.title)


def exercise_answer(exercise: dict[str, Any], progress_state: dict[str, Any]) -> Any:
    """The participant's answer to the exercise as it is now (checked or draft, the newer), or None."""
    from somekurs.exercises.model import fingerprint

    version = fingerprint(exercise)
    found = []
    for section in ("answers", "drafts"):
        entries = progress_state.get(section)
        entry = entries.get(exercise["id"]) if isinstance(entries, dict) else None
        if isinstance(entry, dict) and entry.get("version") == version and "answer" in entry:
            found.append((str(entry.get("saved_at", "")), section == "answers", entry["answer"]))
    if not found:
        return None
    return max(found, key=lambda f: (f[0], f[1]))[2]


def convert(one: Field, exercise: dict[str, Any], answer: Any) -> Any:
    """The answer in the field's shape, or None when it holds nothing to carry."""
    spec = one["from_exercise"]
    mode = spec["carry"]
    value: Any = None
    if mode == "text":
        text = answer.get("text") if isinstance(answer, dict) else answer
        if not isinstance(text, str) or not text.strip() or text.strip() == str(exercise.get("draft", "")).strip():
            return None
        value = [line.strip() for line in text.splitlines() if line.strip()] if one["kind"] == "list" else text.strip()
    elif mode == "chosen":
        picked = answer if isinstance(answer, list) else [answer]
        texts = [o["text"] for o in exercise["options"] if o["id"] in picked]
        value = texts if one["kind"] == "list" else "\n".join(texts)
    elif mode == "sorted" and isinstance(answer, dict):
        labels = {c["id"]: c["label"] for c in exercise["categories"]}
        if one["kind"] == "list":
            value = [i["text"] for i in exercise["items"] if answer.get(i["id"]) == spec["category"]]
        else:
            first, second = (c["id"] for c in model.columns(one)[:2])
            value = [
                {first: i["text"], second: labels[answer[i["id"]]]}
                for i in exercise["items"]
                if isinstance(answer.get(i["id"]), str) and answer[i["id"]] in labels
            ]
    elif mode == "risk" and isinstance(answer, dict):
        from somekurs.exercises.kinds.risk import rating

        rows = []
        for risk in exercise["risks"]:
            pair = rating(answer.get(risk["id"]))
            rows.append(
                {
                    "risiko": risk["text"],
                    "sannsynlighet": pair[0] if pair else None,
                    "konsekvens": pair[1] if pair else None,
                    "tiltak": "",
                }
            )
        value = rows if any(r["sannsynlighet"] for r in rows) else None
    if value is None:
        return None
    cleaned = model.clean_value(one, value)
    return None if cleaned is None or model.is_empty(one, cleaned) else cleaned


def carried(
    one: Field,
    progress_state: dict[str, Any],
    plan_state: dict[str, Any],
    plans: dict[str, model.Plan] | None = None,
    exercises: dict[str, dict[str, Any]] | None = None,
    lang: str = "nb",
) -> Carried | None:
    """What is carried into the field now, or None (``plans`` and ``exercises``, when given,
    should be those of ``lang``)."""
    spec = one.get("from_exercise")
    if spec:
        if exercises is None:
            from somekurs.exercises.model import load_exercises

            exercises = load_exercises(lang=lang)[0]
        exercise = exercises.get(spec["id"])
        if exercise is None:
            return None
        answer = exercise_answer(exercise, progress_state)
        value = None if answer is None else convert(one, exercise, answer)
        return None if value is None else Carried(value, "exercise", exercise["id"], exercise["title"], lang)
    link = one.get("from_plan")
    if link:
        plans = plans if plans is not None else model.load_plans(lang=lang)[0]
        other = plans.get(link["document"])
        if other is None:
            return None
        target = model.field(other, link["field"])
        entry = _store().saved_fields(plan_state, other["id"]).get(target["id"])
        value = model.clean_value(target, entry.get("value")) if entry else None
        if value is None and entry is None:  # not typed there either: what is carried into that field
            inner = carried(target, progress_state, plan_state, plans, exercises, lang)
            value = inner.value if inner else None
        if value is None or model.is_empty(one, value):
            return None
        title = texts.say("plan", "field_in_document", lang, field=target["label"], document=other["title"])
        return Carried(value, "plan", f"{other['id']}.{target['id']}", title, lang)
    return None


def _store() -> Any:
    from somekurs.plan import store

    return store


@dataclass(frozen=True)
class FieldValue:
    """What a field shows: the participant's own value, or what is carried, and whether a carried
    value differs from theirs (then the form offers «Hent svaret på nytt»)."""

    value: Any
    own: bool  # the participant's own value (typed, or an edited carried one)
    carried: Carried | None
    saved_at: str = ""

    @property
    def offers_refresh(self) -> bool:
        return self.own and self.carried is not None and self.carried.value != self.value


def value_of(
    one: Field,
    plan_id: str,
    progress_state: dict[str, Any],
    plan_state: dict[str, Any],
    plans: dict[str, model.Plan] | None = None,
    exercises: dict[str, dict[str, Any]] | None = None,
    lang: str = "nb",
) -> FieldValue:
    """The field as the participant sees it. Their own saved value always wins over anything
    carried; a saved value of the wrong shape (a hand-edited file) is shown as empty, never guessed,
    and stays in the file."""
    found = carried(one, progress_state, plan_state, plans, exercises, lang)
    entry = _store().saved_fields(plan_state, plan_id).get(one["id"])
    if entry is not None:
        value = model.clean_value(one, entry.get("value"))
        return FieldValue(value, True, found, str(entry.get("saved_at", "")))
    return FieldValue(found.value if found else None, False, found)
