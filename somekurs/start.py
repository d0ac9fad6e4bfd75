"""Open the course on one's own machine: ``python -m somekurs.start``.

Starts JupyterLab in the course folder and opens the course's start page (``/somekurs/``) in the
browser, the page a participant on a hub lands on: every module, the chapter, the workbook as an
app and in JupyterLab. Needs ``python -m somekurs.install`` first (it enables the page). Works the
same on Windows, macOS and Linux; stop it with Ctrl+C in the window it runs in.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from somekurs import PROJECT_ROOT

START_PAGE = "/somekurs/"


def command(course: Path = PROJECT_ROOT) -> list[str]:
    """JupyterLab with this course as its folder and the start page as the page it opens."""
    return [sys.executable, "-m", "jupyterlab", f"--ServerApp.root_dir={course}", f"--LabApp.default_url={START_PAGE}"]


def main() -> int:
    print("Starter kurset. Nettleseren åpner startsiden. Stopp med Ctrl+C i dette vinduet.")
    try:
        return subprocess.call(command())
    except KeyboardInterrupt:
        return 0


if __name__ == "__main__":
    sys.exit(main())
