"""Gate 2: nbval really compares the key outputs of the notebooks.

The suite runs every notebook under ``pytest --nbval-lax`` (see scripts/test.sh), where cells
tagged ``nbval-check-output`` are compared with their stored output. This test shows the
comparison bites: a stored result changed by one minute makes nbval fail."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import ROOT

NOTEBOOK = ROOT / "notebooks" / "hawaii-falskt-varsel.ipynb"


def _copy(tmp_path: Path, edit: bool) -> Path:
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    checked = [c for c in nb["cells"] if "nbval-check-output" in c.get("metadata", {}).get("tags", [])]
    assert checked, "casestudien har ingen celler merket nbval-check-output"
    if edit:
        data = checked[-1]["outputs"][0]["data"]
        text = "".join(data["text/plain"])
        assert " 13" in text, text
        data["text/plain"] = text.replace(" 13", " 14", 1)
        data.pop("text/html", None)
    (tmp_path / "somekurs").symlink_to(ROOT / "somekurs")
    target = tmp_path / NOTEBOOK.name
    target.write_text(json.dumps(nb), encoding="utf-8")
    return target


def _nbval(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--nbval-lax", str(path)],
        cwd=path.parent,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ},
    )


@pytest.mark.slow
def test_unchanged_notebook_passes(tmp_path: Path) -> None:
    result = _nbval(_copy(tmp_path, edit=False))
    assert result.returncode == 0, result.stdout[-3000:]


@pytest.mark.slow
def test_changed_result_makes_nbval_fail(tmp_path: Path) -> None:
    result = _nbval(_copy(tmp_path, edit=True))
    assert result.returncode != 0
    assert "mismatch" in result.stdout.lower() or "differ" in result.stdout.lower(), result.stdout[-3000:]
