"""The workbook as a whole teaches judgement: what the exercise issue of December 2026 requires of
the data (see AUTHORING.md «Exercise files»), checked over every exercise and incident."""

from __future__ import annotations

import re
from collections import Counter

from somekurs import data, sections
from somekurs.exercises.model import load_exercises

from tests.helpers import ROOT

EXERCISES, PROBLEMS = load_exercises()
JUDGED = {"choice", "sort", "checklist", "decision", "risk", "scenario", "inbox"}
SCENARIO_THEMES = {"krise", "moderering", "innsyn", "sikkerhet", "desinformasjon", "arkiv"}


def judged(exercise: dict) -> bool:
    """Scored by the engine: every kind but a compare without content rules."""
    return exercise["kind"] in JUDGED or (exercise["kind"] == "compare" and bool(exercise.get("rules")))


def test_every_exercise_loads_and_nothing_is_left_unfinished() -> None:
    assert not PROBLEMS, "\n".join(str(p) for p in PROBLEMS)
    leftovers = [p.name for p in (ROOT / "data" / "exercises").glob("*.yaml") if "TODO" in p.read_text(encoding="utf-8")]
    assert not leftovers, f"TODO står igjen i {leftovers}"


def test_at_least_four_fifths_of_the_exercises_ask_for_judgement() -> None:
    aims = Counter(e["aim"] for e in EXERCISES.values())
    assert aims["judgement"] >= 0.8 * len(EXERCISES), aims


def test_every_theme_has_three_judged_judgement_exercises() -> None:
    per_theme = Counter(e["theme"] for e in EXERCISES.values() if e["aim"] == "judgement" and judged(e))
    thin = {t["slug"]: per_theme[t["slug"]] for t in data.load_themes() if per_theme[t["slug"]] < 3}
    assert not thin, thin


def test_the_themes_with_a_real_sequence_have_a_branching_scenario_and_there_are_three_inboxes() -> None:
    with_scenario = {e["theme"] for e in EXERCISES.values() if e["kind"] == "scenario"}
    assert SCENARIO_THEMES <= with_scenario, SCENARIO_THEMES - with_scenario
    assert sum(1 for e in EXERCISES.values() if e["kind"] == "inbox") >= 3


def _pointers(item: object) -> list[str]:
    found: list[str] = []
    if isinstance(item, dict):
        for key, value in item.items():
            found += [value] if key == "section" and isinstance(value, str) else _pointers(value)
    elif isinstance(item, list):
        for value in item:
            found += _pointers(value)
    return found


def test_every_feedback_link_goes_to_a_section_of_a_chapter() -> None:
    index = sections.index()
    chapters = {f"book/{t['slug']}" for t in data.load_themes()} | {"book/nytt-siden-2018"}
    broken = sorted(
        {
            f"{e['id']}: {label}"
            for e in EXERCISES.values()
            for label in _pointers(e)
            if index.get(label, ("",))[0] not in chapters
        }
    )
    assert not broken, broken
    to_the_top = [e["id"] for e in EXERCISES.values() if e["section"].startswith("kap-")]
    assert len(to_the_top) <= 0.1 * len(EXERCISES), f"for mange lenker til toppen av kapitlet: {to_the_top}"


def test_feedback_never_repeats_the_verdict() -> None:
    """The engine says «Riktig»/«Ikke riktig»; an option's own text starting with it reads «Riktig: Riktig.»."""
    repeated = [
        f"{e['id']}/{o['id']}"
        for e in EXERCISES.values()
        if e["kind"] == "choice"
        for o in e["options"]
        if re.match(r"^(Riktig|Ikke riktig|Feil|Nei|Ja)\b[.,:!]", o["feedback"])
    ]
    assert not repeated, repeated


def test_constructed_material_says_so_where_it_is_shown() -> None:
    unmarked = [e["id"] for e in EXERCISES.values() if e["basis"] == "constructed" and "konstruert" not in e["prompt"].lower()]
    assert not unmarked, unmarked


def test_every_incident_is_used_by_an_exercise_or_a_chapter() -> None:
    incidents, _ = data.load_incidents()
    used = {e["incident"] for e in EXERCISES.values() if e.get("incident")}
    for path in (ROOT / "book").rglob("*.md"):
        if path.name not in {"hendelser.md", "fasit.md"}:
            used |= set(re.findall(r"\{hendelse\}`([^`]+)`", path.read_text(encoding="utf-8")))
    for path in (ROOT / "notebooks").glob("*.ipynb"):
        text = path.read_text(encoding="utf-8")
        used |= {i for i in incidents if i in text}
    unused = sorted(set(incidents) - used)
    assert not unused, unused


def test_the_catalogue_is_large_mostly_norwegian_and_verified() -> None:
    incidents, problems = data.load_incidents()
    assert not problems
    assert len(incidents) >= 80, len(incidents)
    assert sum(1 for i in incidents.values() if i["country"] == "NO") >= 45
    unverified = sorted(i for i, item in incidents.items() if "verified" not in item)
    assert not unverified, unverified
