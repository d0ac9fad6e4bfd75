"""The class overview (klasseoversikt): what a class found hard, from the answers participants chose to hand in.

Participants export their own answers (``eksporter()`` writes ``mine-kurssvar.csv``, the columns
of :data:`somekurs.exercises.progress.CSV_COLUMNS`) and hand the file to the instructor if they
want to. The instructor puts the files in one folder; these functions read them and count.

Why it is built this way:
- Pure functions on data frames, so the instructor notebook has one-line cells and the
  counting is unit-tested (tests/test_class_overview.py).
- Nothing here learns more about a participant than the file says: the only name is the
  nickname the participant typed (or «uten-kallenavn-N»); file names are never shown,
  because an instructor may have named a file after a person.
- A file that is not a course export stops with a Norwegian message that names the file,
  never a half-counted table.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from somekurs import DATA_DIR
from somekurs.exercises import registry
from somekurs.exercises.model import fingerprint
from somekurs.palette import OKABE_ITO

# The export's columns (somekurs.exercises.progress.CSV_COLUMNS); kept here too so reading
# hand-ins never needs the engine, and checked against it in the tests.
EXPORT_COLUMNS = ["exercise_id", "theme", "kind", "answer", "correct", "saved_at", "pseudonym", "exercise_version"]
# Exports written before answers carried the exercise's fingerprint (still read).
OLD_EXPORT_COLUMNS = EXPORT_COLUMNS[:-1]
ANSWER_COLUMNS = ["deltaker", "oppgave", "tema", "type", "svar", "riktig", "lagret", "versjon"]
NO_NICKNAME = "uten-kallenavn-{n}"
DEMO_DIR = DATA_DIR / "demo-handins"  # constructed hand-ins for the book and the tests


class HandinError(ValueError):
    """A hand-in file could not be read; the message is Norwegian and names the file."""


def unguard(text: str) -> str:
    """Take off the ``'`` the export puts before text starting with = + - @ (a spreadsheet guard)."""
    return text[1:] if text[:1] == "'" and text[1:2] in ("=", "+", "-", "@", "\t", "\r") else text


def parse_answer(text: str) -> Any:
    """The answer as the engine stored it: JSON (an option number, a list) or plain text."""
    text = unguard(text)
    try:
        return json.loads(text)
    except (json.JSONDecodeError, TypeError):
        return text


def _verdict(text: str) -> bool | None:
    return {"ja": True, "nei": False}.get(text.strip().lower())


def read_handin(source: str | Path | io.TextIOBase, fallback_name: str) -> pd.DataFrame:
    """One participant's export as rows of :data:`ANSWER_COLUMNS`.

    ``fallback_name`` is used when the participant chose no nickname; pass a neutral label,
    not the file name.
    """
    label = str(getattr(source, "name", None) or (source if isinstance(source, str | Path) else "innleveringen"))
    try:
        text = source.read() if hasattr(source, "read") else Path(source).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise HandinError(f"Kunne ikke lese innleveringen {label}: {exc}") from exc
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    header = [c.strip() for c in rows[0]] if rows else []
    if header not in (EXPORT_COLUMNS, OLD_EXPORT_COLUMNS):
        raise HandinError(f"{label} er ikke en eksport fra arbeidsboka (første linje skal være {','.join(EXPORT_COLUMNS)}).")
    records = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            raise HandinError(f"{label}, linje {number}: har {len(row)} felt, ikke {len(header)}.")
        item = dict(zip(header, row, strict=True))
        records.append(
            {
                "deltaker": unguard(item["pseudonym"]).strip() or fallback_name,
                "oppgave": item["exercise_id"],
                "tema": item["theme"],
                "type": item["kind"],
                "svar": parse_answer(item["answer"]),
                "riktig": _verdict(item["correct"]),
                "lagret": item["saved_at"],
                "versjon": item.get("exercise_version", "").strip(),
            }
        )
    frame = pd.DataFrame.from_records(records, columns=ANSWER_COLUMNS)
    frame["riktig"] = frame["riktig"].astype("boolean")
    return frame


def read_handins(folder: str | Path) -> pd.DataFrame:
    """Every ``*.csv`` hand-in in a folder, in name order; one row per participant and exercise.

    A participant who handed in twice (same nickname) counts once, with the answer saved last.
    """
    paths = sorted(Path(folder).glob("*.csv"))
    if not paths:
        raise HandinError(f"Fant ingen innleveringer (*.csv) i {folder}.")
    frames = []
    unnamed = 0
    for path in paths:
        unnamed += 1
        frames.append(read_handin(path, NO_NICKNAME.format(n=unnamed)))
    return combine(frames)


def combine(frames: Iterable[pd.DataFrame]) -> pd.DataFrame:
    """Put hand-ins together; the latest answer per participant and exercise wins."""
    frames = [f for f in frames if not f.empty]
    if not frames:
        return pd.DataFrame(columns=ANSWER_COLUMNS).astype({"riktig": "boolean"})
    answers = pd.concat(frames, ignore_index=True)
    answers = answers.sort_values(["deltaker", "oppgave", "lagret"], kind="stable")
    answers = answers.drop_duplicates(["deltaker", "oppgave"], keep="last")
    return answers.reset_index(drop=True)


