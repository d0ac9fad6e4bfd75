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
  handled (B08). One malformed, huge or deeply nested file is reported by name, in the overview's
  standard, and the other files are read (B07).
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
- **Both written standards.** Every function that says something takes ``lang`` (``"nb"``, the
  default, or ``"nn"`` in the nynorsk twin of the notebook), as the case-study tables do: the words
  come from the section ``class_overview`` of ``data/texts/<lang>.yaml``, the exercises' titles and
  options from that standard's exercises (an nn exercise has its bokmål twin's fingerprint, so the
  same hand-ins count the same). The tables are computed with English column keys and get the
  reader's headers only at the end (:func:`shown`), so a translation never changes which column a
  number comes from. The hand-in file's columns and the answers table (:data:`ANSWER_COLUMNS`, its
  status codes) are data, not reader text, and are the same in both.
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

from somekurs import DATA_DIR, editions, norwegian, texts
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
DEMO_DIR = DATA_DIR / "demo-handins"  # constructed hand-ins for the book and the tests

# What became of each answer (the column «status»: codes in the data, never shown as they are; the
# reasons an answer is left out are shown in the reader's words, see :func:`left_out`). Only
# «vurdert» answers count as right or wrong.
JUDGED = "vurdert"
NO_KEY = "uten fasit"
NOT_SHARED = "tekst ikke delt"
UNREADABLE = "kan ikke vurderes"
OLDER = "eldre versjon"
UNKNOWN = "ukjent oppgave"
ANSWERED = {JUDGED, NO_KEY, NOT_SHARED}  # answers to the current version: they count as done
LEFT_OUT = {UNREADABLE, OLDER, UNKNOWN}
REASONS = {UNREADABLE: "status_unreadable", OLDER: "status_older", UNKNOWN: "status_unknown"}
SECTION = "class_overview"  # the overview's words in data/texts/<lang>.yaml

# Limits far above any real hand-in (a course has about a hundred exercises; one typed text is at
# most 20 000 characters), so a crafted file is refused instead of stalling the instructor's kernel.
MAX_FILE_BYTES = 5_000_000
MAX_ROWS = 2_000
MAX_FILES = 5_000
MAX_DEPTH = 20  # nesting of one answer; the deepest real answer is 3 levels
MAX_FOLDER_DEPTH = 3  # subfolders (one per group) below the hand-in folder


class HandinError(ValueError):
    """A hand-in file could not be read; the message is in the overview's standard and names the file."""


def say(key: str, lang: str = "nb", /, **values: Any) -> str:
    """One of the overview's sentences in the standard ``lang``, placeholders filled."""
    return texts.say(SECTION, key, editions.checked(lang), **values)


def header(key: str, lang: str = "nb") -> str:
    """The header a reader sees for a column the code names by an English key (``"share_right"``)."""
    return say(f"column_{key}", lang)


def shown(frame: pd.DataFrame, lang: str = "nb") -> pd.DataFrame:
    """The table with the reader's headers for its English column keys (the last step of every table)."""
    return frame.rename(columns={key: header(key, lang) for key in frame.columns})


def _keyed(frame: pd.DataFrame) -> pd.DataFrame:
    """A table the overview made, in either standard, with its English column keys back (for a chart)."""
    keys: dict[str, str] = {}
    for lang in editions.EDITIONS:
        for name, text in texts.section(SECTION, lang).items():
            if name.startswith("column_"):
                keys.setdefault(text, name.removeprefix("column_"))
    return frame.rename(columns=lambda c: keys.get(c, c) if isinstance(c, str) else c)


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


def _decode(data: bytes, label: str, lang: str = "nb") -> str:
    for encoding in ("utf-8-sig", "cp1252"):  # cp1252: a file someone opened and saved in Excel
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" in text:
            break
        return text
    raise HandinError(say("not_text", lang, file=label))


