"""The load test's smallest class: two participants on a real hub, in well under a minute.

``make loadtest`` runs thirty (too long for ``make test``); this runs the same code with two, so a
change that breaks the journey (login, server, nbgitpuller, the workbook as an app, answering
through the kernel, handing in) or the culling the guide promises is found by the gate. What a
participant would notice: no first exercise, answers not saved, a hand-in that fails; what an
administrator would notice: kernels that live on after the page is closed, or a participant who
suddenly needs far more memory than the guide's table says.
"""

from __future__ import annotations

import time

import pytest
from benchmarks.loadtest.hub import Timing
from benchmarks.loadtest.report import summarize
from benchmarks.loadtest.run import Settings, run

pytestmark = pytest.mark.slow

BUDGET_S = 60
MAX_ACTIVE_MB = 250  # the guide plans with about 170 MB; far above it means a second kernel or a leak


def test_two_participants_work_and_are_culled() -> None:
    started = time.monotonic()
    timing = Timing(kernel_idle_s=5, kernel_every_s=2, start_timeout_s=60)
    figures = summarize(run(Settings(participants=2, cull_servers=False, limit_s=BUDGET_S, timing=timing), log=lambda _: None))
    elapsed = time.monotonic() - started
    assert figures["failures"] == 0, figures["failure_list"]
    assert figures["times_s"]["first_exercise"], "ingen deltaker så den første oppgaven"
    assert figures["exercises_checked"]["median"] >= 5, "oppgavene ble ikke besvart gjennom kjernen"
    active = figures["memory_mb"]["active"]
    assert active["kernels_max"] == 1, "én kjerne per deltaker med arbeidsboka åpen som app"
    assert active["pss"]["max"] < MAX_ACTIVE_MB, f"en deltaker brukte {active['pss']['max']} MB"
    assert figures["memory_mb"]["idle_after"]["kernels_max"] == 0, "kjernen levde videre etter at siden ble lukket"
    assert figures["kernels_culled_s"] is not None
    if figures["handin"] != "hoppet over":
        assert figures["handin"] == 2 and figures["handin_files"] == 2, "begge skal ha levert i innleveringsmappen"
    assert elapsed < BUDGET_S + 30, f"røyktesten tok {elapsed:.0f} s"
