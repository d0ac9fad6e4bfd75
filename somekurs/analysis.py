"""Tables and charts for the case-study notebooks, built from the incident catalogue.

Every number a case study shows is computed here from data/incidents/*.yaml, where each
timeline point and figure names its source, so the notebook never types a number itself.
Participants see one or two lines per cell; the work happens in these functions.
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING, Any

import pandas as pd

from somekurs import data
from somekurs.norwegian import date as norwegian_date
from somekurs.norwegian import number
from somekurs.pages import country_name
from somekurs.palette import OKABE_ITO

if TYPE_CHECKING:
    from matplotlib.figure import Figure


def incidents_frame() -> pd.DataFrame:
    """One row per incident: the columns a reader filters on (theme, year, country, platform)."""
    incidents, _ = data.load_incidents()
    titles = {t["slug"]: t["title"] for t in data.load_themes()}
    rows = [
        {
            "id": item["id"],
            "tittel": item["title"],
            "dato": item["date"],
            "år": int(item["date"][:4]),
            "land": country_name(item["country"]),
            "plattformer": ", ".join(item["platforms"]),
            "temaer": [titles.get(t, t) for t in item["themes"]],
            "hovedtema": titles.get(item["themes"][0], item["themes"][0]),
            "kilder": len(item["sources"]),
        }
        for item in incidents.values()
    ]
    return pd.DataFrame(rows).sort_values(["dato", "id"], ascending=False).reset_index(drop=True)


def count_by_theme(frame: pd.DataFrame) -> pd.Series:
    """How many incidents touch each theme (an incident can touch several)."""
    order = [t["title"] for t in data.load_themes()]
    counts = frame.explode("temaer")["temaer"].value_counts()
    return counts.reindex([t for t in order if t in counts.index]).rename("hendelser")


def count_by_year(frame: pd.DataFrame) -> pd.Series:
    """Incidents per year, with empty years shown as zero so gaps are visible."""
    counts = frame["år"].value_counts().sort_index()
    years = range(int(counts.index.min()), int(counts.index.max()) + 1)
    return counts.reindex(years, fill_value=0).rename("hendelser")


def filter_incidents(
    frame: pd.DataFrame,
    theme: str | None = None,
    year: int | None = None,
    country: str | None = None,
    platform: str | None = None,
) -> pd.DataFrame:
    """Filter the catalogue; None means 'all'. Platform matches part of the platform list."""
    mask = pd.Series(True, index=frame.index)
    if theme:
        mask &= frame["temaer"].apply(lambda themes: theme in themes)
    if year:
        mask &= frame["år"] == year
    if country:
        mask &= frame["land"] == country
    if platform:
        mask &= frame["plattformer"].str.contains(platform, case=False, regex=False)
    return frame[mask]


def timeline_frame(incident_id: str) -> pd.DataFrame:
    """The incident's timed points, with minutes since the first one (the question most
    crisis case studies ask: how long did each step take?)."""
    incidents, _ = data.load_incidents()
    item = incidents[incident_id]
    sources = {s["key"]: s["publisher"] for s in item["sources"]}
    timed = [p for p in item.get("timeline", []) if len(p["when"]) > 10]
    frame = pd.DataFrame(
        {
            "tidspunkt": pd.to_datetime([p["when"] for p in timed]),
            "hva": [p["what"].strip() for p in timed],
            "kilde": [sources.get(p.get("source", ""), "") for p in timed],
        }
    ).sort_values("tidspunkt", kind="stable")
    frame["minutter etter start"] = ((frame["tidspunkt"] - frame["tidspunkt"].iloc[0]).dt.total_seconds() // 60).astype(int)
    frame["klokkeslett"] = frame["tidspunkt"].dt.strftime("%H.%M")
    return frame[["klokkeslett", "minutter etter start", "hva", "kilde"]].reset_index(drop=True)


def minutes_between(incident_id: str, start_id: str, events: dict[str, str]) -> pd.DataFrame:
    """Minutes from the timeline point ``start_id`` to each named event.

    ``events`` maps a label (e.g. 'Etatens Facebook og Twitter') to the id of a timed point in
    the incident's timeline. Ids, not words: a fact-check that rewords a point's text cannot
    change which point a number is computed from.
    """
    start = _timed_point(incident_id, start_id)
    rows = []
    for label, point_id in events.items():
        point = _timed_point(incident_id, point_id)
        rows.append(
            {"kanal": label, "klokkeslett": point.strftime("%H.%M"), "minutter": int((point - start).total_seconds() // 60)}
        )
    return pd.DataFrame(rows).sort_values("minutter", kind="stable").reset_index(drop=True)


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


def sources_table(incident_id: str) -> pd.DataFrame:
    """The incident's sources, so a reader can check every number in the case study."""
    incidents, _ = data.load_incidents()
    return pd.DataFrame(
        [
            {"utgiver": s["publisher"], "tittel": s["title"], "publisert": norwegian_date(s["published"]), "lenke": s["url"]}
            for s in incidents[incident_id]["sources"]
        ]
    )


