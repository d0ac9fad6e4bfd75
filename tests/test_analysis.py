"""The case-study functions: every number they show is computed from a sourced incident file."""

from __future__ import annotations

import inspect
from pathlib import Path

import pandas as pd
import pytest
from somekurs import analysis, cases, norwegian

# --- generic helpers (somekurs/analysis.py) ---


def test_sourced_points_shows_publisher_and_rejects_unknown_source() -> None:
    frame = analysis.sourced_points(cases.DATATILSYNET, [{"punkt": "a", "source": "datatilsynet-2021-facebook"}])
    assert frame.to_dict("records") == [{"punkt": "a", "kilde": "Datatilsynet"}]
    with pytest.raises(KeyError, match="ikke en kilde"):
        analysis.sourced_points(cases.DATATILSYNET, [{"punkt": "a", "source": "finnes-ikke"}])


@pytest.mark.parametrize(("minutes", "text"), [(0, "0 min"), (13, "13 min"), (60, "1 t 0 min"), (191, "3 t 11 min")])
def test_hours_and_minutes(minutes: int, text: str) -> None:
    assert analysis.hours_and_minutes(minutes) == text


def test_reference_line_is_drawn_and_labelled_in_words() -> None:
    import pandas as pd

    fig = analysis.bar_chart(pd.Series([3, 13], index=["A", "B"]), xlabel="Prosent", title="T")
    analysis.reference_line(fig, 25, "Kravet")
    ax = fig.axes[0]
    assert ax.lines[-1].get_xdata()[0] == 25
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Kravet (25)"]


# --- per-case questions (somekurs/cases.py) ---


def test_datatilsynet_risks_each_have_a_source_in_the_incident() -> None:
    frame = cases.datatilsynet_risks()
    assert len(frame) == len(cases.DATATILSYNET_RISKS)
    assert frame["kilde"].ne("").all()


def test_nrk_survey_shares() -> None:
    frame = cases.nrk_survey().set_index("hva")
    assert frame.loc["Spurte", "verdi"] == 70 and frame.loc["Svarte", "verdi"] == 50
    assert frame.loc["Risikovurderer bruken", "prosent av spurte"] == 30
    assert frame.loc["Risikovurderer bruken", "prosent av dem som svarte"] == 42


def test_sprak_compliance_by_year() -> None:
    frame = cases.sprak_compliance().set_index("tall for")
    assert frame["statsorgan"].to_dict() == {"2021": 161, "2022": 157, "2023": 168}
    assert frame["oppfylte kravene"].to_dict() == {"2021": 1, "2022": 1, "2023": 10}
    assert frame.loc["2023", "prosent som oppfylte"] == 6.0


def test_sprak_facebook_below_the_minimum() -> None:
    assert cases.sprak_minimum() == 25
    frame = cases.sprak_facebook().set_index("virksomhet")
    assert frame["prosentpoeng under kravet"].to_dict() == {"NTNU": 22, "NHH": 12, "Forskningsrådet": 21}


def test_fields_steps_minutes_from_the_report() -> None:
    frame = cases.fields_steps()
    assert frame["minutter etter meldingen"].tolist() == [13, 191, 210]
    assert frame["tid"].tolist() == ["13 min", "3 t 11 min", "3 t 30 min"]


def test_tegnsprak_groups_split_england_users() -> None:
    frame = cases.tegnsprak_groups().set_index("gruppe")
    assert frame.loc["England: døve som bruker tegnspråk", "personer"] == 73000
    assert frame.loc["England: andre som bruker tegnspråk", "personer"] == 54000
    assert frame.loc["England: døve som bruker tegnspråk", "prosent av brukerne i England"] == 57


@pytest.mark.parametrize(
    ("value", "text"),
    [(0.6, "0,6"), (13, "13"), (2021, "2021"), (73000, "73\u00a0000"), (12345.5, "12\u00a0345,5"), (36.54, "36,54")],
)
def test_numbers_are_written_the_norwegian_way(value: float, text: str) -> None:
    assert norwegian.number(value) == text


