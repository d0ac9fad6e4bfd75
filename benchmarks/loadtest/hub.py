"""A throw-away JupyterHub on 127.0.0.1 for the load test: start it, reach it, stop all it started.

The hub is set up as the guide tells an administrator to (a shared password for the class, the
course's start page as default URL, idle servers stopped by jupyterhub-idle-culler), with three
stand-ins that only a test may use: SimpleLocalProcessSpawner (homes in a temporary folder, no
system users), a loopback-only address, and culling timeouts of seconds instead of minutes so
that one run can show culling at work.

Two profiles of the participant's environment, so that the test can say what the course's set-up
saves: ``kurs`` is the environment as scripts/setup.sh and ``python -m somekurs.install`` leave it
(deploy/jupyter: no language server, no terminals, no classic-notebook shim, idle kernels culled,
a kernel without the debugger, freed heap given back) and the hub starts ``somekurs.singleuser``;
``standard`` turns those back to what pip gives by default (``jupyterhub-singleuser``, ipykernel's
own kernel, every extension on, no kernel culling, ``SOMEKURS_KEEP_HEAP=1``). Each is a Jupyter
config and data folder that the spawner points the server to; nothing installed is changed.

Every process the hub starts carries a marker in its environment; the finalizer stops the
servers through the API, then the hub, and kills whatever is left of this run by process id.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
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

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
CHP = ROOT / "node_modules" / ".bin" / "configurable-http-proxy"
PROFILES = ("kurs", "standard")


@dataclass(frozen=True)
class Timing:
    """How fast the test's hub culls: seconds here, where a real class uses minutes (see the guide)."""

    kernel_idle_s: int = 10  # MappingKernelManager.cull_idle_timeout
    kernel_every_s: int = 3  # MappingKernelManager.cull_interval
    server_idle_s: int = 20  # jupyterhub-idle-culler --timeout
    server_every_s: int = 5  # jupyterhub-idle-culler --cull-every
    activity_s: int = 5  # how often servers and the proxy report activity to the hub
    start_timeout_s: int = 300  # a server's start, with everyone starting at once on two cores


HUB_CONFIG = """\
# Written by benchmarks/loadtest/hub.py: a throw-away hub on the loopback interface only.
import json
c = get_config()  # noqa: F821
s = json.loads({settings!r})
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = s["port"]
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = s["hub_port"]
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{{s['proxy_api_port']}}"
c.ConfigurableHTTPProxy.command = [s["chp"]]
c.ConfigurableHTTPProxy.auth_token = s["proxy_token"]
c.JupyterHub.db_url = "sqlite:///" + s["workdir"] + "/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = s["workdir"] + "/jupyterhub_cookie_secret"
c.JupyterHub.pid_file = s["workdir"] + "/jupyterhub.pid"
c.JupyterHub.cleanup_servers = True
c.JupyterHub.cleanup_proxy = True
c.JupyterHub.last_activity_interval = s["activity_s"]
c.JupyterHub.concurrent_spawn_limit = 0  # a class starts at once; the guide's hub does not queue them
c.JupyterHub.authenticator_class = "shared-password"
c.SharedPasswordAuthenticator.user_password = s["password"]
c.Authenticator.allowed_users = set(s["users"])
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = s["workdir"] + "/hjem/{{username}}"
c.Spawner.cmd = s["singleuser"]
# A port per participant, chosen by the test: the spawner's own random free port can be handed to two
# servers that start in the same second (seen with 30 at once), and the second one then fails.
def _port(spawner):
    spawner.port = s["ports"][spawner.user.name]
c.Spawner.pre_spawn_hook = _port
c.Spawner.ip = "127.0.0.1"
c.Spawner.args = ["--allow-root"] if s["as_root"] else []  # CI runs as root; a real hub runs each user as themselves
c.Spawner.default_url = "/somekurs/"
c.Spawner.start_timeout = s["start_timeout_s"]
c.Spawner.http_timeout = s["start_timeout_s"]
c.Spawner.env_keep = ["PATH", "LANG", "LC_ALL"]
c.Spawner.environment = {{
    "SOMEKURS_PROGRESS": lambda spawner: spawner.home_dir + "/.somekurs/fremdrift.json",
    "SOMEKURS_HANDIN_DIR": s["handin_dir"],
    "SOMEKURS_HUB_TEST": s["marker"],
    "JUPYTER_CONFIG_DIR": s["config_dir"],
    "JUPYTER_DATA_DIR": s["data_dir"],
    "JUPYTER_PREFER_ENV_PATH": "0",  # the profile's folders above the environment's own
    "JUPYTERHUB_ACTIVITY_INTERVAL": str(s["activity_s"]),
    "MPLBACKEND": "Agg",
    "PYTHONWARNINGS": "ignore",
    **s["profile_env"],
}}
c.JupyterHub.services = [
    {{"name": "lasttest", "api_token": s["api_token"]}},
    # Started by the test itself once the class has left (hub.start_culler), so that nobody is
    # culled while they wait for the rest of the class; a real hub runs it from the start.
    {{"name": "idle-culler", "api_token": s["culler_token"]}},
]
c.JupyterHub.load_roles = [
    {{"name": "lasttest-admin", "scopes": ["admin:users", "admin:servers", "tokens", "read:users"], "services": ["lasttest"]}},
    {{
        "name": "idle-culler",
        "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
        "services": ["idle-culler"],
    }},
]
"""


