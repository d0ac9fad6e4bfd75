"""What an exercise kind is: one class that holds every part of the kind, in one module.

A kind (choice, sort, decision …) used to be spread over a dozen places (schema enum, judge,
answer key, HTML body, widget, names, class overview, demo hand-ins), and nothing checked that
they agreed. Now a kind is one module in this package with one subclass of :class:`Kind`, plus
its script ``somekurs/exercises/js/<name>.js``; :mod:`somekurs.exercises.registry` collects them
and refuses, at import, a kind that lacks a part. Everything else (schema, evaluate, the HTML
and widget views, the answer-key page, the workbook, the class overview, the demo hand-ins)
asks the registry.

The pure parts (schema, judge, key, HTML) import no ipywidgets: the book build and the tests use
them without a kernel. The widget part imports ipywidgets only when a widget is made.
"""

from __future__ import annotations

import json
import random
from abc import ABC, abstractmethod
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from somekurs.exercises.feedback import Feedback, fill

if TYPE_CHECKING:
    import ipywidgets

Exercise = dict[str, Any]


class Kind(ABC):
    """One exercise kind. Subclasses set the class attributes and implement the methods."""

    name: ClassVar[str]  # the value of ``kind:`` in the data, e.g. "choice"
    title: ClassVar[str]  # what participants call it, e.g. "Flervalg"
    schema: ClassVar[dict[str, Any]]  # JSON schema of this kind's own fields («then» part)
    texts: ClassVar[dict[str, str]] = {}  # the sentences this kind's judge says
    script_dir: ClassVar[Path | None] = None  # where <name>.js is; None: somekurs/exercises/js/

    def say(self, key: str, **values: Any) -> str:
        return fill(self.texts[key], **values)

    # --- data -----------------------------------------------------------------------------
    def check(self, item: Exercise) -> list[tuple[str, str]]:
        """Consistency a schema cannot express: (field, Norwegian message) pairs."""
        return []

    # --- judging (pure) -------------------------------------------------------------------
    @abstractmethod
    def judge(self, exercise: Exercise, answer: Any) -> Feedback:
        """Judge an answer; raise ``Ask`` when it cannot be judged (never anything else on bad input)."""

    @abstractmethod
    def answer_key(self, exercise: Exercise) -> Any:
        """The answer the judge calls fully right (None for kinds with no single right answer)."""

    # --- readers of answers ---------------------------------------------------------------
    @abstractmethod
    def describe_answer(self, exercise: Exercise, answer: Any) -> str:
        """The answer in words, as a participant would read it in their export (option texts, not positions)."""

    def wrong_picks(self, exercise: Exercise, answer: Any) -> list[str]:
        """What the participant picked that the key calls wrong, in words an instructor can discuss."""
        return []

    @abstractmethod
    def demo_answer(self, exercise: Exercise, rng: random.Random, slip: float, lure: int) -> Any:
        """A constructed answer for the demo hand-ins: right, or (probability ``slip``) wrong the way
        many would be (``lure`` picks the tempting mistake, so a class shows a shared misconception)."""

    # --- the answer-key page (MyST lines) -------------------------------------------------
    @abstractmethod
    def key_lines(self, exercise: Exercise) -> list[str]:
        """The key and its reasons as Markdown lines for «Fasit for instruktører»."""

    # --- the static book ------------------------------------------------------------------
    @abstractmethod
    def body_html(self, exercise: Exercise, prefix: str) -> str:
        """The kind's controls as escaped, accessible HTML (ids start with ``prefix``)."""

    def script_data(self, exercise: Exercise) -> dict[str, Any]:
        """Extra data the kind's script needs beside the exercise itself."""
        return {}

    def feedback_extra_html(self, feedback: Feedback, exercise: Exercise, answer: Any) -> str:
        """Escaped HTML the kind adds below its feedback lines (the right order, your own text …)."""
        return ""

    # --- JupyterLab -----------------------------------------------------------------------
    @abstractmethod
    def controls(self, exercise: Exercise) -> Controls:
        """The live controls (ipywidgets) for this exercise."""


class Controls:
    """The live controls of one exercise: read the answer, show a saved one, clear.

    ``self.w`` is the ipywidgets module, imported when the first control is made (so importing
    a kind costs no widget library).
    """

    def __init__(self, exercise: Exercise) -> None:
        import ipywidgets

        self.w = ipywidgets
        self.exercise = exercise
        self.children: list[ipywidgets.Widget] = []

    def answer(self) -> Any:
        raise NotImplementedError

    def restore(self, answer: Any) -> None:
        raise NotImplementedError

    def clear(self) -> None:
        raise NotImplementedError

    def after_check(self, feedback: Feedback) -> None:
        """Kind-specific display after a check (the risk matrix)."""

    # shared building blocks
    def wide(self) -> ipywidgets.Layout:
        return self.w.Layout(width="100%")

    def wrap_label(self, text: str) -> ipywidgets.HTML:
        """A long text that wraps (Label cuts long lines); escaped, so it stays plain text."""
        import html

        return self.w.HTML(f'<p style="margin:.25rem 0">{html.escape(text)}</p>', layout=self.wide())


def as_json(answer: Any) -> str:
    """An answer as compact JSON (for kinds whose answer has no better wording)."""
    return json.dumps(answer, ensure_ascii=False)