def _read_bytes(source: str | Path | io.TextIOBase, label: str, lang: str = "nb") -> str:
    if hasattr(source, "read"):
        try:
            text = source.read(MAX_FILE_BYTES + 1)
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            raise HandinError(say("read_failed", lang, file=label)) from exc
        if len(text) > MAX_FILE_BYTES:
            raise HandinError(say("too_big", lang, file=label, mb=MAX_FILE_BYTES // 1_000_000))
        return text if isinstance(text, str) else _decode(text, label, lang)
    path = Path(source)
    try:
        info = os.lstat(path)
        if stat.S_ISLNK(info.st_mode):
            raise HandinError(say("symlink", lang, file=label))
        if not stat.S_ISREG(info.st_mode):
            raise HandinError(say("not_regular", lang, file=label))
        if info.st_size > MAX_FILE_BYTES:
            raise HandinError(say("too_big", lang, file=label, mb=MAX_FILE_BYTES // 1_000_000))
        with open(path, "rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except PermissionError as exc:
        raise HandinError(say("no_access", lang, file=label)) from exc
    except OSError as exc:
        raise HandinError(say("read_failed", lang, file=label)) from exc
    return _decode(data, label, lang)


def _rows(text: str, label: str, lang: str = "nb") -> list[list[str]]:
    text = text.lstrip("\ufeff")
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","  # Norwegian Excel saves with «;»
    try:
        rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    except csv.Error as exc:  # a field longer than the csv module allows, an unterminated quote …
        raise HandinError(say("not_spreadsheet", lang, file=label)) from exc
    if len(rows) > MAX_ROWS + 1:
        raise HandinError(say("too_many_lines", lang, file=label, n=len(rows) - 1, most=MAX_ROWS))
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


def _records(source: str | Path | io.TextIOBase, label: str, lang: str = "nb") -> tuple[list[dict[str, Any]], dict[str, str]]:
    """The rows of one export as plain records (not judged), and what the file says about itself."""
    rows = _rows(_read_bytes(source, label, lang), label, lang)
    header = [c.strip() for c in rows[0]] if rows else []
    if not REQUIRED <= set(header) or len(set(header)) != len(header):
        raise HandinError(say("not_export", lang, file=label, columns=",".join(EXPORT_COLUMNS)))
    strict = "participant" in header  # hand-ins since 2026-12: every answer is JSON
    records = []
    meta = {"handed_in_at": "", "unreadable": ""}
    unreadable = 0
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            raise HandinError(say("wrong_fields", lang, file=label, line=number, n=len(row), expected=len(header)))
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
    source: str | Path | io.TextIOBase,
    fallback_name: str = "",
    *,
    exercises: Mapping[str, Any] | None = None,
    lang: str = "nb",
) -> pd.DataFrame:
    """One participant's export as rows of :data:`ANSWER_COLUMNS`, judged against the course's exercises.

    ``fallback_name`` is used when the participant chose no nickname; pass a neutral label, not the
    file name. Raises :class:`HandinError` (in the standard ``lang``, naming the file) for anything
    it cannot read.
    """
    if isinstance(source, str | Path):
        label = Path(source).name
    else:
        label = Path(str(getattr(source, "name", "") or say("unnamed_file", lang))).name
    records, _ = _records(source, label, lang)
    for record in records:
        record["deltaker_id"] = f"kode:{record['kode']}" if record["kode"] else f"fil-1/{record['kallenavn']}"
        record["deltaker"] = record["kallenavn"] or fallback_name or say("no_nickname", lang, n=1)
    frame = _frame(records)
    return judge(frame, exercises, lang)


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
def course_exercises(lang: str = "nb") -> dict[str, dict[str, Any]]:
    """The course's exercises by id (the options and keys that wrong answers are named from), in the
    standard ``lang`` (an nn exercise carries its bokmål twin's fingerprint: the same answers count)."""
    from somekurs.exercises.model import load_exercises

    return load_exercises(lang=lang)[0]


def titles(exercises: Mapping[str, Mapping[str, Any]]) -> dict[str, str]:
    return {key: str(exercise.get("title", key)) for key, exercise in exercises.items()}


def _answer_key(answer: Any) -> str:
    try:
        return json.dumps(answer, sort_keys=True, ensure_ascii=False, default=str)
    except (TypeError, ValueError, RecursionError):
        return repr(answer)


def judge(answers: pd.DataFrame, exercises: Mapping[str, Any] | None = None, lang: str = "nb") -> pd.DataFrame:
    """Judge every answer again from the exercise data (never the hand-in's own verdict).

    Sets «riktig» and «status» (see :data:`JUDGED` …), and takes theme and kind from the data. An
    answer to an unknown exercise, to another version of it (its fingerprint differs), or one that
    cannot be judged is marked so, and every table leaves it out the same way. ``lang`` is the
    standard of the exercises when none are given, and of a text check's rules.
    """
    from somekurs.exercises.evaluate import evaluate

    exercises = course_exercises(lang) if exercises is None else exercises
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
                feedback = evaluate(dict(exercise), row.svar, lang)
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


def _judged(answers: pd.DataFrame, exercises: Mapping[str, Any] | None = None, lang: str = "nb") -> pd.DataFrame:
    """The answers, judged if they are not yet (a frame from an older notebook)."""
    if answers.empty:
        return answers.reindex(columns=ANSWER_COLUMNS)
    if "status" not in answers or (answers["status"].fillna("") == "").all():
        return judge(answers.reindex(columns=ANSWER_COLUMNS), exercises, lang)
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
    lang: str = "nb"  # the standard the messages are in, and the report is shown in

    def report(self) -> pd.DataFrame:
        """The files that were not read, and why; then what the overview noticed (one row each)."""
        rows = [(name, message) for name, message in self.problems] + [("", note) for note in self.notes]
        return shown(pd.DataFrame(rows, columns=["file", "message"]), self.lang)

    def _files(self) -> str:
        return say("files_one" if self.files == 1 else "files_many", self.lang, n=self.files)

    def _repr_html_(self) -> str:
        people = self.answers["deltaker_id"].nunique() if not self.answers.empty else 0
        lang = editions.checked(self.lang)
        parts = []
        if self.constructed:
            parts.append(f"<p><strong>{escape(say('constructed', lang))}</strong> {escape(say('constructed_nobody', lang))}</p>")
        count = say("people_one" if people == 1 else "people_many", lang, n=people)
        parts.append(f"<p>{escape(say('read_from_folder', lang, files=self._files(), folder=self.folder, people=count))}</p>")
        if self.problems:
            items = "".join(f"<li>{escape(message)}</li>" for _, message in self.problems)
            parts.append(f"<p>{escape(say('not_read', lang))}</p><ul>{items}</ul>")
        if self.notes:
            parts.append("<ul>" + "".join(f"<li>{escape(note)}</li>" for note in self.notes) + "</ul>")
        return f'<div lang="{lang}">' + "".join(parts) + "</div>"

    def __repr__(self) -> str:
        lines = [say("constructed", self.lang)] if self.constructed else []
        lines.append(say("read_from", self.lang, files=self._files(), folder=self.folder))
        lines += [message for _, message in self.problems] + self.notes
        return "\n".join(lines)


def _csv_files(root: Path, lang: str = "nb") -> tuple[list[tuple[Path, str]], list[tuple[str, str]]]:
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
            problems.append(("", say("too_many_files", lang, most=MAX_FILES)))
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


def collect(folder: str | Path | None = None, exercises: Mapping[str, Any] | None = None, lang: str = "nb") -> Handins:
    """Read every hand-in in a folder (and its subfolders) in one go; never stops at a bad file.

    A file that cannot be read is reported by name, in the standard ``lang``, and the others are
    read; the answers are judged against ``exercises`` (by default the course's in ``lang``). Each
    participant is one code; the same code in several files is one participant handing in again
    (their latest hand-in counts, and the report says so); the same nickname on different codes is
    two participants, shown with the first letters of their code. A hand-in in a subfolder belongs
    to the group named by the subfolder; otherwise to the group the participant typed.
    """
    lang = editions.checked(lang)
    root = Path(folder) if folder is not None else DEMO_DIR
    where = _shown(root)
    constructed = root.resolve() == DEMO_DIR.resolve() if root.exists() else False
    if not root.is_dir():
        return Handins(where, _empty_answers(), 0, [(where, say("no_folder", lang, folder=where))], lang=lang)
    try:
        files, problems = _csv_files(root, lang)
    except OSError:
        return Handins(where, _empty_answers(), 0, [(where, say("cannot_list", lang, folder=where))], lang=lang)
    if not files:
        problems.append((where, say("no_handins", lang, folder=where)))
    exercises = course_exercises(lang) if exercises is None else exercises
    read: list[tuple[str, str, list[dict[str, Any]], dict[str, str]]] = []
    notes: list[str] = []
    for path, subfolder in files:
        name = str(path.relative_to(root))
        try:
            records, meta = _records(path, name, lang)
        except HandinError as exc:
            problems.append((name, str(exc)))
            continue
        except Exception as exc:  # noqa: BLE001 - one strange file never stops the overview
            problems.append((name, say("file_failed", lang, file=name, error=type(exc).__name__)))
            continue
        read.append((name, subfolder, records, meta))
        if meta.get("unreadable"):
            notes.append(say("unreadable_answers", lang, file=name, n=int(meta["unreadable"])))
    records, more = _identify(read, lang)
    notes += more
    answers = judge(_frame(records), exercises, lang)
    return Handins(where, answers, len(read), problems, notes, constructed, lang)


def _identify(
    read: list[tuple[str, str, list[dict[str, Any]], dict[str, str]]], lang: str = "nb"
) -> tuple[list[dict[str, Any]], list[str]]:
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
            nickname = latest[2][0]["kallenavn"] or say("without_nickname", lang)
            files = norwegian.join(sorted(h[0] for h in handins))
            notes.append(say("handed_in_again", lang, nickname=nickname, n=len(handins), files=files))
    # labels: the nickname; none → «uten-kallenavn-N»; the same label for several participants → code's first letters
    labels: dict[str, str] = {}
    unnamed = 0
    for key in sorted(chosen, key=lambda k: chosen[k][0]):
        nickname = chosen[key][2][0]["kallenavn"]
        if not nickname:
            unnamed += 1
        labels[key] = nickname or say("no_nickname", lang, n=unnamed)
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
            labels[key] = (
                f"{labels[key]} ({key[5 : 5 + width]})"
                if key.startswith("kode:")
                else say("nickname_file", lang, nickname=labels[key], n=n)
            )
        named = norwegian.join(sorted("«" + labels[k] + "»" for k in keys))
        notes.append(say("same_nickname", lang, nickname=base, n=len(keys), labels=named))
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


def read_handins(folder: str | Path, lang: str = "nb") -> pd.DataFrame:
    """Every hand-in in a folder as one table (see :func:`collect`, which also reports what it left out).

    Raises :class:`HandinError` only when nothing at all could be read."""
    handins = collect(folder, lang=lang)
    if handins.files == 0:
        raise HandinError(handins.problems[-1][1] if handins.problems else say("no_handins", lang, folder=folder))
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
# Each table is computed with English column keys and labelled at the end (:func:`shown`); the
# headers a reader sees are data/texts/<lang>.yaml's ``class_overview.column_<key>``.
def kind_title(kind: str, lang: str = "nb") -> str:
    found = registry.get(kind)
    return found.title_in(lang) if found is not None else kind


def hardest(answers: pd.DataFrame, titles: Mapping[str, str] | None = None, lang: str = "nb") -> pd.DataFrame:
    """Share of correct answers per exercise, hardest first.

    Only answers judged here count (status «vurdert»): not an unknown exercise, an older version,
    an answer that cannot be judged or a text that was not shared. Ties keep a fixed order
    (exercise id), so the table is the same on every run.
    """
    titles = titles or {}
    answers = _judged(answers, lang=lang)
    columns = ["exercise", "title", "kind", "theme", "answers", "right", "share_right"]
    judged = answers[answers["status"] == JUDGED]
    if judged.empty:
        return shown(pd.DataFrame(columns=columns), lang)
    table = judged.groupby("oppgave", sort=True).agg(
        kind=("type", "first"), theme=("tema", "first"), answers=("riktig", "size"), right=("riktig", "sum")
    )
    table["right"] = table["right"].astype(int)
    table["share_right"] = (table["right"] / table["answers"]).round(2)
    table["kind"] = table["kind"].map(lambda kind: kind_title(kind, lang))
    table = table.rename_axis("exercise").reset_index()
    table.insert(1, "title", [titles.get(key, key) for key in table["exercise"]])
    table = table.sort_values(["share_right", "exercise"], kind="stable").reset_index(drop=True)[columns]
    return shown(table, lang)


def wrong_picks(exercise: Mapping[str, Any], answer: Any, lang: str = "nb") -> list[str]:
    """What a participant picked that the key says is wrong, in words the instructor can discuss: a wrong
    option, an item in the wrong category, the step where a decision path went wrong, a poor choice in
    a scenario, an event at the wrong place, an inbox action that does not handle a message, a rule a
    text breaks. Any answer shape is safe (B08): what a kind cannot read gives nothing."""
    kind = registry.get(str(exercise.get("kind")))
    if kind is None:
        return []
    try:
        picks = kind.wrong_picks(dict(exercise), answer, lang)
    except Exception:  # noqa: BLE001 - a crafted answer must never stop the overview
        return []
    return [p for p in picks if isinstance(p, str)] if isinstance(picks, list) else []


def _misconceptions(answers: pd.DataFrame, exercises: Mapping[str, Mapping[str, Any]], lang: str) -> pd.DataFrame:
    """:func:`misconceptions` with English keys, every row, and the kind's id (for :func:`by_kind`)."""
    answers = _judged(answers, exercises, lang)
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
            memo[key] = list(dict.fromkeys(wrong_picks(exercise, row.svar, lang)))
        for pick in memo[key]:
            counts[(row.oppgave, pick)] = counts.get((row.oppgave, pick), 0) + 1
    columns = ["exercise", "title", "kind", "wrong_choice", "chosen_by", "share"]
    if not counts:
        return pd.DataFrame(columns=[*columns, "kind_id"])
    table = pd.DataFrame(
        [
            (
                key,
                exercises[key].get("title", key),
                kind_title(str(exercises[key].get("kind")), lang),
                pick,
                n,
                round(n / answered[key], 2),
                str(exercises[key].get("kind")),
            )
            for (key, pick), n in counts.items()
        ],
        columns=[*columns, "kind_id"],
    )
    return table.sort_values(
        ["chosen_by", "share", "exercise", "wrong_choice"], ascending=[False, False, True, True], kind="stable"
    ).reset_index(drop=True)


def misconceptions(
    answers: pd.DataFrame, exercises: Mapping[str, Mapping[str, Any]], top: int | None = None, lang: str = "nb"
) -> pd.DataFrame:
    """The wrong choices and paths taken most often: what to talk about in the next session.

    The share (``andel``) is the share of those whose answer to the exercise was judged who picked
    it. The same answers count here as in :func:`hardest` (status «vurdert»).
    """
    table = _misconceptions(answers, exercises, lang).drop(columns="kind_id")
    return FullText(shown(table.head(top) if top else table, lang))


PATH_KINDS = ("decision", "scenario", "timeline")


def paths(
    answers: pd.DataFrame,
    exercises: Mapping[str, Mapping[str, Any]],
    top: int | None = 10,
    only_wrong: bool = True,
    lang: str = "nb",
) -> pd.DataFrame:
    """The paths participants took through decision trees and scenarios, and the orders they gave a
    timeline, in words, most common first (by default only those that did not end right)."""
    answers = _judged(answers, exercises, lang)
    columns = ["exercise", "title", "kind", "path", "count", "correct"]
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
                memo[key] = str(kind.describe_answer(dict(exercise), row.svar, lang))
            except Exception:  # noqa: BLE001 - see wrong_picks
                memo[key] = ""
        if memo[key]:
            counted = (row.oppgave, memo[key], bool(row.riktig))
            counts[counted] = counts.get(counted, 0) + 1
    if not counts:
        return shown(pd.DataFrame(columns=columns), lang)
    table = pd.DataFrame(
        [
            (key, exercises[key].get("title", key), kind_title(str(exercises[key].get("kind")), lang), way, n, ok)
            for (key, way, ok), n in counts.items()
        ],
        columns=columns,
    ).sort_values(["count", "exercise", "path"], ascending=[False, True, True], kind="stable")
    table = table.reset_index(drop=True)
    return FullText(shown(table.head(top) if top else table, lang))


def by_kind(answers: pd.DataFrame, exercises: Mapping[str, Mapping[str, Any]], lang: str = "nb") -> pd.DataFrame:
    """One row per exercise kind: how many exercises the course has, how many the class answered, the
    share right, and the wrong choice most often made."""
    answers = _judged(answers, exercises, lang)
    wrong = _misconceptions(answers, exercises, lang)
    rows = []
    for name, kind in registry.kinds().items():
        in_course = sum(1 for e in exercises.values() if e.get("kind") == name)
        of_kind = answers[answers["type"] == name]
        judged = of_kind[of_kind["status"] == JUDGED]
        common = wrong[wrong["kind_id"] == name]
        rows.append(
            {
                "kind": kind.title_in(lang),
                "exercises": in_course,
                "answered": int(of_kind[of_kind["status"].isin(ANSWERED)]["oppgave"].nunique()),
                "answers": int(of_kind["status"].isin(ANSWERED).sum()),
                "share_right": round(float(judged["riktig"].sum()) / len(judged), 2) if len(judged) else "",
                "most_common_wrong": _short(str(common.iloc[0]["wrong_choice"]), 90) if not common.empty else "",
            }
        )
    columns = ["kind", "exercises", "answered", "answers", "share_right", "most_common_wrong"]
    return FullText(shown(pd.DataFrame(rows, columns=columns), lang))


def completion(answers: pd.DataFrame, exercises: Mapping[str, Mapping[str, Any]], lang: str = "nb") -> pd.DataFrame:
    """Per participant: how many of the course's exercises they answered (current versions), and when
    they last saved. No scores: the overview is for talking about the class, not ranking people."""
    answers = _judged(answers, exercises, lang)
    columns = ["participant", "group", "answered", "of", "share", "last_saved"]
    if answers.empty:
        return shown(pd.DataFrame(columns=columns), lang)
    total = len(exercises)
    rows = []
    for _key, rows_of in answers.groupby("deltaker_id", sort=False):
        done = int(rows_of["status"].isin(ANSWERED).sum())
        last = max(rows_of["lagret"].astype(str), key=_moment)
        rows.append(
            {
                "participant": rows_of["deltaker"].iloc[0],
                "group": str(rows_of["gruppe"].fillna("").iloc[0]),
                "answered": done,
                "of": total,
                "share": round(done / total, 2) if total else 0.0,
                "last_saved": local_time(last),
            }
        )
    table = pd.DataFrame(rows, columns=columns)
    table = table.sort_values("participant", key=lambda s: s.map(norwegian.sort_key), kind="stable").reset_index(drop=True)
    return shown(table, lang)


def free_texts(
    answers: pd.DataFrame,
    exercises: Mapping[str, Mapping[str, Any]],
    exercise: str | None = None,
    top: int | None = None,
    lang: str = "nb",
) -> pd.DataFrame:
    """The texts participants wrote and agreed to share (column ``shared`` «ja»), per exercise, without
    names; the same text handed in by several is one row (``antall``). ``exercise`` picks one exercise,
    ``top`` the first rows."""
    answers = _judged(answers, exercises, lang)
    columns = ["exercise", "title", "text", "count"]
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
    return FullText(shown(pd.DataFrame(table[:top] if top else table, columns=columns), lang))


def left_out(answers: pd.DataFrame, lang: str = "nb") -> pd.DataFrame:
    """The answers no table counts, and why: an exercise that is not in the course, an older version
    of the exercise (it changed after they answered), or an answer that cannot be judged."""
    answers = _judged(answers, lang=lang)
    columns = ["exercise", "reason", "count"]
    rest = answers[answers["status"].isin(LEFT_OUT)]
    if rest.empty:
        return shown(pd.DataFrame(columns=columns), lang)
    table = rest.groupby(["oppgave", "status"], sort=True).size().reset_index(name="count")
    table = table.rename(columns={"oppgave": "exercise", "status": "reason"})
    table["reason"] = table["reason"].map(lambda status: say(REASONS[status], lang))
    return shown(table[columns], lang)


def class_summary(answers: pd.DataFrame, lang: str = "nb") -> pd.DataFrame:
    """How many participants handed in, how many answers, how many were judged, the share right, and how many are left out."""
    answers = _judged(answers, lang=lang)
    judged = answers[answers["status"] == JUDGED]["riktig"]
    share = f"{(judged.sum() / len(judged)) if len(judged) else 0:.0%}".replace("%", " %")
    rows = ["summary_people", "summary_answers", "summary_judged", "summary_share", "summary_left_out"]
    return shown(
        pd.DataFrame(
            {
                "what": [say(row, lang) for row in rows],
                "value": [
                    answers["deltaker_id"].nunique(),
                    len(answers),
                    len(judged),
                    share,
                    int(answers["status"].isin(LEFT_OUT).sum()),
                ],
            }
        ),
        lang,
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


def plot_hardest(table: pd.DataFrame, top: int = 10, lang: str = "nb") -> Any:
    """Bar chart: share correct for the hardest exercises (labels in the standard ``lang``, Okabe-Ito
    blue). ``table`` is :func:`hardest`'s, in either standard."""
    import matplotlib.pyplot as plt

    rows = _keyed(table).head(top).iloc[::-1]
    fig, ax = plt.subplots(figsize=(8, 0.45 * max(len(rows), 1) + 1.2))
    positions = list(range(len(rows)))
    ax.barh(positions, rows["share_right"] * 100, color=OKABE_ITO["blue"])
    ax.set_yticks(positions, [plain(_short(str(t))) for t in rows["title"]])
    for y, (share, n) in enumerate(zip(rows["share_right"], rows["answers"], strict=True)):
        percent = f"{share:.0%}".replace("%", " %")
        ax.text(share * 100 + 1, y, plain(say("share_of", lang, share=percent, n=n)), va="center", fontsize=9)
    ax.set_xlim(0, 110)
    ax.set_xlabel(say("hardest_axis", lang))
    ax.set_title(say("hardest_title", lang), loc="left")
    ax.spines[["top", "right"]].set_visible(False)
    fig.patch.set_facecolor("white")
    fig.tight_layout()
    plt.close(fig)  # shown once, by the cell's result
    return fig


def plot_misconceptions(table: pd.DataFrame, top: int = 8, lang: str = "nb") -> Any:
    """Bar chart: how many picked each of the most common wrong choices (labels in the standard
    ``lang``, Okabe-Ito vermilion). ``table`` is :func:`misconceptions`'s, in either standard."""
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    rows = _keyed(table).head(top).iloc[::-1]
    fig, ax = plt.subplots(figsize=(8, 0.5 * max(len(rows), 1) + 1.2))
    positions = list(range(len(rows)))
    bars = ax.barh(positions, rows["chosen_by"], color=OKABE_ITO["vermilion"])
    ax.set_yticks(positions, [plain(_short(str(t), 70)) for t in rows["wrong_choice"]])
    ax.bar_label(bars, padding=3)  # the number on each bar: no reader depends on the axis
    ax.set_xlabel(say("misconceptions_axis", lang))
    ax.set_title(say("misconceptions_title", lang), loc="left")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.spines[["top", "right"]].set_visible(False)
    fig.patch.set_facecolor("white")
    fig.tight_layout()
    plt.close(fig)  # shown once, by the cell's result
    return fig
