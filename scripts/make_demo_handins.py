"""Write the CONSTRUCTED demo hand-ins in data/demo-handins/ (for notebooks/klasseoversikt.ipynb).

No real participant is behind these files. Made-up participants («deltaker-01» … and two who both
chose «ugle») answer real exercises of every kind in data/exercises/ with a fixed random seed, and
each answer is judged by the engine's own ``evaluate``. The files are written by the same functions
as a real hand-in (``somekurs.handin.file_stem``, ``progress.csv_from_state`` and
``progress.markdown_from_state``), so they have exactly the format ``lever()`` hands in:

- answers saved on two course days (24 and 25 November 2026) and two groups, so the overview's
  filters by day and by group show something;
- about half the participants share the texts they wrote, the others do not (their texts are not
  in their files);
- two participants chose the same nickname (two people, two codes: never merged), and one handed in
  twice (after each day: the overview counts the second).

Run again after exercises change (``make regenerate`` does): ``.venv/bin/python scripts/make_demo_handins.py``,
then re-run notebooks/klasseoversikt.ipynb and check that its alt texts still describe the charts.
"""

from __future__ import annotations

import random
import sys
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from somekurs.exercises import progress, registry  # noqa: E402
from somekurs.exercises.evaluate import evaluate  # noqa: E402
from somekurs.exercises.model import fingerprint, load_exercises  # noqa: E402
from somekurs.handin import file_stem  # noqa: E402

OUT = ROOT / "data" / "demo-handins"
SEED = 2026
DAYS = ("2026-11-24", "2026-11-25")
START = "{day}T08:30:00+00:00"  # 09.30 Norwegian time
READABLE = {"deltaker-01", "ugle"}  # whose readable page (.md) is kept too: all of them would be 1 MB
README = """# Konstruerte innleveringer

Disse innleveringene er konstruert: ingen virkelige deltakere står bak dem. De er laget med
`scripts/make_demo_handins.py` for å vise klasseoversikten (`notebooks/klasseoversikt.ipynb`).

- `lever()` i arbeidsboka lager to filer per deltaker: en tekstfil (`.md`) som deltakeren kan lese,
  og et regneark (`.csv`) som klasseoversikten leser. Her er tekstfilene med bare for «deltaker-01»
  og de to «ugle», så mappen ikke blir for stor. Oversikten leser bare regnearkene.
- Filnavnet er kallenavnet, datoen og en tilfeldig deltakerkode.
- Svarene er lagret på to kursdager, 24. og 25. november 2026, av deltakere i to grupper.
- Omtrent halvparten deler tekstene de har skrevet. Hos de andre er tekstene ikke med.
- To deltakere har valgt samme kallenavn («ugle»). De er to personer med hver sin kode.
- «deltaker-03» har levert to ganger, etter hver kursdag. Oversikten bruker den siste.
- Tekstene i svarene er kursets egne forslag og utkast, ikke noe en person har skrevet.
"""


def participants(rng: random.Random) -> list[dict[str, Any]]:
    """The made-up participants: nickname, group, code, whether they share their texts."""
    people = []
    for n in range(1, 13):
        people.append({"name": f"deltaker-{n:02d}", "group": "Gruppe A" if n <= 7 else "Gruppe B", "share": n % 2 == 1})
    people.append({"name": "ugle", "group": "Gruppe A", "share": True})
    people.append({"name": "ugle", "group": "", "share": False})
    for person in people:
        person["token"] = "".join(rng.choice(progress.TOKEN_ALPHABET) for _ in range(progress.TOKEN_LENGTH))
    return people


def main() -> None:
    exercises, _ = load_exercises()
    rng = random.Random(SEED)
    order = list(exercises.values())
    # the first half of the workbooks on day one, the rest on day two
    themes = list(dict.fromkeys(e["theme"] for e in order))
    day_of = {theme: DAYS[0] if n < len(themes) / 2 else DAYS[1] for n, theme in enumerate(themes)}
    difficulty = {e["id"]: (rng.uniform(0.05, 0.6), rng.randrange(10)) for e in order}
    OUT.mkdir(parents=True, exist_ok=True)
    for old in [*OUT.glob("*.csv"), *OUT.glob("*.md")]:
        if old.name != "README.md":
            old.unlink()
    (OUT / "README.md").write_text(README, encoding="utf-8")
    written = 0
    for person in participants(rng):
        state: dict[str, Any] = {
            "version": progress.VERSION,
            "pseudonym": person["name"],
            "group": person["group"],
            "participant": person["token"],
            "answers": {},
        }
        clock = {day: datetime.fromisoformat(START.format(day=day)) for day in DAYS}
        for exercise in order:
            if rng.random() >= 0.85:
                continue
            slip, lure = difficulty[exercise["id"]]
            answer = registry.kinds()[exercise["kind"]].demo_answer(exercise, rng, slip, lure)
            feedback = evaluate(exercise, answer)
            if feedback.needs_input:
                continue  # the workbook would have asked for more (a text too short), and saved nothing
            day = day_of[exercise["theme"]]
            clock[day] += timedelta(minutes=rng.randrange(1, 5))
            state["answers"][exercise["id"]] = {
                "answer": answer,
                "correct": feedback.correct,
                "summary": feedback.summary,
                "theme": exercise["theme"],
                "kind": exercise["kind"],
                "saved_at": clock[day].isoformat(),
                "version": fingerprint(exercise),
            }
        handins = [DAYS[1]]
        if person["name"] == "deltaker-03":
            handins = [DAYS[0], DAYS[1]]
        for day in handins:
            handed_in = f"{day}T15:00:00+00:00"
            shown = dict(state)
            shown["answers"] = {k: v for k, v in state["answers"].items() if v["saved_at"] <= handed_in}
            stem = file_stem(person["name"], handed_in, person["token"])
            csv_text = progress.csv_from_state(
                shown, share_free_text=person["share"], handed_in_at=handed_in, exercises=exercises
            )
            markdown = progress.markdown_from_state(shown, exercises, share_free_text=person["share"], handed_in_at=handed_in)
            (OUT / f"{stem}.csv").write_text("\ufeff" + csv_text, encoding="utf-8")
            if person["name"] in READABLE:  # the overview reads only the .csv; a few .md show the readable page
                (OUT / f"{stem}.md").write_text(markdown, encoding="utf-8")
            written += 1
    print(f"skrev {written} konstruerte innleveringer i {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
