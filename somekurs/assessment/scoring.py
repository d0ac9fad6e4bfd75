"""The result of a finished attempt: pure, and the same as the static book's script computes.

An item counts as right when the engine's judge calls the whole answer right (``correct is True``),
the verdict the participant sees as «Riktig». The result is the plain JSON below; the record's
check value is computed from it (:mod:`somekurs.assessment.record`), so its fields and their types
are fixed: strings, whole numbers and booleans only (no floats, which two languages print apart).

```
{"attempt": "1a2b3c4d", "scope": "arkiv", "date": "2026-12-02", "right": 5, "total": 6, "passed": true,
 "themes": {"arkiv": {"right": 5, "total": 6, "passed": true}}}
```
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from somekurs.assessment.bank import Rules
from somekurs.exercises.evaluate import Feedback, evaluate
from somekurs.exercises.model import Exercise

Result = dict[str, Any]


@dataclass
class Scored:
    """A finished attempt: the result, each item's feedback, and the sections to read again."""

    result: Result
    feedback: dict[str, Feedback] = field(default_factory=dict)
    revisit: dict[str, list[str]] = field(default_factory=dict)  # theme → section labels, in item order


def score(
    rules_: Rules, items: list[Exercise], answers: dict[str, Any], attempt: str, day: str | None = None, lang: str = "nb"
) -> Scored:
    """Judge every item and apply the pass marks of ``rules_``. An unanswered item counts as wrong.
    ``lang`` is the standard of the feedback (the result itself is the same in both)."""
    day = day or dt.date.today().isoformat()
    themes: dict[str, dict[str, Any]] = {}
    scored = Scored(result={})
    for item in items:
        feedback = evaluate(item, answers.get(item["id"]), lang)
        scored.feedback[item["id"]] = feedback
        row = themes.setdefault(item["theme"], {"right": 0, "total": 0, "passed": False})
        row["total"] += 1
        if feedback.correct is True:
            row["right"] += 1
        else:
            labels = scored.revisit.setdefault(item["theme"], [])
            if item["section"] not in labels:
                labels.append(item["section"])
    for row in themes.values():
        row["passed"] = row["right"] >= min(rules_.theme_pass, row["total"])
    right = sum(r["right"] for r in themes.values())
    total = sum(r["total"] for r in themes.values())
    passed = bool(themes) and right >= min(rules_.total_pass, total) and all(r["passed"] for r in themes.values())
    scored.result = {
        "attempt": attempt,
        "scope": rules_.scope,
        "date": day,
        "right": right,
        "total": total,
        "passed": passed,
        "themes": themes,
    }
    return scored


def percent(result: Result) -> int:
    """The score as a whole percentage (what a learning platform records)."""
    total = int(result.get("total") or 0)
    return round(100 * int(result.get("right") or 0) / total) if total else 0
