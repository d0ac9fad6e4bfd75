"""Claims that expire: statements whose truth depends on a date, and the dates they must be checked by.

The 2018 guidance this course replaces was never updated, so its pages kept describing the
rules of 2018. This module is what keeps the course from going the same way:

- An author marks a claim that depends on a date still to come (a transition period, a bill
  not yet passed, a consultation) with the role ``{sjekkes}`YYYY-MM-DD``` at the end of the
  sentence: the date by which someone must look again. Data files carry the same as a
  ``check_by`` field. Once that date has passed, the build and the tests fail and name the claim.
- Future tense about a date that has already passed («loven trer i kraft 1. januar 2026»,
  «regjeringen planla ... fra sommeren 2026») is caught in the prose, marked or not.

``python -m somekurs.claims`` lists every marked claim with its date, and every stale one.
"""

from __future__ import annotations

import calendar
import os
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from somekurs import PROJECT_ROOT

ROLE = re.compile(r"\{sjekkes\}`(?P<date>[^`]*)`")
ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MONTHS = ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "desember"]
# The last month of a season, as Norwegian texts use the words about a deadline.
SEASONS = {"våren": 6, "sommeren": 8, "høsten": 11, "vinteren": 2, "starten av": 3, "slutten av": 12}
_DAY_MONTH_YEAR = re.compile(r"\b(\d{1,2})\.\s*(" + "|".join(MONTHS) + r")\s+(\d{4})\b", re.I)
_MONTH_YEAR = re.compile(r"\b(" + "|".join(MONTHS) + r")\s+(\d{4})\b", re.I)
_SEASON_YEAR = re.compile(r"\b(" + "|".join(SEASONS) + r")\s+(\d{4})\b", re.I)
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
# Words that put an event in the future: about a date already past, the sentence is out of date.
FUTURE = re.compile(
    r"\b(vil|skal|planlegger|planla|planlagt|kommer til å|ventes|forventes|tar sikte på|tok sikte på|"
    r"trer i kraft|blir gjeldende|ennå ikke|ikke før)\b",
    re.I,
)


@dataclass(frozen=True)
class Claim:
    """One marked claim: where it is, the check-by date, and the sentence around it."""

    path: Path
    line: int
    check_by: date | None
    text: str

    def __str__(self) -> str:
        where = f"{self.path.relative_to(PROJECT_ROOT) if self.path.is_absolute() else self.path}:{self.line}"
        when = self.check_by.isoformat() if self.check_by else "ugyldig dato"
        return f"{where}: sjekkes innen {when}: «{self.text}»"


def today() -> date:
    """Today, or the date in SOMEKURS_TODAY (tests move the clock to show a claim expiring)."""
    value = os.environ.get("SOMEKURS_TODAY", "").strip()
    return date.fromisoformat(value) if value else date.today()


