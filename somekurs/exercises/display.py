"""What a workbook cell shows: one object that is a live widget and static HTML at once.

``vis("id")`` returns a :class:`~somekurs.dual.WidgetWithHtml`: JupyterLab shows the widget,
and the static book (which drops the widget MIME type) shows the self-contained HTML from
``html.py``. Everything that can go wrong for a participant (an unknown id, a broken data
file, a damaged progress file) becomes a Norwegian message, never a traceback.

Every function takes ``lang``, the written standard (``nb`` or ``nn``); None means the
participant's own (:func:`somekurs.editions.current`: their choice, else the hub's default). The
workbooks pass it in every cell, so a cell shows the same whoever runs it.
"""

from __future__ import annotations

import base64
import difflib
import html
from pathlib import Path

import ipywidgets as widgets

from somekurs import editions, texts
from somekurs.dual import WidgetWithHtml
from somekurs.exercises import html as views
from somekurs.exercises import progress
from somekurs.exercises.model import load_exercises, theme_exercises, theme_title
from somekurs.exercises.widgets import LINK_CSS, ExerciseWidget
from somekurs.links import book_base, start_page

EXPORT_NAME = "mine-kurssvar"


def _say(key: str, lang: str, **values: object) -> str:
    return texts.say("display", key, lang, **values)


def _lang(lang: str | None) -> str:
    """The standard asked for, or the participant's own; a typo gives the participant's own too
    (a cell must never fail on it)."""
    return (editions.normalise(lang) if lang is not None else None) or editions.current()


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


def _message(text: str, lang: str = "nb") -> WidgetWithHtml:
    """A plain message in both views (escaped: an id may come from anywhere)."""
    box = widgets.HTML(f'<p role="note" lang="{lang}">{html.escape(text)}</p>')
    return ExerciseDisplay([box], views.message_html(text, lang), text)


def _unknown(exercise_id: str, lang: str) -> WidgetWithHtml:
    exercises, problems = load_exercises(lang=lang)
    broken = [p for p in problems if p.item_id == exercise_id]
    if broken:
        details = "; ".join(_say("field_problem", lang, field=p.field, message=p.message) for p in broken[:3])
        return _message(_say("broken", lang, id=exercise_id, file=broken[0].path.name, details=details), lang)
    close = difflib.get_close_matches(str(exercise_id), list(exercises), n=3, cutoff=0.6)
    names = _say("or", lang).join(f"«{c}»" for c in close)
    hint = " " + _say("did_you_mean", lang, names=names) if close else ""
    return _message(_say("unknown", lang, id=exercise_id) + hint, lang)


def show(exercise_id: str, lang: str | None = None) -> WidgetWithHtml:
    """One exercise, live in JupyterLab and working in the static book."""
    lang = _lang(lang)
    try:
        exercises, _ = load_exercises(lang=lang)
        exercise = exercises.get(exercise_id) if isinstance(exercise_id, str) else None
        if exercise is None:
            return _unknown(str(exercise_id), lang)
        view = ExerciseWidget(exercise, lang)
        plain = texts.say("view", "exercise", lang, title=exercise["title"])
        result = ExerciseDisplay([view.box], views.exercise_html(exercise, lang=lang), plain)
        result.exercise_view = view  # lets tests and instructors reach the controls
        return result
    except Exception as exc:  # noqa: BLE001 - a participant must never see a traceback
        return _message(_say("crashed", lang, error=f"{type(exc).__name__}: {exc}"), lang)


def show_theme(theme: str, lang: str | None = None) -> WidgetWithHtml:
    """Every exercise of one theme, in the order of its data file."""
    lang = _lang(lang)
    try:
        exercises = theme_exercises(theme, lang=lang)
        if not exercises:
            return _message(_say("no_theme", lang, theme=theme), lang)
        views_ = [ExerciseWidget(e, lang) for e in exercises]
        heading = _say("theme_heading", lang, title=theme_title(theme, lang=lang))
        static = f"<p><strong>{html.escape(heading)}</strong></p>" + "".join(views.exercise_html(e, lang=lang) for e in exercises)
        children = [widgets.HTML(f"<strong>{html.escape(heading)}</strong>"), *(v.box for v in views_)]
        return ExerciseDisplay(children, static, heading)
    except Exception as exc:  # noqa: BLE001 - see show()
        return _message(_say("theme_crashed", lang, error=f"{type(exc).__name__}: {exc}"), lang)


