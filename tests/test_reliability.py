"""One test per defect of the reliability review (issue 21; ../shared/reviews/reliability-2026-12.md).

Each test is named after its defect (B01 … B18) and triggers it the way the review's reproduction
does (reliability-repro/), adapted to answers by id. B19 (the theme's script error in the book) is
checked by the book's browser tests. At the end: property tests (hypothesis) for reading hand-ins and
restoring progress over arbitrary shapes.
"""

from __future__ import annotations

import csv
import errno
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from somekurs import class_overview
from somekurs.exercises import progress
from somekurs.exercises.evaluate import answer_key
from somekurs.exercises.model import fingerprint, load_exercises

from tests import exercises_support
from tests.exercises_support import FIXTURES, fixture_exercises

ROOT = Path(__file__).resolve().parent.parent
EX = fixture_exercises()
CHOICE = EX["test-valg-ett"]
SORT = EX["test-sortering"]
progress_file = exercises_support.progress_file
use_fixture_exercises = exercises_support.use_fixture_exercises
HEADER = class_overview.EXPORT_COLUMNS


def row(
    exercise: dict[str, Any],
    answer: str,
    ok: str = "nei",
    who: str = "x",
    when: str = "2026-11-25T11:00:00+00:00",
    ver: str | None = None,
    code: str = "",
) -> list[str]:
    """One row of an export, as the review's reproduction builds them (``answer`` is the cell's text)."""
    version = fingerprint(exercise) if ver is None else ver
    return [
        exercise["id"],
        exercise.get("theme", "x"),
        exercise.get("kind", "choice"),
        answer,
        ok,
        when,
        who,
        version,
        code,
        "",
        "",
        "",
    ]