# --- Figures and dated timelines (case studies whose sources give dates or counts, not clock times) ---


def _incident(incident_id: str) -> dict[str, Any]:
    incidents, _ = data.load_incidents()
    return incidents[incident_id]


def figures_frame(incident_id: str) -> pd.DataFrame:
    """The incident's sourced numbers as a table: what was counted, the number, its unit and source."""
    item = _incident(incident_id)
    sources = {s["key"]: s["publisher"] for s in item["sources"]}
    figures = item.get("figures", [])
    frame = pd.DataFrame(
        [{"tall": f["label"], "enhet": f.get("unit", ""), "kilde": sources.get(f["source"], "")} for f in figures],
        columns=["tall", "enhet", "kilde"],
    )
    # Object dtype keeps whole numbers whole (6, not 6.0) when one figure has decimals.
    frame.insert(1, "verdi", pd.Series([f["value"] for f in figures], dtype=object))
    return frame


def figure_value(incident_id: str, figure_id: str) -> float:
    """The value of the incident's figure with this id."""
    return data.figure(_incident(incident_id), figure_id)["value"]


def select_figures(incident_id: str, figures: dict[str, str], base: str | None = None) -> pd.DataFrame:
    """Chosen figures under short labels (label → figure id). With ``base`` (one of the labels),
    a column gives each value as a per cent of that figure, rounded to whole per cent."""
    frame = pd.DataFrame([{"hva": label, "verdi": figure_value(incident_id, fid)} for label, fid in figures.items()])
    if base is not None:
        base_value = frame.set_index("hva").loc[base, "verdi"]
        frame["prosent av " + base.lower()] = (100 * frame["verdi"] / base_value).round().astype(int)
    return frame


def rate_table(incident_id: str, cases: dict[str, tuple[str, str]]) -> pd.DataFrame:
    """How often something happened: for each case, a count figure and a period figure in hours
    (label → (count figure id, period figure id)), giving the number per hour and the average minutes between."""
    rows = []
    for label, (count_id, hours_id) in cases.items():
        count, hours = figure_value(incident_id, count_id), figure_value(incident_id, hours_id)
        rows.append(
            {
                "tilfelle": label,
                "antall": count,
                "timer": hours,
                "per time": round(count / hours, 2),
                "minutter mellom i snitt": round(60 * hours / count),
            }
        )
    return pd.DataFrame(rows)


def date_bounds(when: str) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The first and last day a timeline date can mean: '2023-07' is 1–31 July, '2011' the whole year."""
    day = when[:10]
    start = pd.Timestamp(day if len(day) == 10 else day + ("-01" if len(day) == 7 else "-01-01"))
    if len(day) == 10:
        return start, start
    end = start + (pd.offsets.MonthEnd(0) if len(day) == 7 else pd.offsets.YearEnd(0))
    return start, end


def dated_timeline(incident_id: str) -> pd.DataFrame:
    """All timeline points, dated in Norwegian as exactly as the sources allow, in order."""
    item = _incident(incident_id)
    sources = {s["key"]: s["publisher"] for s in item["sources"]}
    points = sorted(item.get("timeline", []), key=lambda p: date_bounds(p["when"])[0])
    return pd.DataFrame(
        [
            {"dato": norwegian_date(p["when"]), "hva": p["what"].strip(), "kilde": sources.get(p.get("source", ""), "")}
            for p in points
        ],
        columns=["dato", "hva", "kilde"],
    )


def days_between(incident_id: str, spans: dict[str, tuple[str, str]]) -> pd.DataFrame:
    """Days from one timeline point to another (label → (start point id, end point id)). When a source
    gives only the month or year, the span is a range: «minst» assumes the latest possible start
    and earliest end, «høyst» the opposite. Exact dates give the same number in both."""
    rows = []
    item = _incident(incident_id)
    for label, (start_id, end_id) in spans.items():
        start, end = data.timeline_point(item, start_id)["when"], data.timeline_point(item, end_id)["when"]
        (s_first, s_last), (e_first, e_last) = date_bounds(start), date_bounds(end)
        rows.append(
            {
                "periode": label,
                "fra": norwegian_date(start[:10]),
                "til": norwegian_date(end[:10]),
                "minst dager": (e_first - s_last).days,
                "høyst dager": (e_last - s_first).days,
            }
        )
    return pd.DataFrame(rows)


# --- Qualitative points, durations and reference lines (case studies that weigh reasons or a legal threshold) ---


def sourced_points(incident_id: str, points: list[dict[str, str]]) -> pd.DataFrame:
    """Points written for a case study (e.g. the risks a body weighed), each naming one of the
    incident's sources by key; the table shows the publisher, and an unknown key is an error."""
    sources = {s["key"]: s["publisher"] for s in _incident(incident_id)["sources"]}
    rows = []
    for point in points:
        if point["source"] not in sources:
            raise KeyError(f"«{point['source']}» er ikke en kilde i {incident_id}")
        rows.append({**{k: v for k, v in point.items() if k != "source"}, "kilde": sources[point["source"]]})
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
