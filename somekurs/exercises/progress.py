"""A participant's own answers, kept in one JSON file so they survive a kernel restart.

Why the care:
- A course day has kernels restarted and two notebooks open at once. Every change is a
  read-merge-write under an exclusive lock (``fcntl.flock`` on a lock file beside the data),
  so two kernels saving at the same moment keep both answers.
- The file is written atomically (temporary file in the same folder, fsync, ``os.replace``),
  so a crash mid-write leaves the old file, never half a file.
- A file that cannot be read is never silently replaced: it is moved aside as
  ``fremdrift.json.skadet-<tidspunkt>`` and the participant is told so in plain Norwegian.

- Text a participant types is kept as they type (``save_draft``), apart from the answers they
  checked, so closing a tab never loses a paragraph.
- Whatever goes wrong (a read-only folder, a full disk, no free inodes, a file someone edited by
  hand, a symlink to persistent storage) gives a Norwegian message that says what to do, and never
  loses what was there: the original file is kept as it was.

- Exports (the participant's own copy, and the hand-in ``somekurs.handin`` builds) hold every
  answer as JSON, so reading one back gives exactly the text that was typed, and every cell a
  spreadsheet would run as a formula gets a ``'`` in front that :func:`unguard_cell` takes off again.
  A hand-in leaves out the texts the participant typed unless they agreed to share them, and
  says so for each.

Only what the participant typed or chose is stored, plus an optional pseudonym and group they pick
themselves, the written standard they chose (``maalform``: nb or nn), a random seed that gives them
their own order of options, and a random participant code (it tells two participants with the same
nickname apart); no name, e-mail or user id.

Every message is in the participant's standard (``data/texts/<nb|nn>.yaml``, section ``progress``):
the one read from their file last, else the hub's default, since a message about a file that cannot
be read cannot wait for that file.
"""

from __future__ import annotations

