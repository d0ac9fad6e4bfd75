"""Write the workbook notebooks (exercises/<theme>.ipynb) from the exercise data.

The exercises live in data/exercises/*.yaml; a workbook notebook is only their running order,
so it is generated rather than written by hand: one notebook per theme, opening with what the
participant practises and how long it takes, then one heading and one one-line cell per
exercise. ``python -m somekurs.workbook`` rewrites the notebooks and runs them, so their stored
outputs (compared by nbval) match the data; a test checks that the notebooks are in step.

Each theme has a workbook in both written standards: ``exercises/<theme>.ipynb`` (bokmål) and
``nn/exercises/<theme>.ipynb`` (nynorsk, from ``data/nn/exercises/``). Every cell names its
standard (``vis("id", maal="nn")``), so a cell run alone shows the same whoever runs it, whatever
the participant chose elsewhere; the headings and the intro come from the texts (section
``workbook``).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import nbformat

from somekurs import PROJECT_ROOT, data, editions, oppgaver, texts
from somekurs.exercises import registry
from somekurs.exercises.model import load_exercises
from somekurs.nbclean import clean

WORKBOOK_DIR = PROJECT_ROOT / "exercises"
FOLDERS = {"nb": Path("exercises"), "nn": Path("nn") / "exercises"}  # under the course folder


def workbook_path(slug: str, lang: str = "nb") -> Path:
    """Where a theme's workbook is, relative to the course folder (``nn/exercises/arkiv.ipynb``)."""
    return FOLDERS[editions.checked(lang)] / f"{slug}.ipynb"


def _say(key: str, lang: str, **values: Any) -> str:
    return texts.say("workbook", key, lang, **values)


KERNEL = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}


def minutes(exercises: list[dict[str, Any]]) -> int:
    """Time to allow: the exercises' own estimates, rounded up to five minutes."""
    total = sum(e.get("minutes", 5) for e in exercises)
    return max(5, -(-total // 5) * 5)


def intro_markdown(theme: dict[str, Any], exercises: list[dict[str, Any]], lang: str = "nb") -> str:
    """The workbook's first cell: plain Markdown (no MyST), so it reads the same in the book, in
    JupyterLab and in the participant app (Voilà)."""
    practise = "\n".join(f"- {e['title']} ({registry.kinds()[e['kind']].title_in(lang).lower()})" for e in exercises)
    real = sum(1 for e in exercises if e["basis"] == "incident")
    return (
        f"# {_say('title', lang, title=theme['title'])}\n\n"
        f"**{_say('practise', lang)}** {_say('time', lang, n=minutes(exercises))}\n\n"
        f"{practise}\n\n"
        f"{_say('real', lang, real=real, n=len(exercises))}"
    )


def _code(source: str, tags: list[str]) -> nbformat.NotebookNode:
    """A two-line cell a participant never has to read: hidden in the book (remove-input), folded
    in JupyterLab (source_hidden, which still shows the first line: so that line is a Norwegian
    comment, not code), and not shown at all in the participant app."""
    cell = nbformat.v4.new_code_cell(source)
    cell.metadata["tags"] = tags
    cell.metadata["jupyter"] = {"source_hidden": True}
    return cell


def theme_notebook(theme: dict[str, Any], exercises: list[dict[str, Any]], lang: str = "nb") -> nbformat.NotebookNode:
    """The notebook for one theme in one standard; only the cell sources, outputs come from running it.

    Every code cell imports what it uses and names the standard, so a participant who runs one cell
    alone gets the exercise as the workbook shows it, never a NameError.
    """
    slug = theme["slug"]
    maal = f'maal="{lang}"'
    cells = [
        nbformat.v4.new_markdown_cell(intro_markdown(theme, exercises, lang)),
        _code(
            f'# {_say("about_comment", lang)}\nfrom somekurs.oppgaver import om_arbeidsboka; om_arbeidsboka("{slug}", {maal})',
            ["remove-input"],
        ),
    ]
    for n, exercise in enumerate(exercises):
        cells.append(nbformat.v4.new_markdown_cell(f"## {n + 1}. {exercise['title']}"))
        tags = ["remove-input"] + (["nbval-check-output"] if n == 0 else [])  # the first exercise's views are compared
        comment = _say("exercise_comment", lang, n=n + 1)
        cells.append(_code(f'# {comment}\nfrom somekurs.oppgaver import vis; vis("{exercise["id"]}", {maal})', tags))
    if hasattr(oppgaver, "lever"):
        cells.append(nbformat.v4.new_markdown_cell(f"## {_say('hand_in', lang)}"))
        cells.append(_code(f"# {_say('hand_in', lang)}\nfrom somekurs.oppgaver import lever; lever({maal})", ["remove-input"]))
    for n, cell in enumerate(cells):
        cell.id = f"{slug}-{n}"  # stable ids: regenerating gives the same file
    # "title" is the browser tab's name in the participant app (Voilà uses it over the file name).
    metadata = {
        "kernelspec": KERNEL,
        "language_info": {"name": "python"},
        "title": _say("title", lang, title=theme["title"]),
        "language": lang,
    }
    return nbformat.v4.new_notebook(cells=cells, metadata=metadata)


def notebooks(langs: tuple[str, ...] = editions.EDITIONS) -> dict[Path, nbformat.NotebookNode]:
    """Every workbook notebook the data asks for, by path, in each standard of ``langs``."""
    result = {}
    for lang in langs:
        exercises, _ = load_exercises(lang=lang)
        for theme in data.load_themes(lang=lang):
            chosen = [e for e in exercises.values() if e["theme"] == theme["slug"]]
            if chosen:
                result[PROJECT_ROOT / workbook_path(theme["slug"], lang)] = theme_notebook(theme, chosen, lang)
    return result


def sources_of(nb: nbformat.NotebookNode) -> list[tuple[str, str]]:
    return [(c.cell_type, "".join(c.source)) for c in nb.cells]


def write_all(execute: bool = True) -> list[Path]:
    """Rewrite the notebooks whose cells changed, run them so outputs are stored."""
    from nbclient import NotebookClient

    written = []
    link = PROJECT_ROOT / FOLDERS["nn"] / "somekurs"  # the nn workbooks import the package as the others do
    link.parent.mkdir(parents=True, exist_ok=True)
    if not link.is_symlink():
        link.symlink_to(Path("..") / ".." / "somekurs")
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
        nbformat.write(clean(nb), path)  # no widget views, no timestamps
        written.append(path)
    return written


if __name__ == "__main__":
    for written_path in write_all(execute="--no-execute" not in sys.argv):
        print("skrev", written_path.relative_to(PROJECT_ROOT))
