"""The live exercise view for JupyterLab, Notebook 7 and Voilà (ipywidgets).

It uses :func:`~somekurs.exercises.evaluate.evaluate` for the judgement and
:mod:`~somekurs.exercises.progress` to keep the answer, so a participant who restarts the
kernel and runs the cell again finds their answer and feedback where they left them.
Participant text is only ever shown through ``Label``/``Textarea`` values or HTML built with
``html.escape`` (``feedback_html``): a widget never renders what someone typed as markup.
The view is in one written standard (``lang``), its words from the texts (section ``view``).
"""

from __future__ import annotations

import html
import threading
from typing import Any

import ipywidgets as widgets

from somekurs import texts
from somekurs.exercises import progress, registry
from somekurs.exercises.evaluate import Feedback, evaluate
from somekurs.exercises.feedback import common_text
from somekurs.exercises.html import feedback_html
from somekurs.exercises.model import Exercise, fingerprint
from somekurs.links import book_base

WIDE = widgets.Layout(width="100%")
BOX_CLASS = "sk-oppgave-widget"
# ipywidgets gives every radio label a fixed one-line height and floats its button after the
# text, so in JupyterLab a long option wraps over the next one and its button lands under the
# next option's label: the participant can neither read it nor click it. Checkbox descriptions
# are cut off with «…». This style (scoped to the exercise box) lets both wrap, button first.
# Links in widget HTML get no style from JupyterLab or Voilà: without this they read as plain text.
LINK_CSS = (
    ".sk-om{line-height:1.5}.sk-om p{margin:.5em 0}"
    f".{BOX_CLASS} a,.sk-om a{{color:var(--jp-content-link-color,#0b57d0);text-decoration:underline}}"
    f".{BOX_CLASS} a:focus-visible,.sk-om a:focus-visible{{outline:2px solid currentColor;outline-offset:2px}}"
)
WRAP_STYLE = (
    "<style>"
    f".{BOX_CLASS} .widget-radio-box label{{height:auto;min-height:var(--jp-widgets-radio-item-height);"
    "line-height:1.4;display:flex;align-items:flex-start;padding:.15em 0}"
    # 24 px controls: WCAG 2.2 target size (2.5.8), also on a phone
    f".{BOX_CLASS} .widget-radio-box input{{order:-1;float:none;flex:none;width:24px;height:24px;margin:0 .6em 0 1px}}"
    f".{BOX_CLASS} .widget-checkbox{{height:auto}}"
    f".{BOX_CLASS} .widget-checkbox label.widget-label-basic{{white-space:normal;overflow:visible;line-height:1.4;"
    "display:flex;align-items:flex-start;padding:.15em 0}"
    f".{BOX_CLASS} .widget-checkbox input[type=checkbox]{{flex-grow:0;align-self:flex-start;margin-top:.2em;width:24px;height:24px}}"
    f"{LINK_CSS}"
    "</style>"
)


