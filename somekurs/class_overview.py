"""The class overview (klasseoversikt): what a class found hard, from the answers participants chose to hand in.

How the answers get here: in the workbook a participant runs ``lever()`` (``somekurs.handin``). It
shows them what they hand in, and on confirmation writes a CSV for this overview and a readable
Markdown page, named after their nickname, the date and their random code. On a hub the two files
are copied into the hand-in folder the instructor collects from (``SOMEKURS_HANDIN_DIR``); on one's
own machine the participant sends them. :func:`collect` reads a whole folder in one call.

Why it is built this way:
- **Nothing in a hand-in is trusted.** Every answer is judged again here with ``evaluate()`` from
  the exercise data; the hand-in's own ``correct`` column is never read (B11). An answer to an
  exercise that is not in the data, or to an older version of it (another fingerprint), is left
  out of every table the same way and listed by :func:`left_out` (B12). Any answer shape is
  handled (B08). One malformed, huge or deeply nested file is reported by name, in Norwegian,
  and the other files are read (B07).
- **Participants are told apart by their random code,** never by nickname: two «Kari» are two
  participants, and no crafted nickname or time stamp can replace another's answers (B10). An
  export from before codes existed is its own participant per file. The same participant handing
  in twice counts once, with their latest hand-in, and the overview says so.
- **Free text only where the participant agreed** (column ``shared`` = «ja»); free texts are
  shown without names.
- **No text from a hand-in or the data reaches matplotlib's math parser** (``$`` is escaped, B09).
- Pure functions on data frames, so the instructor's notebook has one-line cells and the counting
  is unit-tested (tests/test_class_overview.py). File names are shown only in the report of files
  that could not be read (an instructor may have named a file after a person).
"""

from __future__ import annotations

import csv
import io
import json
import os
import stat
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from html import escape
from pathlib import Path
from typing import Any

import pandas as pd

from somekurs import DATA_DIR, norwegian
from somekurs.exercises import registry
from somekurs.exercises.model import fingerprint
from somekurs.exercises.progress import TOKEN, local_time, oslo, unguard_cell
from somekurs.palette import OKABE_ITO

# The export's columns (somekurs.exercises.progress.CSV_COLUMNS); kept here too, and checked
# against it in the tests, so a change to the export cannot pass unnoticed.
EXPORT_COLUMNS = [
    "exercise_id",
    "theme",
    "kind",
    "answer",
    "correct",
    "saved_at",
    "pseudonym",
    "exercise_version",
    "participant",
    "group",
    "shared",
    "handed_in_at",
]
# Exports written before answers carried the exercise's fingerprint (still read), and before hand-ins.
OLD_EXPORT_COLUMNS = EXPORT_COLUMNS[:7]
FINGERPRINT_EXPORT_COLUMNS = EXPORT_COLUMNS[:8]
REQUIRED = set(OLD_EXPORT_COLUMNS)

ANSWER_COLUMNS = [
    "deltaker",
    "deltaker_id",
    "kallenavn",
    "gruppe",
    "oppgave",
    "tema",
    "type",
    "svar",
    "delt",
    "riktig",
    "status",
    "lagret",
    "dag",
    "versjon",
]
NO_NICKNAME = "uten-kallenavn-{n}"
DEMO_DIR = DATA_DIR / "demo-handins"  # constructed hand-ins for the book and the tests

# What became of each answer (the column «status»). Only «vurdert» answers count as right or wrong.
JUDGED = "vurdert"
NO_KEY = "uten fasit"
NOT_SHARED = "tekst ikke delt"
UNREADABLE = "kan ikke vurderes"
OLDER = "eldre versjon"
UNKNOWN = "ukjent oppgave"
ANSWERED = {JUDGED, NO_KEY, NOT_SHARED}  # answers to the current version: they count as done
LEFT_OUT = {UNREADABLE, OLDER, UNKNOWN}

# Limits far above any real hand-in (a course has about a hundred exercises; one typed text is at
# most 20 000 characters), so a crafted file is refused instead of stalling the instructor's kernel.
MAX_FILE_BYTES = 5_000_000
MAX_ROWS = 2_000
MAX_FILES = 5_000
MAX_DEPTH = 20  # nesting of one answer; the deepest real answer is 3 levels
MAX_FOLDER_DEPTH = 3  # subfolders (one per group) below the hand-in folder


class HandinError(ValueError):
    """A hand-in file could not be read; the message is Norwegian and names the file."""


# --- reading one file ----------------------------------------------------------------------------
def unguard(text: str) -> str:
    """Take off the ``'`` the export puts before a cell that a spreadsheet would run (see progress.guard_cell)."""
    return unguard_cell(text)


def _depth_ok(value: Any) -> bool:
    todo = [(value, 0)]
    seen = 0
    while todo:
        item, depth = todo.pop()
        seen += 1
        if depth > MAX_DEPTH or seen > 100_000:
            return False
        if isinstance(item, dict):
            todo.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            todo.extend((v, depth + 1) for v in item)
    return True


