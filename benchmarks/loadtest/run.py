"""The whole load test: a class arrives at once, works, leaves, and is culled; bounded in count and time.

Phases, each measured when every participant has reached it (so the figures are for a whole class
at the same time, not one participant alone):

1. **Arrive and work** (one thread per participant, all started together, or spread over
   ``spread_s``): log in, server, pull, the workbook as an app, answer every exercise, hand in.
   Right after the pull each participant's server alone is measured (``idle_start``).
2. **Active**: everyone has answered and still has the page open: server and kernel per
   participant (``active``), the hub's own processes, and the machine's peak memory in use.
3. **Left**: every page is closed without a word to the server (a closed lid); the course's kernel
   culling must stop each kernel (``idle_after``: the server alone again).
4. **Culled**: jupyterhub-idle-culler stops the idle servers (left out by ``cull_servers=False``).

Bounds: at most ``MAX_PARTICIPANTS``, every request with a timeout, and ``limit_s`` for the whole
run; a participant still busy then is a failure, and the hub is stopped in any case.
"""

from __future__ import annotations

import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from benchmarks.loadtest import memory
from benchmarks.loadtest.hub import ROOT, Hub, Timing, running_hub
from benchmarks.loadtest.participant import Participant, course_repo

MAX_PARTICIPANTS = 120  # what two cores and 24 GB can take without the test itself becoming the bottleneck


@dataclass
class Settings:
    participants: int = 30
    theme: str = "arkiv"
    profile: str = "kurs"
    spread_s: float = 0.0
    limit_s: float = 1200.0
    cull_servers: bool = True
    timing: Timing = field(default_factory=Timing)


class Sampler(threading.Thread):
    """The machine's memory in use, every second, so the peak of the run is known."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak_mb = memory.used_mb()
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.wait(1.0):
            self.peak_mb = max(self.peak_mb, memory.used_mb())


def _snapshot(hub: Hub) -> dict[str, dict[str, Any]]:
    return {owner: asdict(usage) for owner, usage in memory.usage_by_owner(hub.marker).items()}


def _work(participant: Participant, hub: Hub, seed: int, delay: float, idle_start: dict[str, Any]) -> None:
    """Phase 1 for one participant; any failure is recorded on the journey, never raised."""
    time.sleep(delay)
    journey = participant.journey
    try:
        participant.arrive()
        usage = memory.usage_by_owner(hub.marker).get(participant.user)
        if usage is not None:
            idle_start[participant.user] = asdict(usage)
        participant.open_workbook()
        participant.answer(seed)
    except Exception as exc:  # noqa: BLE001 - a failure is a result of the test, with its step
        journey.error = f"{type(exc).__name__}: {exc}"[:600]


def _wait_until(condition: Any, timeout: float, every: float = 1.0) -> float | None:
    """Seconds until condition() held, or None if it did not within timeout."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if condition():
            return time.monotonic() - start
        time.sleep(every)
    return None


def run(settings: Settings, log: Any = print) -> dict[str, Any]:
    """Run the load test; return every measurement (see report.summarize for the figures)."""
    if not 1 <= settings.participants <= MAX_PARTICIPANTS:
        raise ValueError(f"antall deltakere må være mellom 1 og {MAX_PARTICIPANTS}")
    workdir = Path(tempfile.mkdtemp(prefix="somekurs-lasttest-"))
    repo = course_repo(workdir, ROOT)
    users = [f"deltaker-{n:03d}" for n in range(1, settings.participants + 1)]
    started = time.monotonic()
    result: dict[str, Any] = {"settings": {**asdict(settings)}, "phases": {}}
    with running_hub(workdir, users, settings.profile, settings.timing) as hub:
        result["hub_before"] = _snapshot(hub).get(memory.HUB)
        result["machine_before_mb"] = memory.used_mb()
        sampler = Sampler()
        sampler.start()
        participants = [Participant(hub, user, repo.as_uri(), settings.theme) for user in users]
        idle_start: dict[str, Any] = {}
        threads = [
            threading.Thread(
                target=_work,
                args=(p, hub, n, settings.spread_s * n / max(1, len(participants)), idle_start),
                daemon=True,
            )
            for n, p in enumerate(participants)
        ]
        log(f"{len(threads)} deltakere logger inn …")
        for thread in threads:
            thread.start()
        deadline = started + settings.limit_s
        for thread in threads:
            thread.join(timeout=max(0.0, deadline - time.monotonic()))
        for p in participants:
            if not p.journey.error and p.journey.step != "ferdig":
                p.journey.error = f"ikke ferdig innen {settings.limit_s:.0f} s (var på steget «{p.journey.step}»)"
        result["phases"]["work_s"] = round(time.monotonic() - started, 1)
        log(f"Alle har svart etter {result['phases']['work_s']} s; måler minnet med sidene åpne …")
        result["idle_start"] = idle_start
        result["active"] = _snapshot(hub)
        sampler.stop.set()
        sampler.join()
        result["machine_peak_mb"] = sampler.peak_mb

        for p in participants:
            p.leave()
        remaining = max(30.0, deadline - time.monotonic())
        kernel_wait = settings.timing.kernel_idle_s + 4 * settings.timing.kernel_every_s + 60
        result["phases"]["kernels_culled_s"] = _wait_until(
            lambda: not any(u.kernels for o, u in memory.usage_by_owner(hub.marker).items() if o != memory.HUB),
            min(kernel_wait, remaining),
        )
        log(f"Sidene er lukket; kjernene stoppet etter {result['phases']['kernels_culled_s']} s.")
        result["idle_after"] = _snapshot(hub)

        if settings.cull_servers:
            hub.start_culler()
            server_wait = settings.timing.server_idle_s + 4 * settings.timing.server_every_s + 90

            def servers_gone() -> bool:
                return not any(u.get("servers") for u in hub.api("GET", "/users"))

            result["phases"]["servers_culled_s"] = _wait_until(
                servers_gone, min(server_wait, max(30.0, deadline - time.monotonic())), 2
            )
            log(f"Serverne stoppet av idle-culler etter {result['phases']['servers_culled_s']} s.")
            result["after_culling"] = _snapshot(hub)
        result["journeys"] = [asdict(p.journey) for p in participants]
        result["handin_files"] = len(list(hub.handin_dir.glob("*.csv")))
    result["phases"]["total_s"] = round(time.monotonic() - started, 1)
    return result
