"""Judge a participant's answer to an exercise: pure functions, no widgets, no files.

The widget view, the progress file, the class overview and the tests all use :func:`evaluate`,
so the judgement lives in one place: each kind's ``judge`` (``somekurs/exercises/kinds/``), asked
through the registry. The static book's JavaScript mirrors it, and a test compares the two.
Whatever a participant sends (nothing, the wrong shape, a novel, HTML, emoji, control
characters) gives a :class:`Feedback` that says in plain Norwegian what to do; it never raises.
"""

from __future__ import annotations

from typing import Any

from somekurs.exercises import registry
from somekurs.exercises.feedback import COMMON_TEXTS, MAX_ANSWER, Ask, Feedback, Line
from somekurs.exercises.kinds.base import Exercise

__all__ = ["MAX_ANSWER", "T", "Feedback", "Line", "answer_key", "evaluate", "texts"]


def texts() -> dict[str, str]:
    """Every sentence a judge can say: the common ones and each kind's own."""
    merged = dict(COMMON_TEXTS)
    for kind in registry.kinds().values():
        merged.update(kind.texts)
    return merged


T = texts()


def evaluate(exercise: Exercise, answer: Any) -> Feedback:
    """Judge ``answer`` for ``exercise``; the answer's shape depends on the kind (see each judge)."""
    base: dict[str, Any] = {
        "chapter": str(exercise.get("chapter", "")),
        "theme": str(exercise.get("theme", "")),
        "sources": [str(s) for s in exercise.get("sources", []) or []],
        "incident": exercise.get("incident"),
    }
    kind = registry.get(str(exercise.get("kind")))
    if kind is None:
        return Feedback(None, 0.0, COMMON_TEXTS["unknown_kind"], needs_input=True, **base)
    try:
        feedback = kind.judge(exercise, answer)
    except Ask as ask:
        return Feedback(None, 0.0, str(ask), needs_input=True, **base)
    except (TypeError, ValueError, KeyError, IndexError, AttributeError, RecursionError):
        return Feedback(None, 0.0, COMMON_TEXTS["unreadable"], needs_input=True, **base)
    for key, value in base.items():
        setattr(feedback, key, value)
    return feedback


def answer_key(exercise: Exercise) -> Any:
    """The answer that :func:`evaluate` judges fully correct (tests and the instructors' key use it)."""
    kind = registry.get(str(exercise["kind"]))
    return kind.answer_key(exercise) if kind is not None else None