import contextlib
import csv
import errno
import fcntl
import io
import json
import os
import re
import secrets
import tempfile
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ENV_VAR = "SOMEKURS_PROGRESS"
DEFAULT_PATH = Path("~/.somekurs/fremdrift.json")
VERSION = 1
PSEUDONYM_MAX = 40
GROUP_MAX = 40
# The export's columns. The first eight are the format every export has had since answers carried
# fingerprints; the last four came with hand-ins (2026-12): the participant's random code (tells two
# «Kari» apart), the group they typed, whether the row's free text is shared, and when it was handed in.
CSV_COLUMNS = [
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
# A participant's code: random, made once per progress file, never derived from who they are.
TOKEN_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: read aloud or typed without mistakes
TOKEN_LENGTH = 8
TOKEN = re.compile(rf"^[{TOKEN_ALPHABET}]{{{TOKEN_LENGTH}}}$")

_notices: list[str] = []
_last_choice = ""  # the standard found in the progress file the last time it was read


def _lang() -> str:
    from somekurs import editions

    return editions.normalise(_last_choice) or editions.hub_default()


def _say(key: str, **values: Any) -> str:
    from somekurs import texts

    return texts.say("progress", key, _lang(), **values)


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


# Norwegian words for the errors a participant can meet (the system's own words are English):
# the key of each in the texts' ``progress`` section.
_REASONS = {
    errno.EACCES: "reason_access",
    errno.EPERM: "reason_access",
    errno.EROFS: "reason_read_only",
    errno.ENOSPC: "reason_full",
    errno.EDQUOT: "reason_quota",
    errno.ENOENT: "reason_missing",
    errno.EISDIR: "reason_is_folder",
    errno.ENOTDIR: "reason_not_folder",
    errno.ELOOP: "reason_loop",
    errno.EEXIST: "reason_exists",
}


def advice() -> str:
    """What to do when saving fails (in the participant's standard)."""
    return _say("advice")


def reason(exc: OSError) -> str:
    """The cause of a file error in Norwegian."""
    key = _REASONS.get(exc.errno or 0)
    return _say(key) if key else _say("reason_other", code=exc.errno)


def _empty() -> dict[str, Any]:
    return {
        "version": VERSION,
        "pseudonym": "",
        "answers": {},
        "drafts": {},
        "seed": "",
        "participant": "",
        "group": "",
        "maalform": "",
    }


def _valid(state: Any) -> bool:
    return (
        isinstance(state, dict)
        and isinstance(state.get("answers"), dict)
        and all(isinstance(k, str) and isinstance(v, dict) for k, v in state["answers"].items())
        and isinstance(state.get("pseudonym", ""), str)
        and isinstance(state.get("drafts", {}), dict)
        and isinstance(state.get("seed", ""), str)
        and isinstance(state.get("participant", ""), str)
        and isinstance(state.get("group", ""), str)
        and isinstance(state.get("maalform", ""), str)
    )


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def _target(path: Path) -> Path:
    """The real file behind the path: a symlinked progress file (persistent storage on a hub)
    stays a symlink and its target keeps receiving the answers."""
    try:
        return Path(os.path.realpath(path)) if path.is_symlink() else path
    except OSError:
        return path


@contextlib.contextmanager
def locked(path: Path, failure: Callable[[OSError], Exception]) -> Iterator[None]:
    """Hold an exclusive lock on ``<file>.lock`` (the data file itself is replaced, so not it). The
    progress file and the «Vår plan» file share this; ``failure`` turns an OSError into the
    caller's own Norwegian error (raised from it)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        raise failure(exc) from exc
    lock = path.with_name(path.name + ".lock")
    try:
        handle = open(lock, "a+")  # noqa: SIM115 - closed below
    except OSError as exc:
        if not lock.exists() or exc.errno not in (errno.EACCES, errno.EPERM, errno.EROFS):
            raise failure(exc) from exc
        try:
            handle = open(lock)  # noqa: SIM115 - a read-only folder: lock with the file we may read
        except OSError as again:
            raise failure(again) from again
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
        handle.close()


def _locked(path: Path) -> contextlib.AbstractContextManager[None]:
    return locked(
        path, lambda exc: ProgressError(_say("cannot_save_in", folder=path.parent, reason=reason(exc), advice=advice()))
    )


def _read(path: Path) -> dict[str, Any]:
    """Read the file (caller holds the lock); move a damaged file aside and say so."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return _empty()
    except OSError as exc:
        raise ProgressError(_say("cannot_read", path=path, reason=reason(exc), advice=advice())) from exc
    try:
        state = json.loads(raw.decode("utf-8-sig"))  # a file saved by Notepad starts with a byte-order mark
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError, ValueError):
        state = None
    if state is not None and _SURROGATE_ESCAPE.search(raw):
        # A «\ud800» escape (half an emoji, written by another program): JSON allows it, UTF-8 does
        # not, so every later save and export would fail. Replace each lone half, keep the rest.
        state = scrub_surrogates(state)
    if not _valid(state):
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        aside = path.with_name(f"{path.name}.skadet-{stamp}")
        try:
            os.replace(path, aside)
        except OSError as exc:
            raise ProgressError(_say("cannot_move", path=path, reason=reason(exc), advice=advice())) from exc
        _notices.append(_say("moved_aside", aside=aside))
        return _empty()
    state.setdefault("version", VERSION)
    state.setdefault("pseudonym", "")
    state.setdefault("drafts", {})
    state.setdefault("seed", "")
    state.setdefault("participant", "")
    state.setdefault("group", "")
    state.setdefault("maalform", "")
    global _last_choice
    _last_choice = state["maalform"]
    return state


_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def scrub_surrogates(value: Any) -> Any:
    """The same value with every lone surrogate in its text (keys too) replaced by U+FFFD; iterative,
    so a deep value cannot exhaust the stack."""

    def fix(text: str) -> str:
        return _LONE_SURROGATE.sub("\ufffd", text)

    root: list[Any] = [value]
    todo: list[tuple[Any, Any]] = [(root, 0)]
    while todo:
        holder, key = todo.pop()
        item = holder[key]
        if isinstance(item, str):
            holder[key] = fix(item)
        elif isinstance(item, list):
            todo.extend((item, n) for n in range(len(item)))
        elif isinstance(item, dict):
            fixed = {(fix(k) if isinstance(k, str) else k): v for k, v in item.items()}
            item.clear()
            item.update(fixed)
            todo.extend((item, k) for k in item)
    return root[0]


STALE_TEMP = 3600  # a temporary file older than an hour is left over from an interrupted save


