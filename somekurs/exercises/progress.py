"""A participant's own answers, kept in one JSON file so they survive a kernel restart.

Why the care:
- A course day has kernels restarted and two notebooks open at once. Every change is a
  read-merge-write under an exclusive lock (``fcntl.flock`` on a lock file beside the data),
  so two kernels saving at the same moment keep both answers.
- The file is written atomically (temporary file in the same folder, fsync, ``os.replace``),
  so a crash mid-write leaves the old file, never half a file.
- A file that cannot be read is never silently replaced: it is moved aside as
  ``fremdrift.json.skadet-<tidspunkt>`` and the participant is told so in plain Norwegian.

Only what the participant typed or chose is stored, plus an optional pseudonym they pick
themselves; no name, e-mail or user id.
"""

from __future__ import annotations

import contextlib
import csv
import fcntl
import io
import json
import os
import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ENV_VAR = "SOMEKURS_PROGRESS"
DEFAULT_PATH = Path("~/.somekurs/fremdrift.json")
VERSION = 1
PSEUDONYM_MAX = 40
CSV_COLUMNS = ["exercise_id", "theme", "kind", "answer", "correct", "saved_at", "pseudonym", "exercise_version"]

_notices: list[str] = []


class ProgressError(RuntimeError):
    """Saving or reading failed; the message is Norwegian and meant for the participant."""


def progress_path() -> Path:
    """Where the answers live: $SOMEKURS_PROGRESS, or ~/.somekurs/fremdrift.json."""
    value = os.environ.get(ENV_VAR, "").strip()
    return Path(value).expanduser() if value else DEFAULT_PATH.expanduser()


def take_notices() -> list[str]:
    """Messages the participant should see (a damaged file moved aside); each is shown once."""
    found = list(_notices)
    _notices.clear()
    return found


def _empty() -> dict[str, Any]:
    return {"version": VERSION, "pseudonym": "", "answers": {}}


def _valid(state: Any) -> bool:
    return (
        isinstance(state, dict)
        and isinstance(state.get("answers"), dict)
        and all(isinstance(k, str) and isinstance(v, dict) for k, v in state["answers"].items())
        and isinstance(state.get("pseudonym", ""), str)
    )


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``<file>.lock`` (the data file itself is replaced, so not it)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        handle = open(path.with_name(path.name + ".lock"), "a+")  # noqa: SIM115 - closed below
    except OSError as exc:
        message = f"Fant ikke mappen for fremdriften din ({path.parent}). Svaret ble ikke lagret. ({exc.strerror})"
        raise ProgressError(message) from exc
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
        handle.close()


