"""Write the CONSTRUCTED demo hand-ins in data/demo-handins/ (for notebooks/klasseoversikt.ipynb).

No real participant is behind these files: twelve made-up nicknames («deltaker-01» …) answer
real exercises from data/exercises/ with a fixed random seed, and each answer is judged by the
engine's own ``evaluate`` so «riktig» matches what the workbook would have said. The files have
the export's format (somekurs.exercises.progress.export_csv, UTF-8 with BOM, as ``eksporter()``
writes). Run again after exercises change: ``.venv/bin/python scripts/make_demo_handins.py``,
then re-run notebooks/klasseoversikt.ipynb and check that its alt texts still describe the charts.
"""

from __future__ import annotations

import csv
import io
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from somekurs.exercises import registry  # noqa: E402
from somekurs.exercises.evaluate import evaluate  # noqa: E402
from somekurs.exercises.model import fingerprint, load_exercises  # noqa: E402
from somekurs.exercises.progress import CSV_COLUMNS  # noqa: E402

OUT = ROOT / "data" / "demo-handins"
PARTICIPANTS = 12
SEED = 2026
KINDS = ("choice", "sort", "checklist")
SAVED_AT = "2026-11-25T10:{minute:02d}:00+00:00"


def main() -> None:
    exercises, _ = load_exercises()
    chosen = [e for e in exercises.values() if e["kind"] in KINDS]
    rng = random.Random(SEED)
    difficulty = {e["id"]: (rng.uniform(0.05, 0.65), rng.randrange(10)) for e in chosen}
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("deltaker-*.csv"):
        old.unlink()
    for n in range(1, PARTICIPANTS + 1):
        nickname = f"deltaker-{n:02d}"
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(CSV_COLUMNS)
        for minute, exercise in enumerate(e for e in chosen if rng.random() < 0.8):
            slip, lure = difficulty[exercise["id"]]
            answer = registry.kinds()[exercise["kind"]].demo_answer(exercise, rng, slip, lure)
            verdict = evaluate(exercise, answer).correct
            writer.writerow(
                [
                    exercise["id"],
                    exercise["theme"],
                    exercise["kind"],
                    json.dumps(answer, ensure_ascii=False),
                    "" if verdict is None else ("ja" if verdict else "nei"),
                    SAVED_AT.format(minute=minute % 60),
                    nickname,
                    fingerprint(exercise),
                ]
            )
        (OUT / f"{nickname}.csv").write_text(out.getvalue(), encoding="utf-8-sig")
    print(f"skrev {PARTICIPANTS} konstruerte innleveringer i {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
