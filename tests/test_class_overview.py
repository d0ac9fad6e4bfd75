"""Unit tests of somekurs.class_overview: reading hand-ins and counting what the class found hard."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pandas as pd
import pytest
from somekurs import class_overview

from tests.helpers import ROOT

DEMO = ROOT / "data" / "demo-handins"
HEADER = ",".join(class_overview.EXPORT_COLUMNS)

CHOICE = {
    "id": "c",
    "kind": "choice",
    "title": "Valg",
    "options": [
        {"text": "Rett", "correct": True},
        {"text": "Lokkende feil", "correct": False},
        {"text": "Annen feil", "correct": False},
    ],
}
MULTI = {
    "id": "m",
    "kind": "choice",
    "multiple": True,
    "title": "Flere",
    "options": [{"text": "A", "correct": True}, {"text": "B", "correct": False}, {"text": "C", "correct": True}],
}
SORT = {
    "id": "s",
    "kind": "sort",
    "title": "Sorter",
    "categories": [{"id": "behold", "label": "La stå"}, {"id": "skjul", "label": "Skjul"}],
    "items": [{"text": "Kritikk", "category": "behold"}, {"text": "Trussel", "category": "skjul"}],
}
CHECK = {
    "id": "k",
    "kind": "checklist",
    "title": "Sjekk",
    "checks": [{"text": "Alt-tekst", "met": False}, {"text": "Kontrast", "met": True}],
}
EXERCISES = {e["id"]: e for e in (CHOICE, MULTI, SORT, CHECK)}


def handin(rows: list[list[str]]) -> io.StringIO:
    """An export as the engine writes it (csv quoting), in memory."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(class_overview.EXPORT_COLUMNS)
    writer.writerows(rows)
    return io.StringIO(out.getvalue())


def row(
    exercise: str,
    answer: str,
    correct: str,
    who: str = "deltaker-01",
    saved: str = "2026-11-25T10:00:00+00:00",
    kind: str = "choice",
    version: str = "",
) -> list[str]:
    return [exercise, "tema", kind, answer, correct, saved, who, version]


def test_export_columns_match_the_engine() -> None:
    from somekurs.exercises.progress import CSV_COLUMNS

    assert class_overview.EXPORT_COLUMNS == CSV_COLUMNS


