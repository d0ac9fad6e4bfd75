"""The load test's figures, and the Norwegian tables the hub guide and the benchmark page show.

``summarize`` turns one run's raw measurements into the figures (median, 95th percentile and
maximum per participant); ``sizing`` turns the figures into what an administrator orders (a
server for a class of a given size; nodes for 500), with the headroom the TLJH documentation
advises; ``markdown`` writes both as tables, with a short Norwegian key to what each column means.
The guide includes that file, so its numbers are always the last measured ones.
"""

from __future__ import annotations

import math
import statistics
from typing import Any

HEADROOM = 1.3  # 20–40 % extra, as the TLJH documentation advises; the middle of that range
SYSTEM_MB = 1024  # the operating system and TLJH's own services on the server, beside the hub
TARGET_MB = 150  # issue 20: at most 150 MB per active participant, all in
START_TARGET_S = 60  # the last participant of a class should see the first exercise within a minute
CLASS_SIZES = (20, 30, 50, 100)
SERVER_SIZES_GB = (4, 8, 16, 32, 64)
NODE_GB = 16  # a common Kubernetes node size (4 vCPU, 16 GB)
NODE_CPUS = 4
NODE_RESERVED_MB = 2048  # what the node's own system pods and the kubelet keep (an assumption, see the guide)
LARGE_CLASS = 500


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile: the smallest value at least ``share`` of the values are at or under."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def _stats(values: list[float]) -> dict[str, float] | None:
    if not values:
        return None
    return {
        "median": round(statistics.median(values), 1),
        "p95": round(percentile(values, 0.95), 1),
        "max": round(max(values), 1),
    }


def _per_user(snapshot: dict[str, dict[str, Any]] | None, key: str, users: list[str]) -> list[float]:
    snapshot = snapshot or {}
    return [float(snapshot[u][key]) for u in users if u in snapshot]


def summarize(result: dict[str, Any]) -> dict[str, Any]:
    """The figures of one run: times, memory per participant in each phase, failures, culling."""
    journeys = result["journeys"]
    users = [j["user"] for j in journeys]
    failures = [{"deltaker": j["user"], "steg": j["step"], "feil": j["error"]} for j in journeys if j["error"]]
    ok = [j for j in journeys if not j["error"]]
    handed = [j["handed_in"] for j in ok]
    hub_active = (result.get("active") or {}).get("", {})
    n = len(users)
    return {
        "profile": result["settings"]["profile"],
        "theme": result["settings"]["theme"],
        "participants": n,
        "failures": len(failures),
        "failure_list": failures,
        "times_s": {
            "server_ready": _stats([j["server_ready_s"] for j in ok if j["server_ready_s"] is not None]),
            "pulled": _stats([j["pulled_s"] for j in ok if j["pulled_s"] is not None]),
            "first_exercise": _stats([j["first_exercise_s"] for j in ok if j["first_exercise_s"] is not None]),
            "answered": _stats([j["answered_s"] for j in ok if j["answered_s"] is not None]),
        },
        "exercises_checked": _stats([float(j["exercises_checked"]) for j in ok]),
        "memory_mb": {
            phase: {
                "pss": _stats(_per_user(result.get(phase), "pss", users)),
                "uss": _stats(_per_user(result.get(phase), "uss", users)),
                "kernels_max": max((int(v["kernels"]) for k, v in (result.get(phase) or {}).items() if k), default=0),
            }
            for phase in ("idle_start", "active", "idle_after")
        },
        "hub_pss_mb": round(float(hub_active.get("pss", 0.0)), 1),
        "machine_per_participant_mb": round((result["machine_peak_mb"] - result["machine_before_mb"]) / max(1, n), 1),
        "cpu_s_per_participant": _stats(_per_user(result.get("active"), "cpu_s", users)),
        "handin": "hoppet over" if handed and all(h is None for h in handed) else sum(1 for h in handed if h),
        "handin_files": result.get("handin_files", 0),
        "kernels_culled_s": result["phases"].get("kernels_culled_s"),
        "servers_culled_s": result["phases"].get("servers_culled_s"),
        "total_s": result["phases"].get("total_s"),
        "settings": result["settings"],
    }


