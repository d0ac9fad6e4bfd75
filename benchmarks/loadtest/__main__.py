"""``python -m benchmarks.loadtest``: run the load test and write its figures (``make loadtest``).

    python -m benchmarks.loadtest                      # 30 participants, the course's set-up and the default
    python -m benchmarks.loadtest --deltakere 50 --profil kurs
    python -m benchmarks.loadtest --deltakere 2 --uten-serverkutt --ikke-lagre   # a quick look
    python -m benchmarks.loadtest --bare-tabeller   # the tables again from lasttest.json, no measuring

Writes benchmarks/lasttest.json (every figure, per profile) and benchmarks/lasttest.md (the tables
the hub guide includes), unless ``--ikke-lagre``. Exits 1 when any participant failed.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from benchmarks.loadtest.hub import PROFILES, Timing
from benchmarks.loadtest.report import markdown, summarize
from benchmarks.loadtest.run import MAX_PARTICIPANTS, Settings, run

OUT_JSON = Path(__file__).resolve().parents[1] / "lasttest.json"
OUT_MD = OUT_JSON.with_suffix(".md")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.loadtest", description="Lasttest av kurset på en JupyterHub.")
    parser.add_argument("--deltakere", type=int, default=30, help=f"deltakere samtidig (1–{MAX_PARTICIPANTS}, standard 30)")
    parser.add_argument(
        "--profil", choices=[*PROFILES, "begge"], default="begge", help="kursets oppsett, standardoppsettet eller begge"
    )
    parser.add_argument("--tema", default="arkiv", help="arbeidsboka deltakerne åpner (standard arkiv)")
    parser.add_argument(
        "--spredning", type=float, default=0.0, help="sekunder innloggingene spres over (standard 0: alle på en gang)"
    )
    parser.add_argument("--maks-tid", type=float, default=1200.0, help="største tid for én profil, i sekunder (standard 1200)")
    parser.add_argument("--uten-serverkutt", action="store_true", help="ikke vent på at idle-culler stopper serverne")
    parser.add_argument("--ikke-lagre", action="store_true", help="skriv ikke benchmarks/lasttest.json og .md")
    parser.add_argument("--bare-tabeller", action="store_true", help="skriv tabellene på nytt fra lasttest.json, uten å måle")
    args = parser.parse_args(argv)
    if args.bare_tabeller:
        saved = json.loads(OUT_JSON.read_text(encoding="utf-8"))
        OUT_MD.write_text(markdown(saved["runs"], saved["measured"]), encoding="utf-8")
        print(f"Skrev {OUT_MD.name} fra {OUT_JSON.name} (målt {saved['measured']}).")
        return 0

    profiles = ["kurs", "standard"] if args.profil == "begge" else [args.profil]
    runs = {}
    for profile in profiles:
        print(f"== Profil «{profile}»: {args.deltakere} deltakere, arbeidsboka «{args.tema}»", flush=True)
        settings = Settings(
            participants=args.deltakere,
            theme=args.tema,
            profile=profile,
            spread_s=args.spredning,
            limit_s=args.maks_tid,
            cull_servers=not args.uten_serverkutt,
            timing=Timing(),
        )
        runs[profile] = summarize(run(settings, log=lambda text: print("   " + text, flush=True)))
        for failure in runs[profile]["failure_list"]:
            print(f"   FEIL {failure['deltaker']} ({failure['steg']}): {failure['feil']}", flush=True)
    measured = time.strftime("%Y-%m-%d")
    text = markdown(runs, measured)
    print(text)
    if not args.ikke_lagre:
        OUT_JSON.write_text(
            json.dumps({"measured": measured, "runs": runs}, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        OUT_MD.write_text(text, encoding="utf-8")
        print(f"Skrev {OUT_JSON.name} og {OUT_MD.name}.")
    return 1 if any(r["failures"] for r in runs.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
