"""The participant's first minutes, in a real Jupyter server and a real browser (Debian chromium).

- The workbook as an app (Voilà): no code, no «Run All», the first exercise live at once, nothing
  loaded from another host, and an answer given there is back after a reload.
- The same workbook saved and reopened in JupyterLab, with the kernel alive and with it shut down:
  never «Error displaying widget», and the note that says how to start it where it is not running.
- A feedback link opens the book served beside the workbook (somekurs.serverext), in a new tab.

The server runs on 127.0.0.1 with a random token, its own config, data, runtime and home folders in
a temporary folder; it uses the environment's own Jupyter configuration (deploy/jupyter/, installed
by scripts/setup.sh), which is what a participant's server uses.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from somekurs import data
from somekurs.exercises.model import theme_exercises, theme_title

from tests.helpers import CHROMIUM, CHROMIUM_ARGS, ROOT, WCAG_TAGS, axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.slow]

BIN = Path(sys.executable).parent
THEME = "arkiv"
UI_MS = 90_000


@dataclass
class Server:
    url: str
    token: str
    root: Path
    progress: Path
    log: Path

    def api(self, path: str, method: str = "GET") -> Any:
        request = urllib.request.Request(f"{self.url}{path}", method=method, headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - our own local server
            body = response.read()
        return json.loads(body) if body else None


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def running_server(tmp_path: Path, culled: bool = False) -> Iterator[Server]:
    """A JupyterLab with Voilà on the course's workbooks in both standards (exercises/ and
    nn/exercises/), its own home, settings and progress file; stopped with its kernels after."""
    root, home = tmp_path / "kurs", tmp_path / "home"
    for folder in (root / "exercises", root / "nn" / "exercises", home, tmp_path / "cfg", tmp_path / "data", tmp_path / "rt"):
        folder.mkdir(parents=True)
    for folder in ("exercises", "nn/exercises"):
        for notebook in (ROOT / folder).glob("*.ipynb"):
            shutil.copy2(notebook, root / folder / notebook.name)
        (root / folder / "somekurs").symlink_to(ROOT / "somekurs", target_is_directory=True)
    # A stand-in for the built book: every page that holds a labelled section, each section an anchor.
    from somekurs import sections

    pages: dict[str, list[str]] = {}
    for label, (docname, _) in sections.index().items():
        pages.setdefault(docname, []).append(label)
    for docname, labels in pages.items():
        page = tmp_path / "bok" / f"{docname}.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        anchors = "".join(f"<h2 id='{label}'>{label}</h2>" for label in labels)
        page.write_text(f"<!doctype html><html lang='nb'><title>{docname}</title><h1>Kapitlet</h1>{anchors}</html>", "utf-8")
    # The participant's settings (deploy/jupyter/overrides.json), plus every cell kept in the DOM.
    overrides = json.loads((ROOT / "deploy" / "jupyter" / "overrides.json").read_text(encoding="utf-8"))
    overrides["@jupyterlab/notebook-extension:tracker"] = {"windowingMode": "none"}
    (tmp_path / "settings").mkdir()
    (tmp_path / "settings" / "overrides.json").write_text(json.dumps(overrides), encoding="utf-8")
    port, token = _port(), secrets.token_hex(16)
    progress = home / ".somekurs" / "fremdrift.json"
    env = {
        **os.environ,
        "HOME": str(home),
        "JUPYTER_CONFIG_DIR": str(tmp_path / "cfg"),
        "JUPYTER_DATA_DIR": str(tmp_path / "data"),
        "JUPYTER_RUNTIME_DIR": str(tmp_path / "rt"),
        "JUPYTERLAB_SETTINGS_DIR": str(tmp_path / "user-settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(tmp_path / "workspaces"),
        "IPYTHONDIR": str(home / ".ipython"),
        "MPLCONFIGDIR": str(home / ".matplotlib"),
        "SOMEKURS_PROGRESS": str(progress),
        "SOMEKURS_BOOK_DIR": str(tmp_path / "bok"),
        "PYTHONWARNINGS": "ignore",
    }
    command = [
        str(BIN / "jupyter-lab"),
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root}",
        f"--LabApp.app_settings_dir={tmp_path / 'settings'}",
        "--LabApp.news_url=",
        "--LabApp.extension_manager=readonly",
        "--LabApp.expose_app_in_browser=True",  # window.jupyterapp: the test runs commands, not English menu labels
    ]
    if os.geteuid() == 0:
        command.append("--ServerApp.allow_root=True")
    if culled:
        # What a hub's idle culling does to a kernel, in seconds instead of an hour.
        command += [
            "--MappingKernelManager.cull_idle_timeout=8",
            "--MappingKernelManager.cull_interval=2",
            "--MappingKernelManager.cull_connected=True",
        ]
    log = tmp_path / "server.log"
    with open(log, "wb") as handle:
        process = subprocess.Popen(command, cwd=root, env=env, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True)
    srv = Server(f"http://127.0.0.1:{port}", token, root, progress, log)
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                srv.api("/api/status")
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("Jupyter-serveren startet ikke:\n" + log.read_text(errors="replace")[-3000:])
                time.sleep(0.5)
        yield srv
    finally:
        try:
            for kernel in srv.api("/api/kernels"):
                srv.api(f"/api/kernels/{kernel['id']}", method="DELETE")
        except OSError:
            pass
        for sig in (signal.SIGTERM, signal.SIGKILL):
            if process.poll() is None:
                os.killpg(process.pid, sig)
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    continue


@pytest.fixture
def server(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Server]:
    """Each test its own server (answers and progress are the test's own)."""
    callspec = getattr(request.node, "callspec", None)
    with running_server(tmp_path, culled=callspec is not None and callspec.params.get("kernel") == "culled") as srv:
        yield srv


@pytest.fixture(scope="module")
def shared_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """One server for the tests that only open and look (every workbook in both standards):
    starting a server costs about five seconds, which 38 workbooks would pay again and again."""
    with running_server(tmp_path_factory.mktemp("app")) as srv:
        yield srv


@contextmanager
def page_on(server: Server) -> Iterator[tuple[Any, list[str], list[str]]]:
    """A Chromium page that may reach only the server: other hosts are recorded and refused, and
    script errors and refused requests are recorded."""
    from playwright.sync_api import sync_playwright

    foreign: list[str] = []
    errors: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        context = browser.new_context(viewport={"width": 1200, "height": 900})

        def route(r: Any) -> None:
            if r.request.url.startswith((server.url, "data:", "blob:")):
                r.continue_()
            else:
                foreign.append(r.request.url)
                r.abort()

        context.route("**/*", route)
        page = context.new_page()
        page.on("pageerror", lambda e: errors.append(str(e)))
        # A request the page's security policy refused is still a request the page tried to make.
        page.on("console", lambda m: errors.append(m.text) if "Content Security Policy" in m.text else None)
        yield page, foreign, errors
        browser.close()


@pytest.fixture
def browser_page(server: Server) -> Iterator[tuple[Any, list[str], list[str]]]:
    with page_on(server) as opened:
        yield opened


def _first_choice_exercise() -> tuple[int, str]:
    """(position in the workbook, id) of the theme's first one-answer choice exercise."""
    return next((n, e["id"]) for n, e in enumerate(theme_exercises(THEME)) if e["kind"] == "choice" and not e.get("multiple"))


def test_the_workbook_opens_as_an_app_and_keeps_the_answer(server: Server, browser_page: Any) -> None:
    page, foreign, errors = browser_page
    started = time.monotonic()
    page.goto(f"{server.url}/voila/render/exercises/{THEME}.ipynb?token={server.token}", timeout=UI_MS)
    page.get_by_role("button", name="Sjekk svaret").first.wait_for(timeout=UI_MS)
    assert time.monotonic() - started < 60
    body = page.inner_text("body")
    assert "from somekurs" not in body and "vis(" not in body, "no code in the app"
    assert "Oppgaven er ikke startet" not in body, "the exercises are live at once"
    assert page.evaluate("document.documentElement.lang") == "nb"
    assert page.title().startswith("Arbeidsbok:"), page.title()
    for english in ("Running", "Executing", "Reading"):
        assert english not in body
    page.screenshot(path=str(server.log.parent / "app.png"), full_page=False)
    position, _ = _first_choice_exercise()
    box = page.locator(".sk-oppgave-widget").nth(position)
    box.locator("input[type=radio]").first.check()
    chosen = box.locator("input[type=radio]:checked").evaluate("e => e.closest('label').innerText")
    box.get_by_role("button", name="Sjekk svaret").click()
    box.get_by_text("Riktig:").or_(box.get_by_text("Ikke riktig:")).first.wait_for(timeout=UI_MS)

    # The feedback links the section that teaches the point, in the book beside the app, in a new tab.
    link = box.locator("a[href*='/somekurs/bok/']").first
    assert link.get_attribute("target") == "_blank"
    assert link.evaluate("a => getComputedStyle(a).textDecorationLine") == "underline", "a link looks like a link"
    with page.context.expect_page() as opened:
        link.click()
    chapter = opened.value
    chapter.wait_for_load_state()
    anchor = chapter.url.split("#", 1)[1]
    assert "/somekurs/bok/book/" in chapter.url and chapter.locator(f"[id='{anchor}']").count() == 1, chapter.url
    chapter.close()
    assert box.get_by_role("button", name="Sjekk svaret").is_visible(), "the app is still open where it was"
    page.reload()
    page.get_by_role("button", name="Sjekk svaret").first.wait_for(timeout=UI_MS)
    box = page.locator(".sk-oppgave-widget").nth(position)
    box.locator("input[type=radio]:checked").wait_for(timeout=UI_MS)
    assert chosen == box.locator("input[type=radio]:checked").evaluate("e => e.closest('label').innerText")
    assert not axe_violations(page, WCAG_TAGS), "the app meets WCAG 2.1 A/AA"

    # The start page counts the answer and leads back into the same workbook as an app.
    page.goto(f"{server.url}/somekurs/", timeout=UI_MS)
    module = page.locator("ol.moduler > li").filter(has_text=theme_title(THEME))
    assert f"Du har svart på 1 av {len(theme_exercises(THEME))} oppgaver" in module.inner_text()
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        assert not axe_violations(page, WCAG_TAGS), f"the start page meets WCAG 2.1 A/AA ({scheme})"
    module.get_by_role("link", name="Øv i arbeidsboka").click()
    page.get_by_role("button", name="Sjekk svaret").first.wait_for(timeout=UI_MS)
    assert f"/voila/render/exercises/{THEME}.ipynb" in page.url
    assert not foreign, f"appen ba om noe fra andre verter: {foreign}"
    assert not errors, errors


# What a workbook that did not start shows, in each standard (data/texts, section «exercises» and «about»).
NOT_STARTED = {"nb": ("Oppgaven er ikke startet", "Kunne ikke vise"), "nn": ("Oppgåva er ikkje starta", "Kunne ikkje vise")}


@pytest.mark.parametrize("lang", ["nb", "nn"])
@pytest.mark.parametrize("theme", [t["slug"] for t in data.load_themes()])
def test_every_workbook_opens_as_an_accessible_app(shared_server: Server, theme: str, lang: str) -> None:
    """Every kind of exercise, live in the app, in both standards: no code, no error, nothing from
    other hosts, WCAG 2.1 A/AA, the page in the workbook's language."""
    server = shared_server
    folder = "exercises" if lang == "nb" else "nn/exercises"
    with page_on(server) as (page, foreign, errors):
        page.goto(f"{server.url}/voila/render/{folder}/{theme}.ipynb?token={server.token}", timeout=UI_MS)
        page.get_by_role("button", name="Sjekk svaret").first.wait_for(timeout=UI_MS)
        body = page.inner_text("body")
        assert page.get_by_role("button", name="Sjekk svaret").count() == len(theme_exercises(theme))
        for bad in ("Traceback", "Error", "from somekurs", *NOT_STARTED[lang]):
            assert bad not in body, f"{folder}/{theme}: {bad!r} på siden"
        assert page.evaluate("document.documentElement.lang") == lang
        skip = {"nb": "Gå til oppgavene", "nn": "Gå til oppgåvene"}[lang]  # the app's own words, in the same standard
        assert page.locator("a.sk-hopp").text_content() == skip
        violations = axe_violations(page, WCAG_TAGS)
        assert not violations, [(v["id"], [n["html"][:120] for n in v["nodes"][:2]]) for v in violations]
        assert not foreign and not errors, (foreign, errors)


def _open_in_lab(page: Any, server: Server) -> None:
    page.goto(f"{server.url}/lab/tree/exercises/{THEME}.ipynb?token={server.token}", timeout=UI_MS)
    page.locator(".jp-Notebook").first.wait_for(timeout=UI_MS)
    page.wait_for_timeout(4000)


def _run_all_and_save(page: Any) -> None:
    page.locator(".jp-Notebook").first.click()
    page.keyboard.press("Escape")
    page.wait_for_function("() => window.jupyterapp && window.jupyterapp.commands.hasCommand('notebook:run-all-cells')")
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
    page.get_by_role("button", name="Sjekk svaret").first.wait_for(timeout=UI_MS)
    page.evaluate("() => window.jupyterapp.commands.execute('docmanager:save')")
    page.wait_for_timeout(2000)


@pytest.mark.parametrize("kernel", ["alive", "shut down", "culled"])
def test_a_saved_workbook_reopens_without_a_widget_error(server: Server, browser_page: Any, kernel: str) -> None:
    page, foreign, _ = browser_page
    _open_in_lab(page, server)
    _run_all_and_save(page)
    saved = json.loads((server.root / "exercises" / f"{THEME}.ipynb").read_text(encoding="utf-8"))
    outputs = [o for c in saved["cells"] for o in c.get("outputs", [])]
    assert outputs and not any("application/vnd.jupyter.widget-view+json" in o.get("data", {}) for o in outputs), (
        "the saved file keeps the exercises' static view, not a widget view that needs its kernel"
    )
    if kernel == "shut down":
        for running in server.api("/api/kernels"):
            server.api(f"/api/kernels/{running['id']}", method="DELETE")
    if kernel == "culled":
        deadline = time.monotonic() + 90
        while server.api("/api/kernels"):
            assert time.monotonic() < deadline, "the idle kernel was not culled"
            time.sleep(1)
    page.reload()
    page.locator(".jp-Notebook").first.wait_for(timeout=UI_MS)
    page.wait_for_timeout(5000)
    text = page.inner_text("body")
    assert "Error displaying widget" not in text and "model not found" not in text
    assert "Oppgaven er ikke startet" in text, "every exercise not running says how to start it"
    page.screenshot(path=str(server.log.parent / f"lab-reopened-{kernel.replace(' ', '-')}.png"))
    assert not foreign, foreign


def test_the_server_serves_the_book_and_says_when_a_page_is_missing(server: Server, browser_page: Any) -> None:
    page, _, _ = browser_page
    page.goto(f"{server.url}/somekurs/bok/book/{THEME}.html?token={server.token}", timeout=UI_MS)
    assert "Kapitlet" in page.inner_text("body")
    page.goto(f"{server.url}/somekurs/bok/book/finnes-ikke.html?token={server.token}", timeout=UI_MS)
    assert "Boka er ikke på denne serveren" in page.inner_text("body")