def parse_check_by(value: str) -> date | None:
    value = value.strip()
    if not ISO.match(value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def _sentences(text: str) -> Iterator[tuple[int, str]]:
    """(line number, sentence) for each sentence of a page, joining lines of one paragraph."""
    paragraph: list[tuple[int, str]] = []

    def flush() -> Iterator[tuple[int, str]]:
        if not paragraph:
            return
        first = paragraph[0][0]
        joined = " ".join(line for _, line in paragraph)
        offset = 0
        for part in re.split(r"(?<=[.!?])\s+(?=[A-ZÆØÅ«\{])", joined):
            # the line of the part's start, approximated by counting line breaks consumed
            consumed = joined[:offset].count("\n")
            yield first + consumed, part.strip()
            offset += len(part) + 1
        paragraph.clear()

    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith(("```", ":::", "#", "(", "%", "|")):
            yield from flush()
            continue
        if re.match(r"^([-*+]|\d+\.)\s", line):  # a list item starts a unit of its own
            yield from flush()
        paragraph.append((number, line))
    yield from flush()


def marked_claims(path: Path) -> list[Claim]:
    """Every ``{sjekkes}`` marker in a page, with its sentence."""
    found = []
    for line, sentence in _sentences(path.read_text(encoding="utf-8")):
        for match in ROLE.finditer(sentence):
            found.append(Claim(path, line, parse_check_by(match.group("date")), ROLE.sub("", sentence).strip()))
    return found


def _end_of(year: int, month: int, day: int | None = None) -> date:
    return date(year, month, day or calendar.monthrange(year, month)[1])


def dates_in(sentence: str) -> list[date]:
    """The dates a Norwegian sentence names, each as the last day it can mean («mars 2026» → 31 March)."""
    found: list[date] = []
    taken: list[tuple[int, int]] = []

    def free(span: tuple[int, int]) -> bool:
        return all(span[1] <= a or span[0] >= b for a, b in taken)

    for m in _DAY_MONTH_YEAR.finditer(sentence):
        month = MONTHS.index(m.group(2).lower()) + 1
        try:
            found.append(_end_of(int(m.group(3)), month, int(m.group(1))))
        except ValueError:
            continue
        taken.append(m.span())
    for m in _ISO_DATE.finditer(sentence):
        try:
            found.append(date(int(m.group(1)), int(m.group(2)), int(m.group(3))))
        except ValueError:
            continue
        taken.append(m.span())
    for m in _MONTH_YEAR.finditer(sentence):
        if free(m.span()):
            found.append(_end_of(int(m.group(2)), MONTHS.index(m.group(1).lower()) + 1))
            taken.append(m.span())
    for m in _SEASON_YEAR.finditer(sentence):
        if free(m.span()):
            found.append(_end_of(int(m.group(2)), SEASONS[m.group(1).lower()]))
    return found


def future_about_past(sentence: str, on: date) -> bool:
    """True when the sentence speaks of a passed date in the future tense."""
    plain = ROLE.sub("", sentence)
    plain = re.sub(r"\{[\w:-]+\}`[^`]*`", "", plain)  # citations and links carry dates of their own
    return bool(FUTURE.search(plain)) and any(d < on for d in dates_in(plain))


@dataclass(frozen=True)
class Stale:
    """A claim that needs a look: its check-by date has passed, or it speaks of the past as future."""

    path: Path
    line: int
    reason: str
    text: str

    def __str__(self) -> str:
        where = f"{self.path.relative_to(PROJECT_ROOT) if self.path.is_absolute() else self.path}:{self.line}"
        return f"{where}: {self.reason}: «{self.text}»"


def stale_in_page(path: Path, on: date | None = None) -> list[Stale]:
    on = on or today()
    found = []
    for claim in marked_claims(path):
        if claim.check_by is None:
            found.append(Stale(path, claim.line, "{sjekkes} trenger en dato som 2027-03-01", claim.text))
        elif claim.check_by < on:
            found.append(Stale(path, claim.line, f"skulle vært sjekket innen {claim.check_by.isoformat()}", claim.text))
    for line, sentence in _sentences(path.read_text(encoding="utf-8")):
        if future_about_past(sentence, on):
            found.append(Stale(path, line, "framtid om en dato som har vært", ROLE.sub("", sentence).strip()))
    return found


def book_pages(root: Path = PROJECT_ROOT) -> list[Path]:
    """The hand-written pages of the book (generated pages are checked through their data)."""
    generated = {"hendelser.md", "ordliste.md", "fasit.md", "endringslogg.md"}
    return sorted(p for p in (root / "book").rglob("*.md") if p.name not in generated)


def main(argv: list[str]) -> int:
    pages = [Path(a).resolve() for a in argv] or book_pages()
    stale = [s for page in pages for s in stale_in_page(page)]
    for page in pages:
        for claim in marked_claims(page):
            print(claim)
    for item in stale:
        print("UTDATERT:", item)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
