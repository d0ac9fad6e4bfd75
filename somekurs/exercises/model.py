"""Load and validate the workbook exercises in ``data/exercises/*.yaml``.

Several authors write exercise files at the same time, so a broken exercise must never stop
the others: each item is checked on its own (JSON schema, then the consistency checks a
schema cannot express), a broken one becomes a :class:`~somekurs.data.DataProblem` that names
the file, the exercise id and the field, and every valid exercise still loads.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from somekurs import DATA_DIR
from somekurs.data import DataProblem, load_incidents, read_yaml, schema_problems, theme_slugs
from somekurs.exercises.sources import bibliography

KINDS = ("choice", "dilemma", "sort", "checklist", "textcheck", "decision", "risk", "timeline")

Exercise = dict[str, Any]


def load_exercises(
    data_dir: Path = DATA_DIR, exercise_dir: Path | None = None
) -> tuple[dict[str, Exercise], list[DataProblem]]:
    """All valid exercises by id (file order kept), plus the problems of those left out.

    ``exercise_dir`` defaults to ``data_dir/exercises``; tests point it at their own fixtures
    while themes, incidents and sources still come from ``data_dir``.
    """
    folder = exercise_dir if exercise_dir is not None else data_dir / "exercises"
    paths = sorted(folder.glob("*.yaml"))
    stamp = tuple((str(p), _mtime(p)) for p in paths)
    exercises, problems = _load_cached(data_dir, folder, stamp)
    return dict(exercises), list(problems)


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


@cache
def _load_cached(
    data_dir: Path, folder: Path, stamp: tuple[tuple[str, float], ...]
) -> tuple[dict[str, Exercise], tuple[DataProblem, ...]]:
    """Cached on the files' modification times: a kernel sees an author's edit at once."""
    context = _Context(data_dir)
    exercises: dict[str, Exercise] = {}
    problems: list[DataProblem] = []
    seen_in: dict[str, Path] = {}
    for name, _mtime_value in stamp:
        path = Path(name)
        items, errs = _read(path)
        if errs:
            problems.extend(errs)
            continue
        if items is None:
            continue  # an empty file: an author has only just created it
        if not isinstance(items, list):
            message = "fila skal være en YAML-liste med oppgaver (linjer som starter med «- id:»)"
            problems.append(DataProblem(path, "", "(fil)", message))
            continue
        for position, item in enumerate(items):
            item_problems = validate_exercise(item, path, context)
            item_id = item.get("id") if isinstance(item, dict) else None
            if not item_problems and isinstance(item_id, str) and item_id in seen_in:
                item_problems = [DataProblem(path, item_id, "id", f"samme id finnes også i {seen_in[item_id].name}")]
            if item_problems:
                if not isinstance(item, dict) or not item.get("id"):
                    item_problems = [
                        DataProblem(p.path, p.item_id or f"(oppgave nr. {position + 1})", p.field, p.message)
                        for p in item_problems
                    ]
                problems.extend(item_problems)
                continue
            seen_in[item["id"]] = path
            exercises[item["id"]] = {**item, "file": path.name}
    return exercises, tuple(problems)


_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _read(path: Path) -> tuple[Any, list[DataProblem]]:
    """Parse with libyaml when it is there (ten times faster: a participant waits for this);
    on any error, let the project's reader word the problem."""
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_FAST_LOADER), []  # noqa: S506 - a safe loader
    except (yaml.YAMLError, UnicodeDecodeError, OSError):
        return read_yaml(path)


