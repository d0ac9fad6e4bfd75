"""The participant's course tests in JupyterLab: ``kursprover.json`` beside the progress file.

It holds the finished attempts (their results, see :mod:`somekurs.assessment.scoring`) and the one
attempt in progress per test (the items drawn and the answers so far), so a kernel restart or a
closed notebook does not lose a test half done. The file is the participant's own, in their home
folder; nothing leaves it unless they hand it in.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from somekurs.exercises import progress

FILE_NAME = "kursprover.json"
VERSION = 1


def store_path() -> Path:
    """``kursprover.json`` in the folder of the progress file (``~/.somekurs/`` unless moved)."""
    return progress.progress_path().parent / FILE_NAME


def _empty() -> dict[str, Any]:
    return {"version": VERSION, "attempts": [], "open": {}}


def load() -> dict[str, Any]:
    """The whole file (an empty one when it is missing or cannot be read)."""
    path = store_path()
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return _empty()
    if not isinstance(state, dict) or not isinstance(state.get("attempts"), list) or not isinstance(state.get("open"), dict):
        return _empty()
    return state


def _save(state: dict[str, Any]) -> None:
    path = store_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".kursprover-", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(state, handle, ensure_ascii=False, indent=1)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def attempts() -> list[dict[str, Any]]:
    """Every finished attempt's result, oldest first."""
    return [a for a in load()["attempts"] if isinstance(a, dict)]


def open_attempt(scope: str) -> dict[str, Any] | None:
    """The attempt in progress for a test: {"attempt", "items", "answers"}, or None."""
    found = load()["open"].get(scope)
    return found if isinstance(found, dict) and isinstance(found.get("items"), list) else None


def start(scope: str, attempt: str, item_ids: list[str]) -> None:
    state = load()
    state["open"][scope] = {"attempt": attempt, "items": item_ids, "answers": {}}
    _save(state)


def save_answers(scope: str, answers: dict[str, Any]) -> None:
    state = load()
    if isinstance(state["open"].get(scope), dict):
        state["open"][scope]["answers"] = answers
        _save(state)


def finish(scope: str, result: dict[str, Any]) -> None:
    """Keep a finished attempt's result and close the attempt in progress."""
    state = load()
    state["open"].pop(scope, None)
    state["attempts"].append(result)
    _save(state)


def abandon(scope: str) -> None:
    state = load()
    if state["open"].pop(scope, None) is not None:
        _save(state)
