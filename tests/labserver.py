"""A sealed JupyterLab server for browser tests, started the way tests/test_app.py starts its own,
and the language packs' build script for the tests that check the packs.

127.0.0.1 only, a random token, its own config, data, runtime, settings and home folders in a
temporary folder, the given plugin settings as the application's overrides.json, news and
update checks off, and the extension manager read-only (the default one asks PyPI). The
environment's own Jupyter configuration (deploy/jupyter/, installed by scripts/setup.sh) is
used, as on a participant's server; the language packs are the ones installed in the venv. A
nynorsk class's server also reads NYNORSK_CONFIG (``env={"JUPYTER_CONFIG_PATH": ...}``), as its hub sets.
"""

from __future__ import annotations

import importlib.util
import json
import os
import secrets
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
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

from tests.helpers import ROOT

BIN = Path(sys.executable).parent
START_S = 120  # a cold start (first import of jupyterlab, extension discovery) is slow on CI
# What the hub of a nynorsk class puts on JUPYTER_CONFIG_PATH: JupyterLab's default locale nn_NO.
NYNORSK_CONFIG = ROOT / "deploy" / "jupyter" / "nn"


@cache
def language_pack_build() -> ModuleType:
    """deploy/jupyterlab-nb/build.py (the build tool of both language packs) as a module; it is a script, not a package."""
    spec = importlib.util.spec_from_file_location("jupyterlab_nb_build", ROOT / "deploy" / "jupyterlab-nb" / "build.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def course_overrides() -> dict[str, Any]:
    """The participant's plugin settings (deploy/jupyter/overrides.json)."""
    return json.loads((ROOT / "deploy" / "jupyter" / "overrides.json").read_text(encoding="utf-8"))


@dataclass
class LabServer:
    url: str
    token: str
    root: Path
    log: Path

    def api(self, path: str, method: str = "GET") -> Any:
        request = urllib.request.Request(f"{self.url}{path}", method=method, headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - our own local server
            body = response.read()
        return json.loads(body) if body else None

    def lab_url(self, path: str = "") -> str:
        return f"{self.url}/lab/tree/{path}?token={self.token}" if path else f"{self.url}/lab?token={self.token}"


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def lab_server(tmp_path: Path, overrides: dict[str, Any], env: dict[str, str] | None = None) -> Iterator[LabServer]:
    """Run JupyterLab in ``tmp_path`` (files to serve go in ``tmp_path / "kurs"``) until the block ends;
    ``env`` is laid over the server's environment."""
    root, home = tmp_path / "kurs", tmp_path / "home"
    for folder in (root, home, tmp_path / "cfg", tmp_path / "data", tmp_path / "rt", tmp_path / "settings"):
        folder.mkdir(parents=True, exist_ok=True)
    (tmp_path / "settings" / "overrides.json").write_text(json.dumps(overrides), encoding="utf-8")
    port, token = _port(), secrets.token_hex(16)
    environment = {
        **os.environ,
        "HOME": str(home),
        "JUPYTER_CONFIG_DIR": str(tmp_path / "cfg"),
        "JUPYTER_DATA_DIR": str(tmp_path / "data"),
        "JUPYTER_RUNTIME_DIR": str(tmp_path / "rt"),
        "JUPYTERLAB_SETTINGS_DIR": str(tmp_path / "user-settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(tmp_path / "workspaces"),
        "IPYTHONDIR": str(home / ".ipython"),
        "MPLCONFIGDIR": str(home / ".matplotlib"),
        "SOMEKURS_PROGRESS": str(home / ".somekurs" / "fremdrift.json"),
        "PYTHONWARNINGS": "ignore",
        **(env or {}),
    }
    environment.pop("JUPYTER_TOKEN", None)
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
        "--LabApp.expose_app_in_browser=True",
    ]
    if os.geteuid() == 0:
        command.append("--ServerApp.allow_root=True")
    log = tmp_path / "server.log"
    with open(log, "wb") as handle:
        process = subprocess.Popen(
            command,
            cwd=root,
            env=environment,
            stdout=handle,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    server = LabServer(f"http://127.0.0.1:{port}", token, root, log)
    try:
        deadline = time.monotonic() + START_S
        while True:
            try:
                server.api("/api/status")
                break
            except (OSError, urllib.error.URLError, ValueError):
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("Jupyter-serveren startet ikke:\n" + log.read_text(errors="replace")[-3000:]) from None
                time.sleep(0.5)
        yield server
    finally:
        try:
            for kernel in server.api("/api/kernels"):
                server.api(f"/api/kernels/{kernel['id']}", method="DELETE")
        except (OSError, urllib.error.URLError, ValueError):
            pass
        for sig in (signal.SIGTERM, signal.SIGKILL):
            if process.poll() is None:
                try:
                    os.killpg(process.pid, sig)
                except ProcessLookupError:
                    break
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    continue
