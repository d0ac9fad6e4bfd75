"""One simulated participant: what their browser and their clicks do on the hub, timed.

The journey is the one the guide gives a class: log in with the shared password, the hub starts
the server (``/hub/spawn``, then its progress stream, as the waiting page reads it), follow the
instructor's nbgitpuller link (its page, then the pull's event stream), and land on the workbook
as an app (``voila/render/...``: Voilà runs the notebook in a new kernel and streams the page).
The first exercise is «shown» when its HTML (``sk-<id>``, the static view that carries the live
widget) has arrived in that stream.

Then the participant answers every exercise on the page through the page's own kernel, over
the same websocket the browser uses: each exercise's live widget is given an answer (the kind's
``demo_answer``, right or wrong as a real class would be) and checked, which judges it and saves it
with the course's own code. Last, the hand-in (``lever``'s ``somekurs.handin.hand_in``) where the
pulled course has it. Every request has a timeout; nothing here waits for ever.
"""

from __future__ import annotations

import json
import re
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import requests
import websocket
from benchmarks.loadtest.hub import Hub

COURSE_FOLDER = "sosiale-medier-kurs"  # the folder nbgitpuller makes in each home (the repository's name)
REQUEST_S = 300  # one request, with a whole class on two cores
KERNEL_ID = re.compile(r'"kernelId": "([0-9a-f-]{36})"')
FIRST_EXERCISE = re.compile(r'vis\("([^"]+)"(?:, maal="n[bn]")?\)')

# Run in the Voilà kernel: answer every exercise on the page through its live widget.
ANSWER_CODE = """\
import json as _json, random as _random
from ipywidgets.widgets.widget import _instances as _widgets
from somekurs.exercises import registry as _registry
from somekurs.exercises.display import ExerciseDisplay as _Display
_rng = _random.Random({seed})
_views = [w.exercise_view for w in list(_widgets.values()) if isinstance(w, _Display) and hasattr(w, "exercise_view")]
_checked = 0
for _view in _views:
    _exercise = _view.exercise
    _answer = _registry.kinds()[_exercise["kind"]].demo_answer(_exercise, _rng, 0.3, 0)
    _view.controls.restore(_answer)
    _view.check()
    _checked += 1
print(_json.dumps({{"views": len(_views), "checked": _checked}}))
"""

# Run in the same kernel: hand in, if the pulled course has the hand-in (issue 20, part 3).
HANDIN_CODE = """\
import json as _json
import somekurs.oppgaver as _facade
if hasattr(_facade, "lever"):
    from somekurs.handin import hand_in as _hand_in
    _result = _hand_in(nickname={nickname!r}, group="lasttest", share=False)
    print(_json.dumps({{"handin": True, "problem": _result.problem, "delivered": [str(p) for p in _result.delivered]}}))
else:
    print(_json.dumps({{"handin": False}}))
"""


@dataclass
class Journey:
    """What happened to one participant, and when (seconds from their login)."""

    user: str
    step: str = "ikke startet"
    error: str = ""
    started_at: float = 0.0  # time.monotonic() at the login
    server_ready_s: float | None = None
    pulled_s: float | None = None
    first_exercise_s: float | None = None
    page_done_s: float | None = None
    answered_s: float | None = None
    exercises_checked: int = 0
    handed_in: bool | None = None  # None: the course has no hand-in yet
    kernel_id: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.error


def pull_link(hub_url: str, repo_url: str, urlpath: str) -> str:
    """The instructor's nbgitpuller link (book/instruktor/jupyterhub.md) for a hub and repository."""
    query = urlencode({"repo": repo_url, "urlpath": urlpath, "branch": "main"}, quote_via=quote, safe="/:")
    return f"{hub_url}/hub/user-redirect/git-pull?{query}"


def _expect(response: requests.Response, *codes: int) -> requests.Response:
    if response.status_code not in codes:
        raise RuntimeError(f"{response.request.method} {response.url}: {response.status_code} {response.text[:300]}")
    return response


