"""Write the plan notebook (``exercises/var-plan.ipynb``) from the templates in ``data/plans/``.

One notebook for «Vår plan», beside the theme workbooks, so a participant finds it in JupyterLab
and opens it as an app like the others: an overview cell (``planer()``), then a heading and a
one-line cell per document (``plan("<id>")``). Like the workbooks it is generated, not written by
hand, and run so that nbval has outputs to compare (``python -m somekurs.plan.notebook``); a test
checks that it is in step with the templates. It is run with an empty, temporary progress file,
so the stored outputs never hold anyone's answers.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import Any

import nbformat

from somekurs import PROJECT_ROOT
from somekurs.plan import model

PATH = PROJECT_ROOT / "exercises" / "var-plan.ipynb"
KERNEL = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}

INTRO = """# Vår plan

Her lager du utkast til dokumentene virksomheten din trenger for sosiale medier. Hvert dokument
har felt som sier hva som skal stå der, og hvorfor. Noen felt henter svarene dine fra oppgavene i
arbeidsboka. Da står det «Hentet fra oppgaven» over feltet. Endrer du teksten, blir den din.

Det du skriver, lagres mens du skriver, i en fil i hjemmemappen din. Ingen andre ser det, og det
leveres ikke med svarene dine. Trykk «Sjekk planen» for å se hva som mangler, og «Last ned som
Word» eller «Last ned som Markdown» for å ta dokumentet med deg til jobben."""


def _code(source: str, tags: list[str]) -> Any:
    """A cell the participant never has to read: hidden in the book, folded in JupyterLab (its first
    line is a Norwegian comment), not shown in the app."""
    cell = nbformat.v4.new_code_cell(source)
    cell.metadata["tags"] = tags
    cell.metadata["jupyter"] = {"source_hidden": True}
    return cell


def notebook() -> Any:
    plans = list(model.load_plans()[0].values())
    cells = [
        nbformat.v4.new_markdown_cell(INTRO),
        _code("# Oversikt over planen\nfrom somekurs.oppgaver import planer; planer()", ["remove-input"]),
    ]
    for n, plan in enumerate(plans):
        cells.append(
            nbformat.v4.new_markdown_cell(f"## {plan['number']}. {plan['title']}\n\n{' '.join(plan['summary'].split())}")
        )
        tags = ["remove-input"] + (["nbval-check-output"] if n == 0 else [])
        cells.append(_code(f'# {plan["title"]}\nfrom somekurs.oppgaver import plan; plan("{plan["id"]}")', tags))
    for n, cell in enumerate(cells):
        cell.id = f"var-plan-{n}"
    metadata = {"kernelspec": KERNEL, "language_info": {"name": "python"}, "title": "Vår plan"}
    return nbformat.v4.new_notebook(cells=cells, metadata=metadata)


def sources_of(nb: Any) -> list[tuple[str, str]]:
    return [(c.cell_type, "".join(c.source)) for c in nb.cells]


def write(path: Path = PATH, execute: bool = True) -> Path:
    """Write the notebook; run it first (with an empty progress file) so outputs are stored."""
    from nbclient import NotebookClient

    from somekurs.nbclean import clean

    nb = notebook()
    if execute:
        saved = os.environ.get("SOMEKURS_PROGRESS")
        plan_saved = os.environ.pop("SOMEKURS_PLAN", None)
        with tempfile.TemporaryDirectory() as folder:
            os.environ["SOMEKURS_PROGRESS"] = str(Path(folder) / "fremdrift.json")
            try:
                NotebookClient(
                    nb,
                    timeout=120,
                    kernel_name="python3",
                    store_widget_state=False,
                    resources={"metadata": {"path": str(path.parent)}},
                ).execute()
            finally:
                if saved is None:
                    os.environ.pop("SOMEKURS_PROGRESS", None)
                else:
                    os.environ["SOMEKURS_PROGRESS"] = saved
                if plan_saved is not None:
                    os.environ["SOMEKURS_PLAN"] = plan_saved
    nbformat.write(clean(nb), path)
    return path


if __name__ == "__main__":
    print("skrev", write(execute="--no-execute" not in sys.argv).relative_to(PROJECT_ROOT))