def folder_with(tmp_path: Path, files: dict[str, list[list[str]]], demo: bool = True) -> Path:
    """Crafted hand-ins, next to a copy of the constructed demo hand-ins (as the reproduction does)."""
    folder = tmp_path / "innlevering"
    folder.mkdir(parents=True, exist_ok=True)
    if demo:
        for path in class_overview.DEMO_DIR.glob("*.csv"):
            shutil.copy(path, folder)
    for name, rows in files.items():
        with open(folder / name, "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(HEADER)
            writer.writerows(rows)
    return folder


def all_cells(folder: Path, exercises: dict[str, Any]) -> tuple[Any, ...]:
    """Every cell of the instructor's notebook, in order, charts drawn."""
    import matplotlib

    matplotlib.use("Agg")
    handins = class_overview.collect(folder, exercises)
    answers = handins.answers
    hard = class_overview.hardest(answers, class_overview.titles(exercises))
    class_overview.plot_hardest(hard).savefig(io.BytesIO())
    wrong = class_overview.misconceptions(answers, exercises, top=8)
    class_overview.plot_misconceptions(wrong).savefig(io.BytesIO())
    tables = (
        class_overview.class_summary(answers),
        class_overview.completion(answers, exercises),
        class_overview.by_kind(answers, exercises),
        class_overview.paths(answers, exercises),
        class_overview.free_texts(answers, exercises),
        class_overview.left_out(answers),
    )
    for table in (hard, wrong, *tables):
        table._repr_html_()
    handins._repr_html_()
    return handins, hard, wrong


# --- B01-B06: the progress file -------------------------------------------------------------------
def test_b01_half_an_emoji_typed_is_saved_cleaned_and_never_blocks_saving(
    progress_file: Path, use_fixture_exercises: Any
) -> None:
    from somekurs.oppgaver import vis

    view = vis("test-dilemma").exercise_view
    view.controls.text.value = "Jeg lar kommentaren stå, for kritikk er lov 😀"[:-1] + "\ud83d"
    assert not view.check().needs_input and view.notice.value == ""
    assert "\ud83d" not in json.dumps(progress.load_answer("test-dilemma"))
    # the variant: a file that already holds a «\ud800» escape (written by another program)
    progress_file.write_text(
        '{"version":1,"pseudonym":"\\ud800x","answers":{"a":{"answer":"\\ud800","summary":"\\udfff"}}}', encoding="utf-8"
    )
    progress.save_answer("b", "videre", correct=None)
    assert progress.load_answer("b")["answer"] == "videre" and progress.pseudonym() == "\ufffdx"
    progress.export_csv().encode("utf-8")
    progress.export_markdown({}).encode("utf-8")


def test_b02_a_saved_answer_of_the_wrong_shape_leaves_that_exercise_usable(
    progress_file: Path, use_fixture_exercises: Any
) -> None:
    from somekurs.oppgaver import vis

    for exercise_id, odd in [
        ("test-sortering", [["x"]]),
        ("test-risiko", {"kapring": [[1], {"a": 1}]}),
        ("test-risiko", [-1] * 10),
    ]:
        progress.save_answer(exercise_id, odd, correct=False, version=fingerprint(EX[exercise_id]))
        shown = vis(exercise_id)
        assert "feil i kurspakken" not in shown._repr_mimebundle_()["text/html"]
        view = shown.exercise_view
        view.reset()
        assert progress.load_answer(exercise_id) is None
        assert progress.all_answers() == {} or exercise_id not in progress.all_answers()


def test_b03_export_never_raises_on_a_damaged_entry(progress_file: Path, tmp_path: Path) -> None:
    from somekurs.exercises.display import export

    progress_file.write_text(
        json.dumps(
            {
                "version": 1,
                "pseudonym": "",
                "answers": {
                    "x": {"answer": 0, "summary": 5},
                    "test-sortering": {"answer": [[1]] * 3, "summary": None, "kind": "sort"},
                    "test-beslutning": {"answer": {"a": [1, {"b": None}]}, "kind": "nonsense", "saved_at": 7},
                },
            }
        ),
        encoding="utf-8",
    )
    out = export(tmp_path)
    assert "kunne ikke" not in json.dumps(out._repr_mimebundle_().get("text/html", ""))
    assert (tmp_path / "mine-kurssvar.md").read_text(encoding="utf-8").startswith("# Mine svar")
    assert progress.export_markdown(EX)
    assert progress.export_csv().count("\n") == 4


def test_b04_a_file_nested_absurdly_deep_is_kept_aside(progress_file: Path) -> None:
    content = '{"version":1,"answers":{"a":{"answer":' + "[" * 100_000 + "]" * 100_000 + "}}}"
    progress_file.write_text(content, encoding="utf-8")
    progress.take_notices()
    progress.save_answer("b", 1, correct=None)
    assert progress.all_answers() == {"b": progress.load_answer("b")}
    aside = list(progress_file.parent.glob("fremdrift.json.skadet-*"))
    assert len(aside) == 1 and aside[0].read_text(encoding="utf-8") == content
    assert any("kunne ikke leses" in n for n in progress.take_notices())


@pytest.mark.parametrize(
    ("error", "words"),
    [
        (PermissionError(errno.EACCES, "Permission denied"), "skrivetilgang"),
        (OSError(errno.ENOSPC, "No space left on device"), "disken er full"),
    ],
    ids=["read-only-folder", "no-free-inodes"],
)
def test_b05_no_room_for_the_temporary_file_gives_a_norwegian_message(
    progress_file: Path, monkeypatch: pytest.MonkeyPatch, error: OSError, words: str
) -> None:
    """The review's cause: ``tempfile.mkstemp`` sat outside the ``try``, so its OSError escaped raw."""
    progress.save_answer("a", 1, correct=None)
    before = progress_file.read_bytes()

    def no_room(*args: Any, **kwargs: Any) -> Any:
        raise error

    monkeypatch.setattr(progress.tempfile, "mkstemp", no_room)
    with pytest.raises(progress.ProgressError) as raised:
        progress.save_answer("b", 2, correct=None)
    message = str(raised.value)
    assert words in message and "Svarene du hadde, er ikke rørt" in message
    assert "Permission" not in message and "No space" not in message
    assert progress_file.read_bytes() == before


@pytest.mark.skipif(
    sys.platform != "linux" or os.geteuid() != 0 or not shutil.which("setpriv"), reason="needs root to act as another user"
)
def test_b05_a_read_only_folder_with_the_lock_file_there(tmp_path: Path) -> None:
    """The review's own reproduction (b05a_readonly_dir.sh): a read-only ~/.somekurs whose .lock exists."""
    base = Path(tempfile.mkdtemp(prefix="ro-", dir="/tmp"))
    try:
        os.chmod(base, 0o755)
        folder = base / ".somekurs"
        folder.mkdir()
        (folder / "fremdrift.json").write_text('{"version":1,"pseudonym":"","answers":{}}', encoding="utf-8")
        (folder / "fremdrift.json.lock").touch()
        for path in (folder, *folder.iterdir()):
            os.chown(path, 65534, 65534)
        os.chmod(folder, 0o555)
        code = (
            "from somekurs.exercises import progress\n"
            "try: progress.save_answer('a', 1, correct=None)\n"
            "except progress.ProgressError as e: print('ProgressError', e)\n"
        )
        env = {"SOMEKURS_PROGRESS": str(folder / "fremdrift.json"), "PYTHONPATH": str(ROOT), "PATH": os.environ.get("PATH", "")}
        done = subprocess.run(
            ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", sys.executable, "-c", code],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
            cwd=base,
        )
        assert done.stdout.startswith("ProgressError") and "skrivetilgang" in done.stdout, done.stdout + done.stderr
    finally:
        os.chmod(base / ".somekurs", 0o755)
        shutil.rmtree(base, ignore_errors=True)


def test_b06_a_symlinked_progress_file_stays_a_symlink_and_gets_the_answers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lasting = tmp_path / "varig" / "fremdrift.json"
    lasting.parent.mkdir()
    lasting.write_text('{"version":1,"pseudonym":"","answers":{"gammel":{"answer":1}}}', encoding="utf-8")
    link = tmp_path / "fremdrift.json"
    link.symlink_to(lasting)
    monkeypatch.setenv("SOMEKURS_PROGRESS", str(link))
    progress.save_answer("ny", 1, correct=None)
    assert link.is_symlink() and set(json.loads(lasting.read_text(encoding="utf-8"))["answers"]) == {"gammel", "ny"}
    dangling = tmp_path / "dingler.json"
    dangling.symlink_to(tmp_path / "varig" / "ny.json")
    monkeypatch.setenv("SOMEKURS_PROGRESS", str(dangling))
    progress.save_answer("x", 1, correct=None)
    assert dangling.is_symlink() and (tmp_path / "varig" / "ny.json").exists()


def test_a_byte_order_mark_is_read_and_leftover_temporary_files_are_swept(progress_file: Path) -> None:
    progress_file.write_bytes(b'\xef\xbb\xbf{"version":1,"pseudonym":"","answers":{"a":{"answer":1}}}')
    assert progress.load_answer("a") == {"answer": 1}
    stale = progress_file.parent / "fremdrift.json.abc.tmp"
    stale.write_text("{", encoding="utf-8")
    os.utime(stale, (time.time() - 2 * progress.STALE_TEMP,) * 2)
    fresh = progress_file.parent / "fremdrift.json.def.tmp"  # a save in progress in another kernel
    fresh.write_text("{", encoding="utf-8")
    progress.save_answer("b", 1, correct=None)
    assert not stale.exists() and fresh.exists()


# --- B07-B12, B18: the class overview -------------------------------------------------------------
def test_b07_a_malformed_huge_or_deep_hand_in_is_reported_by_name_and_the_rest_are_read(tmp_path: Path) -> None:
    exercises, _ = load_exercises()
    ch = next(e for e in exercises.values() if e["kind"] == "choice")
    folder = folder_with(
        tmp_path,
        {
            "felt.csv": [row(ch, "x" * 200_000)],
            "dyp.csv": [row(ch, "[" * 50_000 + "]" * 50_000)],
            "tall.csv": [row(ch, "1" * 5_000)],
        },
    )
    (folder / "bilde.csv").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    (folder / "stor.csv").write_bytes(b"a" * (class_overview.MAX_FILE_BYTES + 10))
    os.mkfifo(folder / "ror.csv")  # a named pipe would block a reader forever
    (folder / "mappe.csv").mkdir()
    (folder / "lenke.csv").symlink_to(folder / "felt.csv")
    handins, _, _ = all_cells(folder, exercises)
    named = {name for name, _ in handins.problems}
    assert {"felt.csv", "bilde.csv", "stor.csv", "ror.csv", "lenke.csv"} <= named, handins.problems
    assert all(name in message for name, message in handins.problems if name)
    assert not any("Error" in message for _, message in handins.problems), "Norwegian, not the exception's name"
    demo = len(list(class_overview.DEMO_DIR.glob("*.csv")))
    assert handins.files >= demo and handins.answers["deltaker_id"].nunique() >= 14
    answers = handins.answers
    assert set(answers[answers["deltaker"] == "x"]["status"]) <= {class_overview.UNREADABLE}, "too deep or too long: not judged"


def test_b08_every_answer_shape_of_every_kind_is_handled(tmp_path: Path) -> None:
    shapes = [[[1]], [{"a": 1}], {"a": [1, [2]]}, [-1] * 10, 10**30, None, True, "tekst", {"text": ["x"]}, [[None, [[]]]]]
    rows = []
    for n, exercise in enumerate(EX.values()):
        for m, shape in enumerate(shapes):
            answer = shape if not isinstance(shape, list) else [shape[0]] * max(len(exercise.get("items", [])), 1)
            rows.append(row(exercise, json.dumps(answer), who=f"p{n}-{m}"))
    folder = folder_with(tmp_path, {"former.csv": rows}, demo=False)
    handins, _, wrong = all_cells(folder, EX)
    assert not handins.problems and len(handins.answers) == len(rows)
    assert wrong.empty or set(wrong["feil_valg"]).isdisjoint({"[1]", "{'a': 1}"})


def test_b09_no_text_from_hand_ins_or_data_reaches_the_math_parser(tmp_path: Path) -> None:
    odd = {
        **SORT,
        "categories": [{"id": "behold", "label": r"$\foo$"}, {"id": "skjul", "label": "$x^$"}, {"id": "slett", "label": "Slett"}],
    }
    odd["title"] = r"$\undefined$ og $"
    exercises = {**EX, SORT["id"]: odd}
    rows = [row(odd, json.dumps({"k1": "skjul", "k2": "behold", "k3": "behold"}), who=f"m{i}", code="") for i in range(20)]
    rows.append(row({"id": r"$\undefined$", "theme": "x", "kind": "choice"}, '"a"', ver="x"))
    _, hard, wrong = all_cells(folder_with(tmp_path, {"z.csv": rows}, demo=False), exercises)
    assert r"$\undefined$ og $" in set(hard["tittel"]) and any("$" in pick for pick in wrong["feil_valg"])


def test_b10_participants_are_told_apart_by_more_than_a_nickname(tmp_path: Path) -> None:
    ch = CHOICE
    two = folder_with(
        tmp_path / "to",
        {
            "a.csv": [row(ch, '"la-sta"', "nei", "Kari", "2026-11-25T10:00:00+00:00")],
            "b.csv": [row(ch, '"vurder"', "ja", "Kari", "2026-11-25T10:05:00+00:00")],
        },
        demo=False,
    )
    answers = class_overview.collect(two, EX).answers
    assert len(answers) == 2 and sorted(answers["deltaker"]) == ["Kari (fil 1)", "Kari (fil 2)"]
    assert class_overview.class_summary(answers).loc[0, "Verdi"] == 2
    forged = folder_with(
        tmp_path / "falsk",
        {
            "a.csv": [row(ch, '"vurder"', "ja", "")],
            "b.csv": [row(ch, '"la-sta"', "nei", "uten-kallenavn-1", "9999-12-31T00:00:00+00:00")],
        },
        demo=False,
    )
    answers = class_overview.collect(forged, EX).answers
    assert len(answers) == 2 and answers["deltaker"].nunique() == 2
    assert sorted(answers["riktig"].tolist()) == [False, True], "the unnamed participant's answer is still there"


def test_b11_the_overview_never_trusts_the_hand_ins_own_verdict(tmp_path: Path) -> None:
    folder = folder_with(tmp_path, {"z.csv": [row(CHOICE, '"la-sta"', "ja", f"f{i}") for i in range(30)]}, demo=False)
    _, hard, _ = all_cells(folder, EX)
    assert hard.set_index("oppgave").loc[CHOICE["id"], "riktige"] == 0


def test_b12_unknown_ids_and_stale_versions_are_left_out_of_every_table_alike(tmp_path: Path) -> None:
    unknown = [row({"id": "finnes-ikke", "theme": "x", "kind": "choice"}, '"a"', ver="x", who=f"u{i}") for i in range(3)]
    unknown.append(row({"id": "<img src=x onerror=alert(1)>", "theme": "x", "kind": "choice"}, '"a"', ver="x", who="h"))
    stale = [row(CHOICE, '"la-sta"', "nei", f"o{i}", ver="000000000000") for i in range(20)]
    current = [row(CHOICE, '"la-sta"', "nei", "c1"), row(CHOICE, '"vurder"', "ja", "c2")]
    handins, hard, wrong = all_cells(folder_with(tmp_path, {"z.csv": unknown + stale + current}, demo=False), EX)
    assert list(hard["oppgave"]) == [CHOICE["id"]] and hard.loc[0, "svar"] == 2
    assert wrong.set_index("oppgave").loc[CHOICE["id"], "valgt_av"] == 1 and wrong.loc[0, "andel"] == 0.5
    left = class_overview.left_out(handins.answers).set_index("oppgave")
    assert left.loc[CHOICE["id"], "antall"] == 20 and left.loc["finnes-ikke", "antall"] == 3
    assert "<img" not in class_overview.left_out(handins.answers)._repr_html_()


@pytest.mark.parametrize(
    "typed",
    [
        "'=' er likhetstegnet",
        "42",
        "=SUM(A1)",
        "'hei",
        "''",
        "-",
        "+47 123",
        "@navn",
        "\ttab",
        "null",
        '"sitat"',
        "[1, 2]",
        "æøå 😀",
    ],
)
def test_b18_an_export_read_back_gives_exactly_the_text_typed_and_is_safe_in_a_spreadsheet(
    progress_file: Path, typed: str
) -> None:
    progress.set_pseudonym(typed)
    progress.save_answer("a", typed, correct=None, kind="dilemma")
    progress.save_answer("b", {"text": typed, "rubric": {}}, correct=None, kind="compare")
    text = progress.export_csv()
    back = class_overview.read_handin(io.StringIO(text), "x", exercises={}).set_index("oppgave")
    assert back.loc["a", "svar"] == typed and back.loc["b", "svar"] == {"text": typed, "rubric": {}}
    assert back.loc["a", "kallenavn"] == " ".join(typed.split())
    for cells in csv.reader(io.StringIO(text)):
        assert not any(cell[:1] in ("=", "+", "-", "@", "\t", "\r") for cell in cells), cells


# --- B13-B17: data files (the reproduction's cases, with today's fields) ---------------------------
HEAD = (
    "- id: angrep\n  theme: roller\n  kind: {kind}\n  aim: judgement\n  title: Angrepsoppgave\n"
    "  prompt: Dette er en oppgave som prøver noe rart. Eksempelet er konstruert.\n  section: kap-roller\n  basis: constructed\n"
)
OPTIONS = (
    "  options:\n"
    '    - {id: ja, text: "Ja", correct: true, feedback: "Riktig, fordi det er slik."}\n'
    '    - {id: nei, text: "Nei", correct: false, feedback: "Feil, fordi det ikke er slik."}\n'
    '    - {id: kanskje, text: "Kanskje", correct: false, feedback: "Feil, fordi det ikke er slik."}\n'
)


def laughs(levels: int) -> tuple[str, str]:
    out = ['  b0: &b0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    out += [f"  b{n}: &b{n} [" + ",".join([f"*b{n - 1}"] * 10) + "]" for n in range(1, levels)]
    return "\n".join(out) + "\n", f"*b{levels - 1}"


def data_case(case: str) -> str:
    if case == "chain":
        nodes = "".join(
            f"    n{i}: {{question: Q{i}?, options: [{{id: videre, label: videre, next: n{i + 1}, why: Videre nå.}}]}}\n"
            for i in range(1000)
        )
        return (
            HEAD.format(kind="decision")
            + "  start: n0\n  expected: slutt\n  nodes:\n"
            + nodes.replace("next: n1000", "next: slutt")
            + "    slutt: {outcome: Ferdig, why: Slutt.}\n"
        )
    if case.startswith("diamond"):
        levels = int(case.split("-")[1])
        body = "  start: s\n  expected: maal\n  nodes:\n    s: {question: Start?, options: [{id: lang, label: lang, next: d0, why: Lang vei.}, {id: kort, label: kort, next: maal, why: Kort vei.}]}\n"
        body += "".join(
            f"    d{i}: {{question: D{i}?, options: [{{id: a, label: a, next: d{i + 1}, why: Videre A.}}, {{id: b, label: b, next: d{i + 1}, why: Videre B.}}]}}\n"
            for i in range(levels)
        )
        return (
            HEAD.format(kind="decision")
            + body
            + f"    d{levels}: {{outcome: Blindvei, why: Blindvei.}}\n    maal: {{outcome: Riktig utfall, why: Riktig.}}\n"
        )
    if case == "recursive":
        return HEAD.format(kind="choice") + OPTIONS + "  rar: &r [*r]\n"
    if case.startswith("laughs"):
        lines, ref = laughs(9)
        return (
            HEAD.format(kind="choice")
            + OPTIONS
            + lines
            + (f"  lol: {ref}\n" if case == "laughs-extra" else f"  sources: {ref}\n")
        )
    assert case == "dupkey"
    return HEAD.format(kind="choice") + OPTIONS + "  id: noe-annet\n  title: Stille overstyrt\n"


@pytest.mark.parametrize(
    ("case", "defect"),
    [
        ("chain", "B13"),
        ("diamond-30", "B14"),
        ("recursive", "B15"),
        ("laughs-extra", "B16"),
        ("laughs-sources", "B16"),
        ("dupkey", "B17"),
    ],
)
def test_b13_to_b17_a_data_file_that_could_hang_or_mislead_is_refused_by_file_id_and_field(
    tmp_path: Path, case: str, defect: str
) -> None:
    from somekurs.exercises.evaluate import answer_key as key_of
    from somekurs.exercises.html import exercise_html

    folder = tmp_path / "oppgaver"
    folder.mkdir()
    (folder / "a.yaml").write_text((FIXTURES / "testkurs.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "b.yaml").write_text(data_case(case), encoding="utf-8")
    started = time.perf_counter()
    exercises, problems = load_exercises(exercise_dir=folder)
    assert time.perf_counter() - started < 20, f"{defect}: loading must never hang"
    assert set(EX) <= set(exercises), f"{defect}: one bad file never stops the others"
    if case.startswith("diamond"):  # B14: a valid tree; its answer key must come at once
        started = time.perf_counter()
        assert key_of(exercises["angrep"]) == ["kort"] and time.perf_counter() - started < 1
        exercise_html(exercises["angrep"])
        return
    mine = [p for p in problems if p.path.name == "b.yaml"]
    assert mine and "angrep" not in exercises and "noe-annet" not in exercises, f"{defect}: {problems}"
    assert all(p.field and p.message for p in mine)
    for exercise in exercises.values():  # what did load can be drawn and fingerprinted
        fingerprint(exercise)


def test_b16_a_yaml_bomb_in_an_incident_stops_only_that_incident(tmp_path: Path) -> None:
    """The review's third case: billion laughs in an incident's ``actors`` (no incident loaded before)."""
    import re

    from somekurs import data

    data_dir = tmp_path / "data"
    (data_dir / "incidents").mkdir(parents=True)
    shutil.copy(ROOT / "data" / "themes.yaml", data_dir)
    good = next(
        p
        for p in sorted((ROOT / "data" / "incidents").glob("*.yaml"))
        if re.search(r"^actors: \[.*\]$", p.read_text(encoding="utf-8"), re.M)
    )
    shutil.copy(good, data_dir / "incidents")
    lines, ref = laughs(9)
    text = good.read_text(encoding="utf-8").replace(f"id: {good.stem}", "id: no-2020-bombe")
    text = "lol:\n" + lines + re.sub(r"^actors: \[.*\]$", f"actors: {ref}", text, count=1, flags=re.M)
    (data_dir / "incidents" / "no-2020-bombe.yaml").write_text(text, encoding="utf-8")
    started = time.perf_counter()
    incidents, problems = data.load_incidents(data_dir)
    assert time.perf_counter() - started < 20
    assert good.stem in incidents and "no-2020-bombe" not in incidents, [str(p) for p in problems]
    assert any(p.path.name == "no-2020-bombe.yaml" and "ankere" in p.message for p in problems), [str(p) for p in problems]


# --- property tests (hypothesis) -----------------------------------------------------------------
JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**20), max_value=10**20)
    | st.floats(allow_nan=True)
    | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=8), inner, max_size=5),
    max_leaves=25,
)
CELL = st.text(max_size=40) | st.sampled_from(
    ["", "ja", "nei", "'=x", "\ufeff", "\x00", '"', "\r\n", "9999-12-31T00:00:00+00:00", "abcdefgh"]
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(
    rows=st.lists(st.lists(CELL, min_size=0, max_size=14), max_size=8), answers=st.lists(JSON, max_size=6), header=st.booleans()
)
def test_reading_any_hand_in_never_raises(
    tmp_path_factory: pytest.TempPathFactory, rows: list[list[str]], answers: list[Any], header: bool
) -> None:
    """Any file in the hand-in folder is read or reported; every table can still be drawn."""
    folder = tmp_path_factory.mktemp("inn")
    out = io.StringIO()
    writer = csv.writer(out)
    if header:
        writer.writerow(HEADER)
    writer.writerows(rows)
    ids = list(EX)
    for n, answer in enumerate(answers):
        exercise = EX[ids[n % len(ids)]]
        writer.writerow(row(exercise, json.dumps(answer), who=f"p{n}"))
    (folder / "tilfeldig.csv").write_text(out.getvalue(), encoding="utf-8", errors="surrogatepass")
    handins, _, _ = all_cells(folder, EX)
    assert handins.files + len(handins.problems) >= 1


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=JSON, raw=st.binary(max_size=60))
def test_restoring_progress_of_any_shape_never_loses_or_raises(
    tmp_path_factory: pytest.TempPathFactory, content: Any, raw: bytes
) -> None:
    """Whatever the file holds: reading, saving and exporting either work or say so in Norwegian,
    and a file that cannot be used is kept aside byte for byte."""
    for data in (
        json.dumps({"version": 1, "answers": {"a": {"answer": content}}, "pseudonym": content}).encode(),
        json.dumps(content).encode(),
        raw,
    ):
        path = tmp_path_factory.mktemp("p") / "fremdrift.json"
        path.write_bytes(data)
        os.environ["SOMEKURS_PROGRESS"] = str(path)
        try:
            progress.all_answers()
            progress.save_answer("b", content, correct=None)
            progress.export_csv()
            progress.export_markdown(EX)
        except progress.ProgressError:
            pass
        finally:
            progress.take_notices()
        for aside in path.parent.glob("fremdrift.json.skadet-*"):
            assert aside.read_bytes() == data


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(answer=JSON, exercise_id=st.sampled_from(sorted(EX)))
def test_restoring_any_saved_answer_into_the_widget_shows_the_exercise(
    progress_file: Path, use_fixture_exercises: Any, answer: Any, exercise_id: str
) -> None:
    from somekurs.oppgaver import vis

    progress.save_answer(exercise_id, answer, correct=False, version=fingerprint(EX[exercise_id]))
    shown = vis(exercise_id)
    assert "feil i kurspakken" not in shown._repr_mimebundle_()["text/html"]
    view = shown.exercise_view
    view.controls.restore(answer_key(EX[exercise_id]))
    assert view.check().correct is True


