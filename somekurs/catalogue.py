"""The incident catalogue's filter view: dropdowns in JupyterLab, a summary in the book."""

from __future__ import annotations

import html

import ipywidgets as widgets
import pandas as pd
from IPython.display import display

from somekurs import data
from somekurs.analysis import filter_incidents
from somekurs.dual import WidgetWithHtml

ALL = "Alle"
SHOWN_COLUMNS = ["dato", "tittel", "land", "plattformer", "hovedtema"]


def _options(values: list) -> list:
    return [ALL, *values]


def static_summary(frame: pd.DataFrame) -> str:
    """What the book shows in place of the filters: counts per theme and per country."""
    themes = [t["title"] for t in data.load_themes()]
    per_theme = frame.explode("temaer")["temaer"].value_counts().reindex(themes, fill_value=0)
    per_country = frame["land"].value_counts()
    rows_theme = "".join(f"<tr><th scope='row'>{html.escape(t)}</th><td>{n}</td></tr>" for t, n in per_theme.items())
    rows_country = "".join(f"<tr><th scope='row'>{html.escape(c)}</th><td>{n}</td></tr>" for c, n in per_country.items())
    return (
        f"<p>Katalogen har {len(frame)} hendelser. Filtrene virker når du åpner siden i JupyterLab.</p>"
        "<table><caption>Hendelser per tema</caption><thead><tr><th scope='col'>Tema</th>"
        f"<th scope='col'>Antall</th></tr></thead><tbody>{rows_theme}</tbody></table>"
        "<table><caption>Hendelser per land</caption><thead><tr><th scope='col'>Land</th>"
        f"<th scope='col'>Antall</th></tr></thead><tbody>{rows_country}</tbody></table>"
    )


def filter_view(frame: pd.DataFrame) -> WidgetWithHtml:
    """Dropdown filters over the catalogue; the table updates as the reader chooses."""
    themes = [t["title"] for t in data.load_themes()]
    platforms = sorted({p.strip() for value in frame["plattformer"] for p in value.split(",")})
    theme = widgets.Dropdown(options=_options(themes), description="Tema")
    year = widgets.Dropdown(options=_options(sorted(frame["år"].unique().tolist(), reverse=True)), description="År")
    country = widgets.Dropdown(options=_options(sorted(frame["land"].unique())), description="Land")
    platform = widgets.Dropdown(options=_options(platforms), description="Plattform")
    out = widgets.Output()

    def update(_change: object = None) -> None:
        chosen = filter_incidents(
            frame,
            theme=None if theme.value == ALL else theme.value,
            year=None if year.value == ALL else year.value,
            country=None if country.value == ALL else country.value,
            platform=None if platform.value == ALL else platform.value,
        )
        out.clear_output()
        with out:
            print(f"{len(chosen)} av {len(frame)} hendelser")
            display(chosen[SHOWN_COLUMNS].reset_index(drop=True))

    for control in (theme, year, country, platform):
        control.observe(update, names="value")
    update()
    return WidgetWithHtml([widgets.HBox([theme, year]), widgets.HBox([country, platform]), out], static_summary(frame))