def _read(path: Path) -> dict[str, Any]:
    """Read the file (caller holds the lock); move a damaged file aside and say so."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return _empty()
    except OSError as exc:
        raise ProgressError(f"Kunne ikke lese fremdriften din i {path} ({exc.strerror}).") from exc
    try:
        state = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        state = None
    if not _valid(state):
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        aside = path.with_name(f"{path.name}.skadet-{stamp}")
        try:
            os.replace(path, aside)
        except OSError as exc:
            raise ProgressError(f"Fila med fremdriften din ({path}) er skadet og kunne ikke flyttes ({exc.strerror}).") from exc
        _notices.append(
            f"Fila med de lagrede svarene dine kunne ikke leses. Den er tatt vare på som {aside}. "
            "Nye svar lagres i en ny fil. Be kursholderen om hjelp hvis du vil ha de gamle svarene tilbake."
        )
        return _empty()
    state.setdefault("version", VERSION)
    state.setdefault("pseudonym", "")
    return state


def _write(path: Path, state: dict[str, Any]) -> None:
    """Atomic replace: a reader sees the old file or the new one, never a half-written one."""
    data = json.dumps(state, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
    fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise ProgressError(f"Svaret ble ikke lagret: kunne ikke skrive til {path} ({exc.strerror}).") from exc
    with contextlib.suppress(OSError):
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def _update(change: Any) -> dict[str, Any]:
    """Read, apply ``change(state)``, write: all under the lock, so no save is lost."""
    path = progress_path()
    with _locked(path):
        state = _read(path)
        change(state)
        _write(path, state)
        return state


def _jsonable(value: Any) -> Any:
    """Answers as JSON: tuples become lists, anything odd becomes its text."""
    return json.loads(json.dumps(value, ensure_ascii=False, default=str))


def save_answer(
    exercise_id: str,
    answer: Any,
    *,
    correct: bool | None,
    summary: str = "",
    theme: str = "",
    kind: str = "",
    version: str = "",
) -> None:
    """Store (or replace) the answer to one exercise, with when and how it was judged, and the
    fingerprint of the exercise it answers (``model.fingerprint``)."""
    entry = {
        "answer": _jsonable(answer),
        "correct": correct,
        "summary": summary,
        "theme": theme,
        "kind": kind,
        "saved_at": _now(),
        "version": version,
    }
    _update(lambda state: state["answers"].__setitem__(exercise_id, entry))


def load_answer(exercise_id: str) -> dict[str, Any] | None:
    """The saved entry for one exercise (keys answer, correct, summary, saved_at …), or None."""
    return all_answers().get(exercise_id)


def all_answers() -> dict[str, dict[str, Any]]:
    path = progress_path()
    with _locked(path):
        return _read(path)["answers"]


def reset(exercise_id: str) -> None:
    """Forget the answer to one exercise (the participant starts it again)."""
    _update(lambda state: state["answers"].pop(exercise_id, None))


def reset_all() -> None:
    """Forget every answer (the pseudonym stays)."""
    _update(lambda state: state["answers"].clear())


def set_pseudonym(name: str) -> str:
    """Store a name the participant picks for their export; blank removes it."""
    from somekurs.exercises.textcheck import clean_text

    cleaned = " ".join(clean_text(str(name or "")).split())[:PSEUDONYM_MAX]
    _update(lambda state: state.__setitem__("pseudonym", cleaned))
    return cleaned


def pseudonym() -> str:
    path = progress_path()
    with _locked(path):
        return _read(path).get("pseudonym", "")


def _answer_text(answer: Any) -> str:
    return answer if isinstance(answer, str) else json.dumps(answer, ensure_ascii=False)


def _cell(value: str) -> str:
    """Keep a spreadsheet from running a cell as a formula (=, +, -, @ at the start)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def export_csv() -> str:
    """The participant's own answers as CSV (UTF-8), one row per exercise."""
    path = progress_path()
    with _locked(path):
        state = _read(path)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for exercise_id, entry in sorted(state["answers"].items()):
        correct = entry.get("correct")
        writer.writerow(
            [
                exercise_id,
                entry.get("theme", ""),
                entry.get("kind", ""),
                _cell(_answer_text(entry.get("answer"))),
                "" if correct is None else ("ja" if correct else "nei"),
                entry.get("saved_at", ""),
                _cell(state.get("pseudonym", "")),
                entry.get("version", ""),
            ]
        )
    return out.getvalue()


def export_markdown(titles: dict[str, str] | None = None) -> str:
    """The participant's own answers as a Markdown page they can keep or hand in."""
    import html

    path = progress_path()
    with _locked(path):
        state = _read(path)
    titles = titles or {}
    name = state.get("pseudonym", "")
    lines = ["# Mine svar fra kurset «Sosiale medier i offentlig forvaltning»", ""]
    if name:
        lines += [f"Kallenavn: {html.escape(name)}", ""]
    if not state["answers"]:
        lines.append("Du har ikke lagret noen svar ennå.")
    for exercise_id, entry in sorted(state["answers"].items()):
        correct = entry.get("correct")
        verdict = "lagret" if correct is None else ("riktig" if correct else "ikke riktig")
        lines += [
            f"## {html.escape(titles.get(exercise_id, exercise_id))}",
            "",
            f"- Oppgave: `{exercise_id}`",
            f"- Vurdering: {verdict}",
            f"- Lagret: {entry.get('saved_at', '')}",
            "",
        ]
        text = _answer_text(entry.get("answer"))
        lines += ["> " + html.escape(line) if line else ">" for line in text.splitlines() or [""]]
        if entry.get("summary"):
            lines += ["", html.escape(entry["summary"])]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
