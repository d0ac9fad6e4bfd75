"""The item bank of the course test and the rules a test is drawn by.

The items are exercises of the kinds the engine judges (choice, sort, checklist, decision, risk),
written to the same rules as the workbook's (AUTHORING.md «Exercise files») but never the same
text: they live in ``data/test-items/<theme>.yaml`` and load with the exercise loader, so the
schema, the consistency checks and the no-cue player hold for them too. ``lang="nn"`` gives the
nynorsk twins in ``data/nn/test-items/`` (same ids, the bokmål item where a twin is missing), so a
test drawn in either standard has the same items and the same results.
"""

from __future__ import annotations

import math
import random
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from somekurs import DATA_DIR, data
from somekurs.data import DataProblem
from somekurs.exercises.model import Exercise, load_exercises

COURSE = "hele-kurset"  # the scope of the test over the whole course (a URL part: Norwegian)
KINDS = ("choice", "sort", "checklist", "decision", "risk")  # judged at once, no free text
MODULE_ITEMS = 6  # items drawn for the test of one module (theme)
COURSE_ITEMS_PER_THEME = 2  # items drawn per theme for the test of the whole course
PASS_SHARE = 0.8  # the share of right answers a participant needs
MIN_ITEMS_PER_THEME = 8  # the bank holds at least this many items per theme


def bank_dir(data_dir: Path = DATA_DIR) -> Path:
    return data_dir / "test-items"


def load_bank(data_dir: Path = DATA_DIR, lang: str = "nb") -> tuple[dict[str, Exercise], list[DataProblem]]:
    """Every valid item by id (file order), and the problems of those left out, in the standard ``lang``."""
    return load_exercises(data_dir, exercise_dir=bank_dir(data_dir), lang=lang)


def items_by_theme(data_dir: Path = DATA_DIR, lang: str = "nb") -> dict[str, list[Exercise]]:
    """The valid items of each theme, in book order of the themes and file order of the items."""
    items, _ = load_bank(data_dir, lang)
    out: dict[str, list[Exercise]] = {t["slug"]: [] for t in data.load_themes(data_dir)}
    for item in items.values():
        out.setdefault(item["theme"], []).append(item)
    return out


@dataclass(frozen=True)
class Rules:
    """What one test is: its scope, how many items per theme, and what passes."""

    scope: str  # a theme slug, or COURSE
    themes: tuple[str, ...]  # the themes it draws from
    per_theme: int  # items drawn from each theme
    theme_pass: int  # right answers needed in each theme
    total_pass: int  # right answers needed over the whole test

    @property
    def total(self) -> int:
        return self.per_theme * len(self.themes)

    def as_json(self) -> dict[str, Any]:
        return {
            "scope": self.scope,
            "themes": list(self.themes),
            "perTheme": self.per_theme,
            "themePass": self.theme_pass,
            "totalPass": self.total_pass,
        }


def rules(scope: str, data_dir: Path = DATA_DIR) -> Rules:
    """The rules of the test of one theme, or of the whole course (``COURSE``).

    A module test draws six of the theme's items; five right passes it. The course test draws two
    per theme; it passes with four fifths right over all, and at least one of the two in every theme,
    so no theme can be skipped.
    """
    slugs = [t["slug"] for t in data.load_themes(data_dir)]
    if scope == COURSE:
        # Every theme with items in the bank (all of them once the bank is complete).
        slugs = [t for t, items in items_by_theme(data_dir).items() if items]
        total = COURSE_ITEMS_PER_THEME * len(slugs)
        return Rules(COURSE, tuple(slugs), COURSE_ITEMS_PER_THEME, 1, math.ceil(PASS_SHARE * total))
    if scope not in slugs:
        raise KeyError(scope)
    needed = math.ceil(PASS_SHARE * MODULE_ITEMS)
    return Rules(scope, (scope,), MODULE_ITEMS, needed, needed)


def new_attempt_id() -> str:
    """A random id for one attempt: two attempts with the same score still differ."""
    return secrets.token_hex(4)


def draw(rules_: Rules, bank: dict[str, list[Exercise]], rng: random.Random | None = None) -> list[Exercise]:
    """The items of one attempt: ``per_theme`` drawn at random from each theme, themes in book order.

    A theme with fewer items than the rules ask gives what it has (the data tests require eight).
    """
    rng = rng or random.SystemRandom()
    chosen: list[Exercise] = []
    for theme in rules_.themes:
        pool = list(bank.get(theme, []))
        chosen += rng.sample(pool, min(rules_.per_theme, len(pool)))
    return chosen
