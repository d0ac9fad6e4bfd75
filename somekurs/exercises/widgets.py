"""The live exercise view for JupyterLab, Notebook 7 and Voilà (ipywidgets).

It uses :func:`~somekurs.exercises.evaluate.evaluate` for the judgement and
:mod:`~somekurs.exercises.progress` to keep the answer, so a participant who restarts the
kernel and runs the cell again finds their answer and feedback where they left them.
Participant text is only ever shown through ``Label``/``Textarea`` values or HTML built with
``html.escape`` (``feedback_html``): a widget never renders what someone typed as markup.
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as widgets

from somekurs.exercises import progress, registry
from somekurs.exercises.evaluate import Feedback, evaluate
from somekurs.exercises.html import feedback_html
from somekurs.exercises.model import Exercise, fingerprint

WIDE = widgets.Layout(width="100%")
BOX_CLASS = "sk-oppgave-widget"
CHANGED_SINCE = (
    "Oppgaven er endret siden du svarte sist, så svaret ditt er ikke satt inn igjen. "
    "Svar på nytt. Det gamle svaret ligger fortsatt i eksporten din."
)
# ipywidgets gives every radio label a fixed one-line height and floats its button after the
# text, so in JupyterLab a long option wraps over the next one and its button lands under the
# next option's label: the participant can neither read it nor click it. Checkbox descriptions
# are cut off with «…». This style (scoped to the exercise box) lets both wrap, button first.
WRAP_STYLE = (
    "<style>"
    f".{BOX_CLASS} .widget-radio-box label{{height:auto;min-height:var(--jp-widgets-radio-item-height);"
    "line-height:1.4;display:flex;align-items:flex-start;padding:.15em 0}"
    f".{BOX_CLASS} .widget-radio-box input{{order:-1;float:none;flex:none;height:1.4em;margin:0 .6em 0 1px}}"
    f".{BOX_CLASS} .widget-checkbox{{height:auto}}"
    f".{BOX_CLASS} .widget-checkbox label.widget-label-basic{{white-space:normal;overflow:visible;line-height:1.4;"
    "display:flex;align-items:flex-start;padding:.15em 0}"
    f".{BOX_CLASS} .widget-checkbox input[type=checkbox]{{flex-grow:0;align-self:flex-start;margin-top:.2em}}"
    "</style>"
)


class ExerciseWidget:
    """One exercise as live controls, with «Sjekk svaret» and «Nullstill oppgaven»."""

    def __init__(self, exercise: Exercise) -> None:
        self.exercise = exercise
        self.controls = registry.kinds()[exercise["kind"]].controls(exercise)
        self.check_button = widgets.Button(
            description="Sjekk svaret", button_style="primary", icon="check", layout=widgets.Layout(width="auto")
        )
        self.reset_button = widgets.Button(description="Nullstill oppgaven", icon="undo", layout=widgets.Layout(width="auto"))
        self.feedback = widgets.HTML(layout=WIDE)
        self.notice = widgets.HTML(layout=WIDE)
        self.check_button.on_click(lambda _b: self.check())
        self.reset_button.on_click(lambda _b: self.reset())
        title = widgets.HTML(f"{WRAP_STYLE}<strong>Oppgave: {html.escape(exercise['title'])}</strong>", layout=WIDE)
        self.box = widgets.VBox(
            [
                title,
                self.controls.wrap_label(exercise["prompt"]),
                *self.controls.children,
                widgets.HBox([self.check_button, self.reset_button]),
                self.notice,
                self.feedback,
            ],
            layout=widgets.Layout(border="1px solid", padding="0.5em 1em", margin="0.5em 0"),
        )
        self.box.add_class(BOX_CLASS)
        self.restore()

    def _say(self, text: str) -> None:
        """A notice for the participant (saving failed, the file was damaged); escaped."""
        self.notice.value = "".join(f'<p role="alert">{html.escape(line)}</p>' for line in text.splitlines() if line)

    def _notices(self) -> None:
        found = progress.take_notices()
        if found:
            self._say("\n".join(found))

    def show(self, feedback: Feedback, answer: Any) -> None:
        self.feedback.value = feedback_html(feedback, self.exercise, answer, link_ext=".md")
        self.controls.after_check(feedback)

    def check(self) -> Feedback:
        answer = self.controls.answer()
        feedback = evaluate(self.exercise, answer)
        self.show(feedback, answer)
        self.notice.value = ""
        if not feedback.needs_input:
            try:
                progress.save_answer(
                    self.exercise["id"],
                    answer,
                    correct=feedback.correct,
                    summary=feedback.summary,
                    theme=self.exercise["theme"],
                    kind=self.exercise["kind"],
                    version=fingerprint(self.exercise),
                )
            except progress.ProgressError as exc:
                self._say(str(exc))
        self._notices()
        return feedback

    def restore(self) -> None:
        """Show the saved answer and its feedback (after a kernel restart, or a re-run cell)."""
        try:
            saved = progress.load_answer(self.exercise["id"])
        except progress.ProgressError as exc:
            self._say(str(exc))
            return
        self._notices()
        if not saved:
            return
        if saved.get("version") and saved["version"] != fingerprint(self.exercise):
            # The exercise changed after this answer (options reordered, say): putting the old
            # answer back could tick the wrong option. The answer stays saved and in the export.
            self._say(CHANGED_SINCE)
            return
        self.controls.restore(saved.get("answer"))
        answer = self.controls.answer()
        self.show(evaluate(self.exercise, answer), answer)

    def reset(self) -> None:
        self.controls.clear()
        self.feedback.value = ""
        self.notice.value = ""
        try:
            progress.reset(self.exercise["id"])
        except progress.ProgressError as exc:
            self._say(str(exc))
        self._notices()
