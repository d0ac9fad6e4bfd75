"""Tables and charts for the case-study notebooks, built from the incident catalogue.

Every number a case study shows is computed here from data/incidents/*.yaml, where each
timeline point and figure names its source, so the notebook never types a number itself.
Participants see one or two lines per cell; the work happens in these functions.

Every table comes in the standard the notebook asks for (``lang="nn"`` in the nynorsk twins):
the incident text from ``data/nn/incidents``, and the column headers and row labels from
``data/case-tables.yaml`` or its twin ``data/nn/case-tables.yaml``. The code names a column by
an English key (``"minutes"``) and computes with those keys; only the finished table gets the
reader's headers (:func:`shown`), so a translation can never change which column a number is
taken from.
"""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from somekurs import DATA_DIR, data, editions
from somekurs.norwegian import date as norwegian_date
from somekurs.norwegian import number
from somekurs.pages import country_name, platform_name
from somekurs.palette import OKABE_ITO

if TYPE_CHECKING:
    from matplotlib.figure import Figure

TABLES = DATA_DIR / "case-tables.yaml"


def _tables(lang: str) -> Path:
    return TABLES if editions.checked(lang) == editions.DEFAULT else editions.twin_file(TABLES)


def words(lang: str = "nb") -> dict[str, dict[str, str]]:
    """The headers and labels of the case-study tables in one standard (sections of key → text)."""
    from somekurs import texts

    return texts.load_table(_tables(lang))


def label(section: str, key: str, lang: str = "nb") -> str:
    """One label (a row a case study names, a catalogue button) in the reader's standard."""
    try:
        return words(lang)[section][key]
    except KeyError:
        raise KeyError(f"{editions.shown(_tables(lang))}: manglar {section}.{key}") from None


def header(key: str, lang: str = "nb", **values: str) -> str:
    """A column header in the reader's standard (``percent_of`` takes ``base``)."""
    return label("columns", key, lang).format(**values)


def shown(frame: pd.DataFrame, lang: str = "nb", **values: str) -> pd.DataFrame:
    """The frame with the reader's headers for its English column keys (the last step of every table)."""
    return frame.rename(columns={key: header(key, lang, **values) for key in frame.columns})


def labelled(frame: pd.DataFrame, column: str, names: dict[str, str]) -> pd.DataFrame:
    """The frame with its ``point`` column (ids) replaced, first, by ``column`` holding the reader's
    label for each id (``names``: id → label)."""
    frame.insert(0, column, frame.pop("point").map(names))
    return frame


def incidents_frame(lang: str = "nb") -> pd.DataFrame:
    """One row per incident: the columns a reader filters on (theme, year, country, platform)."""
    incidents, _ = data.load_incidents(lang=lang)
    titles = {t["slug"]: t["title"] for t in data.load_themes(lang=lang)}
    rows = [
        {
            "id": item["id"],
            "title": item["title"],
            "date": item["date"],
            "year": int(item["date"][:4]),
            "country": country_name(item["country"], lang),
            "platforms": ", ".join(platform_name(p, lang) for p in item["platforms"]),
            "themes": [titles.get(t, t) for t in item["themes"]],
            "main_theme": titles.get(item["themes"][0], item["themes"][0]),
            "sources": len(item["sources"]),
        }
        for item in incidents.values()
    ]
    frame = pd.DataFrame(rows).sort_values(["date", "id"], ascending=False).reset_index(drop=True)
    return shown(frame, lang)


def count_by_theme(frame: pd.DataFrame, lang: str = "nb") -> pd.Series:
    """How many incidents touch each theme (an incident can touch several)."""
    order = [t["title"] for t in data.load_themes(lang=lang)]
    themes = header("themes", lang)
    counts = frame.explode(themes)[themes].value_counts()
    return counts.reindex([t for t in order if t in counts.index]).rename(header("incidents", lang))


def count_by_year(frame: pd.DataFrame, lang: str = "nb") -> pd.Series:
    """Incidents per year, with empty years shown as zero so gaps are visible."""
    counts = frame[header("year", lang)].value_counts().sort_index()
    years = range(int(counts.index.min()), int(counts.index.max()) + 1)
    return counts.reindex(years, fill_value=0).rename(header("incidents", lang))


