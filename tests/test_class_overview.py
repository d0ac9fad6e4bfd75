"""Unit tests of somekurs.class_overview: reading hand-ins, telling participants apart, and counting
what the class found hard, for every exercise kind (the constructed fixture exercises)."""

from __future__ import annotations

import csv
import io
import json
import random
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from somekurs import class_overview
from somekurs.exercises import progress, registry
from somekurs.exercises.evaluate import answer_key, evaluate
from somekurs.exercises.model import fingerprint

from tests.exercises_support import fixture_exercises
from tests.helpers import ROOT

DEMO = ROOT / "data" / "demo-handins"
EX = fixture_exercises()
CHOICE = EX["test-valg-ett"]
SORT = EX["test-sortering"]


def state(name: str, answers: dict[str, Any], token: str = "", group: str = "", saved: str = "2026-11-25T10:00:00+00:00") -> dict:
    """A participant's saved state, as the progress file holds it."""
    return {
        "pseudonym": name,
        "participant": token,
        "group": group,
        "answers": {
            key: {
                "answer": value,
                "correct": True,  # what the workbook said: never read by the overview
                "theme": EX[key]["theme"] if key in EX else "x",
                "kind": EX[key]["kind"] if key in EX else "choice",
                "saved_at": saved,
                "version": fingerprint(EX[key]) if key in EX else "",
            }
            for key, value in answers.items()
        },
    }


def write(
    folder: Path, name: str, saved: dict, share: bool | None = True, handed_in_at: str = "2026-11-25T15:00:00+00:00"
) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    text = progress.csv_from_state(saved, share_free_text=share, handed_in_at=handed_in_at, exercises=EX)
    path.write_text("\ufeff" + text, encoding="utf-8")
    return path


def rows_file(folder: Path, name: str, rows: list[list[str]], header: list[str] | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header or class_overview.EXPORT_COLUMNS)
    writer.writerows(rows)
    (folder / name).write_text(out.getvalue(), encoding="utf-8")
    return folder / name


def test_export_columns_match_the_engine() -> None:
    assert class_overview.EXPORT_COLUMNS == progress.CSV_COLUMNS