def _sweep(path: Path) -> None:
    """Remove temporary files an interrupted save left behind (never the data file or a kept copy)."""
    now = datetime.now(UTC).timestamp()
    for leftover in path.parent.glob(f"{path.name}.*.tmp"):
        with contextlib.suppress(OSError):
            if now - leftover.stat().st_mtime > STALE_TEMP:
                leftover.unlink()


def _write(path: Path, state: dict[str, Any]) -> None:
    """Atomic replace: a reader sees the old file or the new one, never a half-written one."""
    try:
        try:
            data = json.dumps(state, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
        except UnicodeEncodeError:  # half an emoji got in some other way: store it replaced, not nothing
            data = json.dumps(scrub_surrogates(state), ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
    except (UnicodeEncodeError, ValueError, RecursionError, TypeError) as exc:
        raise ProgressError(_say("bad_characters")) from exc
    tmp = ""
    try:
        fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        if tmp:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        raise ProgressError(_say("not_saved_in", path=path, reason=reason(exc), advice=advice())) from exc
    _sweep(path)
    with contextlib.suppress(OSError):
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def _update(change: Any) -> dict[str, Any]:
    """Read, apply ``change(state)``, write: all under the lock, so no save is lost."""
    path = _target(progress_path())
    with _locked(path):
        state = _read(path)
        change(state)
        _write(path, state)
        return state


def _jsonable(value: Any) -> Any:
    """Answers as JSON: tuples become lists, anything odd becomes its text, and text is cleaned
    (a lone surrogate, half an emoji pasted from another program, cannot be stored as UTF-8)."""
    from somekurs.exercises.textcheck import clean_text

    def cleaned(item: Any) -> Any:
        if isinstance(item, str):
            return clean_text(item)
        if isinstance(item, dict):
            return {clean_text(str(k)): cleaned(v) for k, v in item.items()}
        if isinstance(item, (list, tuple)):
            return [cleaned(v) for v in item]
        return item

    try:
        return cleaned(json.loads(json.dumps(value, ensure_ascii=False, default=str)))
    except (ValueError, RecursionError) as exc:
        raise ProgressError(_say("bad_shape")) from exc


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


def _state() -> dict[str, Any]:
    path = _target(progress_path())
    with _locked(path):
        return _read(path)


def all_answers() -> dict[str, dict[str, Any]]:
    return _state()["answers"]


def save_draft(exercise_id: str, answer: Any, version: str = "") -> None:
    """Keep what the participant has typed or chosen so far, before they check it."""
    entry = {"answer": _jsonable(answer), "saved_at": _now(), "version": version}
    _update(lambda state: state["drafts"].__setitem__(exercise_id, entry))


def load_draft(exercise_id: str) -> dict[str, Any] | None:
    draft = _state()["drafts"].get(exercise_id)
    return draft if isinstance(draft, dict) else None


def seed() -> str:
    """The participant's own seed for the order of options: made once, then kept."""
    from somekurs.exercises.shuffle import new_seed

    state = _state()
    if state.get("seed"):
        return str(state["seed"])
    made = new_seed()
    _update(lambda st: st.__setitem__("seed", st.get("seed") or made))
    return str(_state()["seed"])


def reset(exercise_id: str) -> None:
    """Forget the answer to one exercise, and its draft (the participant starts it again)."""

    def change(state: dict[str, Any]) -> None:
        state["answers"].pop(exercise_id, None)
        state["drafts"].pop(exercise_id, None)

    _update(change)


def reset_all() -> None:
    """Forget every answer and draft (the pseudonym and the seed stay)."""

    def change(state: dict[str, Any]) -> None:
        state["answers"].clear()
        state["drafts"].clear()

    _update(change)


def clean_label(name: Any, limit: int = PSEUDONYM_MAX) -> str:
    """A nickname or group as it is stored: one line, no control characters, at most ``limit`` characters."""
    from somekurs.exercises.textcheck import clean_text

    return " ".join(clean_text(str(name or "")).split())[:limit]


def set_pseudonym(name: str) -> str:
    """Store a name the participant picks for their export; blank removes it."""
    cleaned = clean_label(name, PSEUDONYM_MAX)
    _update(lambda state: state.__setitem__("pseudonym", cleaned))
    return cleaned


def pseudonym() -> str:
    return str(_state().get("pseudonym", ""))


def set_group(name: str) -> str:
    """Store the group the participant typed for their hand-in (optional; blank removes it)."""
    cleaned = clean_label(name, GROUP_MAX)
    _update(lambda state: state.__setitem__("group", cleaned))
    return cleaned


def group() -> str:
    return str(_state().get("group", ""))


def set_maalform(lang: str) -> str:
    """Store the written standard the participant chose (nb or nn; blank: the hub's default again)."""
    from somekurs import editions

    chosen = editions.normalise(lang) or ""
    _update(lambda state: state.__setitem__("maalform", chosen))
    return chosen


def maalform() -> str:
    """The standard the participant chose («nb», «nn»), or "" before they have chosen."""
    return str(_state().get("maalform", ""))


def new_token() -> str:
    return "".join(secrets.choice(TOKEN_ALPHABET) for _ in range(TOKEN_LENGTH))


def participant_token() -> str:
    """The participant's random code (made once, then kept): it tells two participants with the same
    nickname apart in the class overview, and it is in the name of their hand-in files."""
    current = _state().get("participant", "")
    if isinstance(current, str) and TOKEN.match(current):
        return current
    made = new_token()

    def change(state: dict[str, Any]) -> None:
        if not (isinstance(state.get("participant"), str) and TOKEN.match(state["participant"])):
            state["participant"] = made

    return str(_update(change)["participant"])


def snapshot() -> dict[str, Any]:
    """The whole saved state as it is now (a hand-in is built from one snapshot, so what the
    participant is shown is exactly what is handed in)."""
    return _state()


# --- free text: what a participant typed, handed in only if they agree -------------------------
# Answers are ids, numbers and booleans, apart from the text typed into a «compare» exercise (and,
# in exports from before 2026-12, the answer of the old text kinds). Any other text found in an
# answer (a tampered entry, a kind added later) is treated as typed text too: nothing a participant
# typed leaves their folder unless they ticked that they share it.
FREE_TEXT_FIELDS = {"compare": ("text", "alt_text")}
TEXT_KINDS = {"dilemma", "textcheck"}
_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_MAX_WALK = 100_000  # values looked at in one answer; a saved answer is never near this


def free_text(kind: str, answer: Any) -> list[str]:
    """The pieces of text the participant typed in this answer (empty when there are none)."""
    if kind in FREE_TEXT_FIELDS or kind in TEXT_KINDS:
        if isinstance(answer, str):
            return [answer] if answer.strip() else []
        if isinstance(answer, dict):
            fields = FREE_TEXT_FIELDS.get(kind, ())
            return [v for f in fields if isinstance(v := answer.get(f), str) and v.strip()]
    found: list[str] = []
    todo, seen = [answer], 0
    while todo and seen < _MAX_WALK:
        item = todo.pop()
        seen += 1
        if isinstance(item, str):
            if item.strip() and not _ID.match(item):
                found.append(item)
        elif isinstance(item, dict):
            todo.extend(item.values())
            found.extend(k for k in item if isinstance(k, str) and not _ID.match(k))
        elif isinstance(item, list):
            todo.extend(item)
    return found


def without_free_text(kind: str, answer: Any) -> Any:
    """The answer with every typed text taken out (ticks, ids and numbers stay)."""
    if kind in FREE_TEXT_FIELDS or kind in TEXT_KINDS:
        if isinstance(answer, str):
            return ""
        if isinstance(answer, dict):
            return {k: ("" if k in FREE_TEXT_FIELDS.get(kind, ()) else _strip_text(v)) for k, v in answer.items()}
    return _strip_text(answer)


def _strip_text(value: Any, depth: int = 0) -> Any:
    if depth > 50:
        return None
    if isinstance(value, str):
        return value if _ID.match(value) else ""
    if isinstance(value, dict):
        return {k: _strip_text(v, depth + 1) for k, v in value.items() if isinstance(k, str) and _ID.match(k)}
    if isinstance(value, list):
        return [_strip_text(v, depth + 1) for v in value]
    return value


# --- exports -------------------------------------------------------------------------------------
def _answer_json(answer: Any) -> str:
    """Every answer as JSON, text too: reading it back gives exactly what was typed («42» stays text)."""
    try:
        return json.dumps(answer, ensure_ascii=False)
    except (TypeError, ValueError, RecursionError):
        return json.dumps(str(answer), ensure_ascii=False)


GUARDED = ("=", "+", "-", "@", "\t", "\r", "'")


def guard_cell(value: str) -> str:
    """Keep a spreadsheet from running a cell as a formula: a cell that starts with = + - @, a tab or
    a CR gets a ``'`` in front. A cell that starts with ``'`` gets one too, so that taking the guard
    off (:func:`unguard_cell`) always gives back exactly the text that was there."""
    return "'" + value if value[:1] in GUARDED else value


def unguard_cell(value: str) -> str:
    """The exact inverse of :func:`guard_cell`."""
    return value[1:] if value[:1] == "'" and value[1:2] in GUARDED else value


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ("" if value is None else str(value))


def _entries(state: dict[str, Any], exercises: dict[str, dict[str, Any]] | None = None) -> list[tuple[str, dict[str, Any]]]:
    """The saved answers in workbook order (the order of ``exercises``), unknown ones after, by id."""
    order = {key: n for n, key in enumerate(exercises or {})}
    found = state.get("answers")
    answers: dict[Any, Any] = found if isinstance(found, dict) else {}
    items = [(k, v) for k, v in answers.items() if isinstance(k, str) and isinstance(v, dict)]
    return sorted(items, key=lambda kv: (order.get(kv[0], len(order)), kv[0]))


def _kind_of(entry: dict[str, Any], exercise: dict[str, Any] | None) -> str:
    return _text(exercise.get("kind")) if exercise else _text(entry.get("kind"))


def csv_from_state(
    state: dict[str, Any],
    *,
    share_free_text: bool | None = None,
    group: str | None = None,
    handed_in_at: str = "",
    exercises: dict[str, dict[str, Any]] | None = None,
) -> str:
    """The answers of one saved state as the export's CSV (see :data:`CSV_COLUMNS`).

    ``share_free_text``: None for the participant's own copy (their text is in it, and the column
    ``shared`` is left empty, so the class overview never shows it); True for a hand-in where they
    agreed to share what they typed («ja»); False for one where they did not: the text is taken out
    and the row says «nei».
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    name = _text(state.get("pseudonym"))
    token = _text(state.get("participant"))
    chosen_group = _text(state.get("group")) if group is None else group
    for exercise_id, entry in _entries(state, exercises):
        found = (exercises or {}).get(exercise_id)
        kind = _kind_of(entry, found if isinstance(found, dict) else None)
        answer = entry.get("answer")
        shared = ""
        if share_free_text is not None and free_text(kind, answer):
            shared = "ja" if share_free_text else "nei"
            if not share_free_text:
                answer = without_free_text(kind, answer)
        correct = entry.get("correct")
        writer.writerow(
            [
                guard_cell(_text(exercise_id)),
                guard_cell(_text(entry.get("theme"))),
                guard_cell(_text(entry.get("kind"))),
                guard_cell(_answer_json(answer)),
                "" if not isinstance(correct, bool) else ("ja" if correct else "nei"),
                guard_cell(_text(entry.get("saved_at"))),
                guard_cell(name),
                guard_cell(_text(entry.get("version"))),
                guard_cell(token),
                guard_cell(chosen_group),
                shared,
                guard_cell(handed_in_at),
            ]
        )
    return out.getvalue()


def export_csv(*, share_free_text: bool | None = None, group: str | None = None, handed_in_at: str = "") -> str:
    """The participant's own answers as CSV (UTF-8), one row per exercise (for the instructor)."""
    return csv_from_state(_state(), share_free_text=share_free_text, group=group, handed_in_at=handed_in_at)


def local_time(value: Any) -> str:
    """An ISO time stamp as a Norwegian reader says it, in Norwegian time («2. desember 2026 kl. 20.37»);
    anything else as it is."""
    from somekurs import norwegian

    text = _text(value)
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return text
    if moment.tzinfo is not None:
        moment = moment.astimezone(oslo())
    return f"{moment.day}. {norwegian.MONTHS[moment.month - 1]} {moment.year} kl. {moment.hour:02d}.{moment.minute:02d}"


def oslo() -> Any:
    """Norwegian time (UTC if the machine has no time-zone data, as some Windows installs)."""
    try:
        from zoneinfo import ZoneInfo

        return ZoneInfo("Europe/Oslo")
    except Exception:  # noqa: BLE001 - ZoneInfoNotFoundError, or no tzdata at all
        return UTC


def markdown_from_state(
    state: dict[str, Any],
    exercises: dict[str, dict[str, Any]] | None = None,
    *,
    share_free_text: bool | None = None,
    group: str | None = None,
    handed_in_at: str = "",
    lang: str = "nb",
) -> str:
    """The answers of one saved state as a page the participant can read, keep or hand in: in workbook
    order, each answer in words (option texts, not positions), nothing escaped for HTML (it is Markdown).
    ``lang`` is the standard of the page's own words; ``exercises`` should be loaded in the same one,
    so each answer is described in the words the participant saw.

    For a hand-in (``share_free_text`` not None) the page starts with what the instructor receives
    (nickname, group, the participant's code, when) and says for every typed text whether it is shared;
    a text that is not shared is not on the page. A damaged entry (an answer of an odd shape, a summary
    that is not text) is shown as best it can be, never a reason for the export to fail.
    """
    from somekurs import texts
    from somekurs.exercises import registry

    def say(key: str, /, **values: Any) -> str:
        return texts.say("export", key, lang, **values)

    exercises = exercises or {}
    name = _text(state.get("pseudonym"))
    chosen_group = _text(state.get("group")) if group is None else group
    lines = [f"# {say('title')}", ""]
    if share_free_text is None:
        if name:
            lines += [say("nickname", name=_md(name)), ""]
    else:
        lines += [
            say("handin_intro"),
            "",
            "- " + say("nickname", name=_md(name) if name else say("not_chosen")),
            "- " + say("group", group=_md(chosen_group) if chosen_group else say("not_given")),
            "- " + say("code", code=_md(_text(state.get("participant")))),
            "- " + say("handed_in", when=_md(local_time(handed_in_at))),
            "- " + say("texts", status=say("texts_shared") if share_free_text else say("texts_not_shared")),
            "",
        ]
    entries = _entries(state, exercises)
    if not entries:
        lines.append(say("none_yet"))
    for exercise_id, entry in entries:
        found = exercises.get(exercise_id)
        exercise = found if isinstance(found, dict) else None
        kind_name = _kind_of(entry, exercise)
        answer = entry.get("answer")
        typed = bool(free_text(kind_name, answer))
        if typed and share_free_text is False:
            answer = without_free_text(kind_name, answer)
        correct = entry.get("correct")
        kind = registry.get(kind_name) if exercise else None
        passed = "passed" if kind is not None and kind.checks_only else "right"
        verdict = say("saved") if not isinstance(correct, bool) else (say(passed) if correct else say("wrong"))
        title = exercise.get("title", exercise_id) if exercise else (found if isinstance(found, str) else exercise_id)
        lines += [
            f"## {_md(_text(title))}",
            "",
            "- " + say("verdict", verdict=verdict),
            "- " + say("saved_at", when=_md(local_time(entry.get("saved_at")))),
        ]
        if typed and share_free_text is not None:
            lines.append("- " + say("typed", status=say("typed_shared") if share_free_text else say("typed_not_shared")))
        lines.append("")
        text = ""
        if kind is not None and exercise is not None:
            try:
                text = kind.describe_answer(exercise, answer, lang)
            except Exception:  # noqa: BLE001 - a damaged entry is shown as it is, never a failed export
                text = ""
        if not isinstance(text, str) or not text.strip():
            text = answer if isinstance(answer, str) and answer.strip() else _answer_json(answer)
        lines += ["> " + _md(line) if line else ">" for line in text.splitlines() or [""]]
        if entry.get("summary"):
            lines += ["", _md(_text(entry.get("summary")))]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def export_markdown(
    exercises: dict[str, dict[str, Any]] | None = None,
    *,
    share_free_text: bool | None = None,
    group: str | None = None,
    handed_in_at: str = "",
    lang: str = "nb",
) -> str:
    """The participant's own answers as a readable page (see :func:`markdown_from_state`)."""
    return markdown_from_state(
        _state(), exercises, share_free_text=share_free_text, group=group, handed_in_at=handed_in_at, lang=lang
    )


def _md(text: str) -> str:
    """Participant text in Markdown: no HTML tags can form, and no Markdown syntax is started by it."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
