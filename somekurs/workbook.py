"""Write the workbook notebooks (exercises/<theme>.ipynb) from the exercise data.

The exercises live in data/exercises/*.yaml; a workbook notebook is only their running order,
so it is generated rather than written by hand: one notebook per theme, opening with what the
participant practises and how long it takes, then one heading and one one-line cell per
exercise. ``python -m somekurs.workbook`` rewrites the notebooks and runs them, so their stored
outputs (compared by nbval) match the data; a test checks that the notebooks are in step.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import nbformat

from somekurs import PROJECT_ROOT, data
from somekurs.exercises import registry
from somekurs.exercises.model import load_exercises

WORKBOOK_DIR = PROJECT_ROOT / "exercises"
KERNEL = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}


def _minutes(exercises: list[dict[str, Any]]) -> int:
    """Time to allow: the exercises' own estimates, rounded up to five minutes."""
    total = sum(e.get("minutes", 5) for e in exercises)
    return max(5, -(-total // 5) * 5)


def intro_markdown(theme: dict[str, Any], exercises: list[dict[str, Any]]) -> str:
    practise = "\n".join(f"- {e['title']} ({registry.kinds()[e['kind']].title.lower()})" for e in exercises)
    real = sum(1 for e in exercises if e["basis"] == "incident")
    return (
        f"(arbeidsbok-{theme['slug']})=\n"
        f"# Arbeidsbok: {theme['title']}\n\n"
        ":::{admonition} Dette øver du på\n:class: tip\n"
        f"{practise}\n\n"
        f"Tid: omtrent {_minutes(exercises)} minutter. "
        f"{real} av {len(exercises)} oppgaver bygger på virkelige hendelser. "
        "De andre bruker konstruert materiale, og det står i oppgaven.\n:::\n\n"
        f"Oppgavene hører til kapitlet {{ref}}`kap-{theme['slug']}`. "
        "Velg eller skriv svaret ditt, og trykk på knappen for å sjekke det. "
        "Du får en forklaring med en gang.\n\n"
        "I JupyterLab kjører du alle cellene med menyvalget `Run → Run All Cells`. "
        "Da lagres svarene dine, og de er der neste gang du åpner arbeidsboka. "
        "I nettboka virker oppgavene også. Der lagres svarene bare i nettleseren du bruker, "
        "og de kommer ikke med når du leverer svarene til instruktøren."
    )


def theme_notebook(theme: dict[str, Any], exercises: list[dict[str, Any]]) -> nbformat.NotebookNode:
    """The notebook for one theme; only the cell sources, outputs come from running it."""
    setup = nbformat.v4.new_code_cell("from somekurs.oppgaver import vis")
    setup.metadata["tags"] = ["remove-cell"]  # run in JupyterLab and in the build, not shown in the book
    cells = [nbformat.v4.new_markdown_cell(intro_markdown(theme, exercises)), setup]
    for n, exercise in enumerate(exercises):
        cells.append(nbformat.v4.new_markdown_cell(f"## {n + 1}. {exercise['title']}"))
        cell = nbformat.v4.new_code_cell(f'vis("{exercise["id"]}")')
        cell.metadata["tags"] = ["remove-input"]  # the book shows the exercise, not the line that shows it
        if n == 0:
            cell.metadata["tags"].append("nbval-check-output")  # the first exercise's views are compared
        cells.append(cell)
    for n, cell in enumerate(cells):
        cell.id = f"{theme['slug']}-{n}"  # stable ids: regenerating gives the same file
    return nbformat.v4.new_notebook(cells=cells, metadata={"kernelspec": KERNEL, "language_info": {"name": "python"}})


def notebooks() -> dict[Path, nbformat.NotebookNode]:
    """Every workbook notebook the data asks for, by path."""
    exercises, _ = load_exercises()
    result = {}
    for theme in data.load_themes():
        chosen = [e for e in exercises.values() if e["theme"] == theme["slug"]]
        if chosen:
            result[WORKBOOK_DIR / f"{theme['slug']}.ipynb"] = theme_notebook(theme, chosen)
    return result


def sources_of(nb: nbformat.NotebookNode) -> list[tuple[str, str]]:
    return [(c.cell_type, "".join(c.source)) for c in nb.cells]


def write_all(execute: bool = True) -> list[Path]:
    """Rewrite the notebooks whose cells changed, run them so outputs are stored."""
    from nbclient import NotebookClient

    written = []
    for path, nb in notebooks().items():
        if path.exists() and sources_of(nbformat.read(path, as_version=4)) == sources_of(nb) and not execute:
            continue
        if execute:
            NotebookClient(
                nb,
                timeout=120,
                kernel_name="python3",
                store_widget_state=False,
                resources={"metadata": {"path": str(path.parent)}},
            ).execute()
        nbformat.write(nb, path)
        written.append(path)
    return written


if __name__ == "__main__":
    for written_path in write_all(execute="--no-execute" not in sys.argv):
        print("skrev", written_path.relative_to(PROJECT_ROOT))