def test_lix_keeps_one_decimal() -> None:
    assert norwegian.number(36.54, decimals=1) == "36,5"
    assert norwegian.number(40, decimals=1) == "40"


# --- dated timelines, figures and rates (Hans, politiet og X, SEC, UD på Messenger) ---

FAKE_ID = "xx-2020-test"
FAKE = {
    "id": FAKE_ID,
    "timeline": [
        {"id": "slutt", "when": "2020-03-10", "what": "Slutt på noe.", "source": "a"},
        {"id": "start", "when": "2020-01", "what": "Start på noe.", "source": "a"},
        {"id": "midt", "when": "2020-02-01 12:00", "what": "Midt i noe.", "source": "b"},
    ],
    "figures": [
        {"id": "varsler", "label": "Varsler på ett døgn", "value": 12, "unit": "varsler", "source": "a"},
        {"id": "tidsrom", "label": "Tidsrom for varslene", "value": 6, "unit": "timer", "source": "a"},
        {"label": "Halv verdi", "value": 2.5, "unit": "timer", "source": "b"},
    ],
    "sources": [{"key": "a", "publisher": "Utgiver A"}, {"key": "b", "publisher": "Utgiver B"}],
}


@pytest.fixture()
def fake(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(analysis.data, "load_incidents", lambda *a, **k: ({FAKE_ID: FAKE}, []))


def _bounds(when: str) -> tuple[str, ...]:
    return tuple(str(day.date()) for day in analysis.date_bounds(when))


def test_date_bounds_cover_month_and_year() -> None:
    assert _bounds("2023-07") == ("2023-07-01", "2023-07-31")
    assert _bounds("2024-02") == ("2024-02-01", "2024-02-29")
    assert _bounds("2011") == ("2011-01-01", "2011-12-31")
    assert _bounds("2021-01-08 15:16") == ("2021-01-08", "2021-01-08")


def test_figures_frame_keeps_whole_numbers_and_names_the_source(fake: None) -> None:
    frame = analysis.figures_frame(FAKE_ID)
    assert list(frame.columns) == ["tall", "verdi", "enhet", "kilde"]
    assert list(frame["verdi"]) == [12, 6, 2.5]
    assert str(frame.loc[0, "verdi"]) == "12"
    assert frame.loc[2, "kilde"] == "Utgiver B"


def test_figure_value_is_found_by_id_not_by_words(fake: None) -> None:
    assert analysis.figure_value(FAKE_ID, "varsler") == 12
    with pytest.raises(KeyError, match="kjente: varsler, tidsrom"):
        analysis.figure_value(FAKE_ID, "på ett døgn")  # words of the label are not an id


def test_rewording_a_fact_does_not_change_a_result(fake: None) -> None:
    """A fact-check that rewrites a point's text or a figure's label leaves every number as it was."""
    before = (
        analysis.days_between(FAKE_ID, {"Hele": ("start", "slutt")}).to_dict("records"),
        analysis.figure_value(FAKE_ID, "tidsrom"),
    )
    FAKE["timeline"][1]["what"] = "Helt ny formulering etter faktasjekk."
    FAKE["figures"][1]["label"] = "Omskrevet etikett"
    try:
        after = (
            analysis.days_between(FAKE_ID, {"Hele": ("start", "slutt")}).to_dict("records"),
            analysis.figure_value(FAKE_ID, "tidsrom"),
        )
    finally:
        FAKE["timeline"][1]["what"] = "Start på noe."
        FAKE["figures"][1]["label"] = "Tidsrom for varslene"
    assert after == before


def test_select_figures_gives_per_cent_of_base(fake: None) -> None:
    frame = analysis.select_figures(FAKE_ID, {"Varsler": "varsler", "Timer": "tidsrom"}, base="Varsler")
    assert list(frame["verdi"]) == [12, 6]
    assert list(frame["prosent av varsler"]) == [100, 50]


def test_rate_table_counts_per_hour_and_minutes_between(fake: None) -> None:
    row = analysis.rate_table(FAKE_ID, {"Test": ("varsler", "tidsrom")}).iloc[0]
    assert row["per time"] == 2
    assert row["minutter mellom i snitt"] == 30


def test_dated_timeline_sorts_partial_dates_and_writes_norwegian(fake: None) -> None:
    frame = analysis.dated_timeline(FAKE_ID)
    assert list(frame["dato"]) == ["januar 2020", "1. februar 2020 kl. 12:00", "10. mars 2020"]
    assert list(frame["kilde"]) == ["Utgiver A", "Utgiver B", "Utgiver A"]


def test_days_between_gives_a_range_when_a_date_is_only_a_month(fake: None) -> None:
    frame = analysis.days_between(FAKE_ID, {"Hele": ("start", "slutt"), "Siste del": ("midt", "slutt")})
    assert list(frame["minst dager"]) == [39, 38]  # 31 Jan → 10 Mar; 1 Feb → 10 Mar
    assert list(frame["høyst dager"]) == [69, 38]  # 1 Jan → 10 Mar
    with pytest.raises(KeyError):
        analysis.days_between(FAKE_ID, {"Feil": ("finnes-ikke", "slutt")})


# The real case studies: the key results each notebook reports.


def test_hans_rates_from_the_incident_file() -> None:
    frame = cases.hans_rates().set_index("tilfelle")
    assert list(frame["minutter mellom i snitt"]) == [80, 38]
    assert frame["per time"].iloc[1] > 2 * frame["per time"].iloc[0]
    assert cases.hans_counts()["varsler"].max() == 36


def test_politiet_reach_and_spans() -> None:
    reach = cases.politiet_reach()
    assert list(reach.iloc[:, -1]) == [100, 17]
    spans = cases.politiet_spans().set_index("periode")
    assert spans.loc["Appen og X side om side", "minst dager"] == 121
    assert cases.politiet_messages_per_day()["meldinger per dag"].iloc[0] == pytest.approx(18.7)


def test_sec_account_was_unprotected_for_about_half_a_year() -> None:
    row = cases.sec_unprotected().iloc[0]
    assert (row["minst dager"], row["høyst dager"]) == (162, 192)
    assert list(cases.sec_exposure()["minutter"]) == [15, 31]


def test_ud_messenger_came_the_day_after_the_formal_reply() -> None:
    days = cases.ud_days().set_index("hendelse")["dager etter første e-post"]
    assert days["Melding på Messenger"] - days["UD svarer formelt"] == 1
    assert days["Brev til Stortinget om Messenger"] == 105
    assert cases.ud_message_rate()["meldinger per måned"].iloc[0] == 20


# --- both written standards (data/case-tables.yaml and data/nn/case-tables.yaml) ---

# Every table a case study shows: the functions defined in somekurs.cases, less its label helpers
# and the one that returns a number.
CASE_TABLES = [
    name
    for name, value in vars(cases).items()
    if inspect.isfunction(value) and value.__module__ == cases.__name__ and name not in {"labels", "named", "sprak_minimum"}
]


def test_the_case_tables_have_the_same_sections_keys_and_placeholders_in_both_standards() -> None:
    from somekurs import texts

    nb, nn = analysis.words("nb"), analysis.words("nn")
    assert nb.keys() == nn.keys()
    for section in nb:
        assert nb[section].keys() == nn[section].keys(), section
        for key in nb[section]:
            assert texts.placeholders(nb[section][key]) == texts.placeholders(nn[section][key]), f"{section}.{key}"


@pytest.mark.parametrize("name", CASE_TABLES)
def test_a_case_table_in_nynorsk_has_the_same_numbers_and_nynorsk_words(name: str) -> None:
    nb, nn = getattr(cases, name)(), getattr(cases, name)(lang="nn")
    assert nb.shape == nn.shape
    nn_headers = {analysis.header(key, "nn", base="") for key in analysis.words("nn")["columns"]}
    assert all(column in nn_headers or column.startswith("prosent av ") for column in nn.columns), list(nn.columns)
    numeric = [i for i, column in enumerate(nb.columns) if pd.api.types.is_numeric_dtype(nb[column])]
    assert numeric or name == "datatilsynet_risks", "a case table without a number"
    assert nb.iloc[:, numeric].equals(nn.iloc[:, numeric].set_axis(nb.columns[numeric], axis=1))
    labels_nb = {v for section in analysis.words("nb").values() for v in section.values()} - {"Alle", "id", "Messenger"}
    shown_nn = {str(v) for v in nn.astype(str).to_numpy().ravel()} | set(nn.columns)
    assert not shown_nn & labels_nb - {label for section in analysis.words("nn").values() for label in section.values()}


def test_the_nynorsk_catalogue_filters_on_nynorsk_themes_and_countries() -> None:
    frame = analysis.incidents_frame("nn")
    assert list(frame.columns) == ["id", "tittel", "dato", "år", "land", "plattformer", "tema", "hovudtema", "kjelder"]
    assert len(frame) == len(analysis.incidents_frame())
    theme = frame["hovudtema"].iloc[0]
    chosen = analysis.filter_incidents(frame, theme=theme, lang="nn")
    assert 0 < len(chosen) <= len(frame) and chosen["tema"].apply(lambda t: theme in t).all()
    assert analysis.count_by_theme(frame, "nn").sum() == analysis.count_by_theme(analysis.incidents_frame()).sum()
    assert "Noreg" in set(frame["land"])


def test_the_catalogue_summary_in_the_book_speaks_the_pages_standard() -> None:
    from somekurs import catalogue

    nn = catalogue.static_summary(analysis.incidents_frame("nn"), "nn")
    assert "hendingar" in nn and "Filtera verkar" in nn and "hendelser" not in nn
    assert "Filtrene virker" in catalogue.static_summary(analysis.incidents_frame())


def test_a_missing_label_names_the_file_and_key() -> None:
    with pytest.raises(KeyError, match="case-tables.yaml: manglar columns.finst-ikkje"):
        analysis.header("finst-ikkje", "nn")


def _exercise_pointers(notebook: Path) -> list[tuple[str, str]]:
    """The («title», theme) of each «… i oppgaven «X» i {ref}`arbeidsbok-tema`» in a notebook's text."""
    import json
    import re

    # A title may hold a quote of its own («Nødvarsel under «Hans» – …»).
    pointer = re.compile(r"«((?:[^«»]|«[^«»]*»)*)» i \{ref\}`arbeidsbok-([a-z-]+)`")
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    return pointer.findall("\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown"))


