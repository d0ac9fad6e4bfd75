"""What a workbook cell shows: one object that is a live widget and static HTML at once.

``vis("id")`` returns a :class:`~somekurs.dual.WidgetWithHtml`: JupyterLab shows the widget,
and the static book (which drops the widget MIME type) shows the self-contained HTML from
``html.py``. Everything that can go wrong for a participant (an unknown id, a broken data
file, a damaged progress file) becomes a Norwegian message, never a traceback.
"""

from __future__ import annotations

import base64
import difflib
import html
from pathlib import Path

import ipywidgets as widgets

from somekurs.dual import WidgetWithHtml
from somekurs.exercises import html as views
from somekurs.exercises import progress
from somekurs.exercises.model import load_exercises, theme_exercises, theme_title
from somekurs.exercises.widgets import ExerciseWidget

EXPORT_NAME = "mine-kurssvar"


class ExerciseDisplay(WidgetWithHtml):
    """WidgetWithHtml with a short, stable text/plain: a widget's repr shows its current values,
    which would make a notebook's saved output depend on whoever ran it last."""

    def __init__(self, children: list[widgets.Widget], static_html: str, plain: str) -> None:
        super().__init__(children, static_html)
        self._plain = plain

    def _repr_mimebundle_(self, **kwargs: object) -> dict[str, object]:
        bundle = super()._repr_mimebundle_(**kwargs)
        bundle["text/plain"] = self._plain
        return bundle


def _message(text: str) -> WidgetWithHtml:
    """A plain message in both views (escaped: an id may come from anywhere)."""
    box = widgets.HTML(f'<p role="note">{html.escape(text)}</p>')
    return ExerciseDisplay([box], views.message_html(text), text)


def _unknown(exercise_id: str) -> WidgetWithHtml:
    exercises, problems = load_exercises()
    broken = [p for p in problems if p.item_id == exercise_id]
    if broken:
        details = "; ".join(f"felt «{p.field}»: {p.message}" for p in broken[:3])
        return _message(
            f"Oppgaven «{exercise_id}» har en feil i datafila {broken[0].path.name} og kan ikke vises "
            f"ennå. Si fra til kursholderen. ({details})"
        )
    close = difflib.get_close_matches(str(exercise_id), list(exercises), n=3, cutoff=0.6)
    hint = f" Mente du {' eller '.join(f'«{c}»' for c in close)}?" if close else ""
    return _message(f"Fant ingen oppgave som heter «{exercise_id}». Sjekk at navnet er skrevet riktig.{hint}")


def show(exercise_id: str) -> WidgetWithHtml:
    """One exercise, live in JupyterLab and working in the static book."""
    try:
        exercises, _ = load_exercises()
        exercise = exercises.get(exercise_id) if isinstance(exercise_id, str) else None
        if exercise is None:
            return _unknown(str(exercise_id))
        view = ExerciseWidget(exercise)
        result = ExerciseDisplay([view.box], views.exercise_html(exercise), f"Oppgave: {exercise['title']}")
        result.exercise_view = view  # lets tests and instructors reach the controls
        return result
    except Exception as exc:  # noqa: BLE001 - a participant must never see a traceback
        return _message(
            f"Oppgaven kunne ikke vises på grunn av en feil i kurspakken. Si fra til kursholderen. "
            f"(Teknisk: {type(exc).__name__}: {exc})"
        )


def show_theme(theme: str) -> WidgetWithHtml:
    """Every exercise of one theme, in the order of its data file."""
    try:
        exercises = theme_exercises(theme)
        if not exercises:
            return _message(f"Fant ingen oppgaver for temaet «{theme}» ennå.")
        views_ = [ExerciseWidget(e) for e in exercises]
        heading = f"Oppgaver: {theme_title(theme)}"
        static = f"<p><strong>{html.escape(heading)}</strong></p>" + "".join(views.exercise_html(e) for e in exercises)
        children = [widgets.HTML(f"<strong>{html.escape(heading)}</strong>"), *(v.box for v in views_)]
        return ExerciseDisplay(children, static, heading)
    except Exception as exc:  # noqa: BLE001 - see show()
        return _message(f"Oppgavene kunne ikke vises. Si fra til kursholderen. (Teknisk: {type(exc).__name__}: {exc})")


_STATIC_ONLY_IN_LAB = "Dette virker bare når du åpner arbeidsboka i JupyterLab. Svarene dine lagres bare hos deg, ikke i boka."


def export(folder: Path | None = None) -> WidgetWithHtml:
    """Write the participant's answers to their home folder and offer them for download."""
    folder = folder or Path.home()
    try:
        exercises, _ = load_exercises()
        titles = {key: e["title"] for key, e in exercises.items()}
        markdown = progress.export_markdown(titles)
        table = progress.export_csv()
        md_path, csv_path = folder / f"{EXPORT_NAME}.md", folder / f"{EXPORT_NAME}.csv"
        md_path.write_text(markdown, encoding="utf-8")
        csv_path.write_text(table, encoding="utf-8-sig")  # BOM: Excel then reads æ, ø, å right
    except (progress.ProgressError, OSError) as exc:
        return _message(f"Svarene kunne ikke eksporteres: {exc}")
    notices = progress.take_notices()
    links = "".join(
        f'<a download="{name}" href="data:{mime};charset=utf-8;base64,{base64.b64encode(data.encode()).decode()}">'
        f"{html.escape(label)}</a> "
        for name, mime, data, label in [
            (md_path.name, "text/markdown", markdown, "Last ned som tekst (Markdown)"),
            (csv_path.name, "text/csv", "\ufeff" + table, "Last ned som regneark (CSV)"),
        ]
    )
    said = f"Svarene dine er lagret i {md_path} og {csv_path}."
    box = [
        widgets.HTML("".join(f"<p>{html.escape(n)}</p>" for n in [*notices, said]) + f"<p>{links}</p>"),
        widgets.Textarea(value=markdown, layout=widgets.Layout(width="100%", height="14em")),
    ]
    return WidgetWithHtml(box, views.message_html(_STATIC_ONLY_IN_LAB))


def reset_everything() -> WidgetWithHtml:
    """Ask before deleting every answer: a «Run all» must not wipe a day's work."""
    confirm = widgets.Button(description="Ja, slett alle svarene mine", button_style="danger")
    status = widgets.Label("Vil du slette alle svarene du har lagret? Dette kan ikke angres.")

    def do_it(_button: widgets.Button) -> None:
        try:
            progress.reset_all()
            status.value = "Alle svarene dine er slettet."
            confirm.disabled = True
        except progress.ProgressError as exc:
            status.value = str(exc)

    confirm.on_click(do_it)
    return WidgetWithHtml([status, confirm], views.message_html(_STATIC_ONLY_IN_LAB))


def set_name(name: str) -> WidgetWithHtml:
    """Store the pseudonym the participant chose for their export."""
    try:
        chosen = progress.set_pseudonym(name)
    except progress.ProgressError as exc:
        return _message(str(exc))
    text = f"Kallenavnet ditt i eksporten er nå «{chosen}»." if chosen else "Eksporten har nå ikke noe kallenavn."
    return WidgetWithHtml([widgets.Label(text)], views.message_html(_STATIC_ONLY_IN_LAB))
