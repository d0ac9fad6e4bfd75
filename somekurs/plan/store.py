"""The participant's drafts of «Vår plan», kept in one JSON file beside their progress.

The same guarantees as the progress file (``somekurs.exercises.progress``), because a document a
participant has worked on for a day is worth as much as their answers:

- every change is a read-merge-write under an exclusive lock (``fcntl.flock`` on ``<file>.lock``),
  so two kernels (the plan notebook and the app) saving at the same moment keep both fields;
- the file is written atomically (temporary file in the same folder, fsync, ``os.replace``);
- a file that cannot be read is moved aside as ``plan.json.skadet-<tidspunkt>`` and the participant
  is told so in Norwegian; it is never silently replaced;
- every error is a Norwegian message that says what to do, and what was there is kept.

Where: ``$SOMEKURS_PLAN``, or beside the progress file (``~/.somekurs/plan.json`` beside
``fremdrift.json``; a progress file with another name, ``x.json``, gets ``x-plan.json``, so two
participants who share a folder never share a plan). Only what the participant typed is stored, by
document and field id, with when it was saved; a field the participant never touched is not in the
file (it shows what is carried from an exercise). A field the template no longer has stays in the
file, and the export lists it, so changing a template never loses text.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from somekurs.exercises import progress

ENV_VAR = "SOMEKURS_PLAN"
VERSION = 1
AGENCY_MAX = 120
STALE_TEMP = 3600

_notices: list[str] = []


def _say(key: str, **values: Any) -> str:
    """A message of the store in the participant's standard (data/texts, ``plan``): the file is
    theirs, so the message is theirs; ``{advice}`` is always the same closing advice."""
    from somekurs import editions, texts

    lang = editions.current()
    return texts.say("plan", key, lang, advice=texts.get("plan", "store_advice", lang), **values)


def __getattr__(name: str) -> str:
    """``ADVICE``: the bokmål closing advice, for code written before the nynorsk edition."""
    if name == "ADVICE":
        from somekurs import texts

        return texts.get("plan", "store_advice", "nb")
    raise AttributeError(name)


class PlanError(RuntimeError):
    """Saving or reading the plan failed; the message is Norwegian and meant for the participant."""


def plan_path() -> Path:
    """Where the drafts live: $SOMEKURS_PLAN, or beside the progress file."""
    value = os.environ.get(ENV_VAR, "").strip()
    if value:
        return Path(value).expanduser()
    beside = _target(progress.progress_path())
    name = "plan.json" if beside.name == "fremdrift.json" else f"{beside.stem}-plan.json"
    return beside.with_name(name)


def take_notices() -> list[str]:
    """Messages the participant should see (a damaged file moved aside); each is shown once."""
    found = list(_notices)
    _notices.clear()
    return found


def _target(path: Path) -> Path:
    """The real file behind a symlink (persistent storage on a hub keeps receiving the drafts)."""
    try:
        return Path(os.path.realpath(path)) if path.is_symlink() else path
    except OSError:
        return path


def _empty() -> dict[str, Any]:
    return {"version": VERSION, "agency": "", "documents": {}}


def _valid(state: Any) -> bool:
    if not isinstance(state, dict) or not isinstance(state.get("documents"), dict):
        return False
    if not isinstance(state.get("agency", ""), str):
        return False
    for document in state["documents"].values():
        if not isinstance(document, dict) or not isinstance(document.get("fields", {}), dict):
            return False
        if not all(isinstance(entry, dict) and "value" in entry for entry in document.get("fields", {}).values()):
            return False
    return True


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def _locked(path: Path) -> contextlib.AbstractContextManager[None]:
    """The progress file's lock (somekurs.exercises.progress.locked), with the plan's own message."""
    return progress.locked(
        path, lambda exc: PlanError(_say("store_cannot_save_in", folder=path.parent, reason=progress.reason(exc)))
    )


def _read(path: Path) -> dict[str, Any]:
    """Read the file (caller holds the lock); move a damaged file aside and say so."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return _empty()
    except OSError as exc:
        raise PlanError(_say("store_cannot_read", path=path, reason=progress.reason(exc))) from exc
    try:
        state = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError, ValueError):
        state = None
    if state is not None:
        state = progress.scrub_surrogates(state)
    if not _valid(state):
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        aside = path.with_name(f"{path.name}.skadet-{stamp}")
        try:
            os.replace(path, aside)
        except OSError as exc:
            raise PlanError(_say("store_cannot_move", path=path, reason=progress.reason(exc))) from exc
        _notices.append(_say("store_moved_aside", aside=aside))
        return _empty()
    state.setdefault("version", VERSION)
    state.setdefault("agency", "")
    for document in state["documents"].values():
        document.setdefault("fields", {})
    return state


def _sweep(path: Path) -> None:
    now = datetime.now(UTC).timestamp()
    for leftover in path.parent.glob(f"{path.name}.*.tmp"):
        with contextlib.suppress(OSError):
            if now - leftover.stat().st_mtime > STALE_TEMP:
                leftover.unlink()


def _write(path: Path, state: dict[str, Any]) -> None:
    try:
        data = json.dumps(progress.scrub_surrogates(state), ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
    except (ValueError, RecursionError, TypeError) as exc:
        raise PlanError(_say("store_bad_value")) from exc
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
        raise PlanError(_say("store_not_saved_in", path=path, reason=progress.reason(exc))) from exc
    _sweep(path)
    with contextlib.suppress(OSError):
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def _update(change: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    path = plan_path()
    with _locked(path):
        state = _read(path)
        change(state)
        _write(path, state)
        return state


def load() -> dict[str, Any]:
    """The whole saved state (documents → fields → {value, saved_at}), read under the lock."""
    path = plan_path()
    with _locked(path):
        return _read(path)


def saved_fields(state: dict[str, Any], plan_id: str) -> dict[str, dict[str, Any]]:
    """The fields the participant has written in one document: field id → {value, saved_at}."""
    document = state.get("documents", {}).get(plan_id)
    return dict(document.get("fields", {})) if isinstance(document, dict) else {}


def save_fields(plan_id: str, values: dict[str, Any]) -> dict[str, Any]:
    """Store what the participant has in these fields (their own text from now on: nothing carried
    from an exercise replaces it). Returns the state as saved."""
    stamp = _now()

    def change(state: dict[str, Any]) -> None:
        document = state["documents"].setdefault(plan_id, {"fields": {}})
        for name, value in values.items():
            document["fields"][name] = {"value": value, "saved_at": stamp}

    return _update(change)


def forget_field(plan_id: str, field_id: str) -> dict[str, Any]:
    """Take the participant's own value out of one field («Hent svaret på nytt»): the field shows
    what is carried from the exercise again."""

    def change(state: dict[str, Any]) -> None:
        document = state["documents"].get(plan_id)
        if isinstance(document, dict):
            document.get("fields", {}).pop(field_id, None)

    return _update(change)


def reset_document(plan_id: str) -> dict[str, Any]:
    """Delete everything the participant wrote in one document."""
    return _update(lambda state: state["documents"].pop(plan_id, None))


def set_agency(name: str) -> str:
    """The agency's name (used in every document's title; optional)."""
    cleaned = progress.clean_label(name, AGENCY_MAX)
    _update(lambda state: state.__setitem__("agency", cleaned))
    return cleaned


def agency(state: dict[str, Any] | None = None) -> str:
    value = (state if state is not None else load()).get("agency", "")
    return value if isinstance(value, str) else ""