@pytest.mark.parametrize("lang", ["nb", "nn"])
def test_every_exercise_a_case_study_names_exists_in_that_workbook(lang: str) -> None:
    """«Test deg selv i oppgaven «X» i {ref}`arbeidsbok-tema`»: a participant looks for X there, so it
    must exist, in the workbook of the page's standard (a nynorsk case study names the nynorsk title)."""
    import yaml

    root = Path(__file__).resolve().parents[1]
    pages, exercises = (root / "notebooks", root / "data" / "exercises")
    if lang == "nn":
        pages, exercises = (root / "nn" / "notebooks", root / "data" / "nn" / "exercises")
    found, missing = 0, []
    for notebook in sorted(pages.glob("*.ipynb")):
        pointers = _exercise_pointers(notebook)
        if lang == "nn":
            source = root / "notebooks" / notebook.name
            assert len(pointers) == len(_exercise_pointers(source)), (
                f"{notebook.name}: ikkje same tal på peikarar som {source.name}"
            )
        for title, theme in pointers:
            found += 1
            items = yaml.safe_load((exercises / f"{theme}.yaml").read_text(encoding="utf-8"))
            titles = {str(i.get("title", "")) for i in items}
            if title not in titles and f"«{title}»" not in titles:  # a title that is a quote itself
                missing.append(f"{notebook.name}: «{title}» finnes ikke i arbeidsbok-{theme} ({lang})")
    assert found >= 15
    assert not missing, missing
