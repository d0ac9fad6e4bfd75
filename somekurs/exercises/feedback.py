"""What a judge returns, and the small helpers every judge uses: pure, no widgets, no files.

Each exercise kind (``somekurs.exercises.kinds``) judges answers with these, so every kind says
«Ikke sjekket», «Lagret», «Riktig» or «Ikke riktig» the same way and never raises on what a
participant sends. The sentences are data (``data/texts/<nb|nn>.yaml``, section ``common`` and one
section per kind); a :class:`Feedback` carries the standard it was said in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from somekurs import texts
from somekurs.exercises.textcheck import MAX_TEXT, clean_text

MAX_ANSWER = MAX_TEXT
# Sentences every kind may say (section ``common`` of the texts); each kind adds its own section.
# The static book's script receives the ones it uses as JSON and fills the same templates, so both
# renderings say the same.
COMMON = "common"


def common_text(key: str, lang: str = "nb", **values: Any) -> str:
    """A sentence every kind may say, in one standard."""
    return texts.say(COMMON, key, lang, **values)


@dataclass(frozen=True)
class Line:
    """Feedback on one part of an answer: an option, an item, a check, a step, a risk.

    Before the participant asks for the solution, a wrong line shows only ``hint`` (what is wrong,
    not what is right), and a line with ``solution_only`` (a right option the participant missed)
    is not shown at all: a wrong answer does not give the whole key away, so they can try again.
    """

    text: str
    ok: bool | None
    why: str
    hint: str = ""
    section: str = ""  # label of the chapter section that teaches the point
    source: str = ""  # bib key of the source the point rests on
    solution_only: bool = False


# In ``Feedback.extra``: True when «correct» means only that automatic checks found nothing wrong (a
# text the participant wrote). A program cannot tell that a paraphrase keeps a secret, so such an
# answer is never called «Riktig»; the verdict says it passed the checks, and the model answer decides.
CHECKS_ONLY = "checks_only"


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
    section: str = ""  # label of the section the exercise as a whole rests on
    lang: str = "nb"  # the written standard the summary and the lines are in

    @property
    def has_solution(self) -> bool:
        """True when there is more to show after «Vis løsningen» than before it."""
        return bool(self.correct is False and any(not line.ok or line.solution_only for line in self.details))

    @property
    def verdict(self) -> str:
        """The word shown beside the colour, so colour is never the only signal."""
        if self.needs_input:
            key = "verdict_unchecked"
        elif self.correct is None:
            key = "verdict_saved"
        else:
            key = "verdict_wrong" if not self.correct else ("verdict_passed" if self.extra.get(CHECKS_ONLY) else "verdict_right")
        return common_text(key, self.lang)


class Ask(Exception):
    """The answer cannot be judged; the message tells the participant what to do."""


def fill(template: str, /, **values: Any) -> str:
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


def text_answer(answer: Any, lang: str = "nb") -> str:
    """The participant's text, cleaned; an answer of the wrong type or too long asks again."""
    if answer is None:
        return ""
    if not isinstance(answer, str):
        raise Ask(common_text("ask_text", lang))
    if len(answer) > MAX_ANSWER:
        raise Ask(common_text("too_long", lang, max=MAX_ANSWER))
    return clean_text(answer).strip()


ID_PATTERN = "^[a-z0-9]+(-[a-z0-9]+)*$"
ID_SCHEMA = {"type": "string", "pattern": ID_PATTERN}
# What every option, item, check, risk, event and step may carry: the section that teaches it,
# and the source it rests on (both shown with its feedback).
POINTER_SCHEMA = {"section": {"type": "string", "pattern": ID_PATTERN}, "source": {"type": "string"}}


def duplicate_ids(entries: list[dict[str, Any]], field_name: str) -> list[tuple[str, str]]:
    """(field, message) for each id used twice in a list (option ids, item ids …)."""
    seen: set[str] = set()
    found = []
    for n, entry in enumerate(entries):
        if entry["id"] in seen:
            found.append((f"{field_name}.{n}.id", f"id-en «{entry['id']}» er brukt to ganger"))
        seen.add(entry["id"])
    return found


def mapping_answer(answer: Any, ids: list[str], what: str) -> dict[str, Any]:
    """An answer of the form {id: value} for the given ids (extra keys ignored, missing raise Ask)."""
    if not isinstance(answer, dict):
        raise Ask(what)
    return {i: answer.get(i) for i in ids}


def fraction(right: int, total: int) -> float:
    return round(right / total, 3) if total else 0.0
