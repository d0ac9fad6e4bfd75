"""The JupyterLab view: vis() is a widget that also carries the book's HTML, restores a saved
answer after a restart, saves on «Sjekk svaret», and never renders typed text as markup."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from somekurs.answer_key import answer_key_page
from somekurs.data import load_themes
from somekurs.exercises import progress
from somekurs.exercises.evaluate import answer_key
from somekurs.oppgaver import eksporter, kallenavn, nullstill_alt, vis, vis_tema

from tests import exercises_support
from tests.exercises_support import fixture_exercises

ROOT = Path(__file__).resolve().parent.parent
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
progress_file = exercises_support.progress_file
use_fixture_exercises = exercises_support.use_fixture_exercises


def _html_values(widget: widgets.Widget) -> list[str]:
    """Every HTML string the widget tree renders as markup."""
    found = [widget.value] if isinstance(widget, widgets.HTML) else []
    for child in getattr(widget, "children", ()):
        found += _html_values(child)
    if isinstance(widget, widgets.Output):
        found += [o.get("data", {}).get("text/html", "") for o in widget.outputs]
    return found


def test_vis_is_a_widget_with_the_static_html_too(progress_file: Path, use_fixture_exercises: Any) -> None:
    shown = vis("test-valg-ett")
    assert isinstance(shown, widgets.Widget)
    bundle = shown._repr_mimebundle_()
    assert WIDGET_MIME in bundle and 'id="sk-test-valg-ett"' in bundle["text/html"]
    assert bundle["text/plain"] == "Oppgave: Forslag i kommentarfeltet", "stable text, whatever was answered"


def test_unknown_or_odd_ids_give_a_friendly_message(progress_file: Path, use_fixture_exercises: Any) -> None:
    for odd in ["test-valg-et", "<script>x</script>", None, 42]:
        bundle = vis(odd)._repr_mimebundle_()  # type: ignore[arg-type]
        text = bundle["text/html"]
        assert "Fant ingen oppgave" in text and "<script>x" not in text and "Traceback" not in text
    assert "Mente du «test-valg-ett»" in vis("test-valg-et")._repr_mimebundle_()["text/html"]


def test_check_saves_and_a_restart_restores_answer_and_feedback(progress_file: Path, use_fixture_exercises: Any) -> None:
    view = vis("test-valg-flere").exercise_view
    view.controls.boxes["trussel"].value = True
    view.controls.boxes["personnummer"].value = True
    view.check_button.click()
    assert "Riktig:" in view.feedback.value
    assert sorted(progress.load_answer("test-valg-flere")["answer"]) == ["personnummer", "trussel"]
    code = (
        "from somekurs.exercises.widgets import ExerciseWidget; from tests.exercises_support import fixture_exercises; "
        "v = ExerciseWidget(fixture_exercises()['test-valg-flere']); "
        "print(sorted(k for k, b in v.controls.boxes.items() if b.value), 'Riktig:' in v.feedback.value)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
        env={**os.environ, "SOMEKURS_PROGRESS": str(progress_file)},
    )
    assert result.stdout.strip() == "['personnummer', 'trussel'] True", result.stderr


def test_the_participant_sees_their_own_order_after_a_restart(progress_file: Path) -> None:
    from somekurs.exercises import shuffle
    from somekurs.exercises.widgets import ExerciseWidget

    exercise = fixture_exercises()["test-valg-ett"]
    ids = [o["id"] for o in exercise["options"]]
    first = [value for _, value in ExerciseWidget(exercise).controls.radio.options]
    assert first == [value for _, value in ExerciseWidget(exercise).controls.radio.options], "same participant, same order"
    assert progress.seed(), "the seed is kept in the progress file"
    # After a restart the order comes back from the stored seed alone.
    assert first == shuffle.order(progress.seed(), exercise["id"], "options", ids)
    # The file order is one order among all (never ruled out: that would make position a cue), so
    # what is checked is that participants' seeds give different orders, not only the file's.
    orders = {tuple(shuffle.order(shuffle.new_seed(), exercise["id"], "options", ids)) for _ in range(40)}
    assert len(orders) > 1 and orders != {tuple(ids)}


def test_answer_to_an_older_version_is_kept_but_not_put_back(progress_file: Path, use_fixture_exercises: Any) -> None:
    """The author changes the exercise after a participant answered: reopening the workbook
    does not put the old answer into the changed exercise."""
    from somekurs.exercises.widgets import ExerciseWidget

    exercise = fixture_exercises()["test-valg-ett"]
    first = ExerciseWidget(exercise)
    first.controls.radio.value = "la-sta"
    first.check_button.click()
    saved = progress.load_answer("test-valg-ett")
    assert saved["answer"] == "la-sta" and saved["version"]
    same = ExerciseWidget(exercise)
    assert same.controls.answer() == "la-sta" and same.feedback.value, "same version: answer and feedback come back"
    changed = ExerciseWidget({**exercise, "prompt": exercise["prompt"] + " Endret."})
    assert changed.controls.answer() is None and changed.feedback.value == ""
    assert "Oppgaven er endret siden du svarte sist" in changed.notice.value
    assert progress.load_answer("test-valg-ett") == saved, "the old answer is not lost"


def test_a_wrong_answer_hides_the_solution_until_asked(progress_file: Path, use_fixture_exercises: Any) -> None:
    view = vis("test-beslutning").exercise_view
    view.controls.restore(["ja", "nei"])
    view.check_button.click()
    assert "Ikke riktig:" in view.feedback.value and "Riktig utfall" not in view.feedback.value
    assert view.reveal_button.layout.display != "none"
    view.reveal_button.click()
    assert "Riktig utfall: Skal journalføres" in view.feedback.value
    assert 'target="_blank"' in view.feedback.value and "/somekurs/bok/book/arkiv.html" in view.feedback.value


def test_reset_asks_first_then_clears_the_controls_and_the_saved_answer(progress_file: Path, use_fixture_exercises: Any) -> None:
    view = vis("test-tidslinje").exercise_view
    key = [e["id"] for e in fixture_exercises()["test-tidslinje"]["events"]]
    view.controls.restore(key)
    view.check_button.click()
    assert progress.load_answer("test-tidslinje")["correct"] is True
    view.reset_button.click()
    assert progress.load_answer("test-tidslinje") is not None, "nothing is deleted before the participant confirms"
    assert view.confirm.layout.display != "none"
    yes = view.confirm.children[1].children[0]
    yes.click()
    assert progress.load_answer("test-tidslinje") is None and view.feedback.value == ""
    assert view.controls.answer() != key


def test_typed_text_is_kept_as_a_draft_and_comes_back(progress_file: Path, use_fixture_exercises: Any) -> None:
    from somekurs.exercises.widgets import ExerciseWidget

    exercise = fixture_exercises()["test-dilemma"]
    view = ExerciseWidget(exercise)
    view.controls.text.value = "Jeg ville latt kommentaren stå, og"
    view.save_draft()
    again = ExerciseWidget(exercise)
    assert again.controls.text.value == "Jeg ville latt kommentaren stå, og"
    assert "Utkastet ditt fra sist" in again.notice.value and again.feedback.value == ""


def test_half_an_emoji_is_saved_cleaned_not_lost(progress_file: Path, use_fixture_exercises: Any) -> None:
    """B01: a lone surrogate (an emoji cut in half by another program) in typed text."""
    view = vis("test-dilemma").exercise_view
    view.controls.text.value = "Jeg lar kommentaren stå, for kritikk er lov 😀"[:-1] + "\ud83d"
    feedback = view.check()
    assert not feedback.needs_input and "Lagret" not in view.notice.value
    saved = progress.load_answer("test-dilemma")
    assert saved and saved["answer"]["text"].startswith("Jeg lar kommentaren stå")
    assert "\ud83d" not in saved["answer"]["text"]


def test_a_saved_answer_of_the_wrong_shape_empties_that_exercise_only(progress_file: Path, use_fixture_exercises: Any) -> None:
    """B02: a tampered or damaged entry shows a Norwegian notice and lets the participant reset it."""
    from somekurs.exercises.model import fingerprint

    exercises = fixture_exercises()
    for exercise_id, odd in [
        ("test-sortering", [["x"]]),
        ("test-risiko", {"kapring": [[1], {"a": 1}]}),
        ("test-scenario", [[1, [2]]]),
        ("test-innboks", {"m1": [{"a": 1}]}),
        ("test-skriv", {"text": ["x"]}),
    ]:
        progress.save_answer(exercise_id, odd, correct=False, version=fingerprint(exercises[exercise_id]))
        shown = vis(exercise_id)
        bundle = shown._repr_mimebundle_()
        assert "feil i kurspakken" not in bundle["text/html"], exercise_id
        view = shown.exercise_view
        view.reset_button.click()
        view.confirm.children[1].children[0].click()
        assert progress.load_answer(exercise_id) is None


@pytest.mark.parametrize("exercise_id", list(fixture_exercises()))
def test_every_kind_answers_by_widget_and_restores(progress_file: Path, exercise_id: str) -> None:
    from somekurs.exercises.widgets import ExerciseWidget

    exercise = fixture_exercises()[exercise_id]
    view = ExerciseWidget(exercise)
    key = answer_key(exercise)
    view.controls.restore(key)
    assert view.controls.answer() == key
    feedback = view.check()
    assert not feedback.needs_input and feedback.correct is True, feedback.summary
    again = ExerciseWidget(exercise)
    assert again.controls.answer() == view.controls.answer() and again.feedback.value


def test_risk_matrix_is_drawn_with_a_text_description(progress_file: Path) -> None:
    from somekurs.exercises.kinds.risk import risk_png

    png, description = risk_png(fixture_exercises()["test-risiko"], {"kapring": [3, 5], "skrivefeil": [1, 1], "brann": [1, 4]})
    assert png.startswith(b"\x89PNG") and "R1: du 3×5, vi 3×5" in description


def test_a_damaged_progress_file_is_reported_in_the_widget(progress_file: Path, use_fixture_exercises: Any) -> None:
    progress_file.write_text("{ødelagt", encoding="utf-8")
    view = vis("test-dilemma").exercise_view
    assert "kunne ikke leses" in view.notice.value and "skadet-" in view.notice.value


def test_a_failed_save_is_told_not_hidden(
    progress_file: Path, use_fixture_exercises: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = vis("test-dilemma").exercise_view

    def fail(*args: Any, **kwargs: Any) -> None:
        raise progress.ProgressError("Svaret ble ikke lagret: disken er full.")

    monkeypatch.setattr(progress, "save_answer", fail)
    view.controls.text.value = "Mitt svar er å la kommentaren stå"
    view.check_button.click()
    assert "Svaret ble ikke lagret" in view.notice.value and "Besto sjekkene:" in view.feedback.value


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=300))
def test_typed_text_is_escaped_in_widget_output(progress_file: Path, text: str) -> None:
    from somekurs.exercises.widgets import ExerciseWidget

    exercises = fixture_exercises()
    for exercise_id, field in [("test-dilemma", "text"), ("test-skriv", "text")]:
        view = ExerciseWidget(exercises[exercise_id])
        getattr(view.controls, field).value = text + "<img src=x onerror=alert(1)>"
        view.check_button.click()
        rendered = "".join(_html_values(view.box))
        assert "<img src=x" not in rendered
    progress.reset_all()


def test_theme_view_export_pseudonym_and_reset_all(
    progress_file: Path, use_fixture_exercises: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    theme = vis_tema("moderering")
    assert theme._repr_mimebundle_()["text/html"].count('class="sk-oppgave"') == 3
    assert "Fant ingen oppgaver" in vis_tema("finnes-ikke")._repr_mimebundle_()["text/html"]
    view = vis("test-dilemma").exercise_view
    view.controls.text.value = "<b>mitt svar</b> er å la den stå"
    view.check_button.click()
    kallenavn("Ugle")
    monkeypatch.setattr(Path, "home", lambda: tmp_path)
    shown = eksporter()
    said = "".join(_html_values(shown))
    assert str(tmp_path / "mine-kurssvar.md") in said and "download=" in said
    exported = (tmp_path / "mine-kurssvar.md").read_text(encoding="utf-8")
    assert "Kallenavn: Ugle" in exported and "&lt;b&gt;mitt svar" in exported and "Kollega i kommentarfeltet" in exported
    assert (tmp_path / "mine-kurssvar.csv").read_text(encoding="utf-8-sig").startswith("exercise_id,theme,kind")
    confirm = nullstill_alt()
    assert progress.all_answers(), "nothing is deleted before the participant confirms"
    button = [c for c in confirm.children if isinstance(c, widgets.Button)][0]
    button.click()
    assert progress.all_answers() == {}


def test_answer_key_page_from_the_same_data() -> None:
    exercises = fixture_exercises()
    page = answer_key_page(exercises, load_themes(), {"arkiv"})
    assert page.startswith("(fasit)=\n# Fasit for instruktører\n")
    assert "## Arkivering og journalføring" in page and "{ref}`kap-arkiv`" in page
    assert "**Riktig**: Vurderer om kommentaren skal journalføres" in page
    assert "Er meldingen gjenstand for saksbehandling eller har den verdi som dokumentasjon? → **Ja**" in page
    assert "0 p: Vent til du har hele bildet" in page and "→ **innsyn**" not in page
    assert "1. 08:07: Varselet sendes ved en feil" in page and "{footcite:t}`difi-2018-veiledning`" in page
    assert "```{footbibliography}" in page


def test_importing_the_facade_is_fast_and_light() -> None:
    code = (
        "import sys, time; t = time.perf_counter(); import somekurs.oppgaver; d = time.perf_counter() - t; "
        "import json; print(json.dumps([d, [m for m in ('ipywidgets', 'matplotlib', 'pandas') if m in sys.modules]]))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    seconds, heavy = json.loads(result.stdout)
    assert heavy == [] and seconds < 0.3


def test_every_valid_exercise_in_the_data_folder_shows_and_accepts_its_key(progress_file: Path) -> None:
    from somekurs.exercises.model import load_exercises
    from somekurs.exercises.widgets import ExerciseWidget

    exercises, _ = load_exercises()
    if not exercises:
        pytest.skip("data/exercises/ har ingen gyldige oppgaver ennå")
    for exercise in exercises.values():
        view = ExerciseWidget(exercise)
        key = answer_key(exercise)
        view.controls.restore(key)
        feedback = view.check()
        assert feedback.correct is True, (exercise["id"], feedback.summary)
    page = answer_key_page(exercises, load_themes(), set())
    assert page.startswith("(fasit)=\n# Fasit for instruktører\n")
    assert all(f"`{key}`" in page for key in exercises)


def test_a_workbook_cell_runs_in_a_kernel_and_gives_the_same_html_twice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What nbval and the book build do: run «vis(...)» in a fresh kernel, twice."""
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    from somekurs.exercises.model import load_exercises

    exercises, _ = load_exercises()
    exercise_id = next(iter(exercises), None)
    if exercise_id is None:
        pytest.skip("data/exercises/ har ingen gyldige oppgaver ennå")
    (tmp_path / "somekurs").symlink_to(ROOT / "somekurs")
    cell = f'from somekurs.oppgaver import vis\nvis("{exercise_id}")'
    monkeypatch.setenv("SOMEKURS_PROGRESS", str(tmp_path / "fremdrift.json"))  # the kernel inherits it
    outputs = []
    for _ in range(2):
        notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(cell)])
        nbclient.NotebookClient(notebook, timeout=120, resources={"metadata": {"path": str(tmp_path)}}).execute()
        data = notebook.cells[0].outputs[0]["data"]
        assert WIDGET_MIME in data and f'id="sk-{exercise_id}"' in data["text/html"]
        outputs.append(data["text/html"])
    assert outputs[0] == outputs[1]
