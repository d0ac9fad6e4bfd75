"""Judge a participant's answer to an exercise: pure functions, no widgets, no files.

The widget view, the progress file, the class overview and the tests all use :func:`evaluate`,
so the judgement lives in one place: each kind's ``judge`` (``somekurs/exercises/kinds/``), asked
through the registry. The static book's JavaScript mirrors it, and a test compares the two.
Whatever a participant sends (nothing, the wrong shape, a novel, HTML, emoji, control
characters) gives a :class:`Feedback` that says in plain Norwegian what to do; it never raises.
``lang`` is the written standard of what it says (nb or nn): the sentences come from
``data/texts/<lang>.yaml``, and the exercise should be the one loaded in that standard.
"""

from __future__ import annotations

from typing import Any

from somekurs import texts as text_data
from somekurs.editions import checked
from somekurs.exercises import registry
from somekurs.exercises.feedback import COMMON, MAX_ANSWER, Ask, Feedback, Line, common_text
from somekurs.exercises.kinds.base import Exercise

__all__ = ["MAX_ANSWER", "Feedback", "Line", "answer_key", "evaluate", "texts"]


def texts(lang: str = "nb", kind: str | None = None) -> dict[str, str]:
    """Every sentence a judge can say in one standard: the common ones and the kind's own (every
    kind's when ``kind`` is None; a key two kinds share then has the later kind's words, which is why
    the static book asks for its own kind's)."""
    merged = dict(text_data.section(COMMON, lang))
    chosen = [registry.kinds()[kind]] if kind is not None else list(registry.kinds().values())
    for found in chosen:
        merged.update({key: text for key, text in found.strings(lang).items() if key != "title"})
    return merged


def evaluate(exercise: Exercise, answer: Any, lang: str = "nb") -> Feedback:
    """Judge ``answer`` for ``exercise`` in the standard ``lang``; the answer's shape depends on the
    kind (see each judge)."""
    base: dict[str, Any] = {
        "chapter": f"kap-{exercise.get('theme', '')}",
        "section": str(exercise.get("section", "")),
        "theme": str(exercise.get("theme", "")),
        "sources": [str(s) for s in exercise.get("sources", []) or []],
        "incident": exercise.get("incident"),
    }
    lang = checked(lang)
    base["lang"] = lang
    kind = registry.get(str(exercise.get("kind")))
    if kind is None:
        return Feedback(None, 0.0, common_text("unknown_kind", lang), needs_input=True, **base)
    try:
        feedback = kind.judge(exercise, answer, lang)
    except Ask as ask:
        return Feedback(None, 0.0, str(ask), needs_input=True, **base)
    except (TypeError, ValueError, KeyError, IndexError, AttributeError, RecursionError):
        return Feedback(None, 0.0, common_text("unreadable", lang), needs_input=True, **base)
    for key, value in base.items():
        setattr(feedback, key, value)
    return feedback


def answer_key(exercise: Exercise) -> Any:
    """The answer that :func:`evaluate` judges fully correct (tests and the instructors' key use it)."""
    kind = registry.get(str(exercise["kind"]))
    return kind.answer_key(exercise) if kind is not None else None