def test_reads_what_the_engine_exports(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A real export (the engine's own writer, with BOM as eksporter() writes it) reads back unchanged."""
    monkeypatch.setenv("SOMEKURS_PROGRESS", str(tmp_path / "fremdrift.json"))
    progress.save_answer("test-valg-ett", "la-sta", correct=False, theme="arkiv", kind="choice", version=fingerprint(CHOICE))
    progress.save_answer("test-dilemma", {"text": "=SUM(A1) er min plan", "rubric": {}}, correct=None, kind="compare")
    progress.set_pseudonym("-Ola")
    (tmp_path / "inn.csv").write_text(progress.export_csv(), encoding="utf-8-sig")
    answers = class_overview.read_handin(tmp_path / "inn.csv", "uten-kallenavn-1", exercises=EX)
    assert list(answers.columns) == class_overview.ANSWER_COLUMNS
    by_id = answers.set_index("oppgave")
    assert by_id.loc["test-valg-ett", "svar"] == "la-sta" and not by_id.loc["test-valg-ett", "riktig"]
    assert by_id.loc["test-dilemma", "svar"]["text"] == "=SUM(A1) er min plan"  # the spreadsheet guard is taken off
    assert set(answers["deltaker"]) == {"-Ola"}


def test_no_nickname_gets_a_neutral_label_not_the_file_name(tmp_path: Path) -> None:
    write(tmp_path, "kari-nordmann.csv", state("", {"test-valg-ett": "vurder"}))
    answers = class_overview.collect(tmp_path, EX).answers
    assert list(answers["deltaker"]) == ["uten-kallenavn-1"]
    assert "kari" not in answers.to_csv()


@pytest.mark.parametrize("text", ["", "navn,svar\nx,y\n", "bare tull"])
def test_a_file_that_is_not_an_export_is_refused_with_its_name(text: str) -> None:
    source = io.StringIO(text)
    source.name = "rart.csv"
    with pytest.raises(class_overview.HandinError, match="rart.csv"):
        class_overview.read_handin(source, "x", exercises=EX)


def test_a_row_with_the_wrong_number_of_fields_is_refused() -> None:
    source = io.StringIO(",".join(class_overview.EXPORT_COLUMNS) + "\nc,tema,choice,0\n")
    with pytest.raises(class_overview.HandinError, match="linje 2"):
        class_overview.read_handin(source, "x", exercises=EX)


def test_empty_folder_is_a_clear_message(tmp_path: Path) -> None:
    handins = class_overview.collect(tmp_path, EX)
    assert handins.files == 0 and "Fant ingen innleveringer" in handins._repr_html_()
    with pytest.raises(class_overview.HandinError, match="Fant ingen innleveringer"):
        class_overview.read_handins(tmp_path)
    assert "Fant ikke mappen" in class_overview.collect(tmp_path / "finnes-ikke", EX)._repr_html_()


def test_one_participant_handing_in_twice_counts_once_with_the_latest(tmp_path: Path) -> None:
    first = state("Ugle", {"test-valg-ett": "la-sta"}, token="abcdefgh", saved="2026-11-24T10:00:00+00:00")
    second = state("Ugle", {"test-valg-ett": "vurder", "test-sortering": answer_key(SORT)}, token="abcdefgh")
    write(tmp_path, "ugle-2026-11-24-abcdefgh.csv", first, handed_in_at="2026-11-24T15:00:00+00:00")
    write(tmp_path, "ugle-2026-11-25-abcdefgh.csv", second, handed_in_at="2026-11-25T15:00:00+00:00")
    handins = class_overview.collect(tmp_path, EX)
    answers = handins.answers
    assert answers["deltaker_id"].nunique() == 1 and len(answers) == 2
    assert answers.set_index("oppgave").loc["test-valg-ett", "svar"] == "vurder"
    assert any("levert 2 ganger" in note for note in handins.notes)


def test_two_participants_with_the_same_nickname_are_two_and_reported(tmp_path: Path) -> None:
    """B10: the code tells them apart; nothing is merged, and the instructor is told."""
    write(tmp_path, "a.csv", state("Kari", {"test-valg-ett": "la-sta"}, token="aaaabbbb"))
    write(tmp_path, "b.csv", state("Kari", {"test-valg-ett": "vurder"}, token="ccccdddd"))
    handins = class_overview.collect(tmp_path, EX)
    assert sorted(handins.answers["deltaker"]) == ["Kari (aaaa)", "Kari (cccc)"]
    assert list(class_overview.hardest(handins.answers)["svar"]) == [2]
    assert any("«Kari» er brukt av 2 ulike deltakere" in note for note in handins.notes)


def test_judged_again_from_the_data_never_from_the_correct_column(tmp_path: Path) -> None:
    """B11: every row says correct=ja (see ``state``); a wrong option still counts as wrong."""
    for n in range(5):
        write(tmp_path, f"{n}.csv", state(f"d{n}", {"test-valg-ett": "la-sta" if n else "vurder"}, token=f"abcdefg{n + 2}"))
    table = class_overview.hardest(class_overview.collect(tmp_path, EX).answers)
    assert table.loc[0, "svar"] == 5 and table.loc[0, "riktige"] == 1 and table.loc[0, "andel_riktig"] == 0.2


# One answer to an exercise that is not in the data, one to an older version (another fingerprint).
UNKNOWN_AND_STALE = [
    ["finnes-ikke", "x", "choice", '"vurder"', "ja", "2026-11-25T10:00:00+00:00", "a", "x", "abcdefgh", "", "", ""],
    ["test-valg-ett", "arkiv", "choice", '"la-sta"', "nei", "2026-11-25T10:00:00+00:00", "a", "0" * 12, "abcdefgh", "", "", ""],
]


def test_unknown_and_stale_answers_are_left_out_of_every_table_the_same_way(tmp_path: Path) -> None:
    """B12: not in hardest, not in misconceptions, not in completion; listed in left_out."""
    rows = [
        *UNKNOWN_AND_STALE,
        [
            "test-sortering",
            "moderering",
            "sort",
            json.dumps(answer_key(SORT)),
            "ja",
            "2026-11-25T10:00:00+00:00",
            "a",
            fingerprint(SORT),
            "abcdefgh",
            "",
            "",
            "",
        ],
    ]
    rows_file(tmp_path, "a.csv", rows)
    answers = class_overview.collect(tmp_path, EX).answers
    assert list(class_overview.hardest(answers)["oppgave"]) == ["test-sortering"]
    assert class_overview.misconceptions(answers, EX).empty
    assert class_overview.completion(answers, EX).loc[0, "besvart"] == 1
    left = class_overview.left_out(answers)
    assert sorted(zip(left["oppgave"], left["grunn"], strict=True)) == [
        ("finnes-ikke", class_overview.UNKNOWN),
        ("test-valg-ett", class_overview.OLDER),
    ]
    assert class_overview.class_summary(answers).set_index("Hva").loc["Svar som ikke telles", "Verdi"] == 2


def test_exports_from_before_fingerprints_and_codes_are_still_read(tmp_path: Path) -> None:
    rows_file(
        tmp_path,
        "gammel.csv",
        [["test-valg-ett", "arkiv", "choice", "la-sta", "nei", "2026-11-25T10:00:00+00:00", "Ola"]],
        class_overview.OLD_EXPORT_COLUMNS,
    )
    answers = class_overview.collect(tmp_path, EX).answers
    assert answers.loc[0, "svar"] == "la-sta" and answers.loc[0, "versjon"] == "" and answers.loc[0, "status"] == "vurdert"
    assert list(class_overview.misconceptions(answers, EX)["feil_valg"]) == ["Lar den stå uten å gjøre noe"]


def demo_class(tmp_path: Path, people: int = 6) -> pd.DataFrame:
    """A class answering every fixture exercise, some of them wrong (each kind's demo answer)."""
    rng = random.Random(7)
    for n in range(people):
        answers = {key: registry.kinds()[e["kind"]].demo_answer(e, rng, 0.6, n) for key, e in EX.items()}
        answers = {k: v for k, v in answers.items() if not evaluate(EX[k], v).needs_input}
        write(
            tmp_path,
            f"d{n}.csv",
            state(f"d{n}", answers, token=f"abcdef{n + 2}{n + 2}", group="Gruppe A" if n < 3 else "Gruppe B"),
            share=n % 2 == 0,
        )
    return class_overview.collect(tmp_path, EX).answers


def test_every_kind_is_in_the_overview(tmp_path: Path) -> None:
    answers = demo_class(tmp_path)
    kinds = class_overview.by_kind(answers, EX)
    assert set(kinds["type"]) == {k.title_in() for k in registry.kinds().values()}
    assert (kinds["besvart"] > 0).all(), kinds
    wrong = class_overview.misconceptions(answers, EX)
    assert {"Flervalg", "Sortering", "Beslutningstre", "Tidslinje", "Scenario", "Innboks", "Risikovurdering"} <= set(
        wrong["type"]
    )
    ways = class_overview.paths(answers, EX, top=None)
    assert set(ways["type"]) <= {"Beslutningstre", "Scenario", "Tidslinje"} and not ways.empty


@pytest.mark.parametrize(
    ("exercise_id", "answer", "expected"),
    [
        ("test-valg-ett", "vurder", []),
        ("test-valg-ett", "la-sta", ["Lar den stå uten å gjøre noe"]),
        ("test-valg-ett", "finnes-ikke", []),
        ("test-valg-ett", True, []),
        ("test-valg-flere", ["trussel", "kritikk"], ["Skarp kritikk av et vedtak", "Ikke krysset av: Personnummer i klartekst"]),
        (
            "test-sortering",
            {"k1": "skjul", "k2": "skjul", "k3": "skjul"},
            ["«(konstruert) Dette vedtaket er dumt.» plassert som «Skjul»"],
        ),
        ("test-sortering", [["x"]] * 3, []),  # B08: an unhashable answer shape
        ("test-sortering", {"k1": ["x"], "k2": {"a": 1}}, []),
        ("test-sjekkliste", [True, True], []),
    ],
)
def test_wrong_picks(exercise_id: str, answer: object, expected: list[str]) -> None:
    assert class_overview.wrong_picks(EX[exercise_id], answer) == expected


def test_free_text_only_where_shared_and_without_names(tmp_path: Path) -> None:
    text = "Jeg ville svart innbyggeren i innboksen og bedt om saksnummeret, ikke i kommentarfeltet der alle leser."
    key = {"text": text, "rubric": {}}
    write(tmp_path, "ja.csv", state("Ja", {"test-dilemma": key}, token="jajajaja"), share=True)
    write(
        tmp_path, "nei.csv", state("Nei", {"test-dilemma": {**key, "text": text + " Hemmelig."}}, token="neineine"), share=False
    )
    write(
        tmp_path, "egen.csv", state("Egen", {"test-dilemma": {**key, "text": text + " Egen kopi."}}, token="egenegen"), share=None
    )
    answers = class_overview.collect(tmp_path, EX).answers
    texts = class_overview.free_texts(answers, EX)
    assert list(texts["tekst"]) == [text]
    assert "Ja" not in texts.to_csv() and "Hemmelig" not in answers.to_csv()
    assert answers.set_index("deltaker").loc["Nei", "status"] == class_overview.NOT_SHARED


def test_filter_by_day_and_group(tmp_path: Path) -> None:
    """The day is the day in Norway: 23.30 UTC on the 24th is half past midnight on the 25th."""
    write(
        tmp_path,
        "a.csv",
        state("A", {"test-valg-ett": "vurder"}, token="aaaaaaaa", group="Gruppe A", saved="2026-11-24T23:30:00+00:00"),
    )
    b = state("B", {"test-valg-ett": "la-sta"}, token="bbbbbbbb", group="skrevet selv", saved="2026-11-24T10:00:00+00:00")
    write(tmp_path / "gruppe-b", "b.csv", b)
    answers = class_overview.collect(tmp_path, EX).answers
    assert class_overview.days(answers) == ["2026-11-24", "2026-11-25"]
    assert class_overview.groups(answers) == ["Gruppe A", "gruppe-b"]  # the subfolder is the group
    assert list(class_overview.select(answers, group="GRUPPE-B")["deltaker"]) == ["B"]
    assert list(class_overview.select(answers, day="2026-11-25")["deltaker"]) == ["A"]
    assert list(class_overview.select(answers, day="2026-11-24", group="gruppe a")["deltaker"]) == []


def test_completion_counts_answers_not_scores(tmp_path: Path) -> None:
    write(tmp_path, "a.csv", state("A", {"test-valg-ett": "la-sta", "test-sortering": answer_key(SORT)}, token="aaaaaaaa"))
    table = class_overview.completion(class_overview.collect(tmp_path, EX).answers, EX)
    assert list(table.columns) == ["deltaker", "gruppe", "besvart", "av", "andel", "sist_lagret"]
    assert table.loc[0, "besvart"] == 2 and table.loc[0, "av"] == len(EX)
    assert table.loc[0, "sist_lagret"] == "25. november 2026 kl. 11.00"


def test_summary_counts_participants_and_share(tmp_path: Path) -> None:
    write(
        tmp_path,
        "a.csv",
        state(
            "a", {"test-valg-ett": "vurder", "test-sortering": {"k1": "skjul", "k2": "slett", "k3": "skjul"}}, token="aaaaaaaa"
        ),
    )
    summary = class_overview.class_summary(class_overview.collect(tmp_path, EX).answers).set_index("Hva")["Verdi"]
    assert summary["Deltakere som har levert"] == 1 and summary["Andel riktige"] == "50 %"


def test_demo_hand_ins_are_marked_constructed_use_real_exercises_and_cover_every_kind() -> None:
    from somekurs.exercises.model import load_exercises

    assert "konstruert" in (DEMO / "README.md").read_text(encoding="utf-8").lower()
    exercises, _ = load_exercises()
    handins = class_overview.collect(DEMO)
    assert handins.constructed and not handins.problems
    answers = handins.answers
    assert set(answers["oppgave"]) <= set(exercises)
    assert (answers["status"] != class_overview.OLDER).all(), "run scripts/make_demo_handins.py (make regenerate)"
    assert all(name.startswith(("deltaker-", "ugle")) for name in answers["deltaker"])
    in_data = {e["kind"] for e in exercises.values()}
    assert in_data <= set(answers["type"]), f"kinds with no demo answer: {in_data - set(answers['type'])}"
    header = (next(DEMO.glob("*.csv"))).read_text(encoding="utf-8-sig").splitlines()[0]
    assert header == ",".join(progress.CSV_COLUMNS), "the demo hand-ins have the hand-in format"


def test_charts_have_norwegian_labels_and_no_math_text() -> None:
    """B09: a ``$`` in a title or a wrong choice is shown as a dollar sign, never parsed as math."""
    import matplotlib

    matplotlib.use("Agg")
    fig = class_overview.plot_hardest(
        pd.DataFrame({"tittel": [r"$\undefined$", "Vanlig"], "andel_riktig": [0.5, 1.0], "svar": [2, 2]})
    )
    fig.savefig(io.BytesIO())
    assert fig.axes[0].get_xlabel() == "Andel riktige svar (prosent)"
    fig2 = class_overview.plot_misconceptions(pd.DataFrame({"feil_valg": [r"$\foo$ og $x^$"], "valgt_av": [3]}))
    fig2.savefig(io.BytesIO())
    assert fig2.axes[0].get_title(loc="left") == "De vanligste feilene"
    assert json.dumps(class_overview.OKABE_ITO)  # the palette is plain data


def test_tables_are_escaped_and_safe_for_a_spreadsheet(tmp_path: Path) -> None:
    write(tmp_path, "a.csv", state("<img src=x onerror=alert(1)>", {"test-valg-ett": "la-sta"}, token="aaaaaaaa"))
    handins = class_overview.collect(tmp_path, EX)
    assert "<img" not in handins._repr_html_() and "<img" not in class_overview.completion(handins.answers, EX)._repr_html_()
    safe = class_overview.spreadsheet_safe(pd.DataFrame({"x": ["=HYPERLINK(1)", "ok"]}))
    assert list(safe["x"]) == ["'=HYPERLINK(1)", "ok"]


# --- the nynorsk overview ------------------------------------------------------------------------
def _tables(answers: pd.DataFrame, exercises: dict, lang: str) -> dict[str, pd.DataFrame]:
    """Every table the overview shows, in one standard."""
    return {
        "class_summary": class_overview.class_summary(answers, lang=lang),
        "completion": class_overview.completion(answers, exercises, lang=lang),
        "hardest": class_overview.hardest(answers, class_overview.titles(exercises), lang=lang),
        "by_kind": class_overview.by_kind(answers, exercises, lang=lang),
        "misconceptions": class_overview.misconceptions(answers, exercises, lang=lang),
        "paths": class_overview.paths(answers, exercises, top=None, lang=lang),
        "free_texts": class_overview.free_texts(answers, exercises, lang=lang),
        "left_out": class_overview.left_out(answers, lang=lang),
    }


def _labels(lang: str) -> dict[str, str]:
    from somekurs import texts

    return {k.removeprefix("column_"): v for k, v in texts.section("class_overview", lang).items() if k.startswith("column_")}


def test_the_nynorsk_overview_gives_the_same_numbers_with_nynorsk_headers() -> None:
    """The course's constructed hand-ins, read and judged in both standards (the nn exercises carry
    their bokmål twins' fingerprints): every table has the same rows and numbers, its headers are the
    nynorsk ones, and no header is a bokmål word."""
    nb_words, nn_words = _labels("nb"), _labels("nn")
    bokmal_only = set(nb_words.values()) - set(nn_words.values())
    assert {"oppgave", "deltaker", "besvart", "sist_lagret", "Hva"} <= bokmal_only
    nb_in, nn_in = class_overview.collect(DEMO, lang="nb"), class_overview.collect(DEMO, lang="nn")
    assert nb_in.files == nn_in.files and list(nn_in.answers["status"]) == list(nb_in.answers["status"])
    nb_tables = _tables(nb_in.answers, class_overview.course_exercises("nb"), "nb")
    nn_tables = _tables(nn_in.answers, class_overview.course_exercises("nn"), "nn")
    for name, nb_table in nb_tables.items():
        nn_table = nn_tables[name]
        keys = list(class_overview._keyed(nb_table).columns)
        assert list(nb_table.columns) == [nb_words[k] for k in keys], name
        assert list(nn_table.columns) == [nn_words[k] for k in keys], name
        assert not set(nn_table.columns) & bokmal_only, name
        assert len(nn_table) == len(nb_table), name
        for key, column in zip(keys, nb_table.columns, strict=True):
            if key in {"exercise", "participant", "group", "count", "correct"} or nb_table[column].dtype.kind in "iufb":
                assert list(nn_table[nn_words[key]]) == list(nb_table[column]), (name, key)
    summary = nn_tables["class_summary"].set_index("Kva")["Verdi"]
    assert summary["Deltakarar som har levert"] == nb_tables["class_summary"].loc[0, "Verdi"]
    assert set(nn_tables["by_kind"]["type"]) == {k.title_in("nn") for k in registry.kinds().values()}
    assert "Fleirval" in set(nn_tables["hardest"]["type"]) and "Flervalg" not in set(nn_tables["hardest"]["type"])


def test_messages_come_in_the_overviews_standard(tmp_path: Path) -> None:
    """An unreadable file, a file that is not an export, a hand-in handed in twice, no nickname, no
    folder, an empty folder: each said in nynorsk with lang="nn", and as before in bokmål."""
    (tmp_path / "binar.csv").write_bytes(b"\x00\x01\xff")
    (tmp_path / "rart.csv").write_text("navn,svar\nx,y\n", encoding="utf-8")
    first = state("Ugle", {"test-valg-ett": "la-sta"}, token="abcdefgh", saved="2026-11-24T10:00:00+00:00")
    write(tmp_path, "ugle-1.csv", first, handed_in_at="2026-11-24T15:00:00+00:00")
    write(tmp_path, "ugle-2.csv", state("Ugle", {"test-valg-ett": "vurder"}, token="abcdefgh"))
    write(tmp_path, "utan.csv", state("", {"test-valg-ett": "vurder"}, token="bbbbbbbb"))
    nn = class_overview.collect(tmp_path, EX, lang="nn")
    nb = class_overview.collect(tmp_path, EX)
    problems = dict(nn.problems)
    assert problems["binar.csv"] == "binar.csv kan ikkje lesast: fila er ikkje ei tekstfil (ikkje lagra som UTF-8)."
    assert dict(nb.problems)["binar.csv"] == "binar.csv kan ikke leses: fila er ikke en tekstfil (ikke lagret som UTF-8)."
    assert problems["rart.csv"].startswith("rart.csv er ikkje ein eksport frå arbeidsboka")
    assert any("har levert 2 gonger" in note for note in nn.notes)
    assert sorted(nn.answers["deltaker"]) == ["Ugle", "utan-kallenamn-1"]
    assert sorted(nb.answers["deltaker"]) == ["Ugle", "uten-kallenavn-1"]
    html = nn._repr_html_()
    assert html.startswith('<div lang="nn">') and "Desse filene kunne ikkje lesast" in html and "ikke" not in html
    assert nb._repr_html_().startswith('<div lang="nb">')
    assert list(nn.report().columns) == ["fil", "melding"]
    with pytest.raises(class_overview.HandinError, match="er ikkje ein eksport frå arbeidsboka"):
        class_overview.read_handin(io.StringIO("bare tull"), "x", exercises=EX, lang="nn")
    with pytest.raises(class_overview.HandinError, match="^innleveringa er ikkje"):
        class_overview.read_handin(io.StringIO("bare tull"), "x", exercises=EX, lang="nn")
    assert "Fann ikkje mappa" in class_overview.collect(tmp_path / "finst-ikkje", EX, lang="nn")._repr_html_()
    (tmp_path / "tom").mkdir()
    with pytest.raises(class_overview.HandinError, match="Fann ingen innleveringar"):
        class_overview.read_handins(tmp_path / "tom", lang="nn")
    with pytest.raises(ValueError, match="ukjend målform"):
        class_overview.collect(tmp_path, EX, lang="en")


def test_left_out_reasons_summary_and_charts_in_nynorsk(tmp_path: Path) -> None:
    rows_file(tmp_path, "a.csv", UNKNOWN_AND_STALE)
    answers = class_overview.collect(tmp_path, EX, lang="nn").answers
    left = class_overview.left_out(answers, lang="nn")
    assert list(left.columns) == ["oppgåve", "grunn", "tal"]
    assert sorted(left["grunn"]) == ["eldre versjon", "ukjend oppgåve"]
    assert sorted(class_overview.left_out(answers)["grunn"]) == ["eldre versjon", "ukjent oppgave"]
    summary = class_overview.class_summary(answers, lang="nn").set_index("Kva")["Verdi"]
    assert summary["Svar som ikkje tel"] == 2
    import matplotlib

    matplotlib.use("Agg")
    hard = pd.DataFrame({"tittel": ["A", "B"], "andel_riktig": [0.5, 1.0], "svar": [2, 2]})  # a bokmål table
    fig = class_overview.plot_hardest(hard, lang="nn")
    assert fig.axes[0].get_title(loc="left") == "Oppgåvene klassen syntest var vanskelegast"
    assert [t.get_text() for t in fig.axes[0].texts] == ["100 % av 2", "50 % av 2"]
    wrong = pd.DataFrame({"feil_val": ["x"], "vald_av": [3]})  # a nynorsk table
    fig2 = class_overview.plot_misconceptions(wrong, lang="nn")
    assert fig2.axes[0].get_xlabel() == "Talet på deltakarar som valde dette"


def test_a_header_names_one_column_in_both_standards() -> None:
    """The charts take a table in either standard by its headers: no header may stand for two keys."""
    seen: dict[str, str] = {}
    for lang in ("nb", "nn"):
        for key, text in _labels(lang).items():
            assert seen.setdefault(text, key) == key, f"«{text}» er både {seen[text]} og {key}"


@pytest.mark.parametrize("lang", ["nb", "nn"])
def test_participant_text_stays_escaped_in_both_standards(tmp_path: Path, lang: str) -> None:
    bad = "<img src=x onerror=alert(1)>"
    write(tmp_path, "a.csv", state(bad, {"test-dilemma": {"text": f"Svar {bad}", "rubric": {}}}, token="aaaaaaaa"))
    write(tmp_path, "b.csv", state(bad, {"test-valg-ett": "vurder"}, token="bbbbbbbb"))
    (tmp_path / "<b>x.csv").write_bytes(b"\x00")
    handins = class_overview.collect(tmp_path, EX, lang=lang)
    assert f'<div lang="{lang}">' in handins._repr_html_()
    tables = [
        class_overview.completion(handins.answers, EX, lang=lang),
        class_overview.free_texts(handins.answers, EX, lang=lang),
        handins.report(),
    ]
    for html in [handins._repr_html_(), *(t._repr_html_() or "" for t in tables)]:
        assert "<img" not in html and "<b>" not in html
    assert "&lt;img" in tables[0]._repr_html_() and "&lt;b&gt;x.csv" in handins._repr_html_()