SERVER_PORTS = range(20000, 32000)  # below Linux's ephemeral range, so no outgoing connection takes one


def server_ports(users: list[str]) -> dict[str, int]:
    """A free port for each participant's server, all different."""
    ports: dict[str, int] = {}
    for port in SERVER_PORTS:
        if len(ports) == len(users):
            break
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
        ports[users[len(ports)]] = port
    if len(ports) < len(users):
        raise RuntimeError("fant ikke nok ledige porter til serverne")
    return ports


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def missing_components() -> list[str]:
    """Each piece the load test needs that is not installed, in Norwegian, with where it comes from."""
    missing = []
    for module, package in [
        ("jupyterhub", "jupyterhub (requirements-dev.txt)"),
        ("jupyterhub_idle_culler", "jupyterhub-idle-culler (requirements-dev.txt)"),
        ("nbgitpuller", "nbgitpuller (requirements.txt)"),
        ("voila", "voila (requirements.txt)"),
        ("psutil", "psutil (requirements-dev.txt)"),
        ("requests", "requests"),
        ("websocket", "websocket-client"),
    ]:
        try:
            __import__(module)
        except ImportError:
            missing.append(f"Python-pakken {package}")
    if not (BIN / "jupyterhub-singleuser").exists():
        missing.append(f"jupyterhub-singleuser i {BIN}")
    if not CHP.exists():
        missing.append("npm-pakken configurable-http-proxy i node_modules/ (bash scripts/setup.sh --dev)")
    return missing


def singleuser_command(profile: str) -> list[str]:
    """The participant's server: the course's lighter launcher, or jupyterhub-singleuser as pip installs it."""
    if profile == "kurs":
        return [sys.executable, "-m", "somekurs.singleuser"]
    return [str(BIN / "jupyterhub-singleuser")]


def profile_folders(profile: str, timing: Timing, workdir: Path) -> tuple[Path, Path]:
    """The Jupyter config and data folders the participants' servers use for this profile.

    ``kurs``: only the culling times are shortened; everything else comes from the environment
    (deploy/jupyter as installed). ``standard``: the extensions pip enables by default are back on,
    kernels are never culled, and the kernel is ipykernel's own (with the debugger).
    """
    if profile not in PROFILES:
        raise ValueError(f"ukjent profil {profile!r}: velg {', '.join(PROFILES)}")
    config_dir, data_dir = workdir / f"jupyter-config-{profile}", workdir / f"jupyter-data-{profile}"
    config_dir.mkdir(parents=True)
    data_dir.mkdir(parents=True)
    server: dict[str, Any] = {
        "MappingKernelManager": {
            "cull_idle_timeout": timing.kernel_idle_s,
            "cull_interval": timing.kernel_every_s,
        }
    }
    if profile == "standard":
        server["ServerApp"] = {
            "jpserver_extensions": {"jupyter_lsp": True, "jupyter_server_terminals": True, "notebook_shim": True}
        }
        server["MappingKernelManager"] = {"cull_idle_timeout": 0}
        kernel = data_dir / "kernels" / "python3"
        kernel.mkdir(parents=True)
        spec = {
            "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
            "display_name": "Python 3 (ipykernel)",
            "language": "python",
            "metadata": {"debugger": True},
        }
        (kernel / "kernel.json").write_text(json.dumps(spec), encoding="utf-8")
    (config_dir / "jupyter_server_config.json").write_text(json.dumps(server, indent=1), encoding="utf-8")
    return config_dir, data_dir


@dataclass
class Hub:
    url: str
    api_token: str
    password: str
    workdir: Path
    log: Path
    marker: str
    users: list[str]
    handin_dir: Path
    culler_token: str
    timing: Timing
    tokens: dict[str, str] = field(default_factory=dict)
    culler: list[subprocess.Popen[bytes]] = field(default_factory=list)

    def api(self, method: str, path: str, **kwargs: Any) -> Any:
        import requests

        response = requests.request(
            method, f"{self.url}/hub/api{path}", timeout=60, headers={"Authorization": f"token {self.api_token}"}, **kwargs
        )
        if response.status_code >= 400:
            raise RuntimeError(f"{method} {path}: {response.status_code} {response.text[:300]}")
        return response.json() if response.content else None

    def user_token(self, user: str) -> str:
        """A token for the participant's own server (what the browser's login cookie stands for)."""
        if user not in self.tokens:
            reply = self.api("POST", f"/users/{user}/tokens", json={"note": "lasttest", "expires_in": 7200})
            self.tokens[user] = reply["token"]
        return self.tokens[user]

    def start_culler(self) -> None:
        """jupyterhub-idle-culler, as TLJH and Zero to JupyterHub run it, with the test's short timeout."""
        env = {**os.environ, "JUPYTERHUB_API_TOKEN": self.culler_token, "SOMEKURS_HUB_TEST": self.marker}
        log = open(self.workdir / "idle-culler.log", "wb")  # noqa: SIM115 - closed with the process
        self.culler.append(
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "jupyterhub_idle_culler",
                    f"--url={self.url}/hub/api",
                    f"--timeout={self.timing.server_idle_s}",
                    f"--cull-every={self.timing.server_every_s}",
                ],
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
            )
        )

    def home(self, user: str) -> Path:
        return self.workdir / "hjem" / user

    def tail(self, chars: int = 3000) -> str:
        text = self.log.read_text(errors="replace") if self.log.exists() else ""
        return "Hub-loggen (slutten):\n" + text[-chars:]