class ExerciseWidget:
    """One exercise as live controls, with «Sjekk svaret», «Vis løsningen» and «Nullstill oppgaven».

    The options come in this participant's own order (a seed kept in the progress file); text is
    kept as it is typed (a draft, saved a moment after the last change); «Nullstill» asks first.
    """

    DRAFT_DELAY = 1.5  # seconds after the last change before a draft is written

    def __init__(self, exercise: Exercise, lang: str = "nb") -> None:
        self.exercise = exercise
        self.lang = lang
        self.revealed = False
        self.last: tuple[Feedback, Any] | None = None
        self._timer: threading.Timer | None = None
        self._restoring = False
        try:
            seed = progress.seed()
        except progress.ProgressError:
            seed = ""
        self.controls = registry.kinds()[exercise["kind"]].controls(exercise, seed, lang)
        self.controls.changed = self._changed
        self.check_button = widgets.Button(
            description=self.say("check"),
            button_style="primary",
            layout=widgets.Layout(width="auto", min_height="44px"),
        )
        label = common_text("show_model" if exercise["kind"] == "compare" else "show_solution", lang)
        self.reveal_button = widgets.Button(
            description=label, layout=widgets.Layout(width="auto", min_height="44px", display="none")
        )
        self.reset_button = widgets.Button(description=self.say("reset"), layout=widgets.Layout(width="auto", min_height="44px"))
        yes = widgets.Button(
            description=self.say("reset_yes"), button_style="danger", layout=widgets.Layout(width="auto", min_height="44px")
        )
        no = widgets.Button(description=self.say("cancel"), layout=widgets.Layout(width="auto", min_height="44px"))
        self.confirm = widgets.VBox(
            [widgets.Label(self.say("reset_question")), widgets.HBox([yes, no])],
            layout=widgets.Layout(display="none", border="2px dashed", padding="0.3em 0.6em"),
        )
        self.feedback = widgets.HTML(layout=WIDE)
        self.notice = widgets.HTML(layout=WIDE)
        self.check_button.on_click(lambda _b: self.check())
        self.reveal_button.on_click(lambda _b: self.reveal())
        self.reset_button.on_click(lambda _b: self._ask_reset(True))
        yes.on_click(lambda _b: self.reset())
        no.on_click(lambda _b: self._ask_reset(False))
        title = widgets.HTML(
            f"{WRAP_STYLE}<strong>{html.escape(self.say('exercise', title=exercise['title']))}</strong>", layout=WIDE
        )
        self.box = widgets.VBox(
            [
                title,
                self.controls.wrap_label(exercise["prompt"]),
                *self.controls.children,
                widgets.HBox(
                    [self.check_button, self.reveal_button, self.reset_button], layout=widgets.Layout(flex_flow="row wrap")
                ),
                self.confirm,
                self.notice,
                self.feedback,
            ],
            layout=widgets.Layout(border="1px solid", padding="0.5em 1em", margin="0.5em 0"),
        )
        self.box.add_class(BOX_CLASS)
        self._watch(self.controls.children)
        self.restore()

    def say(self, key: str, /, **values: object) -> str:
        """One of the view's strings in this exercise's standard."""
        return texts.say("view", key, self.lang, **values)

    # --- drafts: what is typed or chosen is kept before it is checked --------------------------
    def _watch(self, children: list[Any]) -> None:
        for child in children:
            if isinstance(child, widgets.Box):
                self._watch(list(child.children))
            elif isinstance(child, widgets.ValueWidget) and not isinstance(child, (widgets.HTML, widgets.Label)):
                child.observe(lambda _change: self._changed(), names="value")

    def _changed(self) -> None:
        if self._restoring:
            return
        if self._timer is not None:
            self._timer.cancel()
        self._timer = threading.Timer(self.DRAFT_DELAY, self.save_draft)
        self._timer.daemon = True
        self._timer.start()

    def save_draft(self) -> None:
        """Keep the current state of the form (also called at once by tests)."""
        self._timer = None
        try:
            progress.save_draft(self.exercise["id"], self.controls.answer(), version=fingerprint(self.exercise))
        except progress.ProgressError as exc:
            self._say(str(exc))

    def _say(self, text: str) -> None:
        """A notice for the participant (saving failed, the file was damaged); escaped."""
        self.notice.value = "".join(f'<p role="alert">{html.escape(line)}</p>' for line in text.splitlines() if line)

    def _notices(self) -> None:
        found = progress.take_notices()
        if found:
            self._say("\n".join(found))

    def show(self, feedback: Feedback, answer: Any) -> None:
        self.last = (feedback, answer)
        reveal = self.revealed or feedback.correct is not False
        self.feedback.value = feedback_html(
            feedback, self.exercise, answer, reveal=reveal, link_base=book_base(self.lang), target="_blank", lang=self.lang
        )
        self.reveal_button.layout.display = (
            ""
            if (not reveal and feedback.has_solution)
            or (self.exercise["kind"] == "compare" and not reveal and not feedback.needs_input)
            else "none"
        )
        self.controls.after_check(feedback)

    def reveal(self) -> None:
        self.revealed = True
        if self.last is not None:
            self.show(*self.last)

    def check(self) -> Feedback:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        answer = self.controls.answer()
        feedback = evaluate(self.exercise, answer, self.lang)
        if feedback.correct is not True:
            self.revealed = False
        self.notice.value = ""
        self.show(feedback, answer)
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
        """Show the saved answer and its feedback (after a kernel restart, or a re-run cell), or the
        draft the participant had not checked yet."""
        try:
            saved = progress.load_answer(self.exercise["id"])
            draft = progress.load_draft(self.exercise["id"])
        except progress.ProgressError as exc:
            self._say(str(exc))
            return
        self._notices()
        version = fingerprint(self.exercise)
        if saved and saved.get("version") and saved["version"] != version:
            # The exercise changed after this answer: putting the old answer back could tick the
            # wrong option. The answer stays saved and in the export.
            self._say(self.say("changed_since"))
            saved = None
        if draft and (
            draft.get("version") != version or (saved and str(draft.get("saved_at", "")) <= str(saved.get("saved_at", "")))
        ):
            draft = None
        chosen = draft or saved
        if not chosen:
            return
        self._restoring = True
        try:
            self.controls.restore(chosen.get("answer"))
        except (TypeError, ValueError, KeyError, IndexError, AttributeError):
            self.controls.clear()
            self._say(self.say("unreadable_saved"))
            return
        finally:
            self._restoring = False
        if draft:
            self._say(self.say("draft_back"))
            return
        answer = self.controls.answer()
        self.show(evaluate(self.exercise, answer, self.lang), answer)

    def _ask_reset(self, open_: bool) -> None:
        self.confirm.layout.display = "" if open_ else "none"

    def reset(self) -> None:
        self._ask_reset(False)
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        self._restoring = True
        try:
            self.controls.clear()
        finally:
            self._restoring = False
        self.revealed = False
        self.last = None
        self.feedback.value = ""
        self.notice.value = ""
        self.reveal_button.layout.display = "none"
        try:
            progress.reset(self.exercise["id"])
        except progress.ProgressError as exc:
            self._say(str(exc))
        self._notices()
