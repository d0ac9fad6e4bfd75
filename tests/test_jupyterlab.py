"""The workbook in a real JupyterLab: run a notebook, answer by clicking, restart, find the answer again.

The unit tests (test_exercises_widgets.py) drive the ipywidgets objects from Python, which
cannot show that the widgets render and respond in JupyterLab's front end, nor that a
participant who restarts the kernel sees their answer again. This test does what a
participant does, in a JupyterLab server it starts itself on 127.0.0.1 and a headless
Debian Chromium (never a downloaded browser):

1. open a workbook notebook, wait for the kernel, *Run → Run All Cells*;
2. in a one-answer choice exercise, click a wrong option and «Sjekk svaret», see that
   option's feedback; click the right one, check again, see «Riktig» and its feedback;
3. *Kernel → Restart Kernel and Clear Outputs of All Cells…* (so no old widget view can
   pass for a restored one), run all cells again, and see the chosen option and the
   feedback restored from the progress file.

The server is sealed off: its own config, data, runtime and home folders in a temporary
folder, news and update checks turned off, and the browser may only talk to 127.0.0.1.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from somekurs.exercises.model import load_exercises

from tests.helpers import ROOT, foreign_requests

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# The tools of the environment the tests run in (a .venv, a conda env, a CI image), never a fixed path.
JUPYTER_LAB = Path(
    shutil.which("jupyter-lab", path=str(Path(sys.executable).parent)) or Path(sys.executable).parent / "jupyter-lab"
)
WIDGETS_EXTENSION = Path(sys.prefix) / "share" / "jupyter" / "labextensions" / "@jupyter-widgets" / "jupyterlab-manager"
THEME = "moderering"
# A single-answer choice exercise: one radio group, so "the chosen option" is unambiguous.
EXERCISE_ID = next(  # the workbook's first, so a renamed exercise never breaks the test
    e["id"] for e in load_exercises()[0].values() if e["theme"] == THEME and e["kind"] == "choice" and not e.get("multiple")
)
SERVER_START_S = 120  # a cold start (first import of jupyterlab, extension discovery) is slow on CI
SERVER_STOP_S = 20
UI_MS = 60_000  # one UI step: page load, kernel start, a full notebook run
SHORT_MS = 10_000  # a click and its visible result

# Plugin settings that keep JupyterLab off the network and every cell in the DOM
# (names checked against <sys.prefix>/share/jupyter/lab/schemas/@jupyterlab/*).
LAB_OVERRIDES: dict[str, dict[str, Any]] = {
    "@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False},
    # "contentVisibility"/"full" may detach or skip cells outside the viewport; a test wants them all.
    "@jupyterlab/notebook-extension:tracker": {"windowingMode": "none"},
}
# Server side: no Atom news feed, no version check, no extension search.
SERVER_CONFIG: dict[str, Any] = {
    "LabApp": {
        "news_url": None,
        "check_for_updates_class": "jupyterlab.handlers.announcements.NeverCheckForUpdate",
        "extension_manager": "readonly",  # the default "pypi" manager asks PyPI about extensions
    },
}


@dataclass
class Lab:
    """A running JupyterLab server and the files the test looks at."""

    base_url: str
    token: str
    root: Path
    notebook: str
    progress: Path
    log: Path

    def api(self, path: str, method: str = "GET") -> Any:
        """Call the server's REST API with the token (bounded, 127.0.0.1 only)."""
        request = urllib.request.Request(
            f"{self.base_url}{path}", method=method, headers={"Authorization": f"token {self.token}"}
        )
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - our own local server
            body = response.read()
        return json.loads(body) if body else None

    def log_tail(self, chars: int = 4000) -> str:
        try:
            return self.log.read_text(encoding="utf-8", errors="replace")[-chars:]
        except OSError:
            return "(ingen logg)"


def _free_port() -> int:
    """A port that is free on 127.0.0.1 right now (the server is told not to try others)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _stop(process: subprocess.Popen[bytes], lab: Lab) -> None:
    """Shut the kernels down, then the server's process group: nothing may outlive the test."""
    try:
        for kernel in lab.api("/api/kernels"):
            lab.api(f"/api/kernels/{kernel['id']}", method="DELETE")
    except (OSError, urllib.error.URLError, ValueError):
        pass  # the server is gone already; SIGTERM below still runs its own kernel cleanup
    for sig, wait in ((signal.SIGTERM, SERVER_STOP_S), (signal.SIGKILL, 5)):
        if process.poll() is not None:
            return
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            return
        try:
            process.wait(timeout=wait)
        except subprocess.TimeoutExpired:
            continue