def processes_with_marker(marker: str) -> list[int]:
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


def _wait_http(url: str, process: subprocess.Popen[bytes], log: Path, timeout: float = 90) -> None:
    import requests

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"JupyterHub stoppet med kode {process.returncode}.\n{log.read_text(errors='replace')[-3000:]}")
        with contextlib.suppress(requests.RequestException):
            if requests.get(url, timeout=2).status_code == 200:
                return
        time.sleep(0.3)
    raise RuntimeError(f"JupyterHub svarte ikke på {url} innen {timeout} s.\n{log.read_text(errors='replace')[-3000:]}")


@contextlib.contextmanager
def running_hub(workdir: Path, users: list[str], profile: str, timing: Timing) -> Iterator[Hub]:
    """Start the hub for these participants; stop it and everything it started when the block ends."""
    missing = missing_components()
    if missing:
        raise RuntimeError("Lasttesten mangler: " + "; ".join(missing) + ". Kjør «bash scripts/setup.sh --dev».")
    config_dir, data_dir = profile_folders(profile, timing, workdir)
    handin_dir = workdir / "innlevering"
    handin_dir.mkdir()
    marker = uuid.uuid4().hex
    port = free_port()
    settings = {
        "port": port,
        "hub_port": free_port(),
        "proxy_api_port": free_port(),
        "chp": str(CHP),
        "proxy_token": secrets.token_hex(32),
        "api_token": secrets.token_hex(32),
        "culler_token": secrets.token_hex(32),
        "password": secrets.token_urlsafe(24),
        "workdir": str(workdir),
        "users": users,
        "singleuser": singleuser_command(profile),
        "python": sys.executable,
        "marker": marker,
        "as_root": os.geteuid() == 0,
        "config_dir": str(config_dir),
        "data_dir": str(data_dir),
        "handin_dir": str(handin_dir),
        "ports": server_ports(users),
        "profile_env": {"SOMEKURS_KEEP_HEAP": "1"} if profile == "standard" else {},
        "activity_s": timing.activity_s,
        "start_timeout_s": timing.start_timeout_s,
    }
    config = workdir / "jupyterhub_config.py"
    config.write_text(HUB_CONFIG.format(settings=json.dumps(settings)), encoding="utf-8")
    log = workdir / "jupyterhub.log"
    env = {key: value for key, value in os.environ.items() if key not in {"PYTHONPATH", "SOMEKURS_PROGRESS"}}
    env.update(
        {
            "SOMEKURS_HUB_TEST": marker,
            "PATH": f"{BIN}:{CHP.parent}:{env.get('PATH', '/usr/bin:/bin')}",
            "CONFIGPROXY_AUTH_TOKEN": str(settings["proxy_token"]),
        }
    )
    with open(log, "wb") as log_file:
        process = subprocess.Popen(
            [str(BIN / "jupyterhub"), "-f", str(config)],
            cwd=workdir,
            env=env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    hub = Hub(
        url=f"http://127.0.0.1:{port}",
        api_token=str(settings["api_token"]),
        password=str(settings["password"]),
        workdir=workdir,
        log=log,
        marker=marker,
        users=users,
        handin_dir=handin_dir,
        culler_token=str(settings["culler_token"]),
        timing=timing,
    )
    culler = hub.culler
    try:
        _wait_http(f"{hub.url}/hub/api", process, log)
        yield hub
    finally:
        for proc in culler:
            if proc.poll() is None:
                proc.terminate()
                with contextlib.suppress(subprocess.TimeoutExpired):
                    proc.wait(timeout=10)
        stop_hub(hub, process)


def stop_hub(hub: Hub, process: subprocess.Popen[bytes]) -> None:
    """Stop the servers through the API, then the hub (it stops the proxy); kill leftovers by id."""
    import requests

    with contextlib.suppress(Exception):
        for user in hub.users:
            requests.delete(
                f"{hub.url}/hub/api/users/{user}/server", timeout=30, headers={"Authorization": f"token {hub.api_token}"}
            )
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
    deadline = time.monotonic() + 15
    while processes_with_marker(hub.marker) and time.monotonic() < deadline:
        time.sleep(0.5)  # servers, kernels and the proxy stop on their own after the hub
    for pid in processes_with_marker(hub.marker):  # anything left of this run, by its id
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