def test_reads_what_the_engine_exports(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A real export (engine's own writer, with BOM as eksporter() writes it) reads back unchanged."""
    from somekurs.exercises import progress

    monkeypatch.setenv("SOMEKURS_PROGRESS", str(tmp_path / "fremdrift.json"))
    progress.save_answer("c", 1, correct=False, theme="tema", kind="choice")
    progress.save_answer("d", "=SUM(A1) er min plan", correct=None, theme="tema", kind="dilemma")
    progress.set_pseudonym("-Ola")
    (tmp_path / "inn.csv").write_text(progress.export_csv(), encoding="utf-8-sig")
    answers = class_overview.read_handin(tmp_path / "inn.csv", "uten-kallenavn-1")
    assert list(answers.columns) == class_overview.ANSWER_COLUMNS
    by_id = answers.set_index("oppgave")
    assert by_id.loc["c", "svar"] == 1 and not by_id.loc["c", "riktig"]
    assert by_id.loc["d", "svar"] == "=SUM(A1) er min plan"  # the spreadsheet guard is taken off
    assert pd.isna(by_id.loc["d", "riktig"])
    assert set(answers["deltaker"]) == {"-Ola"}


def test_no_nickname_gets_a_neutral_label_not_the_file_name(tmp_path: Path) -> None:
    (tmp_path / "kari-nordmann.csv").write_text(HEADER + "\n" + ",".join(row("c", "0", "ja", who="")) + "\n", encoding="utf-8")
    answers = class_overview.read_handins(tmp_path)
    assert list(answers["deltaker"]) == ["uten-kallenavn-1"]
    assert "kari" not in answers.to_csv()


@pytest.mark.parametrize("text", ["", "navn,svar\nx,y\n", "bare tull"])
def test_a_file_that_is_not_an_export_is_refused_with_its_name(text: str) -> None:
    source = io.StringIO(text)
    source.name = "rart.csv"
    with pytest.raises(class_overview.HandinError, match="rart.csv"):
        class_overview.read_handin(source, "x")


def test_a_row_with_the_wrong_number_of_fields_is_refused() -> None:
    with pytest.raises(class_overview.HandinError, match="linje 2"):
        class_overview.read_handin(handin([["c", "tema", "choice", "0"]]), "x")


def test_empty_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(class_overview.HandinError, match="Fant ingen innleveringer"):
        class_overview.read_handins(tmp_path)


def test_a_second_hand_in_replaces_the_first_answer() -> None:
    first = class_overview.read_handin(handin([row("c", "1", "nei", saved="2026-11-25T10:00:00+00:00")]), "x")
    second = class_overview.read_handin(handin([row("c", "0", "ja", saved="2026-11-25T11:00:00+00:00")]), "x")
    answers = class_overview.combine([second, first])
    assert len(answers) == 1 and answers.iloc[0]["svar"] == 0 and bool(answers.iloc[0]["riktig"])


def test_hardest_counts_share_correct_and_skips_unjudged_answers() -> None:
    answers = class_overview.combine(
        [
            class_overview.read_handin(
                handin(
                    [
                        row("c", "0", "ja", "a"),
                        row("s", '["behold", "behold"]', "nei", "a", kind="sort"),
                        row("d", "fritekst", "", "a", kind="dilemma"),
                    ]
                ),
                "x",
            ),
            class_overview.read_handin(
                handin([row("c", "1", "nei", "b"), row("s", '["behold", "skjul"]', "ja", "b", kind="sort")]), "y"
            ),
            class_overview.read_handin(handin([row("c", "1", "nei", "c")]), "z"),
        ]
    )
    table = class_overview.hardest(answers, {"c": "Valg"})
    assert list(table["oppgave"]) == ["c", "s"]  # 1/3 before 1/2; the dilemma has no key
    assert table.loc[0, "tittel"] == "Valg" and table.loc[1, "tittel"] == "s"
    assert table.loc[0, "andel_riktig"] == pytest.approx(0.33) and table.loc[0, "svar"] == 3
    assert table.loc[1, "riktige"] == 1


def test_hardest_of_nothing_is_an_empty_table() -> None:
    assert class_overview.hardest(class_overview.combine([])).empty


@pytest.mark.parametrize(
    ("exercise", "answer", "expected"),
    [
        (CHOICE, 0, []),
        (CHOICE, 1, ["Lokkende feil"]),
        (CHOICE, 9, []),  # an option that does not exist is not counted
        (CHOICE, True, []),  # a bool is not an option number
        (MULTI, [0, 1, 2], ["B"]),
        (SORT, ["skjul", "skjul"], ["«Kritikk» plassert som «Skjul»"]),
        (SORT, [None, "skjul"], []),
        (CHECK, [True, True], ["«Alt-tekst» vurdert som oppfylt"]),
        ({"kind": "dilemma"}, "tekst", []),
    ],
)
def test_wrong_picks(exercise: dict, answer: object, expected: list[str]) -> None:
    assert class_overview.wrong_picks(exercise, answer) == expected


def test_misconceptions_rank_the_most_chosen_wrong_option_first() -> None:
    answers = class_overview.combine(
        [
            class_overview.read_handin(handin([row(who=w, exercise="c", answer=a, correct="nei")]), w)
            for w, a in [("a", "1"), ("b", "1"), ("c", "2"), ("d", "0")]
        ]
        + [class_overview.read_handin(handin([row("ukjent", "1", "nei", "e")]), "e")]
    )
    table = class_overview.misconceptions(answers, EXERCISES)
    assert list(table["feil_valg"]) == ["Lokkende feil", "Annen feil"]
    assert list(table["valgt_av"]) == [2, 1]
    assert table.loc[0, "andel"] == 0.5  # 2 of the 4 who answered «c»; «ukjent» is skipped
    assert len(class_overview.misconceptions(answers, EXERCISES, top=1)) == 1


def test_summary_counts_participants_and_share() -> None:
    answers = class_overview.read_handin(handin([row("c", "0", "ja", "a"), row("s", "[]", "nei", "a", kind="sort")]), "x")
    summary = dict(zip(class_overview.class_summary(answers)["Hva"], class_overview.class_summary(answers)["Verdi"], strict=True))
    assert summary["Innleveringer"] == 1 and summary["Andel riktige"] == "50 %"


def test_demo_hand_ins_are_marked_constructed_and_use_real_exercises() -> None:
    from somekurs.exercises.model import load_exercises

    assert "konstruert" in (DEMO / "README.md").read_text(encoding="utf-8").lower()
    exercises, _ = load_exercises()
    answers = class_overview.read_handins(DEMO)
    assert set(answers["oppgave"]) <= set(exercises)
    assert all(name.startswith("deltaker-") for name in answers["deltaker"])


def test_charts_have_norwegian_labels() -> None:
    import matplotlib

    matplotlib.use("Agg")
    from somekurs.exercises.model import load_exercises

    exercises, _ = load_exercises()
    answers = class_overview.read_handins(DEMO)
    fig = class_overview.plot_hardest(class_overview.hardest(answers, {k: e["title"] for k, e in exercises.items()}))
    assert fig.axes[0].get_xlabel() == "Andel riktige svar (prosent)"
    fig2 = class_overview.plot_misconceptions(class_overview.misconceptions(answers, exercises))
    assert fig2.axes[0].get_title(loc="left") == "De vanligste feilene"
    assert json.dumps(class_overview.OKABE_ITO)  # the palette is plain data


def test_exports_from_before_fingerprints_are_still_read() -> None:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(class_overview.OLD_EXPORT_COLUMNS)
    writer.writerow(row("c", "1", "nei")[:-1])
    answers = class_overview.read_handin(io.StringIO(out.getvalue()), "uten-kallenavn-1")
    assert answers.loc[0, "svar"] == 1 and answers.loc[0, "versjon"] == ""
    assert list(class_overview.misconceptions(answers, EXERCISES)["feil_valg"]) == ["Lokkende feil"]


def test_answer_to_an_older_version_of_an_exercise_is_not_misread() -> None:
    """Option 1 was «Lokkende feil» when this participant answered; an answer given under
    another fingerprint is left out of the misconceptions instead of naming whatever option 1
    is now. Answers under the current fingerprint are named as usual."""
    from somekurs.exercises.model import fingerprint

    current = fingerprint(CHOICE)
    answers = class_overview.read_handin(
        handin(
            [
                row("c", "1", "nei", who="a", version="0123456789ab"),
                row("c", "1", "nei", who="b", version=current),
                row("c", "2", "nei", who="c", version=current),
            ]
        ),
        "uten-kallenavn-1",
    )
    table = class_overview.misconceptions(answers, EXERCISES)
    assert sorted(zip(table["feil_valg"], table["valgt_av"], table["andel"], strict=True)) == [
        ("Annen feil", 1, 0.5),
        ("Lokkende feil", 1, 0.5),
    ]
    assert class_overview.class_summary(answers).loc[1, "Verdi"] == 3, "the answer still counts as handed in"
