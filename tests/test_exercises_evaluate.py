"""Judging answers: the key is right, every wrong answer gets its own reason, a wrong answer does not
give the key away before the participant asks, and nothing raises on what a participant sends."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from somekurs.exercises.evaluate import Feedback, answer_key, evaluate
from somekurs.exercises.html import feedback_html
from somekurs.exercises.model import load_exercises

from tests.exercises_support import NASTY, fixture_exercises

EXERCISES = fixture_exercises()


@pytest.mark.parametrize("exercise_id", list(EXERCISES))
def test_the_key_is_judged_correct(exercise_id: str) -> None:
    exercise = EXERCISES[exercise_id]
    feedback = evaluate(exercise, answer_key(exercise))
    assert not feedback.needs_input, feedback.summary
    # A written text that passes the checks is not called «Riktig»: the checks find words, not meaning.
    said = "Besto sjekkene" if exercise["kind"] == "compare" else "Riktig"
    assert feedback.correct is True and feedback.score == 1.0 and feedback.verdict == said, feedback.summary
    assert feedback.chapter == f"kap-{exercise['theme']}" and feedback.section == exercise["section"]
    assert not feedback.summary.startswith(("Riktig", "Ikke riktig")), "the verdict is said once, by the renderer"


def test_every_valid_exercise_in_the_data_folder_accepts_its_key() -> None:
    exercises, _ = load_exercises()
    for exercise in exercises.values():
        feedback = evaluate(exercise, answer_key(exercise))
        assert feedback.correct is True, (exercise["id"], feedback.summary)


def _all_choice_exercises() -> list[dict[str, Any]]:
    exercises, _ = load_exercises()
    return [e for e in [*EXERCISES.values(), *exercises.values()] if e["kind"] == "choice"]


def test_every_wrong_option_gives_its_own_explanation() -> None:
    for exercise in _all_choice_exercises():
        seen = set()
        for option in exercise["options"]:
            if option["correct"]:
                continue
            answer = [option["id"]] if exercise.get("multiple") else option["id"]
            feedback = evaluate(exercise, answer)
            assert feedback.correct is False, (exercise["id"], option["id"])
            reasons = [line.why for line in feedback.details if line.text == option["text"]]
            assert reasons and option["feedback"] in reasons[0], (exercise["id"], option["id"])
            seen.add(option["feedback"])
        wrong = sum(1 for o in exercise["options"] if not o["correct"])
        assert len(seen) == wrong, f"{exercise['id']}: to gale svar har samme forklaring"


def test_answers_are_option_ids_not_positions() -> None:
    exercise = EXERCISES["test-valg-ett"]
    assert evaluate(exercise, "vurder").correct is True
    assert evaluate(exercise, 0).needs_input, "a position means nothing once options are shuffled"


def test_multiple_choice_hides_the_missed_right_option_until_the_solution() -> None:
    feedback = evaluate(EXERCISES["test-valg-flere"], ["trussel", "kritikk"])
    assert feedback.correct is False and 0 < feedback.score < 1
    ticked_wrong = next(line for line in feedback.details if line.text == "Skarp kritikk av et vedtak")
    assert ticked_wrong.ok is False and ticked_wrong.why.startswith("Du krysset av for dette, men det stemmer ikke.")
    missed = next(line for line in feedback.details if line.text == "Personnummer i klartekst")
    assert missed.solution_only and missed.why.startswith("Du krysset ikke av for dette, men det stemmer.")
    assert feedback.has_solution
    hidden = feedback_html(feedback, EXERCISES["test-valg-flere"], reveal=False)
    shown = feedback_html(feedback, EXERCISES["test-valg-flere"], reveal=True)
    assert "Personnummer" not in hidden and "Personnummer" in shown


def test_sort_hints_before_the_solution_and_accepts_a_defensible_category() -> None:
    exercise = EXERCISES["test-sortering"]
    feedback = evaluate(exercise, {"k1": "skjul", "k2": "skjul", "k3": "skjul"})
    assert feedback.correct is False and feedback.summary == "2 av 3 er plassert riktig."
    wrong = feedback.details[0]
    assert wrong.ok is False and "Riktig kategori er «La stå»" in wrong.why
    assert "La stå" not in wrong.hint and "prøv igjen" in wrong.hint
    also = feedback.details[1]
    assert also.ok is True and "«Slett» kan også forsvares" in also.why, "k2 accepts skjul as well as slett"
    assert evaluate(exercise, {"k1": "behold", "k2": None, "k3": "skjul"}).needs_input
    assert evaluate(exercise, ["behold", "slett", "skjul"]).needs_input, "positions are not an answer"


def test_checklist_judges_each_check_by_id() -> None:
    feedback = evaluate(EXERCISES["test-sjekkliste"], {"alt": True, "lenke": False, "kort": True, "dato": True})
    assert [line.ok for line in feedback.details] == [False, True, True, True]
    assert "Riktig svar: Ikke oppfylt" in feedback.details[0].why and "Ikke oppfylt" not in feedback.details[0].hint


def test_decision_says_where_it_ended_without_naming_the_right_end_first() -> None:
    exercise = EXERCISES["test-beslutning"]
    wrong = evaluate(exercise, ["ja", "nei"])
    assert wrong.correct is False and "Skal ikke journalføres" in wrong.summary
    assert "«Skal journalføres»" not in wrong.summary
    assert [line.ok for line in wrong.details[:2]] == [True, False]
    assert wrong.details[1].why.startswith("Uten saksbehandling"), "each step has its own reason"
    assert wrong.details[-1].solution_only and wrong.details[-1].text == "Riktig utfall: Skal journalføres"
    unfinished = evaluate(exercise, ["ja"])
    assert unfinished.needs_input and "Er meldingen gjenstand" in unfinished.summary


def test_a_decision_may_accept_several_outcomes() -> None:
    exercise = {**EXERCISES["test-beslutning"], "expected": ["journalfor", "ikke"]}
    assert evaluate(exercise, ["nei"]).correct is True
    assert evaluate(exercise, ["ja", "ja"]).correct is True


def test_risk_counts_one_step_off_as_agreeing() -> None:
    exercise = EXERCISES["test-risiko"]
    assert evaluate(exercise, {"kapring": [2, 4], "skrivefeil": [4, 2], "brann": [2, 5]}).correct is True
    far = evaluate(exercise, {"kapring": [1, 5], "skrivefeil": [5, 1], "brann": [1, 4]})
    assert far.correct is False and far.summary.startswith("2 av 3")
    assert "Vi sier 3 og 5" in far.details[0].why and "Vi sier" not in far.details[0].hint


def test_timeline_counts_positions_and_shows_the_right_order_with_times() -> None:
    exercise = EXERCISES["test-tidslinje"]
    feedback = evaluate(exercise, ["rettelse", "varsel", "mobil", "presse"])
    assert feedback.correct is False and feedback.summary == "2 av 4 står på riktig plass."
    assert feedback.extra["right_order"][0] == "08:07: Varselet sendes ved en feil"
    assert evaluate(exercise, ["varsel", "varsel", "mobil", "presse"]).needs_input


def test_scenario_debrief_walks_the_path_and_names_the_better_choice() -> None:
    exercise = EXERCISES["test-scenario"]
    feedback = evaluate(exercise, ["vent", "avkreft"])
    assert feedback.correct is False and feedback.extra["got"] == 2 and feedback.extra["best"] == 4
    assert feedback.score == 0.5 and "Du kom til «Innbyggerne fikk riktig informasjon»" in feedback.summary
    first = feedback.details[0]
    assert first.ok is False and "Bedre: «Del politiets råd" in first.why
    unfinished = evaluate(exercise, ["del"])
    assert unfinished.needs_input and "ikke slutt" in unfinished.summary
    bad = evaluate(exercise, ["del", "ignorer"])
    assert bad.correct is False and bad.extra["ending"] == "darlig"


def test_inbox_judges_each_message_and_logs_what_followed() -> None:
    exercise = EXERCISES["test-innboks"]
    answer = {"m1": ["skjul"], "m2": ["innsyn"], "m3": ["skjul", "sikre", "anmeld"], "m4": ["svar", "privat"]}
    feedback = evaluate(exercise, answer)
    assert feedback.correct is False and feedback.summary.startswith("2 av 4")
    assert [e["ok"] for e in feedback.extra["log"]] == [False, True, True, False]
    assert "Det du ikke skulle gjort: skjul" in feedback.details[0].why
    assert "Det du ikke skulle gjort" not in feedback.details[0].hint
    assert evaluate(exercise, {"m1": ["la-sta"]}).needs_input, "every message needs an action"


def test_compare_content_rules_catch_what_a_draft_gets_wrong() -> None:
    exercise = EXERCISES["test-skriv"]
    draft = evaluate(exercise, {"text": exercise["draft"], "alt_text": "Ferja ved kaia en grå morgen i Testkommune."})
    assert draft.correct is False
    assert any("«Klikk her»" in line.why for line in draft.details)
    good = evaluate(exercise, {"text": exercise["model"], "alt_text": exercise["model_alt_text"], "rubric": {"dag": True}})
    assert good.correct is True and "1 av 3 punkter" in good.summary and good.extra["model"] == exercise["model"]
    assert evaluate(exercise, {"text": "For kort."}).needs_input


@pytest.mark.parametrize(
    ("lang", "paraphrase"),
    [
        ("nb", "Hei! Du får ikke lån fordi du tjener for lite. Ring oss på telefon 12 34 56 78 hvis du lurer på noe mer."),
        ("nn", "Hei! Du får ikkje lån fordi du tener for lite. Ring oss på telefon 12 34 56 78 om du lurer på noko meir."),
    ],
)
def test_a_reply_that_tells_the_case_in_other_words_fails_the_secrecy_check(lang: str, paraphrase: str) -> None:
    """The review's paraphrase kept the secret out of the banned words («avslag», «inntekt») but still
    told everyone why the loan was refused. It must fail, in both standards; the model still passes,
    and even then the verdict is «passed the checks», not «right»."""
    exercises, _ = load_exercises(lang=lang)
    exercise = exercises["innsyn-svar-uten-taushetsbrudd"]
    told = evaluate(exercise, {"text": paraphrase}, lang=lang)
    assert told.correct is False and told.verdict != "Riktig", told.summary
    secrecy = next(rule for rule in exercise["rules"] if rule["id"] == "taushet")
    assert any(line.ok is False and line.why == secrecy["message"] for line in told.details), told.details
    model = evaluate(exercise, {"text": exercise["model"]}, lang=lang)
    assert model.correct is True
    assert model.verdict == {"nb": "Besto sjekkene", "nn": "Bestod sjekkane"}[lang]
    assert "Riktig" not in feedback_html(model, exercise, {"text": exercise["model"]}, lang=lang)


def test_compare_words_match_their_inflections_and_phrases_match_whole() -> None:
    from somekurs.exercises.kinds.compare import term_found

    assert term_found("inntekt", "Avslaget skyldes inntekten din.")
    assert term_found("klikk her", "Du kan KLIKK  HER for mer.")
    assert not term_found("klikk her", "Klikk på lenken her.")
    assert not term_found("lån", "Vi har et lønnssystem.")


@pytest.mark.parametrize("exercise_id", list(EXERCISES))
@pytest.mark.parametrize("answer", NASTY, ids=range(len(NASTY)))
def test_odd_answers_never_raise_and_say_what_to_do(exercise_id: str, answer: Any) -> None:
    exercise = EXERCISES[exercise_id]
    feedback = evaluate(exercise, answer)
    assert isinstance(feedback, Feedback) and feedback.summary
    if feedback.needs_input:
        assert feedback.correct is None and feedback.score == 0
    for reveal in (False, True):
        rendered = feedback_html(feedback, exercise, answer, reveal=reveal)
        assert "<script>alert" not in rendered and "<img src=x" not in rendered


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True)
    | st.text()
    | st.just("<b>SK</b>")
    | st.just(["<b>SK</b>"])
    | st.sampled_from(["vurder", "ja", "nei", "skjul", "del", "m1", "k1"])
    | st.just({"text": "<b>SK</b> 🙂", "alt_text": "<b>SK</b>", "rubric": {"dag": True}}),
    lambda inner: (
        st.lists(inner, max_size=6)
        | st.dictionaries(st.sampled_from(["k1", "m1", "alt", "kapring", "text", "x"]), inner, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(exercise_id=st.sampled_from(list(EXERCISES)), answer=json_values)
def test_any_answer_gives_feedback_and_escaped_html(exercise_id: str, answer: Any) -> None:
    exercise = EXERCISES[exercise_id]
    feedback = evaluate(exercise, answer)
    assert 0 <= feedback.score <= 1 and feedback.summary
    rendered = feedback_html(feedback, exercise, answer, reveal=True)
    assert "<b>SK</b>" not in rendered


@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet=st.characters(codec="utf-8") | st.sampled_from(["<", ">", "&", "\u202e", "🙂", "\n"])))
def test_typed_text_is_judged_and_never_rendered_as_markup(text: str) -> None:
    exercise = EXERCISES["test-dilemma"]
    marker = "<i>x</i>"
    answer = {"text": "Jeg lar den stå fordi " + text + marker}
    feedback = evaluate(exercise, answer)
    rendered = feedback_html(feedback, exercise, answer, reveal=True)
    assert marker not in rendered