def about(theme: str, lang: str | None = None) -> WidgetWithHtml:
    """The workbook's second cell: how it works where the participant is, and the chapter link.

    In JupyterLab and the participant app the link goes to the HTML book (``somekurs.links``) in a
    new tab, so the workbook and its live answers stay open; in the static book it is relative.
    The live view also offers the other written standard (the start page switches it).
    """
    lang = _lang(lang)
    try:
        title = theme_title(theme, lang=lang)
        href = f"{book_base(lang)}book/{theme}.html"
        chapter = f'<a href="{html.escape(href)}" target="_blank" rel="noopener">{html.escape(title)}</a>'
        other = "nb" if lang == "nn" else "nn"
        switch = f'<a href="{html.escape(start_page(other))}" lang="{other}">{html.escape(_say("switch_link", other))}</a>'
        live = "".join(
            f"<p>{texts.markup('display', key, lang, chapter=chapter, link=switch)}</p>"
            for key in ("about_live", "about_saved", "about_switch")
        )
        # The static twin is stored in the notebook and shown both in the HTML book and in a
        # reopened workbook that is not running: so it names the chapter without a link (a relative
        # link breaks in JupyterLab; the book adds its own link above) and fits both places.
        static = "".join(
            f"<p>{texts.markup('display', key, lang, chapter=html.escape(title))}</p>"
            for key in ("about_static", "about_static_saved")
        )
        box = widgets.HTML(f'<style>{LINK_CSS}</style><div class="sk-om" lang="{lang}">{live}</div>')
        return ExerciseDisplay([box], f'<div class="sk-om" lang="{lang}">{static}</div>', _say("about_plain", lang, title=title))
    except Exception as exc:  # noqa: BLE001 - a participant must never see a traceback
        return _message(_say("about_crashed", lang, error=type(exc).__name__), lang)


def export(folder: Path | None = None, lang: str | None = None) -> WidgetWithHtml:
    """Write the participant's answers to their home folder and offer them for download (the page in
    the participant's standard; the table's columns are data keys and stay as they are)."""
    lang = _lang(lang)
    folder = folder or Path.home()
    try:
        exercises, _ = load_exercises(lang=lang)
        markdown = progress.export_markdown(exercises, lang=lang)
        table = progress.export_csv()
        md_path, csv_path = folder / f"{EXPORT_NAME}.md", folder / f"{EXPORT_NAME}.csv"
        md_path.write_text(markdown, encoding="utf-8")
        csv_path.write_text(table, encoding="utf-8-sig")  # BOM: Excel then reads æ, ø, å right
    except (progress.ProgressError, OSError) as exc:
        return _message(_say("export_failed", lang, error=exc), lang)
    notices = progress.take_notices()
    links = "".join(
        f'<a download="{name}" href="data:{mime};charset=utf-8;base64,{base64.b64encode(data.encode()).decode()}">'
        f"{html.escape(label)}</a> "
        for name, mime, data, label in [
            (md_path.name, "text/markdown", markdown, _say("download_md", lang)),
            (csv_path.name, "text/csv", "\ufeff" + table, _say("download_csv", lang)),
        ]
    )
    said = _say("exported", lang, md=md_path, csv=csv_path)
    box = [
        widgets.HTML("".join(f"<p>{html.escape(n)}</p>" for n in [*notices, said]) + f"<p>{links}</p>"),
        widgets.Textarea(value=markdown, layout=widgets.Layout(width="100%", height="14em")),
    ]
    return WidgetWithHtml(box, views.message_html(_say("only_in_lab", lang), lang))


def reset_everything(lang: str | None = None) -> WidgetWithHtml:
    """Ask before deleting every answer: a «Run all» must not wipe a day's work."""
    lang = _lang(lang)
    confirm = widgets.Button(description=_say("reset_all_yes", lang), button_style="danger")
    status = widgets.Label(_say("reset_all_question", lang))

    def do_it(_button: widgets.Button) -> None:
        try:
            progress.reset_all()
            status.value = _say("reset_all_done", lang)
            confirm.disabled = True
        except progress.ProgressError as exc:
            status.value = str(exc)

    confirm.on_click(do_it)
    return WidgetWithHtml([status, confirm], views.message_html(_say("only_in_lab", lang), lang))


def set_name(name: str, lang: str | None = None) -> WidgetWithHtml:
    """Store the pseudonym the participant chose for their export."""
    lang = _lang(lang)
    try:
        chosen = progress.set_pseudonym(name)
    except progress.ProgressError as exc:
        return _message(str(exc), lang)
    text = _say("name_set", lang, name=chosen) if chosen else _say("name_removed", lang)
    return WidgetWithHtml([widgets.Label(text)], views.message_html(_say("only_in_lab", lang), lang))


def set_standard(lang: str) -> WidgetWithHtml:
    """Store the written standard the participant chose (``maalform("nn")``): the app, the start page,
    the messages and the exports follow it from now on; said in the standard chosen."""
    chosen = editions.normalise(lang)
    if chosen is None:
        current = editions.current()
        return _message(_say("standard_unknown", current, value=lang), current)
    try:
        editions.choose(chosen)
    except progress.ProgressError as exc:
        return _message(str(exc), chosen)
    text = _say("standard_set", chosen)
    return WidgetWithHtml(
        [widgets.HTML(f'<p lang="{chosen}">{html.escape(text)}</p>')], views.message_html(_say("only_in_lab", chosen), chosen)
    )