def hardest(answers: pd.DataFrame, titles: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Share of correct answers per exercise, hardest first.

    Only judged answers count: a dilemma has no right or wrong, so it is left out. Ties keep
    a fixed order (exercise id), so the table is the same on every run.
    """
    titles = titles or {}
    judged = answers[answers["riktig"].notna()]
    if judged.empty:
        return pd.DataFrame(columns=["oppgave", "tittel", "tema", "svar", "riktige", "andel_riktig"])
    table = judged.groupby("oppgave", sort=True).agg(tema=("tema", "first"), svar=("riktig", "size"), riktige=("riktig", "sum"))
    table["riktige"] = table["riktige"].astype(int)
    table["andel_riktig"] = (table["riktige"] / table["svar"]).round(2)
    table = table.reset_index()
    table.insert(1, "tittel", [titles.get(key, key) for key in table["oppgave"]])
    return table.sort_values(["andel_riktig", "oppgave"], kind="stable").reset_index(drop=True)


def course_exercises() -> dict[str, dict[str, Any]]:
    """The course's exercises by id (the options and keys that wrong answers are named from)."""
    from somekurs.exercises.model import load_exercises

    return load_exercises()[0]


def titles(exercises: Mapping[str, Mapping[str, Any]]) -> dict[str, str]:
    return {key: str(exercise.get("title", key)) for key, exercise in exercises.items()}


def wrong_picks(exercise: Mapping[str, Any], answer: Any) -> list[str]:
    """What a participant picked that the key says is wrong, in words the instructor can discuss
    (each kind says it its own way: a wrong option, an item in the wrong category, a wrong step)."""
    kind = registry.get(str(exercise.get("kind")))
    return kind.wrong_picks(dict(exercise), answer) if kind is not None else []


def misconceptions(answers: pd.DataFrame, exercises: Mapping[str, Mapping[str, Any]], top: int | None = None) -> pd.DataFrame:
    """The wrong options chosen most often: what to talk about in the next session.

    ``andel`` is the share of those who answered the exercise who picked that option.
    Answers to exercises that are no longer in the data, or that were given to an older
    version of the exercise (another fingerprint: its options may have moved), are skipped
    rather than guessed at. Old exports without a fingerprint are read as the current version.
    """
    counts: dict[tuple[str, str], int] = {}
    answered: dict[str, int] = {}
    current: dict[str, str] = {}  # each exercise's fingerprint, hashed once, not once per answer
    for row in answers.itertuples(index=False):
        exercise = exercises.get(row.oppgave)
        if exercise is None:
            continue
        version = getattr(row, "versjon", "")
        if isinstance(version, str) and version:
            if row.oppgave not in current:
                current[row.oppgave] = fingerprint(dict(exercise))
            if version != current[row.oppgave]:
                continue
        answered[row.oppgave] = answered.get(row.oppgave, 0) + 1
        for pick in dict.fromkeys(wrong_picks(exercise, row.svar)):
            counts[(row.oppgave, pick)] = counts.get((row.oppgave, pick), 0) + 1
    columns = ["oppgave", "tittel", "feil_valg", "valgt_av", "andel"]
    if not counts:
        return pd.DataFrame(columns=columns)
    table = pd.DataFrame(
        [(key, exercises[key].get("title", key), pick, n, round(n / answered[key], 2)) for (key, pick), n in counts.items()],
        columns=columns,
    )
    table = table.sort_values(
        ["valgt_av", "andel", "oppgave", "feil_valg"], ascending=[False, False, True, True], kind="stable"
    ).reset_index(drop=True)
    return table.head(top) if top else table


def class_summary(answers: pd.DataFrame) -> pd.DataFrame:
    """How many participants handed in, how many answers, and the share of judged answers that were right."""
    judged = answers["riktig"].dropna()
    return pd.DataFrame(
        {
            "Hva": ["Innleveringer", "Svar i alt", "Svar med fasit", "Andel riktige"],
            "Verdi": [
                answers["deltaker"].nunique(),
                len(answers),
                len(judged),
                f"{(judged.sum() / len(judged)) if len(judged) else 0:.0%}".replace("%", " %"),
            ],
        }
    )


def _short(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def plot_hardest(table: pd.DataFrame, top: int = 10) -> Any:
    """Bar chart: share correct for the hardest exercises (Norwegian labels, Okabe-Ito blue)."""
    import matplotlib.pyplot as plt

    shown = table.head(top).iloc[::-1]
    fig, ax = plt.subplots(figsize=(8, 0.45 * max(len(shown), 1) + 1.2))
    ax.barh([_short(t) for t in shown["tittel"]], shown["andel_riktig"] * 100, color=OKABE_ITO["blue"])
    for y, (share, n) in enumerate(zip(shown["andel_riktig"], shown["svar"], strict=True)):
        ax.text(share * 100 + 1, y, f"{share:.0%} av {n}".replace("%", " %"), va="center", fontsize=9)
    ax.set_xlim(0, 110)
    ax.set_xlabel("Andel riktige svar (prosent)")
    ax.set_title("Oppgavene klassen syntes var vanskeligst", loc="left")
    ax.spines[["top", "right"]].set_visible(False)
    fig.patch.set_facecolor("white")
    fig.tight_layout()
    plt.close(fig)  # shown once, by the cell's result
    return fig


def plot_misconceptions(table: pd.DataFrame, top: int = 8) -> Any:
    """Bar chart: how many picked each of the most common wrong options (Okabe-Ito vermilion)."""
    import matplotlib.pyplot as plt

    shown = table.head(top).iloc[::-1]
    fig, ax = plt.subplots(figsize=(8, 0.5 * max(len(shown), 1) + 1.2))
    bars = ax.barh([_short(t, 70) for t in shown["feil_valg"]], shown["valgt_av"], color=OKABE_ITO["vermilion"])
    ax.bar_label(bars, padding=3)  # the number on each bar: no reader depends on the axis
    ax.set_xlabel("Antall deltakere som valgte dette")
    ax.set_title("De vanligste feilene", loc="left")
    from matplotlib.ticker import MaxNLocator

    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.spines[["top", "right"]].set_visible(False)
    fig.patch.set_facecolor("white")
    fig.tight_layout()
    plt.close(fig)  # shown once, by the cell's result
    return fig
