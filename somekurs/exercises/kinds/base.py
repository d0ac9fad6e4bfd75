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

Everything a kind says or shows is in the texts (``data/texts/<nb|nn>.yaml``, the section named like
the kind: its ``title`` and every sentence of its judge and views), and every method that produces
text takes ``lang``, the written standard, explicitly (default bokmål): the book build renders the
nynorsk edition with no participant state. A kind from outside the course (a test's worked
example) may instead carry its own bokmål ``title`` and ``texts``; those serve every standard.
"""

from __future__ import annotations

import json
import random
from abc import ABC, abstractmethod
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from somekurs import texts as text_data
from somekurs.exercises.feedback import Feedback, fill

if TYPE_CHECKING:
    import ipywidgets

Exercise = dict[str, Any]


class Kind(ABC):
    """One exercise kind. Subclasses set the class attributes and implement the methods."""

    name: ClassVar[str]  # the value of ``kind:`` in the data, e.g. "choice"
    schema: ClassVar[dict[str, Any]]  # JSON schema of this kind's own fields («then» part)
    # Only for a kind whose strings are not in data/texts (a test's worked example): its name and
    # sentences in bokmål. The course's kinds leave both empty.
    title: ClassVar[str] = ""
    texts: ClassVar[dict[str, str]] = {}
    script_dir: ClassVar[Path | None] = None  # where <name>.js is; None: somekurs/exercises/js/
    # True for a kind whose «correct» means only that automatic checks found nothing wrong (a text the
    # participant wrote): the verdict and the hand-in then say «besto sjekkene», never «riktig».
    checks_only: ClassVar[bool] = False

    def strings(self, lang: str = "nb") -> dict[str, str]:
        """Every string of this kind in one standard (its section of the texts, else its own ``texts``)."""
        found = text_data.section(self.name, lang)
        return found if found else {"title": self.title, **self.texts}

    def say(self, key: str, lang: str = "nb", /, **values: Any) -> str:
        """One of the kind's sentences in the standard ``lang``, placeholders filled."""
        return fill(self.strings(lang)[key], **values)

    def title_in(self, lang: str = "nb") -> str:
        """What participants call the kind («Flervalg»)."""
        return self.strings(lang).get("title", "")

    # --- data -----------------------------------------------------------------------------
    def check(self, item: Exercise) -> list[tuple[str, str]]:
        """Consistency a schema cannot express: (field, Norwegian message) pairs."""
        return []

    # --- judging (pure) -------------------------------------------------------------------
    @abstractmethod
    def judge(self, exercise: Exercise, answer: Any, lang: str = "nb") -> Feedback:
        """Judge an answer; raise ``Ask`` when it cannot be judged (never anything else on bad input)."""

    @abstractmethod
    def answer_key(self, exercise: Exercise) -> Any:
        """The answer the judge calls fully right (None for kinds with no single right answer)."""

    # --- readers of answers ---------------------------------------------------------------
    @abstractmethod
    def describe_answer(self, exercise: Exercise, answer: Any, lang: str = "nb") -> str:
        """The answer in words, as a participant would read it in their export (option texts, not positions)."""

    def wrong_picks(self, exercise: Exercise, answer: Any, lang: str = "nb") -> list[str]:
        """What the participant picked that the key calls wrong, in words an instructor can discuss."""
        return []

    @abstractmethod
    def demo_answer(self, exercise: Exercise, rng: random.Random, slip: float, lure: int) -> Any:
        """A constructed answer for the demo hand-ins: right, or (probability ``slip``) wrong the way
        many would be (``lure`` picks the tempting mistake, so a class shows a shared misconception)."""

    # --- the answer-key page (MyST lines) -------------------------------------------------
    @abstractmethod
    def key_lines(self, exercise: Exercise, lang: str = "nb") -> list[str]:
        """The key and its reasons as Markdown lines for «Fasit for instruktører»."""

    # --- the static book ------------------------------------------------------------------
    @abstractmethod
    def body_html(self, exercise: Exercise, prefix: str, lang: str = "nb") -> str:
        """The kind's controls as escaped, accessible HTML (ids start with ``prefix``)."""

    def script_data(self, exercise: Exercise, lang: str = "nb") -> dict[str, Any]:
        """Extra data the kind's script needs beside the exercise itself (words in ``lang``)."""
        return {}

    def lists(self, exercise: Exercise) -> dict[str, list[str]]:
        """The lists shown in a per-participant order (name → ids in data order); the static book's
        script shuffles the ``data-sk-stokk`` container of each."""
        return {}

    # Lists whose order in the data file IS the answer (a timeline's events): they are never shown
    # in that order. Every other list is shown in a uniformly random order, file order included,
    # so where the right option sits in the file says nothing about where it is shown.
    answer_lists: frozenset[str] = frozenset()

    def feedback_extra_html(
        self, feedback: Feedback, exercise: Exercise, answer: Any, reveal: bool = True, lang: str = "nb"
    ) -> str:
        """Escaped HTML the kind adds below its feedback lines (the right order, the model answer …);
        ``reveal`` is False before the participant has asked for the solution."""
        return ""

    # --- JupyterLab -----------------------------------------------------------------------
    @abstractmethod
    def controls(self, exercise: Exercise, seed: str = "", lang: str = "nb") -> Controls:
        """The live controls (ipywidgets) for this exercise, lists in this participant's order
        (``seed``, see ``somekurs.exercises.shuffle``)."""


class Controls:
    """The live controls of one exercise: read the answer, show a saved one, clear.

    ``self.w`` is the ipywidgets module, imported when the first control is made (so importing
    a kind costs no widget library).
    """

    def __init__(self, exercise: Exercise, lang: str = "nb") -> None:
        import ipywidgets

        self.w = ipywidgets
        self.exercise = exercise
        self.lang = lang
        self.children: list[ipywidgets.Widget] = []
        # Called by a kind whose state changes without a widget value changing (a timeline moved,
        # a scenario step taken); the exercise view then keeps a draft.
        self.changed: Callable[[], None] = lambda: None

    def say(self, key: str, /, **values: Any) -> str:
        """One of the exercise kind's strings in this view's standard."""
        return fill(text_data.get(str(self.exercise["kind"]), key, self.lang), **values)

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
