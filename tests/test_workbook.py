"""The workbook notebooks are generated from the exercise data and must be in step with it."""

from __future__ import annotations

import re

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


def test_every_exercise_appears_in_exactly_one_workbook_cell_per_standard() -> None:
    """Once in the bokmål workbooks and once in the nynorsk ones, each cell naming its standard."""
    exercises, _ = load_exercises()
    shown: dict[str, list[str]] = {"nb": [], "nn": []}
    for nb in workbook.notebooks().values():
        for _, src in workbook.sources_of(nb):
            for exercise_id, lang in re.findall(r'\bvis\("([^"]+)", maal="(nb|nn)"\)', src):
                shown[lang].append(exercise_id)
    assert sorted(shown["nb"]) == sorted(exercises)
    assert sorted(shown["nn"]) == sorted(exercises)


def test_every_code_cell_runs_alone_and_folds_to_a_norwegian_line() -> None:
    """Run one cell alone: it imports what it calls (no NameError). Folded in JupyterLab, the one
    line left on screen is a Norwegian comment, not code."""
    for path, nb in workbook.notebooks().items():
        for cell in nb.cells:
            if cell.cell_type != "code":
                continue
            first, *rest = cell.source.splitlines()
            assert first.startswith("# ") and not re.search(r"[()=\"]", first), f"{path.name}: {first!r}"
            called = set(re.findall(r"\b([a-z_]+)\(", "\n".join(rest)))
            imported = set(re.findall(r"import ([a-z_, ]+)", "\n".join(rest))[0].replace(" ", "").split(","))
            assert called <= imported, f"{path.name}: {cell.source!r} kaller noe den ikke importerer"
            assert cell.metadata["jupyter"]["source_hidden"] and "remove-input" in cell.metadata["tags"]


def test_workbook_text_has_no_myst_markup() -> None:
    """JupyterLab and the app show Markdown cells as plain Markdown: MyST roles, directives and
    labels would appear as raw markup there."""
    for path, nb in workbook.notebooks().items():
        for cell in nb.cells:
            if cell.cell_type == "markdown":
                assert not re.search(r"^:::|^```\{|\{[a-z]+\}`|^\([a-z0-9-]+\)=", cell.source, re.M), (
                    f"{path.name}: {cell.source[:80]!r}"
                )


def test_stored_workbooks_hold_no_widget_views() -> None:
    """A stored widget view needs the kernel that made it: reopened, it shows «Error displaying
    widget». The stored notebooks keep each exercise's static view only."""
    for path in workbook.notebooks():
        text = path.read_text(encoding="utf-8")
        assert "application/vnd.jupyter.widget-view+json" not in text, path.name
        assert "widgets" not in nbformat.read(path, as_version=4).metadata, path.name


def test_workbook_cells_stay_short_for_participants() -> None:
    for path, nb in workbook.notebooks().items():
        for kind, src in workbook.sources_of(nb):
            if kind == "code":
                assert len(src.splitlines()) <= 2, f"{path.name}: en kodecelle har mer enn to linjer"  # a comment and a call


def test_stored_outputs_exist_for_nbval() -> None:
    for path in workbook.notebooks():
        nb = nbformat.read(path, as_version=4)
        checked = [c for c in nb.cells if "nbval-check-output" in c.metadata.get("tags", [])]
        assert checked and all(c.outputs for c in checked), f"{path.name}: mangler lagret utdata å sammenligne"