def filter_incidents(
    frame: pd.DataFrame,
    theme: str | None = None,
    year: int | None = None,
    country: str | None = None,
    platform: str | None = None,
    lang: str = "nb",
) -> pd.DataFrame:
    """Filter the catalogue (a frame from :func:`incidents_frame` in the same standard); None
    means 'all'. Platform matches part of the platform list."""
    mask = pd.Series(True, index=frame.index)
    if theme:
        mask &= frame[header("themes", lang)].apply(lambda themes: theme in themes)
    if year:
        mask &= frame[header("year", lang)] == year
    if country:
        mask &= frame[header("country", lang)] == country
    if platform:
        mask &= frame[header("platforms", lang)].str.contains(platform, case=False, regex=False)
    return frame[mask]


def timeline_frame(incident_id: str, lang: str = "nb") -> pd.DataFrame:
    """The incident's timed points, with minutes since the first one (the question most
    crisis case studies ask: how long did each step take?)."""
    item = _incident(incident_id, lang)
    sources = {s["key"]: s["publisher"] for s in item["sources"]}
    timed = [p for p in item.get("timeline", []) if len(p["when"]) > 10]
    frame = pd.DataFrame(
        {
            "when": pd.to_datetime([p["when"] for p in timed]),
            "what": [p["what"].strip() for p in timed],
            "source": [sources.get(p.get("source", ""), "") for p in timed],
        }
    ).sort_values("when", kind="stable")
    frame["minutes_since_start"] = ((frame["when"] - frame["when"].iloc[0]).dt.total_seconds() // 60).astype(int)
    frame["clock"] = frame["when"].dt.strftime("%H.%M")
    return shown(frame[["clock", "minutes_since_start", "what", "source"]].reset_index(drop=True), lang)


def minutes_by_id(incident_id: str, start_id: str, point_ids: list[str]) -> pd.DataFrame:
    """Minutes from the timeline point ``start_id`` to each point in ``point_ids`` (English keys)."""
    start = _timed_point(incident_id, start_id)
    rows = []
    for point_id in point_ids:
        point = _timed_point(incident_id, point_id)
        rows.append({"point": point_id, "clock": point.strftime("%H.%M"), "minutes": int((point - start).total_seconds() // 60)})
    return pd.DataFrame(rows).sort_values("minutes", kind="stable").reset_index(drop=True)


def minutes_between(incident_id: str, start_id: str, events: dict[str, str], lang: str = "nb") -> pd.DataFrame:
    """Minutes from the timeline point ``start_id`` to each named event.

    ``events`` maps a label (e.g. 'Etatens Facebook og Twitter') to the id of a timed point in
    the incident's timeline. Ids, not words: a fact-check that rewords a point's text cannot
    change which point a number is computed from.
    """
    frame = minutes_by_id(incident_id, start_id, list(events.values()))
    return shown(labelled(frame, "channel", {point_id: name for name, point_id in events.items()}), lang)


def _timed_point(incident_id: str, point_id: str) -> pd.Timestamp:
    when = data.timeline_point(_incident(incident_id), point_id)["when"]
    if len(when) <= 10:
        raise KeyError(f"Punktet «{point_id}» i {incident_id} har dato, men ikke klokkeslett")
    return pd.Timestamp(when)


# Charts are drawn small with large type, so they stay legible when a phone scales them to its
# width: a 5.5-inch figure at the book's 100 dpi is 550 px; on a 390 px phone (about 340 px for
# the chart) 16-point type still shows at about 13 px, and on a wide screen at about 22 px.
CHART_WIDTH_IN = 5.5
CHART_FONT = {"font.size": 16, "axes.titlesize": 16, "axes.labelsize": 16, "xtick.labelsize": 15, "ytick.labelsize": 15}
LABEL_WIDTH = 20  # characters per line of a bar's label; longer labels wrap


def _wrapped(label: str) -> str:
    return "\n".join(textwrap.wrap(str(label), LABEL_WIDTH)) or str(label)


def bar_chart(
    values: pd.Series | pd.DataFrame,
    *,
    label_column: str | None = None,
    value_column: str | None = None,
    xlabel: str,
    title: str,
    horizontal: bool = True,
) -> Figure:
    """A plain bar chart in Norwegian, colour-vision-safe, with the value written on each bar
    so no reader depends on colour or on reading the axis. Large type on a small figure, so
    the labels stay legible when a phone scales the chart down."""
    import matplotlib.pyplot as plt

    if isinstance(values, pd.DataFrame):
        labels, numbers = list(values[label_column]), list(values[value_column])
    else:
        labels, numbers = [str(i) for i in values.index], list(values.values)
    labels = [_wrapped(label) for label in labels]
    lines = sum(label.count("\n") + 1 for label in labels)
    with plt.rc_context(CHART_FONT):  # type: ignore[arg-type]  # matplotlib types the keys as literals
        size = (CHART_WIDTH_IN, 0.36 * lines + 0.18 * len(labels) + 1.5) if horizontal else (CHART_WIDTH_IN, 4.4)
        fig, ax = plt.subplots(figsize=size)
        fig.patch.set_facecolor("white")
        if horizontal:
            bars = ax.barh(labels, numbers, color=OKABE_ITO["blue"])
            ax.invert_yaxis()
            ax.set_xlabel(xlabel)
        else:
            bars = ax.bar(labels, numbers, color=OKABE_ITO["blue"])
            ax.set_ylabel(xlabel)
        ax.bar_label(bars, labels=[number(n) for n in numbers], padding=3)
        # Norwegian numbers on the value axis too (decimal comma, space in 10 000), and few enough ticks to read.
        from matplotlib.ticker import FuncFormatter, MaxNLocator

        value_axis = ax.xaxis if horizontal else ax.yaxis
        value_axis.set_major_locator(MaxNLocator(nbins=4, steps=[1, 2, 5, 10]))
        value_axis.set_major_formatter(FuncFormatter(lambda v, _: number(v)))
        ax.margins(x=0.15) if horizontal else ax.margins(y=0.15)  # room for the value beside the longest bar
        ax.set_title("\n".join(textwrap.wrap(title, 2 * LABEL_WIDTH)), loc="left")
        ax.spines[["top", "right"]].set_visible(False)
        fig.tight_layout()
    plt.close(fig)
    return fig


def sources_table(incident_id: str, lang: str = "nb") -> pd.DataFrame:
    """The incident's sources, so a reader can check every number in the case study (titles as published)."""
    return shown(
        pd.DataFrame(
            [
                {"publisher": s["publisher"], "title": s["title"], "published": norwegian_date(s["published"]), "link": s["url"]}
                for s in _incident(incident_id, lang)["sources"]
            ]
        ),
        lang,
    )


# --- Figures and dated timelines (case studies whose sources give dates or counts, not clock times) ---


def _incident(incident_id: str, lang: str = "nb") -> dict[str, Any]:
    incidents, _ = data.load_incidents(lang=lang)
    return incidents[incident_id]


def figures_frame(incident_id: str, lang: str = "nb") -> pd.DataFrame:
    """The incident's sourced numbers as a table: what was counted, the number, its unit and source."""
    item = _incident(incident_id, lang)
    sources = {s["key"]: s["publisher"] for s in item["sources"]}
    figures = item.get("figures", [])
    frame = pd.DataFrame(
        [{"figure": f["label"], "unit": f.get("unit", ""), "source": sources.get(f["source"], "")} for f in figures],
        columns=["figure", "unit", "source"],
    )
    # Object dtype keeps whole numbers whole (6, not 6.0) when one figure has decimals.
    frame.insert(1, "value", pd.Series([f["value"] for f in figures], dtype=object))
    return shown(frame, lang)


def figure_value(incident_id: str, figure_id: str) -> float:
    """The value of the incident's figure with this id."""
    return data.figure(_incident(incident_id), figure_id)["value"]


def figures_by_id(incident_id: str, figure_ids: list[str], base: str | None = None) -> pd.DataFrame:
    """Chosen figures by id (English keys: ``point``, ``value``, and with ``base`` ``percent_of``)."""
    frame = pd.DataFrame([{"point": fid, "value": figure_value(incident_id, fid)} for fid in figure_ids])
    if base is not None:
        base_value = figure_value(incident_id, base)
        frame["percent_of"] = (100 * frame["value"] / base_value).round().astype(int)
    return frame


def select_figures(incident_id: str, figures: dict[str, str], base: str | None = None, lang: str = "nb") -> pd.DataFrame:
    """Chosen figures under short labels (label → figure id). With ``base`` (one of the labels),
    a column gives each value as a per cent of that figure, rounded to whole per cent."""
    frame = figures_by_id(incident_id, list(figures.values()), None if base is None else figures[base])
    frame = labelled(frame, "what", {fid: name for name, fid in figures.items()})
    return shown(frame, lang, base=(base or "").lower())


def rate_table(incident_id: str, cases: dict[str, tuple[str, str]], lang: str = "nb") -> pd.DataFrame:
    """How often something happened: for each case, a count figure and a period figure in hours
    (label → (count figure id, period figure id)), giving the number per hour and the average minutes between."""
    rows = []
    for name, (count_id, hours_id) in cases.items():
        count, hours = figure_value(incident_id, count_id), figure_value(incident_id, hours_id)
        rows.append(
            {
                "case": name,
                "count": count,
                "hours": hours,
                "per_hour": round(count / hours, 2),
                "minutes_between": round(60 * hours / count),
            }
        )
    return shown(pd.DataFrame(rows), lang)


def date_bounds(when: str) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The first and last day a timeline date can mean: '2023-07' is 1–31 July, '2011' the whole year."""
    day = when[:10]
    start = pd.Timestamp(day if len(day) == 10 else day + ("-01" if len(day) == 7 else "-01-01"))
    if len(day) == 10:
        return start, start
    end = start + (pd.offsets.MonthEnd(0) if len(day) == 7 else pd.offsets.YearEnd(0))
    return start, end


def dated_timeline(incident_id: str, lang: str = "nb") -> pd.DataFrame:
    """All timeline points, dated in Norwegian as exactly as the sources allow, in order."""
    item = _incident(incident_id, lang)
    sources = {s["key"]: s["publisher"] for s in item["sources"]}
    points = sorted(item.get("timeline", []), key=lambda p: date_bounds(p["when"])[0])
    frame = pd.DataFrame(
        [
            {"date": norwegian_date(p["when"]), "what": p["what"].strip(), "source": sources.get(p.get("source", ""), "")}
            for p in points
        ],
        columns=["date", "what", "source"],
    )
    return shown(frame, lang)


def days_by_key(incident_id: str, spans: dict[str, tuple[str, str]]) -> pd.DataFrame:
    """Days from one timeline point to another (key → (start point id, end point id)), English keys."""
    rows = []
    item = _incident(incident_id)
    for key, (start_id, end_id) in spans.items():
        start, end = data.timeline_point(item, start_id)["when"], data.timeline_point(item, end_id)["when"]
        (s_first, s_last), (e_first, e_last) = date_bounds(start), date_bounds(end)
        rows.append(
            {
                "period": key,
                "from": norwegian_date(start[:10]),
                "to": norwegian_date(end[:10]),
                "min_days": (e_first - s_last).days,
                "max_days": (e_last - s_first).days,
            }
        )
    return pd.DataFrame(rows)


def days_between(incident_id: str, spans: dict[str, tuple[str, str]], lang: str = "nb") -> pd.DataFrame:
    """Days from one timeline point to another (label → (start point id, end point id)). When a source
    gives only the month or year, the span is a range: «minst» assumes the latest possible start
    and earliest end, «høyst» the opposite. Exact dates give the same number in both."""
    return shown(days_by_key(incident_id, spans), lang)


# --- Qualitative points, durations and reference lines (case studies that weigh reasons or a legal threshold) ---


def sourced_points(incident_id: str, points: list[dict[str, str]], lang: str = "nb") -> pd.DataFrame:
    """Points written for a case study (e.g. the risks a body weighed), each naming one of the
    incident's sources by key; the table shows the publisher, and an unknown key is an error.
    A point's other keys are shown as they are (the caller gives them in the reader's words)."""
    sources = {s["key"]: s["publisher"] for s in _incident(incident_id, lang)["sources"]}
    rows = []
    for point in points:
        if point["source"] not in sources:
            raise KeyError(f"«{point['source']}» er ikke en kilde i {incident_id}")
        rows.append({**{k: v for k, v in point.items() if k != "source"}, header("source", lang): sources[point["source"]]})
    return pd.DataFrame(rows)


def hours_and_minutes(minutes: int) -> str:
    """191 → '3 t 11 min'; 13 → '13 min': durations a reader takes in at a glance."""
    hours, rest = divmod(int(minutes), 60)
    return f"{hours} t {rest} min" if hours else f"{rest} min"


def reference_line(fig: Figure, value: float, label: str) -> Figure:
    """Draw a dashed line at ``value`` across a bar chart from bar_chart (e.g. a legal minimum),
    labelled in words so the line does not depend on colour."""
    ax = fig.axes[0]
    horizontal = ax.get_xlabel() != ""
    line = ax.axvline if horizontal else ax.axhline
    line(value, color=OKABE_ITO["vermilion"], linestyle="--", linewidth=1.5, label=f"{label} ({number(value)})")
    ax.legend(loc="lower right", frameon=False, fontsize=CHART_FONT["xtick.labelsize"])
    return fig