class Participant:
    """A participant's browser (a cookie session) and their kernel connection."""

    def __init__(self, hub: Hub, user: str, repo_url: str, theme: str) -> None:
        self.hub = hub
        self.journey = Journey(user)
        self.repo_url = repo_url
        self.theme = theme
        self.browser = requests.Session()
        self.socket: Any = None

    @property
    def user(self) -> str:
        return self.journey.user

    def _since_login(self) -> float:
        return time.monotonic() - self.journey.started_at

    def arrive(self) -> None:
        """Log in, start the server, pull the course, open the workbook as an app (timed from login)."""
        j, hub = self.journey, self.hub
        j.step = "logger inn"
        form = _expect(self.browser.get(f"{hub.url}/hub/login", timeout=REQUEST_S), 200)
        xsrf = self.browser.cookies.get("_xsrf", path="/hub/") or self.browser.cookies.get("_xsrf") or ""
        del form
        j.started_at = time.monotonic()
        reply = self.browser.post(
            f"{hub.url}/hub/login?next=",
            data={"username": self.user, "password": hub.password, "_xsrf": xsrf},
            allow_redirects=False,
            timeout=REQUEST_S,
        )
        _expect(reply, 302)
        j.step = "starter serveren"
        _expect(self.browser.get(f"{hub.url}/hub/spawn", allow_redirects=False, timeout=REQUEST_S), 302)
        self._wait_ready()
        j.server_ready_s = self._since_login()
        j.step = "henter kurset"
        urlpath = f"voila/render/{COURSE_FOLDER}/exercises/{self.theme}.ipynb"
        page = _expect(self.browser.get(pull_link(hub.url, self.repo_url, urlpath), timeout=REQUEST_S), 200)
        if f"/user/{self.user}/git-pull" not in page.url:
            raise RuntimeError(f"lenken endte på {page.url}, ikke på git-pull")
        self._pull()
        j.pulled_s = self._since_login()

    def open_workbook(self) -> None:
        """The app page, streamed as Voilà runs it; notes when the first exercise arrives."""
        j = self.journey
        j.step = "åpner arbeidsboka"
        notebook = self.hub.home(self.user) / COURSE_FOLDER / "exercises" / f"{self.theme}.ipynb"
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
        first = next((m for c in cells if c["cell_type"] == "code" and (m := FIRST_EXERCISE.search("".join(c["source"])))), None)
        if not first:
            raise RuntimeError(f"{notebook} har ingen oppgave")
        marker = f"sk-{first.group(1)}".encode()
        url = f"{self.hub.url}/user/{self.user}/voila/render/{COURSE_FOLDER}/exercises/{self.theme}.ipynb"
        received = bytearray()
        with self.browser.get(url, stream=True, timeout=REQUEST_S) as stream:
            _expect(stream, 200)
            for chunk in stream.iter_content(chunk_size=None):
                received += chunk
                if j.first_exercise_s is None and marker in received:
                    j.first_exercise_s = self._since_login()
        j.page_done_s = self._since_login()
        page = received.decode("utf-8", errors="replace")
        if j.first_exercise_s is None:
            raise RuntimeError(f"den første oppgaven ({first.group(1)}) kom aldri på siden")
        if "Traceback" in page or '"output_type": "error"' in page:
            raise RuntimeError("siden viser en feil fra kjernen")
        kernel = KERNEL_ID.search(page)
        if not kernel:
            raise RuntimeError("fant ikke kjernen til siden")
        j.kernel_id = kernel.group(1)

    def answer(self, seed: int) -> None:
        """Answer and check every exercise on the page through its kernel, then hand in."""
        j = self.journey
        j.step = "svarer på oppgavene"
        cookies = "; ".join(f"{c.name}={c.value}" for c in self.browser.cookies)
        ws_url = self.hub.url.replace("http://", "ws://") + f"/user/{self.user}/api/kernels/{j.kernel_id}/channels"
        self.socket = websocket.create_connection(ws_url, header=[f"Cookie: {cookies}"], timeout=REQUEST_S)
        facts = self._run(ANSWER_CODE.format(seed=seed))
        j.exercises_checked = int(facts["checked"])
        if not j.exercises_checked:
            raise RuntimeError("fant ingen oppgaver å svare på i kjernen")
        saved = json.loads((self.hub.home(self.user) / ".somekurs" / "fremdrift.json").read_text(encoding="utf-8"))
        if len(saved.get("answers", {})) < j.exercises_checked:
            raise RuntimeError(f"bare {len(saved.get('answers', {}))} av {j.exercises_checked} svar ble lagret")
        j.answered_s = self._since_login()
        j.step = "leverer"
        handin = self._run(HANDIN_CODE.format(nickname=self.user))
        j.handed_in = None if not handin["handin"] else not handin["problem"] and bool(handin["delivered"])
        if j.handed_in is False:
            raise RuntimeError(f"innleveringen feilet: {handin['problem']}")
        j.step = "ferdig"

    def leave(self) -> None:
        """Close the page the way a lid closes: the connection drops, nothing tells the server."""
        if self.socket is not None:
            self.socket.close()
            self.socket = None
        self.browser.close()

    def _wait_ready(self) -> None:
        progress = f"{self.hub.url}/hub/api/users/{self.user}/server/progress"
        with self.browser.get(progress, stream=True, timeout=REQUEST_S) as stream:
            _expect(stream, 200)
            for raw in stream.iter_lines():
                line = raw.decode("utf-8", errors="replace")
                if line.startswith("data: "):
                    event = json.loads(line[len("data: ") :])
                    if event.get("ready"):
                        return
                    if event.get("failed"):
                        raise RuntimeError(f"serveren startet ikke: {event.get('message')}")
        raise RuntimeError("serveren ble aldri klar")

    def _pull(self) -> None:
        api = f"{self.hub.url}/user/{self.user}/git-pull/api?" + urlencode({"repo": self.repo_url, "branch": "main"})
        with self.browser.get(api, stream=True, timeout=REQUEST_S) as stream:
            _expect(stream, 200)
            for raw in stream.iter_lines():
                line = raw.decode("utf-8", errors="replace")
                if line.startswith("data: "):
                    event = json.loads(line[len("data: ") :])
                    if event.get("phase") == "finished":
                        return
                    if event.get("phase") == "error":
                        raise RuntimeError(f"nbgitpuller feilet: {event.get('message') or event.get('output')}")
        raise RuntimeError("nbgitpuller ble aldri ferdig")

    def _run(self, code: str) -> dict[str, Any]:
        """Execute code in the page's kernel; return the JSON its last printed line holds."""
        msg_id = uuid.uuid4().hex
        self.socket.send(
            json.dumps(
                {
                    "header": {
                        "msg_id": msg_id,
                        "msg_type": "execute_request",
                        "session": uuid.uuid4().hex,
                        "username": self.user,
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
                        "store_history": False,
                        "user_expressions": {},
                        "allow_stdin": False,
                    },
                }
            )
        )
        text, error, status, idle = "", "", None, False
        deadline = time.monotonic() + REQUEST_S
        while (status is None or not idle) and time.monotonic() < deadline:
            self.socket.settimeout(max(0.1, deadline - time.monotonic()))
            raw = self.socket.recv()
            if not isinstance(raw, str):
                continue  # a binary frame (widget buffers): not ours
            message = json.loads(raw)
            if message.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind = message["header"]["msg_type"]
            if kind == "execute_reply":
                status = message["content"]["status"]
            elif kind == "status" and message["content"]["execution_state"] == "idle":
                idle = True
            elif kind == "stream" and message["content"].get("name") == "stdout":
                text += message["content"]["text"]
            elif kind == "error":
                error = "\n".join(message["content"].get("traceback", []))[-1500:]
        if status != "ok":
            raise RuntimeError(f"koden feilet i kjernen ({status}): {error}")
        return dict(json.loads(text.strip().splitlines()[-1]))


def course_repo(workdir: Path, root: Path) -> Path:
    """A bare repository whose ``main`` is this checkout's HEAD: what the instructor's link pulls."""
    import subprocess

    bare = workdir / "remote" / COURSE_FOLDER
    bare.parent.mkdir(parents=True)
    for args in (
        ["git", "init", "-q", "--bare", "-b", "main", str(bare)],
        ["git", "-C", str(root), "push", "-q", str(bare), "HEAD:refs/heads/main"],
    ):
        done = subprocess.run(args, capture_output=True, text=True, timeout=300)
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(args)} feilet: {done.stderr}")
    return bare
