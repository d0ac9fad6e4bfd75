"""No cue but knowledge: a participant who does not read the course scores no better than chance.

The strategies are played over every exercise of the course (somekurs.exercises.testwise): the
first option shown, the longest, the shortest, the most hedged; «Ja» or «Nei» all the way; the same
category, rating or action for every item; everything at once. A test that cannot fail is a defect,
so the last tests show that the player catches an exercise written the old way.
"""

from __future__ import annotations

import copy

import pytest
from somekurs.exercises import testwise
from somekurs.exercises.model import load_exercises

from tests.exercises_support import fixture_exercises

EXERCISES, _ = load_exercises()
REPORT = testwise.play(EXERCISES.values())


def test_no_strategy_beats_chance_by_a_clear_margin() -> None:
    assert EXERCISES, "the course has exercises"
    beating = REPORT.beating_chance()
    assert not beating, "\n".join(beating)


def test_no_exercise_is_passed_by_the_same_answer_everywhere() -> None:
    found = REPORT.uniform_too_good()
    assert not found, "\n".join(found)


def test_the_right_option_is_not_predictably_the_longest() -> None:
    singles = [e for e in EXERCISES.values() if e["kind"] == "choice" and not e.get("multiple")]
    longest = sum(1 for e in singles if max(e["options"], key=lambda o: len(o["text"]))["correct"])
    chance = sum(sum(o["correct"] for o in e["options"]) / len(e["options"]) for e in singles)
    assert longest <= chance + testwise.MARGIN * len(singles), f"{longest} av {len(singles)} (tilfeldig {chance:.1f})"


@pytest.mark.parametrize("strategy", ["always-ja", "always-nei", "first-shown", "longest-label"])
def test_decision_trees_are_not_solved_by_a_pattern(strategy: str) -> None:
    rows = [r for r in REPORT.results if r.kind == "decision" and r.strategy == strategy]
    if not rows:
        pytest.skip("ingen beslutningstrær")
    assert sum(r.score for r in rows) / len(rows) <= sum(r.chance for r in rows) / len(rows) + testwise.MARGIN


# --- the player itself: it must catch the cues it is there to catch ---------------------------


def _old_style_choice(n: int) -> dict:
    """Right option first, longest and most hedged: how the workbook used to be written."""
    exercise = copy.deepcopy(fixture_exercises()["test-valg-ett"])
    exercise["id"] = f"gammel-{n}"
    exercise["options"][0]["text"] = "Vurderer normalt om kommentaren kan være et saksdokument som bør journalføres"
    return exercise


def test_the_player_catches_the_longest_and_most_hedged_option() -> None:
    report = testwise.play([_old_style_choice(n) for n in range(10)])
    assert any(line.startswith("choice/longest") for line in report.beating_chance())
    assert any(line.startswith("choice/most-hedged") for line in report.beating_chance())


def test_the_player_catches_yes_all_the_way_and_a_uniform_checklist() -> None:
    tree = copy.deepcopy(fixture_exercises()["test-beslutning"])
    tree["nodes"]["q2"]["options"].reverse()  # the right path: Ja, Ja
    checklist = copy.deepcopy(fixture_exercises()["test-sjekkliste"])
    for check in checklist["checks"]:
        check["met"] = False
    report = testwise.play([tree, checklist])
    assert any(line.startswith("decision/always-ja") for line in report.beating_chance())
    assert any("same-not-met" in line for line in report.uniform_too_good())