class _Context:
    """What the consistency checks look up, loaded once per load_exercises call."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self._slugs: set[str] | None = None
        self._incidents: dict[str, Any] | None = None
        self._keys: set[str] | None = None

    @property
    def slugs(self) -> set[str]:
        if self._slugs is None:
            self._slugs = theme_slugs(self.data_dir)
        return self._slugs

    @property
    def incidents(self) -> dict[str, Any]:
        if self._incidents is None:
            self._incidents = valid_incidents(self.data_dir)
        return self._incidents

    @property
    def source_keys(self) -> set[str]:
        if self._keys is None:
            self._keys = set(bibliography(self.data_dir))
            for incident in self.incidents.values():
                self._keys |= {s["key"] for s in incident.get("sources", [])}
        return self._keys


def validate_exercise(item: Any, path: Path, context: _Context | None = None) -> list[DataProblem]:
    """Schema problems first; only a schema-valid item gets the consistency checks."""
    context = context or _Context(DATA_DIR)
    if not isinstance(item, dict):
        return [DataProblem(path, "", "(hele)", "en oppgave skal være en samling felt (id:, theme:, kind: …)")]
    problems = schema_problems("exercise", item, path)
    if problems:
        return problems
    return _consistency(item, path, context)


def _consistency(item: Exercise, path: Path, context: _Context) -> list[DataProblem]:
    item_id = item["id"]
    problems: list[DataProblem] = []

    def problem(field: str, message: str) -> None:
        problems.append(DataProblem(path, item_id, field, message))

    if item["theme"] not in context.slugs:
        problem("theme", f"ukjent tema «{item['theme']}» (finnes ikke i data/themes.yaml)")
    if item["basis"] == "incident" and item["incident"] not in context.incidents:
        problem("incident", f"ukjent hendelse «{item['incident']}» (finnes ikke, eller er ugyldig, i data/incidents/)")
    for n, key in enumerate(item.get("sources", [])):
        if key not in context.source_keys:
            problem(f"sources.{n}", f"ukjent kilde «{key}» (finnes ikke i data/references/*.bib)")
    checker = _KIND_CHECKS.get(item["kind"])
    if checker is not None:
        for field, message in checker(item):
            problem(field, message)
    return problems


def _check_choice(item: Exercise) -> list[tuple[str, str]]:
    if not any(option["correct"] for option in item["options"]):
        return [("options", "minst ett svaralternativ må ha correct: true")]
    return []


def _check_sort(item: Exercise) -> list[tuple[str, str]]:
    ids = [c["id"] for c in item["categories"]]
    found = []
    if len(set(ids)) != len(ids):
        found.append(("categories", "to kategorier har samme id"))
    for n, entry in enumerate(item["items"]):
        if entry["category"] not in ids:
            found.append((f"items.{n}.category", f"ukjent kategori «{entry['category']}» (kjente: {', '.join(ids)})"))
    return found


def _check_decision(item: Exercise) -> list[tuple[str, str]]:
    nodes: dict[str, Any] = item["nodes"]
    found: list[tuple[str, str]] = []
    if item["start"] not in nodes:
        found.append(("start", f"noden «{item['start']}» finnes ikke i nodes"))
    if item["expected"] not in nodes:
        found.append(("expected", f"noden «{item['expected']}» finnes ikke i nodes"))
    elif "outcome" not in nodes[item["expected"]]:
        found.append(("expected", f"«{item['expected']}» er et spørsmål, ikke et utfall (outcome)"))
    for name, node in nodes.items():
        is_outcome = "outcome" in node
        options = node.get("options") or []
        if is_outcome and options:
            found.append((f"nodes.{name}", "en node er enten et spørsmål (question + options) eller et utfall, ikke begge"))
        if not is_outcome and (not node.get("question") or not options):
            found.append((f"nodes.{name}", "noden mangler enten outcome, eller question med options"))
        for n, option in enumerate(options):
            if option["next"] not in nodes:
                found.append((f"nodes.{name}.options.{n}.next", f"noden «{option['next']}» finnes ikke"))
    if found:
        return found
    # Every path from start must end in an outcome: no loops.
    state: dict[str, int] = {}

    def visit(name: str, trail: list[str]) -> None:
        if state.get(name) == 2:
            return
        if state.get(name) == 1:
            found.append((f"nodes.{name}", "stien går i ring: " + " → ".join([*trail, name])))
            return
        state[name] = 1
        for option in nodes[name].get("options") or []:
            visit(option["next"], [*trail, name])
        state[name] = 2

    visit(item["start"], [])
    if not found and item["expected"] not in reachable(item):
        found.append(("expected", f"utfallet «{item['expected']}» kan ikke nås fra start"))
    return found


def reachable(item: Exercise) -> set[str]:
    """The node names a participant can reach from ``start``."""
    nodes = item["nodes"]
    seen: set[str] = set()
    todo = [item["start"]]
    while todo:
        name = todo.pop()
        if name in seen or name not in nodes:
            continue
        seen.add(name)
        todo.extend(option["next"] for option in nodes[name].get("options") or [])
    return seen


_KIND_CHECKS = {
    "choice": _check_choice,
    "sort": _check_sort,
    "decision": _check_decision,
}


def get_exercise(exercise_id: str, data_dir: Path = DATA_DIR) -> Exercise | None:
    """One valid exercise by id, or None when it is unknown or broken."""
    exercises, _ = load_exercises(data_dir)
    return exercises.get(exercise_id)


def problems_for(exercise_id: str, data_dir: Path = DATA_DIR) -> list[DataProblem]:
    """The data problems that keep this exercise from loading (for a friendly message)."""
    _, problems = load_exercises(data_dir)
    return [p for p in problems if p.item_id == exercise_id]


def theme_exercises(theme: str, data_dir: Path = DATA_DIR) -> list[Exercise]:
    """The valid exercises of one theme, in file order."""
    exercises, _ = load_exercises(data_dir)
    return [e for e in exercises.values() if e["theme"] == theme]


def fingerprint(exercise: Exercise) -> str:
    """A short fingerprint of the exercise as participants see it and are judged on it.

    Answers are stored as positions (option 2, event 0 …). If an author later reorders the
    options, an old position points at another option. Every saved answer carries the
    fingerprint it was given under, so the workbook, the static book and the class overview
    can tell an answer to an older version apart instead of misreading it.
    """
    public = {k: v for k, v in exercise.items() if k != "file"}
    text = json.dumps(public, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def initial_order(exercise: Exercise) -> list[int]:
    """The order a timeline's events are first shown in: shuffled, but the same every time.

    The data lists events in the right order, so showing them as written would give the
    answer away; a random shuffle would make the book's HTML differ between builds. A hash of
    the exercise id and each event's text gives a stable order that is never the right one.
    """
    events = exercise.get("events") or []

    def key(i: int) -> str:
        return hashlib.sha256(f"{exercise['id']}|{i}|{events[i]['text']}".encode()).hexdigest()

    order = sorted(range(len(events)), key=key)
    if len(order) > 1 and order == sorted(order):
        order = order[1:] + order[:1]
    return order


def _stamp(folder: Path, pattern: str) -> tuple[tuple[str, float], ...]:
    return tuple((p.name, _mtime(p)) for p in sorted(folder.glob(pattern)))


@cache
def _theme_titles(data_dir: Path, stamp: float) -> dict[str, str]:
    from somekurs.data import load_themes

    return {t["slug"]: t["title"] for t in load_themes(data_dir)}


def theme_title(slug: str, data_dir: Path = DATA_DIR) -> str:
    """The chapter title of a theme (the slug itself if the theme is unknown)."""
    return _theme_titles(data_dir, _mtime(data_dir / "themes.yaml")).get(slug, slug)


@cache
def _incidents(data_dir: Path, stamp: tuple[tuple[str, float], ...]) -> dict[str, Any]:
    incidents, _ = load_incidents(data_dir)
    return incidents


def valid_incidents(data_dir: Path = DATA_DIR) -> dict[str, Any]:
    """The valid incidents, loaded once per change of the files (validating them is slow)."""
    return _incidents(data_dir, _stamp(data_dir / "incidents", "*.yaml"))


def incident_title(incident_id: str, data_dir: Path = DATA_DIR) -> str:
    """An incident's title, for a link that reads well (the id if it is unknown)."""
    incident = valid_incidents(data_dir).get(incident_id)
    return incident["title"] if incident else incident_id
