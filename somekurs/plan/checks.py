"""«Sjekk planen»: a short completeness and quality check of one document, with concrete advice.

Two kinds of check, both from the template's data:
- **completeness:** every field marked ``required`` has something in it;
- **quality:** the template's ``checks``: words the fields must have (``must_any``: comment rules
  that say nothing about personal information) or must not have (``must_not``: «upassende» is no
  reason anyone can foresee), a column every row needs (``every_row``: a channel with no owner), a
  number of items (``min_items``), and a measure for every risk at a level (``risk_measures``).
  A risk row without both ratings is always reported.

Words are found as the exercises' text rules find them (``compare.term_found``: a phrase as a
whole, a single word also inflected, case ignored), and the static book's script does the same;
a browser test compares the two. The check is pure: values in, findings out. The messages are in
``lang`` (data/texts, section ``plan``); a check's own advice is the template's, so it is in the
standard of the template passed in (``model.load_plans(lang=...)``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from somekurs import texts
from somekurs.plan import model

Field = dict[str, Any]


@dataclass(frozen=True)
class Finding:
    """One thing to fix, said so that the participant knows what to do."""

    check: str  # the check's id, or «utfylt-<field>» for a required field
    message: str
    field: str  # the field to go to
    section: str  # the chapter section that says why


def term_found(term: str, text: str) -> bool:
    from somekurs.exercises.kinds.compare import term_found as found

    return found(term, text)


def _row_name(one: Field, row: dict[str, Any], lang: str = "nb") -> str:
    first = model.columns(one)[0]["id"]
    text = str(row.get(first) or "").strip()
    return text[:60] + ("…" if len(text) > 60 else "") if text else texts.say("plan", "no_name", lang)


def run(plan: model.Plan, values: dict[str, Any], lang: str = "nb") -> list[Finding]:
    """Every problem in the document, in the order of its fields (completeness first per field)."""
    by_id = {f["id"]: f for f in model.fields(plan)}
    findings: list[Finding] = []
    for one in model.fields(plan):
        value = values.get(one["id"])
        if one.get("required") and model.is_empty(one, value):
            findings.append(
                Finding(
                    f"utfylt-{one['id']}",
                    texts.say("plan", "empty_field", lang, what=" ".join(one["what"].split())),
                    one["id"],
                    one["section"],
                )
            )
        if one["kind"] == "risk":
            for row in model.items(one, value):
                if not (row.get("sannsynlighet") and row.get("konsekvens")):
                    findings.append(
                        Finding(
                            f"vurdert-{one['id']}",
                            texts.say("plan", "risk_unrated", lang, name=_row_name(one, row, lang)),
                            one["id"],
                            one["section"],
                        )
                    )
    for check in plan["checks"]:
        targets = [by_id[name] for name in check["fields"] if name in by_id]
        if not targets:
            continue
        empty = all(model.is_empty(t, values.get(t["id"])) for t in targets)
        if empty and all(t.get("required") for t in targets):
            continue  # «… er tomt» says it already
        findings.extend(_run_one(check, targets, values, lang))
    order = {f["id"]: n for n, f in enumerate(model.fields(plan))}
    return sorted(findings, key=lambda f: order.get(f.field, len(order)))


def _run_one(check: dict[str, Any], targets: list[Field], values: dict[str, Any], lang: str = "nb") -> list[Finding]:
    test = check["test"]
    first = targets[0]["id"]

    def finding(message: str) -> Finding:
        return Finding(check["id"], message, first, check["section"])

    if test in {"must_any", "must_not"}:
        text = "\n".join(model.as_text(t, values.get(t["id"])) for t in targets)
        hits = [term for term in check["terms"] if term_found(term, text)]
        if (test == "must_any" and not hits) or (test == "must_not" and hits):
            return [finding(check["advice"].replace("{rad}", ""))]
        return []
    if test == "min_items":
        count = sum(len(model.items(t, values.get(t["id"]))) for t in targets)
        return [finding(check["advice"])] if count < check["min"] else []
    found = []
    for one in targets:
        for row in model.items(one, values.get(one["id"])):
            if test == "every_row":
                cell = row.get(check["column"])
                missing = cell is None or (isinstance(cell, str) and not cell.strip())
            else:  # risk_measures
                score = (row.get("sannsynlighet") or 0) * (row.get("konsekvens") or 0)
                missing = score >= check["min_score"] and not str(row.get("tiltak") or "").strip()
            if missing:
                found.append(
                    Finding(check["id"], check["advice"].replace("{rad}", _row_name(one, row, lang)), one["id"], check["section"])
                )
    return found


def summary(plan: model.Plan, findings: list[Finding], lang: str = "nb") -> str:
    """One sentence for the top of the check's result."""
    if not findings:
        return texts.say("plan", "summary_ready", lang, title=plan["title"])
    return texts.say("plan", "summary_some", lang, n=len(findings), title=plan["title"])
