"""A real JupyterHub on 127.0.0.1 runs the course for two participants, as the instructor guide says.

Why a real hub: the guide (book/instruktor/jupyterhub.md) promises that an nbgitpuller link
pulls the course into each participant's own home, that the workbook runs in their own kernel,
and that each participant's answers land in their own progress file. Only a hub with two users,
two servers and two kernels can show all three at once.

What runs: JupyterHub (pip) with configurable-http-proxy (npm, ./node_modules), the test-only
SimpleLocalProcessSpawner (no system users needed: each home is a temporary folder) and the
SharedPasswordAuthenticator (the successor of DummyAuthenticator's password). The course comes
from a temporary local git repository made from the project's files; nbgitpuller accepts any
``git clone`` argument as ``repo``, so a ``file://`` URL works. Every process the test starts is
stopped in the fixture's finalizer: the hub stops its servers and proxy, and whatever is left
(found by a marker in its environment) is killed by process id.
"""

from __future__ import annotations

import contextlib
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
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import pytest

from tests.helpers import ROOT

pytestmark = pytest.mark.slow

VENV_BIN = Path(sys.executable).parent
CHP = ROOT / "node_modules" / ".bin" / "configurable-http-proxy"
THEME = "arkiv"  # the workbook notebook the participants run
COURSE_FOLDER = "sosiale-medier-kurs"  # the folder nbgitpuller makes in each home
USERS = ("deltaker-a", "deltaker-b")
START_TIMEOUT = 90


def _missing_components() -> list[str]:
    """Name each piece the test needs that is not installed, with the command that installs it."""
    missing = []
    for module, package in [
        ("jupyterhub", "jupyterhub (requirements-dev.txt)"),
        ("nbgitpuller", "nbgitpuller (requirements.txt)"),
        ("requests", "requests"),
        ("websocket", "websocket-client"),
    ]:
        try:
            __import__(module)
        except ImportError:
            missing.append(f"Python-pakken {package}")
    if not (VENV_BIN / "jupyterhub-singleuser").exists():
        missing.append(f"jupyterhub-singleuser i {VENV_BIN}")
    if not CHP.exists():
        missing.append("npm-pakken configurable-http-proxy i node_modules/ (pinnet i package.json)")
    if shutil.which("git") is None:
        missing.append("git (Debian-pakken git)")
    if shutil.which("node") is None:
        missing.append("node (Debian-pakken nodejs)")
    return missing


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _git(*args: str, cwd: Path) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Kurstest",
        "GIT_AUTHOR_EMAIL": "kurstest@127.0.0.1",
        "GIT_COMMITTER_NAME": "Kurstest",
        "GIT_COMMITTER_EMAIL": "kurstest@127.0.0.1",
    }
    done = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        raise RuntimeError(f"git {' '.join(args)} feilet: {done.stderr}")
    return done.stdout


