"""The live exercise view for JupyterLab, Notebook 7 and Voilà (ipywidgets).

It uses :func:`~somekurs.exercises.evaluate.evaluate` for the judgement and
:mod:`~somekurs.exercises.progress` to keep the answer, so a participant who restarts the
kernel and runs the cell again finds their answer and feedback where they left them.
Participant text is only ever shown through ``Label``/``Textarea`` values or HTML built with
``html.escape`` (``feedback_html``): a widget never renders what someone typed as markup.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

import ipywidgets as widgets

from somekurs.exercises import progress
from somekurs.exercises.evaluate import Feedback, evaluate
from somekurs.exercises.html import CONSEQUENCE, LIKELIHOOD, feedback_html, post_html
from somekurs.exercises.model import Exercise, fingerprint, initial_order

WIDE = widgets.Layout(width="100%")
HIDDEN, SHOWN = "none", ""
BOX_CLASS = "sk-oppgave-widget"
CHANGED_SINCE = ("Oppgaven er endret siden du svarte sist, så svaret ditt er ikke satt inn igjen. "
                 "Svar på nytt. Det gamle svaret ligger fortsatt i eksporten din.")
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


def _wrap_label(text: str) -> widgets.HTML:
    """A long text that wraps (Label cuts long lines); escaped, so it is still plain text."""
    return widgets.HTML(f'<p style="margin:.25rem 0">{html.escape(text)}</p>', layout=WIDE)


class _Controls:
    """The controls of one kind: read the answer, show a saved one, clear."""

    def __init__(self, exercise: Exercise) -> None:
        self.exercise = exercise
        self.children: list[widgets.Widget] = []

    def answer(self) -> Any:
        raise NotImplementedError

    def restore(self, answer: Any) -> None:
        raise NotImplementedError

    def clear(self) -> None:
        raise NotImplementedError

    def after_check(self, feedback: Feedback) -> None:
        """Kind-specific display after a check (the risk matrix)."""


class _Choice(_Controls):
    def __init__(self, exercise: Exercise) -> None:
        super().__init__(exercise)
        options = exercise["options"]
        self.multiple = bool(exercise.get("multiple"))
        if self.multiple:
            self.boxes = [widgets.Checkbox(value=False, description=o["text"], indent=False, layout=WIDE) for o in options]
            self.children = [widgets.Label("Kryss av for alle som passer:"), *self.boxes]
        else:
            self.radio = widgets.RadioButtons(options=[(o["text"], i) for i, o in enumerate(options)], value=None,
                                              layout=WIDE, description="")
            self.children = [widgets.Label("Velg ett svar:"), self.radio]

    def answer(self) -> Any:
        if self.multiple:
            return [i for i, box in enumerate(self.boxes) if box.value]
        return self.radio.value

    def restore(self, answer: Any) -> None:
        if self.multiple and isinstance(answer, list):
            for i, box in enumerate(self.boxes):
                box.value = i in answer
        elif not self.multiple and isinstance(answer, int) and 0 <= answer < len(self.exercise["options"]):
            self.radio.value = answer

    def clear(self) -> None:
        if self.multiple:
            for box in self.boxes:
                box.value = False
        else:
            self.radio.value = None


class _Dilemma(_Controls):
    def __init__(self, exercise: Exercise) -> None:
        super().__init__(exercise)
        self.text = widgets.Textarea(placeholder="Skriv hva du ville gjort, og hvorfor.",
                                     layout=widgets.Layout(width="100%", height="8em"))
        self.children = [_wrap_label("Situasjonen: " + exercise["situation"]),
                         widgets.Label("Hva ville du gjort, og hvorfor?"), self.text]

    def answer(self) -> Any:
        return self.text.value

    def restore(self, answer: Any) -> None:
        if isinstance(answer, str):
            self.text.value = answer

    def clear(self) -> None:
        self.text.value = ""


class _Sort(_Controls):
    def __init__(self, exercise: Exercise) -> None:
        super().__init__(exercise)
        choices = [("Velg kategori", None)] + [(c["label"], c["id"]) for c in exercise["categories"]]
        rules = [f"{c['label']}: {c['rule']}" if c.get("rule") else c["label"] for c in exercise["categories"]]
        self.selects = [widgets.Dropdown(options=choices, value=None) for _ in exercise["items"]]
        self.children = [_wrap_label("Kategoriene: " + "; ".join(rules))]
        for item, select in zip(exercise["items"], self.selects, strict=True):
            self.children += [_wrap_label(item["text"]), select]

    def answer(self) -> Any:
        return [s.value for s in self.selects]

    def restore(self, answer: Any) -> None:
        ids = {c["id"] for c in self.exercise["categories"]}
        if isinstance(answer, list):
            for select, value in zip(self.selects, answer, strict=False):
                select.value = value if value in ids else None

    def clear(self) -> None:
        for select in self.selects:
            select.value = None


class _Checklist(_Controls):
    def __init__(self, exercise: Exercise) -> None:
        super().__init__(exercise)
        self.radios = [widgets.RadioButtons(options=[("Oppfylt", True), ("Ikke oppfylt", False)], value=None)
                       for _ in exercise["checks"]]
        self.children = [widgets.HTML(post_html(exercise["post"]), layout=WIDE)]
        for check, radio in zip(exercise["checks"], self.radios, strict=True):
            self.children += [_wrap_label(check["text"]), radio]

    def answer(self) -> Any:
        return [r.value for r in self.radios]

    def restore(self, answer: Any) -> None:
        if isinstance(answer, list):
            for radio, value in zip(self.radios, answer, strict=False):
                radio.value = value if isinstance(value, bool) else None

    def clear(self) -> None:
        for radio in self.radios:
            radio.value = None


class _Textcheck(_Controls):
    def __init__(self, exercise: Exercise) -> None:
        super().__init__(exercise)
        from somekurs.exercises import textcheck

        platform = str(exercise["platform"])
        name = textcheck.PLATFORM_NAMES.get(platform, platform)
        self.text = widgets.Textarea(value=exercise.get("draft", ""), layout=widgets.Layout(width="100%", height="9em"))
        self.children = [widgets.Label(f"Utkast til innlegg på {name}:"), self.text]
        self.alt = None
        if exercise.get("needs_image"):
            self.alt = widgets.Textarea(placeholder="Beskriv hva bildet viser.",
                                        layout=widgets.Layout(width="100%", height="4em"))
            self.children += [widgets.Label("Alternativ tekst til bildet:"), self.alt]

    def answer(self) -> Any:
        return {"text": self.text.value, "alt_text": self.alt.value if self.alt is not None else None}

    def restore(self, answer: Any) -> None:
        if isinstance(answer, dict):
            if isinstance(answer.get("text"), str):
                self.text.value = answer["text"]
            if self.alt is not None and isinstance(answer.get("alt_text"), str):
                self.alt.value = answer["alt_text"]

    def clear(self) -> None:
        self.text.value = self.exercise.get("draft", "")
        if self.alt is not None:
            self.alt.value = ""


class _Decision(_Controls):
    def __init__(self, exercise: Exercise) -> None:
        super().__init__(exercise)
        self.nodes = exercise["nodes"]
        self.radios: dict[str, widgets.RadioButtons] = {}
        self.boxes: dict[str, widgets.VBox] = {}
        for name, node in self.nodes.items():
            if "outcome" in node:
                continue
            radio = widgets.RadioButtons(options=[(o["label"], i) for i, o in enumerate(node["options"])], value=None)
            radio.observe(lambda _change: self._refresh(), names="value")
            self.radios[name] = radio
            self.boxes[name] = widgets.VBox([_wrap_label(node["question"]), radio])
        self.children = [widgets.Label("Svar på spørsmålene. Neste spørsmål kommer fram når du har svart."),
                         *self.boxes.values()]
        self._refresh()

    def _path(self) -> tuple[list[int], set[str]]:
        name, chosen, shown = self.exercise["start"], [], set()
        while name in self.radios and name not in shown:
            shown.add(name)
            value = self.radios[name].value
            if value is None:
                break
            chosen.append(value)
            name = self.nodes[name]["options"][value]["next"]
        return chosen, shown

    def _refresh(self) -> None:
        _, shown = self._path()
        for name, box in self.boxes.items():
            box.layout.display = SHOWN if name in shown else HIDDEN

    def answer(self) -> Any:
        return self._path()[0]

    def restore(self, answer: Any) -> None:
        if not isinstance(answer, list):
            return
        name = self.exercise["start"]
        for value in answer:
            if name not in self.radios or not isinstance(value, int) or not 0 <= value < len(self.nodes[name]["options"]):
                break
            self.radios[name].value = value
            name = self.nodes[name]["options"][value]["next"]
        self._refresh()

    def clear(self) -> None:
        for radio in self.radios.values():
            radio.value = None
        self._refresh()


class _Risk(_Controls):
    def __init__(self, exercise: Exercise) -> None:
        super().__init__(exercise)
        self.pairs = []
        for i, risk in enumerate(exercise["risks"]):
            likelihood = widgets.Dropdown(options=[("Velg", None)] + [(f"{n} – {w}", n) for n, w in LIKELIHOOD.items()],
                                          value=None, description="Sannsynlighet", style={"description_width": "initial"})
            consequence = widgets.Dropdown(options=[("Velg", None)] + [(f"{n} – {w}", n) for n, w in CONSEQUENCE.items()],
                                           value=None, description="Konsekvens", style={"description_width": "initial"})
            self.pairs.append((likelihood, consequence))
            self.children += [_wrap_label(f"Risiko {i + 1}: {risk['text']}"), widgets.HBox([likelihood, consequence])]
        self.matrix = widgets.Output()
        self.children.append(self.matrix)

    def answer(self) -> Any:
        return [[a.value, b.value] for a, b in self.pairs]

    def restore(self, answer: Any) -> None:
        if isinstance(answer, list):
            for (a, b), pair in zip(self.pairs, answer, strict=False):
                if isinstance(pair, list) and len(pair) == 2:
                    a.value = pair[0] if pair[0] in LIKELIHOOD else None
                    b.value = pair[1] if pair[1] in CONSEQUENCE else None

    def clear(self) -> None:
        for a, b in self.pairs:
            a.value = b.value = None
        self.matrix.clear_output()

    def after_check(self, feedback: Feedback) -> None:
        self.matrix.clear_output()
        if feedback.needs_input:
            return
        from IPython.display import display

        from somekurs.exercises.riskplot import risk_png

        png, description = risk_png(self.exercise, feedback.extra["rated"])
        with self.matrix:
            display(widgets.Image(value=png, format="png", layout=widgets.Layout(max_width="560px")))
            display(widgets.Label(description))


class _Timeline(_Controls):
    def __init__(self, exercise: Exercise) -> None:
        super().__init__(exercise)
        self.order = initial_order(exercise)
        self.list = widgets.VBox()
        self.status = widgets.Label()
        self.children = [widgets.Label("Sett hendelsene i riktig rekkefølge, den første øverst."), self.list, self.status]
        self._draw()

    def _move(self, event: int, step: int) -> None:
        i = self.order.index(event)
        j = i + step
        if 0 <= j < len(self.order):
            self.order[i], self.order[j] = self.order[j], self.order[i]
            self._draw()
            text = self.exercise["events"][event]["text"]
            self.status.value = f"«{text}» er nå nummer {j + 1} av {len(self.order)}."

    def _draw(self) -> None:
        rows = []
        for position, event in enumerate(self.order):
            text = self.exercise["events"][event]["text"]
            up = widgets.Button(description="Flytt opp", disabled=position == 0, tooltip=f"Flytt opp: {text}")
            down = widgets.Button(description="Flytt ned", disabled=position == len(self.order) - 1,
                                  tooltip=f"Flytt ned: {text}")
            up.on_click(lambda _b, e=event: self._move(e, -1))
            down.on_click(lambda _b, e=event: self._move(e, 1))
            label = widgets.Label(f"{position + 1}. {text}", layout=widgets.Layout(flex="1 1 auto"))
            rows.append(widgets.HBox([label, up, down]))
        self.list.children = rows

    def answer(self) -> Any:
        return list(self.order)

    def restore(self, answer: Any) -> None:
        if isinstance(answer, list) and sorted(answer) == list(range(len(self.exercise["events"]))):
            self.order = list(answer)
            self._draw()

    def clear(self) -> None:
        self.order = initial_order(self.exercise)
        self.status.value = ""
        self._draw()


_CONTROLS: dict[str, Callable[[Exercise], _Controls]] = {
    "choice": _Choice, "dilemma": _Dilemma, "sort": _Sort, "checklist": _Checklist,
    "textcheck": _Textcheck, "decision": _Decision, "risk": _Risk, "timeline": _Timeline,
}


class ExerciseWidget:
    """One exercise as live controls, with «Sjekk svaret» and «Nullstill oppgaven»."""

    def __init__(self, exercise: Exercise) -> None:
        self.exercise = exercise
        self.controls = _CONTROLS[exercise["kind"]](exercise)
        self.check_button = widgets.Button(description="Sjekk svaret", button_style="primary", icon="check",
                                           layout=widgets.Layout(width="auto"))
        self.reset_button = widgets.Button(description="Nullstill oppgaven", icon="undo", layout=widgets.Layout(width="auto"))
        self.feedback = widgets.HTML(layout=WIDE)
        self.notice = widgets.HTML(layout=WIDE)
        self.check_button.on_click(lambda _b: self.check())
        self.reset_button.on_click(lambda _b: self.reset())
        title = widgets.HTML(f"{WRAP_STYLE}<strong>Oppgave: {html.escape(exercise['title'])}</strong>", layout=WIDE)
        self.box = widgets.VBox(
            [title, _wrap_label(exercise["prompt"]), *self.controls.children,
             widgets.HBox([self.check_button, self.reset_button]), self.notice, self.feedback],
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
                progress.save_answer(self.exercise["id"], answer, correct=feedback.correct, summary=feedback.summary,
                                     theme=self.exercise["theme"], kind=self.exercise["kind"],
                                     version=fingerprint(self.exercise))
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
