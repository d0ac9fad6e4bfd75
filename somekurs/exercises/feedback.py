"""What a judge returns, and the small helpers every judge uses: pure, no widgets, no files.

Each exercise kind (``somekurs.exercises.kinds``) judges answers with these, so every kind says
«Ikke sjekket», «Lagret», «Riktig» or «Ikke riktig» the same way and never raises on what a
participant sends.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from somekurs.exercises.textcheck import MAX_TEXT, clean_text

MAX_ANSWER = MAX_TEXT

# Sentences every kind may say; each kind adds its own (``Kind.texts``). The static book's script
# receives the ones it uses as JSON and fills the same templates, so both renderings say the same.
COMMON_TEXTS: dict[str, str] = {
    "ask_text": "Skriv svaret ditt som tekst i feltet, og trykk så «Sjekk svaret».",
    "too_long": "Svaret er over {max} tegn. Skriv et kortere svar.",
    "unreadable": "Svaret kunne ikke leses. Trykk «Nullstill oppgaven» og svar på nytt.",
    "unknown_kind": "Denne oppgavetypen kan ikke sjekkes ennå.",
}


@dataclass(frozen=True)
class Line:
    """Feedback on one part of an answer: an option, an item, a check, a node, a risk."""

    text: str
    ok: bool | None
    why: str


@dataclass
class Feedback:
    """What a participant is told after «Sjekk svaret»."""

    correct: bool | None  # None: a free-text answer with no right or wrong
    score: float  # 0..1
    summary: str
    details: list[Line] = field(default_factory=list)
    chapter: str = ""  # label of the chapter the feedback links to, e.g. kap-arkiv
    theme: str = ""
    sources: list[str] = field(default_factory=list)
    incident: str | None = None
    needs_input: bool = False  # True: the answer could not be judged; nothing worth saving
    extra: dict[str, Any] = field(default_factory=dict)  # kind-specific (suggestion, right order, lix …)

    @property
    def verdict(self) -> str:
        """The word shown beside the colour, so colour is never the only signal."""
        if self.needs_input:
            return "Ikke sjekket"
        if self.correct is None:
            return "Lagret"
        return "Riktig" if self.correct else "Ikke riktig"


class Ask(Exception):
    """The answer cannot be judged; the message tells the participant what to do."""


def fill(template: str, **values: Any) -> str:
    return template.format(**values)


def index_of(value: Any, size: int) -> int | None:
    """An option index from an int, or a digit string; bools are not numbers here."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str) and value.strip().isdigit() and len(value.strip()) < 6:
        value = int(value.strip())
    if isinstance(value, int) and 0 <= value < size:
        return value
    return None


def as_list(answer: Any, what: str) -> list[Any]:
    if isinstance(answer, (list, tuple)):
        return list(answer)
    raise Ask(what)


def text_answer(answer: Any) -> str:
    """The participant's text, cleaned; an answer of the wrong type or too long asks again."""
    if answer is None:
        return ""
    if not isinstance(answer, str):
        raise Ask(COMMON_TEXTS["ask_text"])
    if len(answer) > MAX_ANSWER:
        raise Ask(fill(COMMON_TEXTS["too_long"], max=MAX_ANSWER))
    return clean_text(answer).strip()


def fraction(right: int, total: int) -> float:
    return round(right / total, 3) if total else 0.0