def parse_answer(text: str, strict: bool = False) -> tuple[Any, bool]:
    """The answer as the engine stored it, and whether it could be read.

    Exports since 2026-12 (``strict``) hold every answer as JSON, so text comes back exactly as typed
    («42» stays text). Older exports held typed text as it was; it is read as text when it is not JSON.
    Too deep, too large numbers or other damage gives ``(None, False)``, never an exception.
    """
    try:
        value = json.loads(text)
    except (ValueError, RecursionError, TypeError):  # JSONDecodeError, «Exceeds the limit (4300 digits)»
        return (None, False) if strict else (text, True)
    if isinstance(value, float) and value != value or value in (float("inf"), float("-inf")):
        return None, False
    if not _depth_ok(value):
        return None, False
    return value, True


def _decode(data: bytes, label: str) -> str:
    for encoding in ("utf-8-sig", "cp1252"):  # cp1252: a file someone opened and saved in Excel
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" in text:
            break
        return text
    raise HandinError(f"{label} kan ikke leses: fila er ikke en tekstfil (ikke lagret som UTF-8).")


def _read_bytes(source: str | Path | io.TextIOBase, label: str) -> str:
    if hasattr(source, "read"):
        try:
            text = source.read(MAX_FILE_BYTES + 1)
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            raise HandinError(f"Kunne ikke lese innleveringen {label}.") from exc
        if len(text) > MAX_FILE_BYTES:
            raise HandinError(
                f"{label} er større enn {MAX_FILE_BYTES // 1_000_000} MB og er ikke en innlevering fra arbeidsboka."
            )
        return text if isinstance(text, str) else _decode(text, label)
    path = Path(source)
    try:
        info = os.lstat(path)
        if stat.S_ISLNK(info.st_mode):
            raise HandinError(f"{label} er en snarvei (symbolsk lenke) og er ikke lest.")
        if not stat.S_ISREG(info.st_mode):
            raise HandinError(f"{label} er ikke en vanlig fil og er ikke lest.")
        if info.st_size > MAX_FILE_BYTES:
            raise HandinError(
                f"{label} er større enn {MAX_FILE_BYTES // 1_000_000} MB og er ikke en innlevering fra arbeidsboka."
            )
        with open(path, "rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except PermissionError as exc:
        raise HandinError(f"Du har ikke lov til å lese {label}. Sjekk tilgangen til innleveringsmappen.") from exc
    except OSError as exc:
        raise HandinError(f"Kunne ikke lese innleveringen {label}.") from exc
    return _decode(data, label)


def _rows(text: str, label: str) -> list[list[str]]:
    text = text.lstrip("\ufeff")
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","  # Norwegian Excel saves with «;»
    try:
        rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    except csv.Error as exc:  # a field longer than the csv module allows, an unterminated quote …
        raise HandinError(f"{label} kan ikke leses som regneark: et felt er for langt eller ødelagt.") from exc
    if len(rows) > MAX_ROWS + 1:
        raise HandinError(f"{label} har {len(rows) - 1} linjer; en innlevering har én linje per oppgave (høyst {MAX_ROWS}).")
    return rows


def _verdict(text: str) -> bool | None:
    return {"ja": True, "nei": False}.get(text.strip().lower())


def _day(saved_at: str) -> str:
    """The day (in Norwegian time) an answer was saved, as YYYY-MM-DD ('' if the stamp cannot be read)."""
    try:
        moment = datetime.fromisoformat(saved_at.strip())
    except ValueError:
        return ""
    if moment.tzinfo is not None:
        moment = moment.astimezone(oslo())
    return moment.date().isoformat()


def _moment(text: str) -> float:
    """A time stamp as a number for ordering; an unreadable one sorts first."""
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        return float("-inf")
    return moment.timestamp() if moment.tzinfo is not None else moment.replace(tzinfo=oslo()).timestamp()


def _empty_answers() -> pd.DataFrame:
    frame = pd.DataFrame(columns=ANSWER_COLUMNS)
    frame["riktig"] = frame["riktig"].astype("boolean")
    return frame


def _records(source: str | Path | io.TextIOBase, label: str) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """The rows of one export as plain records (not judged), and what the file says about itself."""
    rows = _rows(_read_bytes(source, label), label)
    header = [c.strip() for c in rows[0]] if rows else []
    if not REQUIRED <= set(header) or len(set(header)) != len(header):
        raise HandinError(f"{label} er ikke en eksport fra arbeidsboka (første linje skal være {','.join(EXPORT_COLUMNS)}).")
    strict = "participant" in header  # hand-ins since 2026-12: every answer is JSON
    records = []
    meta = {"handed_in_at": "", "unreadable": ""}
    unreadable = 0
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            raise HandinError(f"{label}, linje {number}: har {len(row)} felt, ikke {len(header)}.")
        item = dict(zip(header, row, strict=True))
        answer, readable = parse_answer(unguard(item["answer"]), strict=strict)
        unreadable += not readable
        token = unguard(item.get("participant", "")).strip()
        handed_in = unguard(item.get("handed_in_at", "")).strip()
        meta["handed_in_at"] = max(meta["handed_in_at"], handed_in, key=_moment) if handed_in else meta["handed_in_at"]
        saved = unguard(item["saved_at"]).strip()
        records.append(
            {
                "kallenavn": " ".join(unguard(item["pseudonym"]).split())[:80],
                "kode": token if TOKEN.match(token) else "",
                "gruppe": " ".join(unguard(item.get("group", "")).split())[:80],
                "oppgave": unguard(item["exercise_id"]).strip(),
                "tema": unguard(item["theme"]).strip(),
                "type": unguard(item["kind"]).strip(),
                "svar": answer if readable else None,
                "delt": _verdict(item.get("shared", "")),
                "lagret": saved,
                "dag": _day(saved),
                "versjon": unguard(item.get("exercise_version", "")).strip(),
            }
        )
    meta["unreadable"] = str(unreadable) if unreadable else ""
    return records, meta


def read_handin(
    source: str | Path | io.TextIOBase, fallback_name: str = "", *, exercises: Mapping[str, Any] | None = None
) -> pd.DataFrame:
    """One participant's export as rows of :data:`ANSWER_COLUMNS`, judged against the course's exercises.

    ``fallback_name`` is used when the participant chose no nickname; pass a neutral label, not the
    file name. Raises :class:`HandinError` (Norwegian, naming the file) for anything it cannot read.
    """
    if isinstance(source, str | Path):
        label = Path(source).name
    else:
        label = Path(str(getattr(source, "name", "") or "innleveringen")).name
    records, _ = _records(source, label)
    for record in records:
        record["deltaker_id"] = f"kode:{record['kode']}" if record["kode"] else f"fil-1/{record['kallenavn']}"
        record["deltaker"] = record["kallenavn"] or fallback_name or NO_NICKNAME.format(n=1)
    frame = _frame(records)
    return judge(frame, exercises)


def _frame(records: list[dict[str, Any]]) -> pd.DataFrame:
    if not records:
        return _empty_answers()
    frame = pd.DataFrame.from_records(records)
    frame["riktig"] = pd.NA
    frame["status"] = ""
    frame = frame.reindex(columns=ANSWER_COLUMNS)
    frame["riktig"] = frame["riktig"].astype("boolean")
    return frame


# --- judging -------------------------------------------------------------------------------------
def course_exercises() -> dict[str, dict[str, Any]]:
    """The course's exercises by id (the options and keys that wrong answers are named from)."""
    from somekurs.exercises.model import load_exercises

    return load_exercises()[0]


def titles(exercises: Mapping[str, Mapping[str, Any]]) -> dict[str, str]:
    return {key: str(exercise.get("title", key)) for key, exercise in exercises.items()}


def _answer_key(answer: Any) -> str:
    try:
        return json.dumps(answer, sort_keys=True, ensure_ascii=False, default=str)
    except (TypeError, ValueError, RecursionError):
        return repr(answer)


def judge(answers: pd.DataFrame, exercises: Mapping[str, Any] | None = None) -> pd.DataFrame:
    """Judge every answer again from the exercise data (never the hand-in's own verdict).

    Sets «riktig» and «status» (see :data:`JUDGED` …), and takes theme and kind from the data. An
    answer to an unknown exercise, to another version of it (its fingerprint differs), or one that
    cannot be judged is marked so, and every table leaves it out the same way.
    """
    from somekurs.exercises.evaluate import evaluate

    exercises = course_exercises() if exercises is None else exercises
    answers = answers.copy()
    if answers.empty:
        return answers.reindex(columns=ANSWER_COLUMNS)
    current: dict[str, str] = {}
    memo: dict[tuple[str, str], bool | None | str] = {}
    right: list[Any] = []
    status: list[str] = []
    themes: list[str] = []
    kinds: list[str] = []
    for row in answers.itertuples(index=False):
        exercise = exercises.get(row.oppgave) if isinstance(row.oppgave, str) else None
        if not isinstance(exercise, Mapping) or "kind" not in exercise:
            right.append(pd.NA)
            status.append(UNKNOWN)
            themes.append(str(row.tema))
            kinds.append(str(row.type))
            continue
        themes.append(str(exercise.get("theme", "")))
        kinds.append(str(exercise["kind"]))
        if row.oppgave not in current:
            current[row.oppgave] = fingerprint(dict(exercise))
        version = row.versjon if isinstance(row.versjon, str) else ""
        if version and version != current[row.oppgave]:
            right.append(pd.NA)
            status.append(OLDER)
            continue
        key = (row.oppgave, _answer_key(row.svar))
        if key not in memo:
            try:
                feedback = evaluate(dict(exercise), row.svar)
                memo[key] = "ask" if feedback.needs_input else feedback.correct
            except Exception:  # noqa: BLE001 - evaluate never raises; if a kind does, the answer is unreadable
                memo[key] = "ask"
        verdict = memo[key]
        if verdict == "ask":
            right.append(pd.NA)
            status.append(NOT_SHARED if _flag(row.delt) is False else UNREADABLE)
        elif verdict is None:
            right.append(pd.NA)
            status.append(NO_KEY)
        else:
            right.append(bool(verdict))
            status.append(JUDGED)
    answers["riktig"] = pd.array(right, dtype="boolean")
    answers["status"] = status
    answers["tema"] = themes
    answers["type"] = kinds
    return answers.reindex(columns=ANSWER_COLUMNS)


def _flag(value: Any) -> bool | None:
    """A True/False/None cell as a bool or None (pandas may hand over numpy booleans or NA)."""
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    return bool(value)


def _judged(answers: pd.DataFrame, exercises: Mapping[str, Any] | None = None) -> pd.DataFrame:
    """The answers, judged if they are not yet (a frame from an older notebook)."""
    if answers.empty:
        return answers.reindex(columns=ANSWER_COLUMNS)
    if "status" not in answers or (answers["status"].fillna("") == "").all():
        return judge(answers.reindex(columns=ANSWER_COLUMNS), exercises)
    return answers


# --- reading a folder ----------------------------------------------------------------------------
@dataclass
class Handins:
    """Everything read from one hand-in folder: the answers, and what could not be read or was doubled."""

    folder: str
    answers: pd.DataFrame
    files: int = 0
    problems: list[tuple[str, str]] = field(default_factory=list)  # (file, what is wrong), not read
    notes: list[str] = field(default_factory=list)  # doubled nicknames, repeated hand-ins
    constructed: bool = False

    def report(self) -> pd.DataFrame:
        """The files that were not read, and why; then what the overview noticed (one row each)."""
        rows = [(name, message) for name, message in self.problems] + [("", note) for note in self.notes]
        return pd.DataFrame(rows, columns=["fil", "melding"])

    def _repr_html_(self) -> str:
        people = self.answers["deltaker_id"].nunique() if not self.answers.empty else 0
        parts = []
        if self.constructed:
            parts.append(
                "<p><strong>Dette er de konstruerte eksempel-innleveringene.</strong> Ingen virkelige deltakere står bak dem.</p>"
            )
        parts.append(
            f"<p>Lest {self.files} {'fil' if self.files == 1 else 'filer'} fra mappen {escape(self.folder)}: "
            f"svar fra {people} {'deltaker' if people == 1 else 'deltakere'}.</p>"
        )
        if self.problems:
            items = "".join(f"<li>{escape(message)}</li>" for _, message in self.problems)
            parts.append(f"<p>Disse filene kunne ikke leses, og er ikke med:</p><ul>{items}</ul>")
        if self.notes:
            parts.append("<ul>" + "".join(f"<li>{escape(note)}</li>" for note in self.notes) + "</ul>")
        return '<div lang="nb">' + "".join(parts) + "</div>"

    def __repr__(self) -> str:
        lines = ["Dette er de konstruerte eksempel-innleveringene."] if self.constructed else []
        lines.append(f"Lest {self.files} {'fil' if self.files == 1 else 'filer'} fra {self.folder}.")
        lines += [message for _, message in self.problems] + self.notes
        return "\n".join(lines)


def _csv_files(root: Path) -> tuple[list[tuple[Path, str]], list[tuple[str, str]]]:
    """The ``*.csv`` files under the folder (and its subfolders, one per group), with the subfolder
    each sits in; symbolic links are not followed."""
    found: list[tuple[Path, str]] = []
    problems: list[tuple[str, str]] = []
    for current, folders, names in os.walk(root, followlinks=False, onerror=None):
        depth = len(Path(current).relative_to(root).parts)
        folders[:] = sorted(f for f in folders if not f.startswith(".")) if depth < MAX_FOLDER_DEPTH else []
        for name in sorted(names):
            if name.lower().endswith(".csv"):
                path = Path(current) / name
                found.append((path, Path(current).relative_to(root).parts[0] if depth else ""))
        if len(found) > MAX_FILES:
            problems.append(("", f"Mappen har mer enn {MAX_FILES} regnearkfiler; bare de første {MAX_FILES} er lest."))
            return found[:MAX_FILES], problems
    return found, problems


def default_folder() -> Path:
    """The hub's hand-in folder ($SOMEKURS_HANDIN_DIR) when there is one, else the constructed demo hand-ins."""
    value = os.environ.get("SOMEKURS_HANDIN_DIR", "").strip()
    folder = Path(value).expanduser() if value else None
    return folder if folder is not None and folder.is_dir() else DEMO_DIR


def _shown(root: Path) -> str:
    """The folder as the instructor should read it: inside the course, relative to it (the same on every machine)."""
    from somekurs import PROJECT_ROOT

    try:
        return str(root.resolve().relative_to(PROJECT_ROOT))
    except (ValueError, OSError):
        return str(root)


def collect(folder: str | Path | None = None, exercises: Mapping[str, Any] | None = None) -> Handins:
    """Read every hand-in in a folder (and its subfolders) in one go; never stops at a bad file.

    A file that cannot be read is reported by name, in Norwegian, and the others are read. Each
    participant is one code; the same code in several files is one participant handing in again
    (their latest hand-in counts, and the report says so); the same nickname on different codes is
    two participants, shown with the first letters of their code. A hand-in in a subfolder belongs
    to the group named by the subfolder; otherwise to the group the participant typed.
    """
    root = Path(folder) if folder is not None else DEMO_DIR
    shown = _shown(root)
    constructed = root.resolve() == DEMO_DIR.resolve() if root.exists() else False
    if not root.is_dir():
        return Handins(
            shown, _empty_answers(), 0, [(shown, f"Fant ikke mappen {shown}. Sjekk navnet på mappen med innleveringene.")]
        )
    try:
        files, problems = _csv_files(root)
    except OSError:
        return Handins(shown, _empty_answers(), 0, [(shown, f"Kunne ikke se hva som ligger i mappen {shown}. Sjekk tilgangen.")])
    if not files:
        problems.append((shown, f"Fant ingen innleveringer (*.csv) i {shown}."))
    exercises = course_exercises() if exercises is None else exercises
    read: list[tuple[str, str, list[dict[str, Any]], dict[str, str]]] = []
    notes: list[str] = []
    for path, subfolder in files:
        name = str(path.relative_to(root))
        try:
            records, meta = _records(path, name)
        except HandinError as exc:
            problems.append((name, str(exc)))
            continue
        except Exception as exc:  # noqa: BLE001 - one strange file never stops the overview
            problems.append((name, f"{name} kunne ikke leses ({type(exc).__name__}). Filen er ikke med."))
            continue
        read.append((name, subfolder, records, meta))
        if meta.get("unreadable"):
            count = int(meta["unreadable"])
            notes.append(
                f"{name}: {count} svar kunne ikke leses (ødelagt, for dypt nøstet eller et for "
                "langt tall) og telles ikke. Resten av fila er lest."
            )
    records, more = _identify(read)
    notes += more
    answers = judge(_frame(records), exercises)
    return Handins(shown, answers, len(read), problems, notes, constructed)


def _identify(read: list[tuple[str, str, list[dict[str, Any]], dict[str, str]]]) -> tuple[list[dict[str, Any]], list[str]]:
    """Give every row its participant (by code, else by file) and label; keep each participant's latest hand-in."""
    notes: list[str] = []
    by_key: dict[str, list[tuple[str, str, list[dict[str, Any]], dict[str, str]]]] = {}
    for name, subfolder, records, meta in read:
        groups: dict[str, list[dict[str, Any]]] = {}
        for record in records:
            key = f"kode:{record['kode']}" if record["kode"] else f"fil:{name}/{record['kallenavn']}"
            groups.setdefault(key, []).append(record)
        for key, rows in groups.items():
            by_key.setdefault(key, []).append((name, subfolder, rows, meta))
    chosen: dict[str, tuple[str, str, list[dict[str, Any]]]] = {}
    for key, handins in by_key.items():
        latest = max(
            handins,
            key=lambda h: (_moment(h[3]["handed_in_at"]), max((_moment(r["lagret"]) for r in h[2]), default=float("-inf")), h[0]),
        )
        chosen[key] = (latest[0], latest[1], latest[2])
        if len(handins) > 1:
            nickname = latest[2][0]["kallenavn"] or "uten kallenavn"
            notes.append(
                f"«{nickname}» har levert {len(handins)} ganger ({norwegian.join(sorted(h[0] for h in handins))}). "
                "Den siste innleveringen er brukt."
            )
    # labels: the nickname; none → «uten-kallenavn-N»; the same label for several participants → code's first letters
    labels: dict[str, str] = {}
    unnamed = 0
    for key in sorted(chosen, key=lambda k: chosen[k][0]):
        nickname = chosen[key][2][0]["kallenavn"]
        if not nickname:
            unnamed += 1
        labels[key] = nickname or NO_NICKNAME.format(n=unnamed)
    by_label: dict[str, list[str]] = {}
    for key, label in labels.items():
        by_label.setdefault(label.casefold(), []).append(key)
    for keys in by_label.values():
        if len(keys) < 2:
            continue
        base = labels[keys[0]]
        codes = [k[5:9] for k in keys if k.startswith("kode:")]
        width = 4 if len(set(codes)) == len(codes) else 8  # the first four letters, unless two codes share them
        for n, key in enumerate(sorted(keys, key=lambda k: chosen[k][0]), start=1):
            labels[key] = f"{labels[key]} ({key[5 : 5 + width]})" if key.startswith("kode:") else f"{labels[key]} (fil {n})"
        notes.append(
            f"Kallenavnet «{base}» er brukt av {len(keys)} ulike deltakere. De er ikke slått sammen, og står som "
            f"{norwegian.join(sorted('«' + labels[k] + '»' for k in keys))}."
        )
    # the id in the table: the code, or a neutral number for an old export (never the file's name)
    public = {key: key for key in chosen if key.startswith("kode:")}
    public.update({key: f"fil-{n}" for n, key in enumerate(sorted(k for k in chosen if k not in public), start=1)})
    out: list[dict[str, Any]] = []
    for key, (_name, subfolder, rows) in chosen.items():
        latest_rows: dict[str, dict[str, Any]] = {}
        for record in rows:  # a crafted file may hold one exercise twice: the latest saved counts
            before = latest_rows.get(record["oppgave"])
            if before is None or _moment(record["lagret"]) >= _moment(before["lagret"]):
                latest_rows[record["oppgave"]] = record
        for record in latest_rows.values():
            out.append({**record, "deltaker": labels[key], "deltaker_id": public[key], "gruppe": subfolder or record["gruppe"]})
    out.sort(key=lambda r: (norwegian.sort_key(r["deltaker"]), r["oppgave"]))
    return out, notes


def read_handins(folder: str | Path) -> pd.DataFrame:
    """Every hand-in in a folder as one table (see :func:`collect`, which also reports what it left out).

    Raises :class:`HandinError` only when nothing at all could be read."""
    handins = collect(folder)
    if handins.files == 0:
        raise HandinError(handins.problems[-1][1] if handins.problems else f"Fant ingen innleveringer (*.csv) i {folder}.")
    return handins.answers


def combine(frames: Iterable[pd.DataFrame]) -> pd.DataFrame:
    """Put read hand-ins together: one row per participant (by code or file) and exercise, the latest answer."""
    kept = [f for f in frames if not f.empty]
    if not kept:
        return _empty_answers()
    answers = pd.concat(kept, ignore_index=True)
    order = answers["lagret"].map(lambda t: _moment(str(t)))
    answers = answers.assign(_t=order).sort_values(["deltaker_id", "oppgave", "_t"], kind="stable")
    answers = answers.drop_duplicates(["deltaker_id", "oppgave"], keep="last").drop(columns="_t")
    return answers.reset_index(drop=True)


# --- choosing ------------------------------------------------------------------------------------
def days(answers: pd.DataFrame) -> list[str]:
    """The days (Norwegian time) on which answers were saved."""
    return sorted(d for d in answers.get("dag", pd.Series(dtype=str)).dropna().unique() if d)


def groups(answers: pd.DataFrame) -> list[str]:
    """The groups participants typed, or the subfolders their hand-ins sit in."""
    return sorted((g for g in answers.get("gruppe", pd.Series(dtype=str)).dropna().unique() if g), key=norwegian.sort_key)


def select(
    answers: pd.DataFrame, day: str | Iterable[str] | None = None, group: str | Iterable[str] | None = None
) -> pd.DataFrame:
    """Only the answers saved on a day (``"2026-12-02"``, Norwegian time) and/or from a group."""
    chosen = answers
    if day is not None:
        wanted = {str(day)} if isinstance(day, str) or not isinstance(day, Iterable) else {str(d) for d in day}
        chosen = chosen[chosen["dag"].isin(wanted)]
    if group is not None:
        names = [group] if isinstance(group, str) else list(group)
        wanted = {str(g).casefold() for g in names}
        chosen = chosen[chosen["gruppe"].fillna("").map(lambda g: g.casefold() in wanted)]
    return chosen.reset_index(drop=True)


# --- the tables ----------------------------------------------------------------------------------
def kind_title(kind: str) -> str:
    found = registry.get(kind)
    return found.title_in() if found is not None else kind


def hardest(answers: pd.DataFrame, titles: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Share of correct answers per exercise, hardest first.

    Only answers judged here count (status «vurdert»): not an unknown exercise, an older version,
    an answer that cannot be judged or a text that was not shared. Ties keep a fixed order
    (exercise id), so the table is the same on every run.
    """
    titles = titles or {}
    answers = _judged(answers)
    columns = ["oppgave", "tittel", "type", "tema", "svar", "riktige", "andel_riktig"]
    judged = answers[answers["status"] == JUDGED]
    if judged.empty:
        return pd.DataFrame(columns=columns)
    table = judged.groupby("oppgave", sort=True).agg(
        type=("type", "first"), tema=("tema", "first"), svar=("riktig", "size"), riktige=("riktig", "sum")
    )
    table["riktige"] = table["riktige"].astype(int)
    table["andel_riktig"] = (table["riktige"] / table["svar"]).round(2)
    table["type"] = table["type"].map(kind_title)
    table = table.reset_index()
    table.insert(1, "tittel", [titles.get(key, key) for key in table["oppgave"]])
    return table.sort_values(["andel_riktig", "oppgave"], kind="stable").reset_index(drop=True)[columns]


def wrong_picks(exercise: Mapping[str, Any], answer: Any) -> list[str]:
    """What a participant picked that the key says is wrong, in words the instructor can discuss: a wrong
    option, an item in the wrong category, the step where a decision path went wrong, a poor choice in
    a scenario, an event at the wrong place, an inbox action that does not handle a message, a rule a
    text breaks. Any answer shape is safe (B08): what a kind cannot read gives nothing."""
    kind = registry.get(str(exercise.get("kind")))
    if kind is None:
        return []
    try:
        picks = kind.wrong_picks(dict(exercise), answer)
    except Exception:  # noqa: BLE001 - a crafted answer must never stop the overview
        return []
    return [p for p in picks if isinstance(p, str)] if isinstance(picks, list) else []


def misconceptions(answers: pd.DataFrame, exercises: Mapping[str, Mapping[str, Any]], top: int | None = None) -> pd.DataFrame:
    """The wrong choices and paths taken most often: what to talk about in the next session.

    ``andel`` is the share of those whose answer to the exercise was judged who picked it. The same
    answers count here as in :func:`hardest` (status «vurdert»).
    """
    answers = _judged(answers, exercises)
    counts: dict[tuple[str, str], int] = {}
    answered: dict[str, int] = {}
    memo: dict[tuple[str, str], list[str]] = {}
    for row in answers[answers["status"] == JUDGED].itertuples(index=False):
        exercise = exercises.get(row.oppgave)
        if exercise is None:
            continue
        answered[row.oppgave] = answered.get(row.oppgave, 0) + 1
        key = (row.oppgave, _answer_key(row.svar))
        if key not in memo:
            memo[key] = list(dict.fromkeys(wrong_picks(exercise, row.svar)))
        for pick in memo[key]:
            counts[(row.oppgave, pick)] = counts.get((row.oppgave, pick), 0) + 1
    columns = ["oppgave", "tittel", "type", "feil_valg", "valgt_av", "andel"]
    if not counts:
        return pd.DataFrame(columns=columns)
    table = pd.DataFrame(
        [
            (
                key,
                exercises[key].get("title", key),
                kind_title(str(exercises[key].get("kind"))),
                pick,
                n,
                round(n / answered[key], 2),
            )
            for (key, pick), n in counts.items()
        ],
        columns=columns,
    )
    table = table.sort_values(
        ["valgt_av", "andel", "oppgave", "feil_valg"], ascending=[False, False, True, True], kind="stable"
    ).reset_index(drop=True)
    return FullText(table.head(top) if top else table)


PATH_KINDS = ("decision", "scenario", "timeline")


def paths(
    answers: pd.DataFrame, exercises: Mapping[str, Mapping[str, Any]], top: int | None = 10, only_wrong: bool = True
) -> pd.DataFrame:
    """The paths participants took through decision trees and scenarios, and the orders they gave a
    timeline, in words, most common first (by default only those that did not end right)."""
    answers = _judged(answers, exercises)
    columns = ["oppgave", "tittel", "type", "vei", "antall", "riktig"]
    counts: dict[tuple[str, str, bool], int] = {}
    memo: dict[tuple[str, str], str] = {}
    for row in answers[(answers["status"] == JUDGED) & answers["type"].isin(PATH_KINDS)].itertuples(index=False):
        exercise = exercises.get(row.oppgave)
        kind = registry.get(str(row.type))
        if exercise is None or kind is None or (only_wrong and bool(row.riktig)):
            continue
        key = (row.oppgave, _answer_key(row.svar))
        if key not in memo:
            try:
                memo[key] = str(kind.describe_answer(dict(exercise), row.svar))
            except Exception:  # noqa: BLE001 - see wrong_picks
                memo[key] = ""
        if memo[key]:
            counted = (row.oppgave, memo[key], bool(row.riktig))
            counts[counted] = counts.get(counted, 0) + 1
    if not counts:
        return pd.DataFrame(columns=columns)
    table = pd.DataFrame(
        [
            (key, exercises[key].get("title", key), kind_title(str(exercises[key].get("kind"))), way, n, ok)
            for (key, way, ok), n in counts.items()
        ],
        columns=columns,
    ).sort_values(["antall", "oppgave", "vei"], ascending=[False, True, True], kind="stable")
    table = table.reset_index(drop=True)
    return FullText(table.head(top) if top else table)


def by_kind(answers: pd.DataFrame, exercises: Mapping[str, Mapping[str, Any]]) -> pd.DataFrame:
    """One row per exercise kind: how many exercises the course has, how many the class answered, the
    share right, and the wrong choice most often made."""
    answers = _judged(answers, exercises)
    wrong = misconceptions(answers, exercises)
    rows = []
    for name, kind in registry.kinds().items():
        in_course = sum(1 for e in exercises.values() if e.get("kind") == name)
        of_kind = answers[answers["type"] == name]
        judged = of_kind[of_kind["status"] == JUDGED]
        common = wrong[wrong["type"] == kind.title_in()]
        rows.append(
            {
                "type": kind.title_in(),
                "oppgaver": in_course,
                "besvart": int(of_kind[of_kind["status"].isin(ANSWERED)]["oppgave"].nunique()),
                "svar": int(of_kind["status"].isin(ANSWERED).sum()),
                "andel_riktig": round(float(judged["riktig"].sum()) / len(judged), 2) if len(judged) else "",
                "vanligste_feil": _short(str(common.iloc[0]["feil_valg"]), 90) if not common.empty else "",
            }
        )
    return FullText(pd.DataFrame(rows, columns=["type", "oppgaver", "besvart", "svar", "andel_riktig", "vanligste_feil"]))


def completion(answers: pd.DataFrame, exercises: Mapping[str, Mapping[str, Any]]) -> pd.DataFrame:
    """Per participant: how many of the course's exercises they answered (current versions), and when
    they last saved. No scores: the overview is for talking about the class, not ranking people."""
    answers = _judged(answers, exercises)
    columns = ["deltaker", "gruppe", "besvart", "av", "andel", "sist_lagret"]
    if answers.empty:
        return pd.DataFrame(columns=columns)
    total = len(exercises)
    rows = []
    for _key, rows_of in answers.groupby("deltaker_id", sort=False):
        done = int(rows_of["status"].isin(ANSWERED).sum())
        last = max(rows_of["lagret"].astype(str), key=_moment)
        rows.append(
            {
                "deltaker": rows_of["deltaker"].iloc[0],
                "gruppe": str(rows_of["gruppe"].fillna("").iloc[0]),
                "besvart": done,
                "av": total,
                "andel": round(done / total, 2) if total else 0.0,
                "sist_lagret": local_time(last),
            }
        )
    table = pd.DataFrame(rows, columns=columns)
    return table.sort_values("deltaker", key=lambda s: s.map(norwegian.sort_key), kind="stable").reset_index(drop=True)


def free_texts(
    answers: pd.DataFrame, exercises: Mapping[str, Mapping[str, Any]], exercise: str | None = None, top: int | None = None
) -> pd.DataFrame:
    """The texts participants wrote and agreed to share (column ``shared`` «ja»), per exercise, without
    names; the same text handed in by several is one row (``antall``). ``exercise`` picks one exercise,
    ``top`` the first rows."""
    answers = _judged(answers, exercises)
    columns = ["oppgave", "tittel", "tekst", "antall"]
    shared = answers["delt"].map(lambda v: _flag(v) is True).astype(bool)
    chosen = answers[shared & answers["status"].isin(ANSWERED | {UNREADABLE})]
    rows = []
    for row in chosen.itertuples(index=False):
        data = exercises.get(row.oppgave)
        if data is None:
            continue
        answer = row.svar
        text = answer.get("text") if isinstance(answer, dict) else answer if isinstance(answer, str) else None
        if isinstance(text, str) and text.strip():
            rows.append((row.oppgave, str(data.get("title", row.oppgave)), text.strip()))
    if exercise is not None:
        rows = [r for r in rows if r[0] == exercise]
    counted: dict[tuple[str, str, str], int] = {}
    for found in rows:  # the same text from several participants (a model answer pasted) is one row
        counted[found] = counted.get(found, 0) + 1
    table = sorted(((*key, n) for key, n in counted.items()), key=lambda r: (r[0], -r[3], r[2]))
    return FullText(pd.DataFrame(table[:top] if top else table, columns=columns))


def left_out(answers: pd.DataFrame) -> pd.DataFrame:
    """The answers no table counts, and why: an exercise that is not in the course, an older version
    of the exercise (it changed after they answered), or an answer that cannot be judged."""
    answers = _judged(answers)
    columns = ["oppgave", "grunn", "antall"]
    rest = answers[answers["status"].isin(LEFT_OUT)]
    if rest.empty:
        return pd.DataFrame(columns=columns)
    table = rest.groupby(["oppgave", "status"], sort=True).size().reset_index(name="antall")
    return table.rename(columns={"status": "grunn"})[columns]


def class_summary(answers: pd.DataFrame) -> pd.DataFrame:
    """How many participants handed in, how many answers, how many were judged, the share right, and how many are left out."""
    answers = _judged(answers)
    judged = answers[answers["status"] == JUDGED]["riktig"]
    share = f"{(judged.sum() / len(judged)) if len(judged) else 0:.0%}".replace("%", " %")
    return pd.DataFrame(
        {
            "Hva": ["Deltakere som har levert", "Svar i alt", "Svar med fasit", "Andel riktige", "Svar som ikke telles"],
            "Verdi": [
                answers["deltaker_id"].nunique(),
                len(answers),
                len(judged),
                share,
                int(answers["status"].isin(LEFT_OUT).sum()),
            ],
        }
    )


def spreadsheet_safe(table: pd.DataFrame) -> pd.DataFrame:
    """A copy to save for a spreadsheet: a cell that starts with = + - @ gets a ``'``, so no formula runs."""
    from somekurs.exercises.progress import guard_cell

    return table.map(lambda v: guard_cell(v) if isinstance(v, str) else v)


class FullText(pd.DataFrame):
    """A table whose long texts are shown whole (pandas cuts cells at 50 characters), still escaped."""

    @property
    def _constructor(self) -> type[pd.DataFrame]:
        return pd.DataFrame

    def _repr_html_(self) -> str | None:
        with pd.option_context("display.max_colwidth", None):
            return super()._repr_html_()

    def __repr__(self) -> str:
        with pd.option_context("display.max_colwidth", 200):
            return super().__repr__()


# --- charts --------------------------------------------------------------------------------------
def _short(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def plain(text: Any) -> str:
    """Text for a chart label, shown as it is: a ``$`` would start matplotlib's math parser (B09)."""
    return str(text).replace("$", r"\$")


def plot_hardest(table: pd.DataFrame, top: int = 10) -> Any:
    """Bar chart: share correct for the hardest exercises (Norwegian labels, Okabe-Ito blue)."""
    import matplotlib.pyplot as plt

    shown = table.head(top).iloc[::-1]
    fig, ax = plt.subplots(figsize=(8, 0.45 * max(len(shown), 1) + 1.2))
    positions = list(range(len(shown)))
    ax.barh(positions, shown["andel_riktig"] * 100, color=OKABE_ITO["blue"])
    ax.set_yticks(positions, [plain(_short(str(t))) for t in shown["tittel"]])
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
    """Bar chart: how many picked each of the most common wrong choices (Okabe-Ito vermilion)."""
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    shown = table.head(top).iloc[::-1]
    fig, ax = plt.subplots(figsize=(8, 0.5 * max(len(shown), 1) + 1.2))
    positions = list(range(len(shown)))
    bars = ax.barh(positions, shown["valgt_av"], color=OKABE_ITO["vermilion"])
    ax.set_yticks(positions, [plain(_short(str(t), 70)) for t in shown["feil_valg"]])
    ax.bar_label(bars, padding=3)  # the number on each bar: no reader depends on the axis
    ax.set_xlabel("Antall deltakere som valgte dette")
    ax.set_title("De vanligste feilene", loc="left")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.spines[["top", "right"]].set_visible(False)
    fig.patch.set_facecolor("white")
    fig.tight_layout()
    plt.close(fig)  # shown once, by the cell's result
    return fig
