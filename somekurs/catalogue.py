"""The incident catalogue's filter view: dropdowns in JupyterLab, a summary in the book."""

from __future__ import annotations

import html

import ipywidgets as widgets
import pandas as pd
from IPython.display import display

from somekurs import analysis, data
from somekurs.dual import WidgetWithHtml

SHOWN_COLUMNS = ["date", "title", "country", "platforms", "main_theme"]


def _words(lang: str) -> dict[str, str]:
    return analysis.words(lang)["catalogue"]


def static_summary(frame: pd.DataFrame, lang: str = "nb") -> str:
    """What the book shows in place of the filters: counts per theme and per country."""
    words = _words(lang)
    themes = [t["title"] for t in data.load_themes(lang=lang)]
    column = analysis.header("themes", lang)
    per_theme = frame.explode(column)[column].value_counts().reindex(themes, fill_value=0)
    per_country = frame[analysis.header("country", lang)].value_counts()
    rows_theme = "".join(f"<tr><th scope='row'>{html.escape(t)}</th><td>{n}</td></tr>" for t, n in per_theme.items())
    rows_country = "".join(f"<tr><th scope='row'>{html.escape(c)}</th><td>{n}</td></tr>" for c, n in per_country.items())
    w = {key: html.escape(value) for key, value in words.items()}
    return (
        f"<p>{html.escape(words['summary'].format(count=len(frame)))}</p>"
        f"<table><caption>{w['per_theme']}</caption><thead><tr><th scope='col'>{w['theme']}</th>"
        f"<th scope='col'>{w['count']}</th></tr></thead><tbody>{rows_theme}</tbody></table>"
        f"<table><caption>{w['per_country']}</caption><thead><tr><th scope='col'>{w['country']}</th>"
        f"<th scope='col'>{w['count']}</th></tr></thead><tbody>{rows_country}</tbody></table>"
    )


def filter_view(frame: pd.DataFrame, lang: str = "nb") -> WidgetWithHtml:
    """Dropdown filters over the catalogue (a frame from analysis.incidents_frame in the same
    standard); the table updates as the reader chooses."""
    words = _words(lang)
    every = words["all"]
    themes = [t["title"] for t in data.load_themes(lang=lang)]
    platforms = sorted({p.strip() for value in frame[analysis.header("platforms", lang)] for p in value.split(",")})
    years = sorted(frame[analysis.header("year", lang)].unique().tolist(), reverse=True)
    theme = widgets.Dropdown(options=[every, *themes], description=words["theme"])
    year = widgets.Dropdown(options=[every, *years], description=words["year"])
    country = widgets.Dropdown(
        options=[every, *sorted(frame[analysis.header("country", lang)].unique())], description=words["country"]
    )
    platform = widgets.Dropdown(options=[every, *platforms], description=words["platform"])
    out = widgets.Output()
    columns = [analysis.header(key, lang) for key in SHOWN_COLUMNS]

    def update(_change: object = None) -> None:
        chosen = analysis.filter_incidents(
            frame,
            theme=None if theme.value == every else theme.value,
            year=None if year.value == every else year.value,
            country=None if country.value == every else country.value,
            platform=None if platform.value == every else platform.value,
            lang=lang,
        )
        out.clear_output()
        with out:
            print(words["shown"].format(shown=len(chosen), total=len(frame)))
            display(chosen[columns].reset_index(drop=True))

    for control in (theme, year, country, platform):
        control.observe(update, names="value")
    update()
    return WidgetWithHtml([widgets.HBox([theme, year]), widgets.HBox([country, platform]), out], static_summary(frame, lang))
