"""The workbook notebooks are generated from the exercise data and must be in step with it."""

from __future__ import annotations

import nbformat
from somekurs import data, workbook
from somekurs.exercises.model import load_exercises


def test_every_theme_has_a_workbook_in_step_with_the_data() -> None:
    expected = workbook.notebooks()
    assert {p.stem for p in expected} == {t["slug"] for t in data.load_themes()}
    stale = [
        p.name
        for p, nb in expected.items()
        if not p.exists() or workbook.sources_of(nbformat.read(p, as_version=4)) != workbook.sources_of(nb)
    ]
    assert not stale, f"kjør «.venv/bin/python -m somekurs.workbook»: disse er ikke i takt med data/exercises/: {stale}"


def test_every_exercise_appears_in_exactly_one_workbook_cell() -> None:
    exercises, _ = load_exercises()
    shown = [src for nb in workbook.notebooks().values() for kind, src in workbook.sources_of(nb) if src.startswith("vis(")]
    assert sorted(shown) == sorted(f'vis("{i}")' for i in exercises)


def test_workbook_cells_stay_short_for_participants() -> None:
    for path, nb in workbook.notebooks().items():
        for kind, src in workbook.sources_of(nb):
            if kind == "code":
                assert len(src.splitlines()) <= 2, f"{path.name}: en kodecelle har mer enn to linjer"


def test_stored_outputs_exist_for_nbval() -> None:
    for path in workbook.notebooks():
        nb = nbformat.read(path, as_version=4)
        checked = [c for c in nb.cells if "nbval-check-output" in c.metadata.get("tags", [])]
        assert checked and all(c.outputs for c in checked), f"{path.name}: mangler lagret utdata å sammenligne"
