"""Tables and charts for the case-study notebooks, built from the incident catalogue.

Every number a case study shows is computed here from data/incidents/*.yaml, where each
timeline point and figure names its source, so the notebook never types a number itself.
Participants see one or two lines per cell; the work happens in these functions.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import pandas as pd

from somekurs import data
from somekurs.pages import country_name, norwegian_date

if TYPE_CHECKING:
    from matplotlib.figure import Figure

# Okabe–Ito palette: distinguishable with the common colour-vision deficiencies.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]


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


def filter_incidents(frame: pd.DataFrame, theme: str | None = None, year: int | None = None,
                     country: str | None = None, platform: str | None = None) -> pd.DataFrame:
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


def minutes_between(incident_id: str, start_contains: str, events: dict[str, str]) -> pd.DataFrame:
    """Minutes from the timeline point matching ``start_contains`` to each named event.

    ``events`` maps a label (e.g. 'Etatens Facebook og Twitter') to text that identifies the
    timeline point; matching on the sourced text keeps the numbers tied to the data.
    """
    frame = timeline_frame(incident_id)
    start = _find(frame, start_contains)
    rows = []
    for label, needle in events.items():
        row = _find(frame, needle)
        rows.append({"kanal": label, "klokkeslett": row["klokkeslett"],
                     "minutter": int(row["minutter etter start"] - start["minutter etter start"])})
    return pd.DataFrame(rows).sort_values("minutter", kind="stable").reset_index(drop=True)


def _find(frame: pd.DataFrame, needle: str) -> pd.Series:
    hits = frame[frame["hva"].str.contains(needle, case=False, regex=False)]
    if hits.empty:
        raise KeyError(f"Fant ikke noe punkt i tidslinjen som inneholder «{needle}»")
    return hits.iloc[0]


def bar_chart(values: pd.Series | pd.DataFrame, *, label_column: str | None = None, value_column: str | None = None,
              xlabel: str, title: str, horizontal: bool = True) -> Figure:
    """A plain bar chart in Norwegian, colour-vision-safe, with the value written on each bar
    so no reader depends on colour or on reading the axis."""
    import matplotlib.pyplot as plt

    if isinstance(values, pd.DataFrame):
        labels, numbers = list(values[label_column]), list(values[value_column])
    else:
        labels, numbers = [str(i) for i in values.index], list(values.values)
    fig, ax = plt.subplots(figsize=(7, 0.45 * len(labels) + 1.4) if horizontal else (7, 3.6))
    fig.patch.set_facecolor("white")
    if horizontal:
        bars = ax.barh(labels, numbers, color=PALETTE[0])
        ax.invert_yaxis()
        ax.set_xlabel(xlabel)
    else:
        bars = ax.bar(labels, numbers, color=PALETTE[0])
        ax.set_ylabel(xlabel)
    ax.bar_label(bars, labels=[_fmt(n) for n in numbers], padding=3)
    ax.set_title(title, loc="left")
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    plt.close(fig)
    return fig


def _fmt(number: Any) -> str:
    return f"{number:g}".replace(".", ",")


def sources_table(incident_id: str) -> pd.DataFrame:
    """The incident's sources, so a reader can check every number in the case study."""
    incidents, _ = data.load_incidents()
    return pd.DataFrame(
        [{"utgiver": s["publisher"], "tittel": s["title"], "publisert": norwegian_date(s["published"]), "lenke": s["url"]}
         for s in incidents[incident_id]["sources"]]
    )


def as_list(values: Iterable[str]) -> str:
    """'a, b og c' — a Norwegian list for generated sentences."""
    items = list(values)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " og " + items[-1]
