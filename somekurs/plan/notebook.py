"""Write the plan notebook (``exercises/var-plan.ipynb``) from the templates in ``data/plans/``.

One notebook for «Vår plan», beside the theme workbooks, so a participant finds it in JupyterLab
and opens it as an app like the others: an overview cell (``planer()``), then a heading and a
one-line cell per document (``plan("<id>")``). Like the workbooks it is generated, not written by
hand, and run so that nbval has outputs to compare (``python -m somekurs.plan.notebook``); a test
checks that it is in step with the templates. It is run with an empty, temporary progress file,
so the stored outputs never hold anyone's answers.

``lang="nn"`` writes the nynorsk twin (``nn/exercises/var-plan.ipynb``): the nynorsk templates and
words, run with ``SOMEKURS_MAALFORM=nn`` so the stored outputs are nynorsk too, and stamped with the
version of the bokmål notebook it was made beside (``python -m somekurs.plan.notebook --nn``).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import Any

import nbformat

from somekurs import PROJECT_ROOT, editions, texts
from somekurs.plan import model

PATH = PROJECT_ROOT / "exercises" / "var-plan.ipynb"
KERNEL = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}


def intro(lang: str = "nb") -> str:
    """The notebook's first cell (data/texts, ``plan``: one text to translate, not code)."""
    return texts.get("plan", "notebook_intro", lang)


def _code(source: str, tags: list[str]) -> Any:
    """A cell the participant never has to read: hidden in the book, folded in JupyterLab (its first
    line is a Norwegian comment), not shown in the app."""
    cell = nbformat.v4.new_code_cell(source)
    cell.metadata["tags"] = tags
    cell.metadata["jupyter"] = {"source_hidden": True}
    return cell


def notebook(lang: str = "nb") -> Any:
    plans = list(model.load_plans(lang=lang)[0].values())
    overview = texts.get("plan", "notebook_overview", lang)
    cells = [
        nbformat.v4.new_markdown_cell(intro(lang)),
        _code(f'# {overview}\nfrom somekurs.oppgaver import planer; planer(maal="{lang}")', ["remove-input"]),
    ]
    for n, plan in enumerate(plans):
        cells.append(
            nbformat.v4.new_markdown_cell(f"## {plan['number']}. {plan['title']}\n\n{' '.join(plan['summary'].split())}")
        )
        tags = ["remove-input"] + (["nbval-check-output"] if n == 0 else [])
        # The standard is written into the cell, as the workbooks do: the notebook is the nb or the
        # nn one whatever the participant chose elsewhere (and nbval compares its outputs).
        cells.append(_code(f'# {plan["title"]}\nfrom somekurs.oppgaver import plan; plan("{plan["id"]}", maal="{lang}")', tags))
    for n, cell in enumerate(cells):
        cell.id = f"var-plan-{n}"
    metadata: dict[str, Any] = {"kernelspec": KERNEL, "language_info": {"name": "python"}, "title": "Vår plan"}
    if lang != editions.DEFAULT:
        metadata["language"] = lang
    return nbformat.v4.new_notebook(cells=cells, metadata=metadata)


def sources_of(nb: Any) -> list[tuple[str, str]]:
    return [(c.cell_type, "".join(c.source)) for c in nb.cells]


def write(path: Path | None = None, execute: bool = True, lang: str = "nb") -> Path:
    """Write the notebook; run it first (with an empty progress file) so outputs are stored."""
    from nbclient import NotebookClient

    from somekurs.nbclean import clean

    lang = editions.checked(lang)
    path = path or (PATH if lang == editions.DEFAULT else editions.page_twin(PATH))
    nb = notebook(lang)
    if lang != editions.DEFAULT and PATH.exists():
        nb.metadata[editions.SOURCE_KEY] = PATH.relative_to(PROJECT_ROOT).as_posix()
        nb.metadata[editions.VERSION_KEY] = editions.file_version(PATH)
    if execute:
        saved = os.environ.get("SOMEKURS_PROGRESS")
        plan_saved = os.environ.pop("SOMEKURS_PLAN", None)
        standard_saved = os.environ.get(editions.ENV_VAR)
        with tempfile.TemporaryDirectory() as folder:
            os.environ["SOMEKURS_PROGRESS"] = str(Path(folder) / "fremdrift.json")
            os.environ[editions.ENV_VAR] = lang
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
                if standard_saved is None:
                    os.environ.pop(editions.ENV_VAR, None)
                else:
                    os.environ[editions.ENV_VAR] = standard_saved
    nbformat.write(clean(nb), path)
    return path


if __name__ == "__main__":
    written = write(execute="--no-execute" not in sys.argv, lang="nn" if "--nn" in sys.argv else "nb")
    print("skrev", written.relative_to(PROJECT_ROOT))
