"""Judging answers: the key is right, every wrong answer gets its own reason, nothing raises."""

from __future__ import annotations

import html
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from somekurs.exercises.evaluate import Feedback, answer_key, evaluate
from somekurs.exercises.html import feedback_html
from somekurs.exercises.model import load_exercises

from tests.exercises_support import NASTY, fixture_exercises

EXERCISES = fixture_exercises()
GOOD_POST = {
    "text": "Ferja går som vanlig i morgen. Se rutetidene på nettsiden vår.",
    "alt_text": "Ferja legger til kai i Florø en solrik morgen.",
}


def _key(exercise: dict[str, Any]) -> Any:
    if exercise["kind"] == "dilemma":
        return "Jeg ville latt kommentaren stå og svart saklig."
    if exercise["kind"] == "textcheck":
        return GOOD_POST
    return answer_key(exercise)


@pytest.mark.parametrize("exercise_id", list(EXERCISES))
def test_the_key_is_judged_correct(exercise_id: str) -> None:
    exercise = EXERCISES[exercise_id]
    feedback = evaluate(exercise, _key(exercise))
    assert not feedback.needs_input, feedback.summary
    if exercise["kind"] == "dilemma":
        assert feedback.correct is None and feedback.verdict == "Lagret"
    else:
        assert feedback.correct is True and feedback.score == 1.0 and feedback.verdict == "Riktig", feedback.summary
    assert feedback.chapter == exercise["chapter"] and feedback.theme == exercise["theme"]


def test_every_valid_exercise_in_the_data_folder_accepts_its_key() -> None:
    exercises, _ = load_exercises()
    if not exercises:
        pytest.skip("data/exercises/ har ingen gyldige oppgaver ennå")
    for exercise in exercises.values():
        feedback = evaluate(exercise, _key(exercise))
        assert not feedback.needs_input, (exercise["id"], feedback.summary)
        if exercise["kind"] not in ("dilemma", "textcheck"):
            assert feedback.correct is True, (exercise["id"], feedback.summary)


def _all_choice_exercises() -> list[dict[str, Any]]:
    exercises, _ = load_exercises()
    return [e for e in [*EXERCISES.values(), *exercises.values()] if e["kind"] == "choice"]


def test_every_wrong_option_gives_its_own_explanation() -> None:
    for exercise in _all_choice_exercises():
        seen = set()
        for i, option in enumerate(exercise["options"]):
            if option["correct"]:
                continue
            answer = [i] if exercise.get("multiple") else i
            feedback = evaluate(exercise, answer)
            assert feedback.correct is False, (exercise["id"], i)
            reasons = [line.why for line in feedback.details if line.text == option["text"]]
            assert reasons and option["feedback"] in reasons[0], (exercise["id"], i)
            assert any(line.ok is False for line in feedback.details)
            seen.add(reasons[0])
        wrong = sum(1 for o in exercise["options"] if not o["correct"])
        assert len(seen) == wrong, f"{exercise['id']}: to gale svar har samme forklaring"


def test_multiple_choice_names_the_correct_option_that_was_missed() -> None:
    feedback = evaluate(EXERCISES["test-valg-flere"], [0])
    assert feedback.correct is False and 0 < feedback.score < 1
    missed = [line for line in feedback.details if line.text == "Personnummer i klartekst"]
    assert missed and missed[0].ok is False and missed[0].why.startswith("Du krysset ikke av")


def test_sort_says_which_item_is_wrong_and_why() -> None:
    feedback = evaluate(EXERCISES["test-sortering"], ["behold", "behold", "skjul"])
    assert feedback.correct is False and feedback.summary == "2 av 3 er plassert riktig."
    wrong = feedback.details[1]
    assert wrong.ok is False and "Riktig kategori er «Skjul»" in wrong.why and "trussel" in wrong.why
    assert evaluate(EXERCISES["test-sortering"], ["behold", None, "skjul"]).needs_input


def test_checklist_judges_each_check() -> None:
    feedback = evaluate(EXERCISES["test-sjekkliste"], [True, False, True])
    assert [line.ok for line in feedback.details] == [False, True, True]
    assert "Riktig svar: Ikke oppfylt" in feedback.details[0].why