def planning_mb(figures: dict[str, Any]) -> float:
    """Memory to plan with per active participant: the largest measured (PSS), rounded up to 10 MB."""
    active = figures["memory_mb"]["active"]["pss"]
    return float(math.ceil(active["max"] / 10) * 10) if active else float("nan")


def sizing(figures: dict[str, Any]) -> dict[str, Any]:
    """What to order: a server per class size (TLJH), and nodes for a class of 500 (Kubernetes).

    Memory: participants × planning figure × headroom + the hub's own processes + the system.
    CPU: the measured CPU seconds one participant needs from login to an answered workbook, spread
    over the cores so that a whole class that starts at once is going within about a minute.
    """
    per = planning_mb(figures)
    cpu = figures["cpu_s_per_participant"]["median"] if figures["cpu_s_per_participant"] else float("nan")
    rows = []
    for size in CLASS_SIZES:
        need_mb = size * per * HEADROOM + figures["hub_pss_mb"] + SYSTEM_MB
        server_gb = next((gb for gb in SERVER_SIZES_GB if gb * 1024 >= need_mb), SERVER_SIZES_GB[-1])
        cores = max(2, math.ceil(size * cpu / START_TARGET_S))
        rows.append({"participants": size, "need_gb": round(need_mb / 1024, 1), "server_gb": server_gb, "cores": cores})
    guarantee = math.ceil(per * HEADROOM / 16) * 16  # Kubernetes' memory.guarantee, in steps of 16 MB
    per_node = int((NODE_GB * 1024 - NODE_RESERVED_MB) // guarantee)
    return {
        "planning_mb": per,
        "guarantee_mb": round(guarantee),
        "rows": rows,
        "node_gb": NODE_GB,
        "per_node": per_node,
        "large_class": LARGE_CLASS,
        "nodes": math.ceil(LARGE_CLASS / per_node) if per_node else None,
        "node_cpus": NODE_CPUS,
        "large_cores": math.ceil(LARGE_CLASS * cpu / START_TARGET_S),
        "nodes_for_cpu": math.ceil(math.ceil(LARGE_CLASS * cpu / START_TARGET_S) / NODE_CPUS),
    }


def _fmt(value: float | None, unit: str = "") -> str:
    if value is None:
        return "–"
    text = f"{value:.1f}".replace(".", ",")
    return f"{text} {unit}".strip()


def _triple(stats: dict[str, float] | None, unit: str) -> list[str]:
    if not stats:
        return ["–", "–", "–"]
    return [_fmt(stats["median"], unit), _fmt(stats["p95"], unit), _fmt(stats["max"], unit)]


PHASES = {
    "idle_start": "Tomgang: serveren startet og kurset hentet, ingen arbeidsbok åpen",
    "active": "I arbeid: arbeidsboka åpen som app, alle oppgavene besvart",
    "idle_after": "Tomgang etter pausen: siden lukket, kjernen stoppet av kurset",
}


def figures_table(runs: dict[str, dict[str, Any]], measured: str) -> list[str]:
    """The load test's table: one column per profile (the course's set-up, and the default before it)."""
    names = {"kurs": "Med kursets oppsett", "standard": "Standardoppsett (før)"}
    order = [p for p in ("kurs", "standard") if p in runs]
    head = ["Måling", *[names[p] for p in order]]
    lines = [f"Målt {measured} (`make loadtest`).", "", "| " + " | ".join(head) + " |", "|" + "---|" * len(head)]

    def row(label: str, cells: list[str]) -> None:
        lines.append("| " + " | ".join([label, *cells]) + " |")

    row("Deltakere samtidig", [str(runs[p]["participants"]) for p in order])
    row("Feil", [str(runs[p]["failures"]) for p in order])
    for key, label in (
        ("first_exercise", "Fra innlogging til første oppgave vises"),
        ("server_ready", "Fra innlogging til serveren er klar"),
    ):
        row(f"{label}, median / 95-persentil", [" / ".join(_triple(runs[p]["times_s"][key], "s")[:2]) for p in order])
    for phase, label in PHASES.items():
        row(
            f"Minne per deltaker (PSS), {label.split(':')[0].lower()}: median / størst",
            [" / ".join(_triple(runs[p]["memory_mb"][phase]["pss"], "MB")[::2]) for p in order],
        )
    row(
        "Minne per deltaker (USS), i arbeid: median / størst",
        [" / ".join(_triple(runs[p]["memory_mb"]["active"]["uss"], "MB")[::2]) for p in order],
    )
    row("Kjerner per deltaker i arbeid (flest)", [str(runs[p]["memory_mb"]["active"]["kernels_max"]) for p in order])
    row("Kjerner per deltaker etter pausen (flest)", [str(runs[p]["memory_mb"]["idle_after"]["kernels_max"]) for p in order])
    row("Huben selv (hub, proxy), PSS", [_fmt(runs[p]["hub_pss_mb"], "MB") for p in order])
    row("Hele maskinen, økning på det meste, per deltaker", [_fmt(runs[p]["machine_per_participant_mb"], "MB") for p in order])
    row("Prosessortid per deltaker (median)", [_fmt((runs[p]["cpu_s_per_participant"] or {}).get("median"), "s") for p in order])
    row(
        "Levert",
        [
            "hoppet over (kurset har ingen `lever()`)"
            if runs[p]["handin"] == "hoppet over"
            else f"{runs[p]['handin']} av {runs[p]['participants']}"
            for p in order
        ],
    )
    row("Kjernene stoppet etter at siden ble lukket", [_fmt(runs[p]["kernels_culled_s"], "s") for p in order])
    row("Serverne stoppet av idle-culler", [_fmt(runs[p]["servers_culled_s"], "s") for p in order])
    return lines


def sizing_tables(plan: dict[str, Any]) -> tuple[list[str], list[str]]:
    """The guide's two sizing tables: one server per class size, and Kubernetes nodes for 500."""
    server = [
        "| Deltakere samtidig | Minne som trengs | Serverstørrelse | Prosessorkjerner |",
        "|---|---|---|---|",
        *[f"| {r['participants']} | {_fmt(r['need_gb'], 'GB')} | {r['server_gb']} GB | {r['cores']} |" for r in plan["rows"]],
    ]
    nodes = [
        "| Hva | Tall |",
        "|---|---|",
        f"| Minne å regne med per deltaker (størst målt) | {plan['planning_mb']:.0f} MB |",
        f"| `memory.guarantee` per deltaker (med 30 % ekstra) | {plan['guarantee_mb']} MB |",
        f"| Deltakere per node med {plan['node_gb']} GB minne | {plan['per_node']} |",
        f"| Noder for {plan['large_class']} deltakere samtidig, regnet etter minnet | {plan['nodes']} |",
        f"| Prosessorkjerner for at alle {plan['large_class']} er i gang innen ett minutt, om de logger inn samtidig | "
        f"{plan['large_cores']} |",
        f"| Noder med {plan['node_cpus']} kjerner, regnet etter prosessoren | {plan['nodes_for_cpu']} |",
    ]
    return server, nodes


def markdown(runs: dict[str, dict[str, Any]], measured: str) -> str:
    """benchmarks/lasttest.md: the load test's figures and the sizing tables, between include markers."""
    plan = sizing(runs["kurs"]) if "kurs" in runs else None
    lines = ["<!-- lasttest:tabell -->", *figures_table(runs, measured), "<!-- /lasttest:tabell -->", ""]
    if plan:
        server, nodes = sizing_tables(plan)
        lines += ["<!-- lasttest:server -->", *server, "<!-- /lasttest:server -->", ""]
        lines += ["<!-- lasttest:noder -->", *nodes, "<!-- /lasttest:noder -->", ""]
    return "\n".join(lines)