def make_course_repo(workdir: Path) -> Path:
    """A bare git repository of the course as it is now (committed and new files, not ignored ones).

    The working tree rather than HEAD: the workbook engine may be newer than the last commit,
    and the hub should get what the instructor would push. A workbook notebook that has not been
    generated yet is written from the exercise data (without outputs) so there is one to run.
    """
    files = _git("ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=ROOT).split("\0")
    source = workdir / "kilde"
    for name in filter(None, files):
        src, dst = ROOT / name, source / name
        if not src.exists() and not src.is_symlink():
            continue  # deleted in the working tree
        dst.parent.mkdir(parents=True, exist_ok=True)
        if src.is_symlink():
            os.symlink(os.readlink(src), dst)
        elif src.is_file():
            shutil.copy2(src, dst)
    notebook = source / "exercises" / f"{THEME}.ipynb"
    if not notebook.exists():
        import nbformat
        from somekurs import data
        from somekurs.exercises.model import theme_exercises
        from somekurs.workbook import theme_notebook

        theme = next(t for t in data.load_themes() if t["slug"] == THEME)
        nbformat.write(theme_notebook(theme, theme_exercises(THEME)), notebook)
    _git("init", "-q", "-b", "main", cwd=source)
    _git("add", "-A", cwd=source)
    _git("commit", "-q", "-m", "Kurset slik det er nå (kopi for hub-testen)", cwd=source)
    bare = workdir / "remote" / COURSE_FOLDER
    bare.parent.mkdir()
    _git("clone", "-q", "--bare", "--no-hardlinks", str(source), str(bare), cwd=workdir)
    return bare


HUB_CONFIG = """\
# Written by tests/test_hub.py: a throw-away hub on the loopback interface only.
import json
c = get_config()  # noqa: F821
settings = json.loads({settings!r})
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = settings["port"]
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = settings["hub_port"]
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{{settings['proxy_api_port']}}"
c.ConfigurableHTTPProxy.command = [settings["chp"]]
c.ConfigurableHTTPProxy.auth_token = settings["proxy_token"]
c.JupyterHub.db_url = "sqlite:///" + settings["workdir"] + "/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = settings["workdir"] + "/jupyterhub_cookie_secret"
c.JupyterHub.pid_file = settings["workdir"] + "/jupyterhub.pid"
c.JupyterHub.cleanup_servers = True
c.JupyterHub.cleanup_proxy = True
c.JupyterHub.authenticator_class = "shared-password"
c.SharedPasswordAuthenticator.user_password = settings["password"]
c.Authenticator.allowed_users = set(settings["users"])
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = settings["workdir"] + "/hjem/{{username}}"
c.Spawner.cmd = [settings["singleuser"]]
c.Spawner.ip = "127.0.0.1"
# CI runs as root; a Jupyter server refuses that unless told (a real hub runs each user as themselves).
c.Spawner.args = ["--allow-root"] if settings["as_root"] else []
c.Spawner.default_url = "/lab"
c.Spawner.start_timeout = settings["start_timeout"]
c.Spawner.http_timeout = settings["start_timeout"]
c.Spawner.env_keep = ["PATH", "LANG", "LC_ALL"]
# Each participant's answers in a file in their own home (what the guide tells instructors to set).
c.Spawner.environment = {{
    "SOMEKURS_PROGRESS": lambda spawner: spawner.home_dir + "/.somekurs/fremdrift.json",
    "SOMEKURS_HUB_TEST": settings["marker"],
    "MPLBACKEND": "Agg",
}}
c.JupyterHub.services = [{{"name": "kurstest", "api_token": settings["api_token"]}}]
c.JupyterHub.load_roles = [{{
    "name": "kurstest-admin",
    "scopes": ["admin:users", "admin:servers", "tokens", "read:users"],
    "services": ["kurstest"],
}}]
"""


@dataclass
class Hub:
    url: str
    api_token: str
    password: str
    workdir: Path
    repo: Path
    log: Path
    tokens: dict[str, str] = field(default_factory=dict)

    def api(self, method: str, path: str, **kwargs: Any) -> Any:
        import requests

        response = requests.request(
            method, f"{self.url}/hub/api{path}", timeout=30, headers={"Authorization": f"token {self.api_token}"}, **kwargs
        )
        if response.status_code >= 400:
            raise AssertionError(f"{method} {path}: {response.status_code} {response.text}\n{self.tail()}")
        return response.json() if response.content else None

    def home(self, user: str) -> Path:
        return self.workdir / "hjem" / user

    def tail(self) -> str:
        text = self.log.read_text(errors="replace") if self.log.exists() else ""
        return "Hub-loggen (slutten):\n" + text[-3000:]


def _processes_with_marker(marker: str) -> list[int]:
    """Process ids whose environment carries this run's marker (the hub's children and theirs)."""
    found = []
    needle = f"SOMEKURS_HUB_TEST={marker}".encode()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        with contextlib.suppress(OSError):
            if needle in (entry / "environ").read_bytes().split(b"\0"):
                found.append(int(entry.name))
    return found


def _wait_http(url: str, process: subprocess.Popen, log: Path, timeout: float = 60) -> None:
    import requests

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"JupyterHub stoppet med kode {process.returncode}.\n{log.read_text(errors='replace')[-3000:]}")
        with contextlib.suppress(requests.RequestException):
            if requests.get(url, timeout=2).status_code == 200:  # the proxy answers 404 until the hub's route is in
                return
        time.sleep(0.3)
    raise RuntimeError(f"JupyterHub svarte ikke på {url} innen {timeout} s.\n{log.read_text(errors='replace')[-3000:]}")


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Hub]:
    missing = _missing_components()
    if missing:
        pytest.fail("Hub-testen mangler: " + "; ".join(missing) + ". Kjør «bash scripts/setup.sh --dev».")
    workdir = tmp_path_factory.mktemp("hub")
    repo = make_course_repo(workdir)
    marker = uuid.uuid4().hex
    port = _free_port()
    settings = {
        "port": port,
        "hub_port": _free_port(),
        "proxy_api_port": _free_port(),
        "chp": str(CHP),
        "proxy_token": secrets.token_hex(32),
        "api_token": secrets.token_hex(32),
        "password": secrets.token_urlsafe(24),
        "workdir": str(workdir),
        "users": list(USERS),
        "singleuser": str(VENV_BIN / "jupyterhub-singleuser"),
        "start_timeout": START_TIMEOUT,
        "marker": marker,
        "as_root": os.geteuid() == 0,
    }
    config = workdir / "jupyterhub_config.py"
    config.write_text(HUB_CONFIG.format(settings=json.dumps(settings)), encoding="utf-8")
    log = workdir / "jupyterhub.log"
    env = {key: value for key, value in os.environ.items() if key not in {"PYTHONPATH", "SOMEKURS_PROGRESS"}}
    env.update(
        {
            "SOMEKURS_HUB_TEST": marker,
            "PATH": f"{VENV_BIN}:{CHP.parent}:{env.get('PATH', '/usr/bin:/bin')}",
            "CONFIGPROXY_AUTH_TOKEN": settings["proxy_token"],
        }
    )
    with open(log, "wb") as log_file:
        process = subprocess.Popen(
            [str(VENV_BIN / "jupyterhub"), "-f", str(config)],
            cwd=workdir,
            env=env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    the_hub = Hub(
        url=f"http://127.0.0.1:{port}",
        api_token=settings["api_token"],
        password=settings["password"],
        workdir=workdir,
        repo=repo,
        log=log,
    )
    try:
        _wait_http(f"{the_hub.url}/hub/api", process, log)
        yield the_hub
    finally:
        _stop_hub(the_hub, process, marker)


def _stop_hub(the_hub: Hub, process: subprocess.Popen, marker: str) -> None:
    """Stop the servers through the API, then the hub (it stops the proxy); kill leftovers by id."""
    import requests

    for user in USERS:
        with contextlib.suppress(Exception):
            requests.delete(
                f"{the_hub.url}/hub/api/users/{user}/server", timeout=30, headers={"Authorization": f"token {the_hub.api_token}"}
            )
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
    deadline = time.monotonic() + 10
    while _processes_with_marker(marker) and time.monotonic() < deadline:
        time.sleep(0.5)  # servers, kernels and the proxy stop on their own after the hub
    for pid in _processes_with_marker(marker):  # anything left of this run, by its id
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


def _start_server(the_hub: Hub, user: str) -> None:
    # allowed_users makes the users at start-up, as an instructor's list of participants would
    the_hub.api("GET", f"/users/{user}")
    the_hub.api("POST", f"/users/{user}/server")
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        model = the_hub.api("GET", f"/users/{user}")
        server = model.get("servers", {}).get("", {})
        if server.get("ready"):
            return
        time.sleep(0.5)
    raise AssertionError(f"Serveren til {user} startet ikke innen {START_TIMEOUT} s.\n{the_hub.tail()}")


def _user_session(the_hub: Hub, user: str) -> Any:
    """A requests session that acts as the participant (their own API token, as after login)."""
    import requests

    if user not in the_hub.tokens:
        reply = the_hub.api("POST", f"/users/{user}/tokens", json={"note": "kurstest", "expires_in": 3600})
        the_hub.tokens[user] = reply["token"]
    session = requests.Session()
    session.headers["Authorization"] = f"token {the_hub.tokens[user]}"
    return session


def _browser(the_hub: Hub, user: str) -> Any:
    """A cookie session that has logged in through the hub's login form with the shared password."""
    import requests

    browser = requests.Session()
    form = browser.get(f"{the_hub.url}/hub/login", timeout=30)
    assert form.status_code == 200, form.status_code
    xsrf = browser.cookies.get("_xsrf", path="/hub/") or browser.cookies.get("_xsrf") or ""
    reply = browser.post(
        f"{the_hub.url}/hub/login?next=",
        timeout=60,
        allow_redirects=False,
        data={"username": user, "password": the_hub.password, "_xsrf": xsrf},
    )
    assert reply.status_code == 302, f"Innlogging for {user} feilet: {reply.status_code}\n{the_hub.tail()}"
    return browser


def pull_link(hub_url: str, repo_url: str, notebook: str) -> str:
    """The instructor's nbgitpuller link (book/instruktor/jupyterhub.md), for one hub and repository."""
    query = urlencode(
        {"repo": repo_url, "urlpath": f"lab/tree/{COURSE_FOLDER}/{notebook}", "branch": "main"}, quote_via=quote, safe="/:"
    )
    return f"{hub_url}/hub/user-redirect/git-pull?{query}"


def _git_pull(the_hub: Hub, user: str) -> None:
    """Follow the link as the participant's browser does: log in, the status page, then its event stream."""
    session = _browser(the_hub, user)
    repo_url = the_hub.repo.as_uri()
    link = pull_link(the_hub.url, repo_url, f"exercises/{THEME}.ipynb")
    page = session.get(link, timeout=60)  # user-redirect → /user/<name>/git-pull?...
    assert page.status_code == 200, f"{link}: {page.status_code}\n{page.text[:500]}\n{the_hub.tail()}"
    assert f"/user/{user}/git-pull" in page.url, page.url
    api = f"{the_hub.url}/user/{user}/git-pull/api?" + urlencode({"repo": repo_url, "branch": "main"})
    phases, outputs = [], []
    with session.get(api, stream=True, timeout=120) as stream:
        for line in stream.iter_lines(decode_unicode=True):
            if line and line.startswith("data: "):
                event = json.loads(line[len("data: ") :])
                phases.append(event.get("phase"))
                outputs.append(str(event.get("output", event.get("message", ""))))
                if event.get("phase") in {"finished", "error"}:
                    break
    assert phases and phases[-1] == "finished", f"git-pull for {user}: {phases}\n" + "\n".join(outputs)
    # where the status page sends the browser when the pull is done: the notebook in JupyterLab
    landing = session.get(f"{the_hub.url}/user/{user}/lab/tree/{COURSE_FOLDER}/exercises/{THEME}.ipynb", timeout=60)
    assert landing.status_code == 200, f"{user}: arbeidsboka åpnet ikke i JupyterLab ({landing.status_code})"


@dataclass
class Kernel:
    """A kernel on a participant's own server, driven over the Jupyter server's websocket."""

    socket: Any
    session_id: str = field(default_factory=lambda: uuid.uuid4().hex)

    def run(self, code: str, timeout: float = 120) -> tuple[str, list[dict[str, Any]]]:
        """Execute code; return the reply status and the iopub output messages."""
        msg_id = uuid.uuid4().hex
        self.socket.send(
            json.dumps(
                {
                    "header": {
                        "msg_id": msg_id,
                        "msg_type": "execute_request",
                        "session": self.session_id,
                        "username": "kurstest",
                        "version": "5.3",
                        "date": "",
                    },
                    "parent_header": {},
                    "metadata": {},
                    "channel": "shell",
                    "buffers": [],
                    "content": {
                        "code": code,
                        "silent": False,
                        "store_history": True,
                        "user_expressions": {},
                        "allow_stdin": False,
                        "stop_on_error": True,
                    },
                }
            )
        )
        outputs: list[dict[str, Any]] = []
        status, idle = None, False
        deadline = time.monotonic() + timeout
        while (status is None or not idle) and time.monotonic() < deadline:
            self.socket.settimeout(max(0.1, deadline - time.monotonic()))
            message = json.loads(self.socket.recv())
            if message.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind = message["header"]["msg_type"]
            if kind == "execute_reply":
                status = message["content"]["status"]
            elif kind == "status" and message["content"]["execution_state"] == "idle":
                idle = True
            elif kind in {"stream", "execute_result", "display_data", "error"}:
                outputs.append({"type": kind, **message["content"]})
        if status is None:
            raise AssertionError(f"Ingen svar fra kjernen innen {timeout} s for:\n{code}")
        return status, outputs


def _text(outputs: list[dict[str, Any]]) -> str:
    parts = []
    for out in outputs:
        if out["type"] == "stream":
            parts.append(out["text"])
        elif out["type"] == "error":
            parts.append("\n".join(out["traceback"]))
        elif "data" in out:
            parts.append(out["data"].get("text/plain", ""))
    return "".join(parts)


@contextlib.contextmanager
def user_kernel(the_hub: Hub, user: str, notebook: str) -> Iterator[Kernel]:
    """A kernel session for a notebook on the participant's server (as opening it in JupyterLab does)."""
    import websocket

    session = _user_session(the_hub, user)
    base = f"{the_hub.url}/user/{user}"
    reply = session.post(
        f"{base}/api/sessions",
        timeout=60,
        json={"path": notebook, "type": "notebook", "name": Path(notebook).name, "kernel": {"name": "python3"}},
    )
    assert reply.status_code == 201, f"{reply.status_code} {reply.text}\n{the_hub.tail()}"
    info = reply.json()
    ws_url = base.replace("http://", "ws://") + f"/api/kernels/{info['kernel']['id']}/channels"
    sock = websocket.create_connection(ws_url, header=[f"Authorization: token {the_hub.tokens[user]}"], timeout=60)
    try:
        yield Kernel(sock)
    finally:
        sock.close()
        session.delete(f"{base}/api/sessions/{info['id']}", timeout=30)


def _choice_exercise(notebook: dict[str, Any]) -> tuple[str, list[str]]:
    """The first single-answer choice exercise in the notebook, and its option ids."""
    from somekurs.exercises.model import load_exercises

    exercises, _ = load_exercises()
    for cell in notebook["cells"]:
        found = re.search(r'\bvis\("([^"]+)"(?:, maal="n[bn]")?\)', "".join(cell["source"]))
        if found and exercises.get(found.group(1), {}).get("kind") == "choice" and not exercises[found.group(1)].get("multiple"):
            return found.group(1), [o["id"] for o in exercises[found.group(1)]["options"]]
    raise AssertionError("Arbeidsboka har ingen flervalgsoppgave med ett svar å teste med.")


def test_hub_runs_the_course_for_two_participants(hub: Hub) -> None:
    """Two participants pull the course, run the workbook in their own kernels, and keep their own answers."""
    started = time.monotonic()
    for user in USERS:
        _start_server(hub, user)
        _git_pull(hub, user)
        assert (hub.home(user) / COURSE_FOLDER / "exercises" / f"{THEME}.ipynb").is_file(), (
            f"nbgitpuller la ikke kurset i hjemmemappen til {user}"
        )

    notebook_path = f"{COURSE_FOLDER}/exercises/{THEME}.ipynb"
    notebook = json.loads((hub.home(USERS[0]) / notebook_path).read_text(encoding="utf-8"))
    exercise_id, option_ids = _choice_exercise(notebook)
    assert len(option_ids) >= 2
    chosen = {USERS[0]: option_ids[0], USERS[1]: option_ids[1]}
    handins = hub.workdir / "innleveringer"  # the hub's shared hand-in folder (SOMEKURS_HANDIN_DIR)
    handins.mkdir()

    for user in USERS:
        with user_kernel(hub, user, notebook_path) as kernel:
            # The participant's notebook, cell by cell, in their own kernel.
            for cell in notebook["cells"]:
                if cell["cell_type"] == "code":
                    status, outputs = kernel.run("".join(cell["source"]))
                    assert status == "ok", f"{user}: cellen feilet:\n{''.join(cell['source'])}\n{_text(outputs)}"
            # Answer one exercise through its widget, and hand in with a nickname.
            status, outputs = kernel.run(
                "import os, json, somekurs\n"
                f"os.environ['SOMEKURS_HANDIN_DIR'] = {str(handins)!r}\n"
                "from somekurs.oppgaver import vis\n"
                "from somekurs.handin import hand_in\n"
                f"view = vis({exercise_id!r}).exercise_view\n"
                f"view.controls.radio.value = {chosen[user]!r}\n"
                "view.check()\n"
                f"assert hand_in({user!r}).delivered, 'ikke levert'\n"
                "print(json.dumps({'progress': os.environ.get('SOMEKURS_PROGRESS'), 'home': os.environ.get('HOME'),"
                " 'package': somekurs.__file__}))\n"
            )
            assert status == "ok", f"{user}: {_text(outputs)}"
            facts = json.loads(_text([o for o in outputs if o["type"] == "stream"]).strip().splitlines()[-1])
            home = hub.home(user)
            assert facts["progress"] == str(home / ".somekurs" / "fremdrift.json")
            assert Path(facts["package"]).resolve().is_relative_to(home.resolve()), (
                f"kjernen brukte kurspakken fra {facts['package']}, ikke den som ble hentet til {home}"
            )

    # Each progress file is its owner's alone.
    for user in USERS:
        other = USERS[1] if user == USERS[0] else USERS[0]
        state = json.loads((hub.home(user) / ".somekurs" / "fremdrift.json").read_text(encoding="utf-8"))
        assert state["pseudonym"] == user
        assert state["answers"][exercise_id]["answer"] == chosen[user]
        assert other not in json.dumps(state), f"{other} sitt svar havnet i fila til {user}"
        copies = list((hub.home(user) / "kurssvar").glob(f"{user}-*.csv"))
        assert len(copies) == 1, f"{user} har ikke én kopi av innleveringen sin: {copies}"
        export = copies[0].read_text(encoding="utf-8-sig")
        assert user in export and other not in export

    # One participant cannot reach the other's server.
    intruder = _user_session(hub, USERS[0])
    reply = intruder.get(f"{hub.url}/user/{USERS[1]}/api/contents", timeout=30, allow_redirects=False)
    assert reply.status_code in {302, 403, 404}, f"{USERS[0]} nådde serveren til {USERS[1]}: {reply.status_code}"

    # The two hand-ins aggregate as the instructor's class overview does.
    from somekurs import class_overview

    collected = class_overview.collect(handins)
    assert collected.files == 2 and not collected.problems, collected.report()
    assert set(collected.answers["kallenavn"]) == set(USERS)
    mine = collected.answers.set_index("kallenavn")
    assert all(mine.loc[user, "svar"] == chosen[user] for user in USERS)
    print(f"\nHub-testen (to deltakere, fra start av servere til kontroll): {time.monotonic() - started:.1f} s")