@pytest.fixture
def jupyterlab(tmp_path: Path) -> Iterator[Lab]:
    """JupyterLab on 127.0.0.1 with a random token, serving a copy of one workbook notebook.

    Everything JupyterLab or the kernel writes (config, workspaces, runtime files, IPython
    and matplotlib settings, the participant's progress) goes into ``tmp_path``."""
    if not JUPYTER_LAB.exists():
        pytest.fail(f"Fant ikke JupyterLab ({JUPYTER_LAB}): kjør «bash scripts/setup.sh» / JupyterLab is missing.")
    if not WIDGETS_EXTENSION.exists():
        pytest.fail(
            f"JupyterLab mangler ipywidgets-utvidelsen ({WIDGETS_EXTENSION}): installer jupyterlab_widgets / "
            "the jupyterlab_widgets extension is missing, so no widget would render."
        )
    source = ROOT / "exercises" / f"{THEME}.ipynb"
    if not source.exists():
        pytest.fail(f"Fant ikke arbeidsboka {source}: kjør «.venv/bin/python -m somekurs.workbook».")

    root, home = tmp_path / "arbeidsbok", tmp_path / "home"
    config_dir, data_dir, runtime_dir, settings_dir = (tmp_path / name for name in ("config", "data", "runtime", "settings"))
    for folder in (root, home, config_dir, data_dir, runtime_dir, settings_dir):
        folder.mkdir(mode=0o700)
    shutil.copy2(source, root / source.name)
    (root / "somekurs").symlink_to(ROOT / "somekurs", target_is_directory=True)
    (settings_dir / "overrides.json").write_text(json.dumps(LAB_OVERRIDES), encoding="utf-8")
    (config_dir / "jupyter_server_config.json").write_text(json.dumps(SERVER_CONFIG), encoding="utf-8")

    port, token = _free_port(), secrets.token_hex(24)
    progress = tmp_path / "fremdrift" / "fremdrift.json"
    env = {
        **os.environ,
        "HOME": str(home),
        "JUPYTER_CONFIG_DIR": str(config_dir),
        "JUPYTER_DATA_DIR": str(data_dir),
        "JUPYTER_RUNTIME_DIR": str(runtime_dir),
        "JUPYTERLAB_SETTINGS_DIR": str(tmp_path / "user-settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(tmp_path / "workspaces"),
        "IPYTHONDIR": str(home / ".ipython"),
        "MPLCONFIGDIR": str(home / ".matplotlib"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "SOMEKURS_PROGRESS": str(progress),
        "PYTHONWARNINGS": "ignore",
    }
    env.pop("JUPYTER_TOKEN", None)
    command = [
        str(JUPYTER_LAB),
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root}",
        f"--LabApp.app_settings_dir={settings_dir}",
        "--ServerApp.open_browser=False",
    ]
    if os.geteuid() == 0:  # CI containers run as root; jupyter_server refuses that unless told
        command.append("--ServerApp.allow_root=True")
    log = tmp_path / "jupyterlab.log"
    lab = Lab(f"http://127.0.0.1:{port}", token, root, source.name, progress, log)
    with open(log, "wb") as log_handle:
        process = subprocess.Popen(
            command,
            cwd=root,
            env=env,
            stdout=log_handle,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + SERVER_START_S
        while True:
            if process.poll() is not None:
                pytest.fail(f"JupyterLab stoppet med kode {process.returncode} før den svarte:\n{lab.log_tail()}")
            try:
                lab.api("/api/status")
                break
            except (OSError, urllib.error.URLError, ValueError):
                if time.monotonic() > deadline:
                    pytest.fail(f"JupyterLab svarte ikke på /api/status innen {SERVER_START_S} s:\n{lab.log_tail()}")
                time.sleep(0.5)
        yield lab
    finally:
        _stop(process, lab)


@contextmanager
def _screenshot_on_failure(page: Any, lab: Lab) -> Iterator[None]:
    """Keep what the browser showed when a step failed (and the server log) in /tmp."""
    try:
        yield
    except BaseException:
        stamp = time.strftime("%Y%m%d-%H%M%S")
        shot = Path("/tmp") / f"somekurs-jupyterlab-{stamp}.png"
        try:
            page.screenshot(path=str(shot), full_page=True, timeout=SHORT_MS)
            shutil.copy2(lab.log, shot.with_suffix(".log"))
            print(f"\nSkjermbilde: {shot}\nServerlogg: {shot.with_suffix('.log')}")
        except Exception as exc:  # noqa: BLE001 - the original failure is what matters
            print(f"\nKunne ikke ta skjermbilde: {exc}")
        raise


KERNEL_READY_JS = """() => {
    const indicator = document.querySelector('.jp-NotebookPanel-toolbar .jp-Notebook-ExecutionIndicator');
    const bar = document.querySelector('#jp-main-statusbar');
    const prompts = Array.from(document.querySelectorAll('.jp-CodeCell .jp-InputArea-prompt'));
    return indicator !== null && indicator.dataset.status === 'idle' && bar !== null
        && /\\|\\s*Idle/.test(bar.innerText) && !/No Kernel/.test(bar.innerText)
        && !prompts.some(p => p.innerText.includes('*'));
}"""


def _wait_for_idle_kernel(page: Any, lab: Lab) -> None:
    """Wait until the notebook's kernel is running, connected and idle, with no cell queued.

    The toolbar's execution indicator alone is not enough: it says «idle» while the status
    bar still says «No Kernel | Initializing», and a Run All then opens «Select Kernel»."""
    deadline = time.monotonic() + UI_MS / 1000
    while not any(s["kernel"]["execution_state"] == "idle" for s in lab.api("/api/sessions")):
        assert time.monotonic() < deadline, f"kjernen ble ikke klar innen {UI_MS // 1000} s:\n{lab.log_tail()}"
        page.wait_for_timeout(500)  # not time.sleep: the request router only runs inside Playwright calls
    page.wait_for_function(KERNEL_READY_JS, timeout=UI_MS)


def _menu(page: Any, menu: str, item: str) -> None:
    """Click a main menu entry the way a participant does (Run → Run All Cells)."""
    page.locator(".lm-MenuBar-item").get_by_text(menu, exact=True).click(timeout=SHORT_MS)
    label = re.compile(rf"^{re.escape(item)}…?$")  # dialog entries end in «…»
    page.locator(".lm-Menu:visible .lm-Menu-item").filter(has=page.locator(".lm-Menu-itemLabel", has_text=label)).click(
        timeout=SHORT_MS
    )


def _run_all(page: Any, lab: Lab) -> None:
    """Run → Run All Cells, and wait until every cell has run (no «[*]» left) and the kernel is idle."""
    _menu(page, "Run", "Run All Cells")
    _wait_for_idle_kernel(page, lab)


def _exercise_cell(page: Any, title: str) -> Any:
    """The code cell whose live widget (not the saved static HTML fallback) shows this exercise."""
    return page.locator(".jp-CodeCell").filter(has=page.locator(".widget-html-content", has_text=f"Oppgave: {title}"))


def _saved_answer(page: Any, lab: Lab, exercise_id: str, answer: str) -> dict[str, Any]:
    """The progress file's entry once it holds ``answer`` (the kernel writes it just after the click)."""
    deadline = time.monotonic() + SHORT_MS / 1000
    while True:
        try:
            entry = json.loads(lab.progress.read_text("utf-8"))["answers"].get(exercise_id)
        except (OSError, ValueError, KeyError):
            entry = None
        if entry is not None and entry.get("answer") == answer:
            return entry
        assert time.monotonic() < deadline, f"svaret {answer} på {exercise_id} ble ikke lagret i {lab.progress}: {entry}"
        page.wait_for_timeout(200)


def test_answer_in_jupyterlab_survives_a_kernel_restart(jupyterlab: Lab, browser: Any) -> None:
    """Run, click, see feedback; restart the kernel; run again and see the answer restored."""
    from playwright.sync_api import expect

    exercise = load_exercises()[0][EXERCISE_ID]
    assert exercise["kind"] == "choice" and not exercise.get("multiple"), "the test needs a one-answer choice exercise"
    options = {o["id"]: o for o in exercise["options"]}  # answers are stored as option ids
    right = next(i for i, o in options.items() if o["correct"])
    wrong = next(i for i, o in options.items() if not o["correct"])

    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="nb-NO")
    page = context.new_page()
    page.set_default_timeout(UI_MS)
    expect.set_options(timeout=SHORT_MS)
    blocked = foreign_requests(page, jupyterlab.base_url)
    try:
        with _screenshot_on_failure(page, jupyterlab):
            page.goto(
                f"{jupyterlab.base_url}/lab/tree/{jupyterlab.notebook}?token={jupyterlab.token}",
                wait_until="domcontentloaded",
                timeout=UI_MS,
            )
            page.locator(".jp-NotebookPanel").first.wait_for(state="visible", timeout=UI_MS)
            _wait_for_idle_kernel(page, jupyterlab)

            # 1. Run the workbook: the exercise appears as a live widget, unanswered.
            _run_all(page, jupyterlab)
            cell = _exercise_cell(page, exercise["title"])
            # Not exact: Chromium counts the Font Awesome check glyph (CSS ::before) into the button's name.
            check = cell.get_by_role("button", name="Sjekk svaret")
            check.wait_for(state="visible", timeout=UI_MS)
            radio = {key: cell.get_by_role("radio", name=o["text"], exact=True) for key, o in options.items()}
            for button in radio.values():
                expect(button).not_to_be_checked()
            verdict, feedback = cell.locator(".sk-oppgave-tilbakemelding .sk-dom"), cell.locator(".sk-oppgave-tilbakemelding")
            expect(feedback).to_have_count(0)

            # 2. A wrong answer, then the right one: each click on «Sjekk svaret» shows that option's feedback.
            radio[wrong].click(timeout=SHORT_MS)
            check.click(timeout=SHORT_MS)
            expect(verdict).to_have_class(re.compile(r"\bsk-feil\b"))
            expect(verdict).to_contain_text("Ikke riktig")
            expect(feedback).to_contain_text(options[wrong]["feedback"])
            assert _saved_answer(page, jupyterlab, EXERCISE_ID, wrong)["correct"] is False

            radio[right].click(timeout=SHORT_MS)
            expect(radio[wrong]).not_to_be_checked()
            check.click(timeout=SHORT_MS)
            expect(verdict).to_have_class(re.compile(r"\bsk-riktig\b"))
            expect(verdict).to_contain_text("Riktig")
            expect(feedback).to_contain_text(options[right]["feedback"])
            assert _saved_answer(page, jupyterlab, EXERCISE_ID, right)["correct"] is True

            # 3. Restart the kernel and clear every output, so only a new kernel's widget can show anything.
            _menu(page, "Kernel", "Restart Kernel and Clear Outputs of All Cells")
            page.locator(".jp-Dialog").get_by_role("button", name="Confirm Kernel Restart").click(timeout=SHORT_MS)
            expect(page.locator(".jp-Dialog")).to_have_count(0)
            expect(page.locator(".jp-Notebook .widget-button")).to_have_count(0, timeout=UI_MS)
            _wait_for_idle_kernel(page, jupyterlab)

            # 4. Run again in the new kernel: the widget shows the saved choice and its feedback, with no click.
            _run_all(page, jupyterlab)
            # (The cells' code is folded, so there is no input prompt to read a count from: the outputs
            # were cleared and no widget was left above, so a widget shown now comes from the new kernel.)
            cell = _exercise_cell(page, exercise["title"])
            cell.get_by_role("button", name="Sjekk svaret").wait_for(state="visible", timeout=UI_MS)
            expect(cell.get_by_role("radio", name=options[right]["text"], exact=True)).to_be_checked()
            expect(cell.get_by_role("radio", name=options[wrong]["text"], exact=True)).not_to_be_checked()
            expect(verdict).to_have_class(re.compile(r"\bsk-riktig\b"))
            expect(feedback).to_contain_text(options[right]["feedback"])
            assert _saved_answer(page, jupyterlab, EXERCISE_ID, right)["correct"] is True
            assert not blocked, f"JupyterLab prøvde å nå andre verter enn 127.0.0.1: {blocked}"
    finally:
        context.close()
