"""Shared pieces for the exercise engine's tests: the constructed fixture exercises."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from somekurs.exercises.model import load_exercises

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "exercises"

# Participant input the engine must survive: nothing, wrong shapes, huge, markup, emoji, control characters.
NASTY: list[Any] = [
    None,
    "",
    "   ",
    0,
    -1,
    3.5,
    True,
    "x" * 1_000_000,
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "🙂👍🏽🇳🇴",
    "\x00\x1b[31m\x7f\u202e",
    {"a": 1},
    [],
    [None],
    [[[]]],
    [["<b>"]],
    {"text": 5},
    {"text": None},
    [True, False],
    ["0"],
    [99, -3],
    "\ud800",
]


def fixture_exercises() -> dict[str, dict[str, Any]]:
    exercises, problems = load_exercises(exercise_dir=FIXTURES)
    assert not problems, [str(p) for p in problems]
    return exercises


@pytest.fixture
def progress_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test gets its own progress file (never the participant's real one)."""
    path = tmp_path / "fremdrift.json"
    monkeypatch.setenv("SOMEKURS_PROGRESS", str(path))
    return path


@pytest.fixture
def use_fixture_exercises(monkeypatch: pytest.MonkeyPatch) -> dict[str, dict[str, Any]]:
    """Make vis()/vis_tema() see the fixture exercises instead of the (in-progress) data files."""
    from somekurs.exercises import display, model

    real = model.load_exercises

    def fake(data_dir: Path = model.DATA_DIR, exercise_dir: Path | None = None, lang: str = "nb"):
        return real(data_dir, exercise_dir or FIXTURES, lang)

    monkeypatch.setattr(display, "load_exercises", fake)
    monkeypatch.setattr(model, "load_exercises", fake)
    return fixture_exercises()
