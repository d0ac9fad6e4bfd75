"""Clean a notebook before it is stored: what would break or churn when it is opened again.

Two places store notebooks: the generators (``somekurs.workbook``, ``make regenerate``) and the
participant's own saves in JupyterLab (the pre-save hook in ``somekurs.serverext``). Both need the
same two rules, so they live here and work on plain dicts (nbformat nodes are dicts too).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def drop_widget_views(content: dict[str, Any]) -> None:
    """Remove widget views that have a static twin in the same output, and the saved widget state.

    A widget view can only be drawn by the kernel that made it; stored, it shows «Error displaying
    widget: model not found» when the workbook is opened again. The exercise's static HTML beside
    it stays, so the reopened workbook shows the exercise and says how to start it.
    """
    for cell in content.get("cells", []) or []:
        for output in cell.get("outputs", []) or []:
            bundle = output.get("data")
            if isinstance(bundle, dict) and WIDGET_VIEW in bundle and len(bundle) > 1:
                del bundle[WIDGET_VIEW]
    content.get("metadata", {}).pop("widgets", None)


def drop_run_metadata(content: dict[str, Any]) -> None:
    """Drop execution timestamps, so regenerating only changes a file when its content changed."""
    for cell in content.get("cells", []) or []:
        cell.get("metadata", {}).pop("execution", None)


def clean(content: dict[str, Any]) -> dict[str, Any]:
    drop_widget_views(content)
    drop_run_metadata(content)
    return content


if __name__ == "__main__":  # python -m somekurs.nbclean notebooks/*.ipynb (make regenerate)
    import nbformat

    for name in sys.argv[1:]:
        nb = nbformat.read(Path(name), as_version=4)
        nbformat.write(clean(nb), Path(name))