REPRO = ROOT / "tests" / "fixtures" / "reliability-repro"


@pytest.mark.slow
@pytest.mark.parametrize("script", sorted(p.name for p in REPRO.glob("b*.py")))
def test_the_reviews_reproductions_run_clean(script: str, tmp_path: Path) -> None:
    """The review's scripts (copies adapted to answers by id, tests/fixtures/reliability-repro/) run with
    nothing uncaught. The data cases run the way the review's run_data.sh does: bounded in memory and time."""
    cases = [["chain"], ["diamond", "30"], ["recursive"], ["laughs-extra", "9"], ["laughs-sources", "9"], ["dupkey"]]
    runs = (
        [[sys.executable, str(REPRO / script), *case] for case in cases]
        if script.startswith("b13")
        else [[sys.executable, str(REPRO / script)]]
    )
    env = {**os.environ, "HOME": str(tmp_path)}
    for command in runs:
        prefix = ["prlimit", "--as=3000000000"] if shutil.which("prlimit") else []
        done = subprocess.run([*prefix, *command], capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)
        out = done.stdout + done.stderr
        assert done.returncode == 0 and "Traceback" not in out, out[-2000:]
        assert not any(word in out for word in ("UNCAUGHT", "raised", "MemoryError", "RecursionError")), out[-2000:]
