"""The participant's saved answers: survive restarts, never lost, damage reported, not hidden."""

from __future__ import annotations

import csv
import io
import json
import multiprocessing
import os
import subprocess
import sys
from pathlib import Path

import pytest
from somekurs.exercises import progress

from tests import exercises_support

ROOT = Path(__file__).resolve().parent.parent
progress_file = exercises_support.progress_file


def test_save_and_load_back(progress_file: Path) -> None:
    progress.save_answer("a", [1, 2], correct=True, summary="Riktig.", theme="arkiv", kind="choice")
    entry = progress.load_answer("a")
    assert entry["answer"] == [1, 2] and entry["correct"] is True and entry["theme"] == "arkiv"
    assert entry["saved_at"].endswith("+00:00")
    assert json.loads(progress_file.read_text(encoding="utf-8"))["answers"]["a"]["summary"] == "Riktig."
    assert progress.load_answer("finnes-ikke") is None


def test_default_path_is_in_the_home_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOMEKURS_PROGRESS", raising=False)
    assert progress.progress_path() == Path.home() / ".somekurs" / "fremdrift.json"


def test_write_is_atomic_and_leaves_no_temporary_files(progress_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    progress.save_answer("a", "første", correct=None)
    before = progress_file.read_bytes()

    def fail(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(progress.os, "replace", fail)
    with pytest.raises(progress.ProgressError, match="Svaret ble ikke lagret"):
        progress.save_answer("b", "andre", correct=None)
    assert progress_file.read_bytes() == before, "a failed save must leave the old file whole"
    leftovers = [p.name for p in progress_file.parent.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []


def test_a_new_process_reads_the_answer_back(progress_file: Path) -> None:
    progress.save_answer("arkiv-x", "mitt svar æøå 🙂", correct=None, theme="arkiv", kind="dilemma")
    code = "from somekurs.exercises import progress; print(progress.load_answer('arkiv-x')['answer'])"
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "SOMEKURS_PROGRESS": str(progress_file)},
        check=True,
    )
    assert result.stdout.strip() == "mitt svar æøå 🙂"


@pytest.mark.parametrize("content", [b"{ikke json", b"[1, 2, 3]", b'{"answers": []}', b"\xff\xfe\x00"])
def test_a_damaged_file_is_kept_aside_and_reported(progress_file: Path, content: bytes) -> None:
    progress_file.write_bytes(content)
    progress.take_notices()
    assert progress.load_answer("a") is None
    aside = list(progress_file.parent.glob("fremdrift.json.skadet-*"))
    assert len(aside) == 1 and aside[0].read_bytes() == content, "the damaged file must be kept, not replaced"
    notices = progress.take_notices()
    assert len(notices) == 1 and str(aside[0]) in notices[0] and "kunne ikke leses" in notices[0]
    progress.save_answer("a", 1, correct=True)
    assert progress.load_answer("a")["answer"] == 1
    assert aside[0].read_bytes() == content


def _save_many(path: str, prefix: str, count: int) -> None:
    os.environ["SOMEKURS_PROGRESS"] = path
    for n in range(count):
        progress.save_answer(f"{prefix}-{n}", n, correct=True)


def test_two_processes_saving_at_once_keep_both_answers(progress_file: Path) -> None:
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_save_many, args=(str(progress_file), name, 25)) for name in ("a", "b")]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
        assert worker.exitcode == 0
    answers = progress.all_answers()
    assert {f"{p}-{n}" for p in "ab" for n in range(25)} <= set(answers)


def test_reset_one_and_all(progress_file: Path) -> None:
    progress.save_answer("a", 1, correct=True)
    progress.save_answer("b", 2, correct=False)
    progress.set_pseudonym("Ugle")
    progress.reset("a")
    assert progress.load_answer("a") is None and progress.load_answer("b") is not None
    progress.reset_all()
    assert progress.all_answers() == {} and progress.pseudonym() == "Ugle"


def test_csv_export_has_the_columns_and_no_formulas(progress_file: Path) -> None:
    progress.set_pseudonym("  Ugle\x00 ")
    progress.save_answer("b", '=HYPERLINK("http://x")', correct=None, theme="arkiv", kind="dilemma")
    progress.save_answer("a", {"r1": [3, 4], "r2": [1, 2]}, correct=False, theme="sikkerhet", kind="risk", version="0123456789ab")
    progress.save_answer("c", -1, correct=False, theme="x", kind="choice")
    rows = list(csv.DictReader(io.StringIO(progress.export_csv())))
    assert list(rows[0]) == progress.CSV_COLUMNS
    assert list(rows[0])[:8] == ["exercise_id", "theme", "kind", "answer", "correct", "saved_at", "pseudonym", "exercise_version"]
    assert rows[0]["exercise_version"] == "0123456789ab" and rows[1]["exercise_version"] == ""
    assert [r["exercise_id"] for r in rows] == ["a", "b", "c"]
    assert json.loads(rows[0]["answer"]) == {"r1": [3, 4], "r2": [1, 2]} and rows[0]["correct"] == "nei"
    assert rows[0]["pseudonym"] == "Ugle"
    assert rows[1]["answer"] == '"=HYPERLINK(\\"http://x\\")"' and rows[1]["correct"] == ""  # text is JSON: starts with «"»
    assert rows[2]["answer"] == "'-1"  # a cell a spreadsheet would compute gets the guard
    for row in rows:
        assert not any(value[:1] in ("=", "+", "-", "@", "\t", "\r") for value in row.values()), row


def test_markdown_export_escapes_markup(progress_file: Path) -> None:
    progress.save_answer("a", "<script>alert(1)</script>\nandre linje", correct=None)
    text = progress.export_markdown({"a": "Min oppgave"})
    assert "<script>" not in text and "&lt;script&gt;" in text and "## Min oppgave" in text
    assert "> andre linje" in text


@pytest.mark.parametrize(("lang", "said"), [("nb", "besto de automatiske sjekkene"), ("nn", "bestod dei automatiske sjekkane")])
def test_a_written_text_that_passed_the_checks_is_not_handed_in_as_right(progress_file: Path, lang: str, said: str) -> None:
    """The hand-in says what the course knows: a text passed the word checks, not that it was right;
    a choice that was right is still «riktig»."""
    from somekurs.exercises.model import load_exercises

    exercises, _ = load_exercises(lang=lang)
    text = exercises["innsyn-svar-uten-taushetsbrudd"]
    choice = next(e for e in exercises.values() if e["kind"] == "choice")
    progress.save_answer(text["id"], {"text": text["model"]}, correct=True, theme="innsyn", kind="compare")
    progress.save_answer(choice["id"], 0, correct=True, theme=choice["theme"], kind="choice")
    page = progress.export_markdown(exercises, lang=lang)
    parts = page.split("## ")
    compare_part = next(p for p in parts if p.startswith(text["title"]))
    choice_part = next(p for p in parts if p.startswith(choice["title"]))
    assert said in compare_part and "riktig" not in compare_part.replace(said, "")
    assert ": riktig" in choice_part