def test_decision_reports_the_outcome_reached_and_the_right_one() -> None:
    exercise = EXERCISES["test-beslutning"]
    wrong = evaluate(exercise, [0, 1])
    assert wrong.correct is False and "Skal ikke journalføres" in wrong.summary and "Skal journalføres" in wrong.summary
    assert [line.ok for line in wrong.details[:2]] == [True, False]
    assert wrong.details[-1].text == "Riktig utfall: Skal journalføres"
    unfinished = evaluate(exercise, [0])
    assert unfinished.needs_input and "Er meldingen gjenstand" in unfinished.summary
    assert evaluate(exercise, ["Ja", "Ja"]).correct is True  # labels work as well as indices


def test_risk_counts_one_step_off_as_agreeing() -> None:
    exercise = EXERCISES["test-risiko"]
    near = evaluate(exercise, [(2, 4), (4, 2)])
    assert near.correct is True
    far = evaluate(exercise, [(1, 5), (5, 1)])
    assert far.correct is False and far.summary.startswith("1 av 2")
    assert "Vi sier 3 og 5" in far.details[0].why and "Kapring" in far.details[0].why


def test_timeline_counts_positions_and_shows_the_right_order_with_times() -> None:
    exercise = EXERCISES["test-tidslinje"]
    feedback = evaluate(exercise, [1, 0, 2, 3])
    assert feedback.correct is False and feedback.summary == "2 av 4 står på riktig plass."
    assert feedback.extra["right_order"][0] == "08:07: Varselet sendes ved en feil"
    assert evaluate(exercise, [0, 0, 1, 2]).needs_input


def test_dilemma_asks_for_text_first_then_shows_the_suggestion() -> None:
    exercise = EXERCISES["test-dilemma"]
    empty = evaluate(exercise, "   \n")
    assert empty.needs_input and "Skriv først" in empty.summary
    saved = evaluate(exercise, "La den stå.")
    assert saved.correct is None and exercise["suggestion"] in [line.why for line in saved.details]
    assert exercise["principle"] in [line.why for line in saved.details]


@pytest.mark.parametrize("exercise_id", list(EXERCISES))
@pytest.mark.parametrize("answer", NASTY, ids=range(len(NASTY)))
def test_odd_answers_never_raise_and_say_what_to_do(exercise_id: str, answer: Any) -> None:
    exercise = EXERCISES[exercise_id]
    feedback = evaluate(exercise, answer)
    assert isinstance(feedback, Feedback) and feedback.summary
    if feedback.needs_input:
        assert feedback.correct is None and feedback.score == 0
    rendered = feedback_html(feedback, exercise, answer)
    assert "<script>alert" not in rendered and "<img src=x" not in rendered


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True)
    | st.text()
    | st.just("<b>SK</b>")
    | st.just(["<b>SK</b>"])
    | st.just({"text": "<b>SK</b> 🙂", "alt_text": "<b>SK</b>"}),
    lambda inner: st.lists(inner, max_size=6) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(exercise_id=st.sampled_from(list(EXERCISES)), answer=json_values)
def test_any_answer_gives_feedback_and_escaped_html(exercise_id: str, answer: Any) -> None:
    exercise = EXERCISES[exercise_id]
    feedback = evaluate(exercise, answer)
    assert 0 <= feedback.score <= 1 and feedback.summary
    rendered = feedback_html(feedback, exercise, answer)
    assert "<b>SK</b>" not in rendered


@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet=st.characters(codec="utf-8") | st.sampled_from(["<", ">", "&", "\u202e", "🙂", "\n"])))
def test_typed_dilemma_text_is_escaped_in_feedback(text: str) -> None:
    exercise = EXERCISES["test-dilemma"]
    marker = "<i>x</i>"
    feedback = evaluate(exercise, text + marker)
    rendered = feedback_html(feedback, exercise, text + marker)
    assert marker not in rendered and html.escape(marker) in rendered
    assert feedback.correct is None and not feedback.needs_input
