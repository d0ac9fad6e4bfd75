"""What each participant's processes hold in memory, counted the way Linux shares pages.

A participant costs their single-user server plus every kernel it started. RSS counts the shared
libraries (Python, zmq, OpenSSL) in full in every process, so summing RSS over a class overstates
what the class needs; USS (pages only this process has) understates it. PSS gives each process
its share of the shared pages, so the PSS of all processes adds up to what the machine really
uses: that is the figure the guide sizes with. USS is reported beside it.

Processes are found by their environment (read as root or as the same user): the run's marker
says which hub they belong to, and ``JUPYTERHUB_USER`` (set by the spawner, inherited by the
kernels) says whose they are. The hub, the proxy and the culler have the marker but no user.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field

import psutil

MB = 1024 * 1024
HUB = ""  # the owner key of the hub's own processes (hub, proxy, culler)


@dataclass
class Usage:
    """One participant's processes at one moment (MB), and how many of them are kernels."""

    pss: float = 0.0
    uss: float = 0.0
    rss: float = 0.0
    processes: int = 0
    kernels: int = 0
    cpu_s: float = 0.0
    names: list[str] = field(default_factory=list)


def _environ(proc: psutil.Process) -> dict[str, str]:
    with contextlib.suppress(psutil.Error, OSError):
        return proc.environ()
    return {}


def usage_by_owner(marker: str) -> dict[str, Usage]:
    """Memory and CPU time of every process of this run, by participant (``HUB`` for the hub's own)."""
    owners: dict[str, Usage] = {}
    for proc in psutil.process_iter(["pid", "cmdline"]):
        env = _environ(proc)
        if env.get("SOMEKURS_HUB_TEST") != marker:
            continue
        try:
            info = proc.memory_full_info()
            times = proc.cpu_times()
        except (psutil.Error, OSError):
            continue  # it ended while we looked
        owner = env.get("JUPYTERHUB_USER", HUB)
        usage = owners.setdefault(owner, Usage())
        usage.pss += info.pss / MB
        usage.uss += info.uss / MB
        usage.rss += info.rss / MB
        usage.processes += 1
        usage.cpu_s += times.user + times.system
        cmdline = " ".join(proc.info.get("cmdline") or [])
        if "ipykernel" in cmdline or "kernel-" in cmdline:
            usage.kernels += 1
        usage.names.append(cmdline[:80])
    return owners


def used_mb() -> float:
    """Memory in use on the whole machine (MB): total minus what the kernel says is available."""
    vm = psutil.virtual_memory()
    return (vm.total - vm.available) / MB
