"""Load and validate the workbook exercises in ``data/exercises/*.yaml``.

Several authors write exercise files at the same time, so a broken exercise must never stop
the others: each item is checked on its own (JSON schema, then the consistency checks a
schema cannot express), a broken one becomes a :class:`~somekurs.data.DataProblem` that names
the file, the exercise id and the field, and every valid exercise still loads.

``lang="nn"`` gives the nynorsk edition: the twins in ``data/nn/exercises/`` (same ids, same
structure), validated the same way, in bokmål order; where a twin is missing or broken, the bokmål
exercise is shown and the fallback recorded (``somekurs.editions.fallbacks``). An nn exercise has
the fingerprint of its bokmål twin (key ``fingerprint``), so an answer given in one standard is
put back in the other, and the class overview counts both together.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from somekurs import DATA_DIR, data, editions, filecache, heap
from somekurs.data import DataProblem, load_incidents, read_yaml, schema_problems, theme_slugs
from somekurs.exercises import registry
from somekurs.exercises.sources import bibliography

Exercise = dict[str, Any]


def _exercise_schema() -> dict[str, Any]:
    base = json.loads((data.SCHEMA_DIR / "exercise.schema.json").read_text(encoding="utf-8"))
    return registry.exercise_schema(base)


data.provide_schema("exercise", _exercise_schema)


# Keys the loader adds to an exercise (never in a data file): the file it came from, and for an nn
# exercise the fingerprint of its bokmål twin.
LOADER_KEYS = {"file", "fingerprint"}


def load_exercises(
    data_dir: Path = DATA_DIR, exercise_dir: Path | None = None, lang: str = "nb"
) -> tuple[dict[str, Exercise], list[DataProblem]]:
    """All valid exercises by id (file order kept), plus the problems of those left out.

    ``exercise_dir`` defaults to ``data_dir/exercises``; tests point it at their own fixtures
    while themes, incidents and sources still come from ``data_dir``. ``lang`` is the written
    standard (nb, or nn: the twins in the folder's ``nn`` twin, see :mod:`somekurs.editions`).
    """
    folder = exercise_dir if exercise_dir is not None else data_dir / "exercises"
    if editions.checked(lang) == editions.DEFAULT:
        exercises, problems = _load_cached(data_dir, folder, filecache.folder_stamp(folder))
    else:
        twin = editions.twin_folder(folder)
        exercises, problems = _load_twins(data_dir, folder, filecache.folder_stamp(folder), filecache.folder_stamp(twin))
    return dict(exercises), list(problems)


@lru_cache(maxsize=4)
def _load_cached(data_dir: Path, folder: Path, stamp: filecache.Stamp) -> tuple[dict[str, Exercise], tuple[DataProblem, ...]]:
    """Cached on the files' modification times: a kernel sees an author's edit at once."""
    exercises, problems = _parse(data_dir, stamp)
    # Parsing every file leaves freed heap behind (about 12 MB per kernel): give it back.
    heap.release()
    return exercises, tuple(problems)


@lru_cache(maxsize=4)
def _load_twins(
    data_dir: Path, folder: Path, stamp: filecache.Stamp, twin_stamp: filecache.Stamp
) -> tuple[dict[str, Exercise], tuple[DataProblem, ...]]:
    """The nn edition: each valid nn twin in bokmål order, the bokmål exercise where none is valid."""
    nb_exercises, nb_problems = _load_cached(data_dir, folder, stamp)
    nn_exercises, nn_problems = _parse(data_dir, twin_stamp)
    merged: dict[str, Exercise] = {}
    for exercise_id, exercise in nb_exercises.items():
        twin = nn_exercises.get(exercise_id)
        if twin is None:
            where = editions.shown(editions.twin_folder(folder) / exercise["file"])
            editions.fallback(f"{where}: {exercise_id} manglar på nynorsk (viser bokmål)")
            merged[exercise_id] = exercise
        else:
            merged[exercise_id] = {**twin, "fingerprint": fingerprint(exercise)}
    heap.release()
    return merged, nb_problems + tuple(nn_problems)


def _parse(data_dir: Path, stamp: filecache.Stamp) -> tuple[dict[str, Exercise], list[DataProblem]]:
    """Every valid exercise of the files in ``stamp`` (an nn twin's recorded version taken off)."""
    context = _Context(data_dir)
    exercises: dict[str, Exercise] = {}
    problems: list[DataProblem] = []
    seen_in: dict[str, Path] = {}
    for name, _mtime_value in stamp:
        path = Path(name)
        items, errs = read_yaml(path)
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
            exercises[item["id"]] = {**editions.without_stamp(item), "file": path.name}
    return exercises, problems


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
    kind = registry.get(item["kind"])
    if kind is not None:
        for field, message in kind.check(item):
            problem(field, message)
    return problems


def get_exercise(exercise_id: str, data_dir: Path = DATA_DIR, lang: str = "nb") -> Exercise | None:
    """One valid exercise by id, or None when it is unknown or broken."""
    exercises, _ = load_exercises(data_dir, lang=lang)
    return exercises.get(exercise_id)


def problems_for(exercise_id: str, data_dir: Path = DATA_DIR, lang: str = "nb") -> list[DataProblem]:
    """The data problems that keep this exercise from loading (for a friendly message)."""
    _, problems = load_exercises(data_dir, lang=lang)
    return [p for p in problems if p.item_id == exercise_id]


def theme_exercises(theme: str, data_dir: Path = DATA_DIR, lang: str = "nb") -> list[Exercise]:
    """The valid exercises of one theme, in file order."""
    exercises, _ = load_exercises(data_dir, lang=lang)
    return [e for e in exercises.values() if e["theme"] == theme]


def fingerprint(exercise: Exercise) -> str:
    """A short fingerprint of the exercise as participants see it and are judged on it.

    Answers are stored as positions (option 2, event 0 …). If an author later reorders the
    options, an old position points at another option. Every saved answer carries the
    fingerprint it was given under, so the workbook, the static book and the class overview
    can tell an answer to an older version apart instead of misreading it. An nn exercise carries
    its bokmål twin's (the ids an answer holds are the same in both standards).
    """
    if isinstance(exercise.get("fingerprint"), str) and exercise["fingerprint"]:
        return str(exercise["fingerprint"])
    public = {k: v for k, v in exercise.items() if k not in LOADER_KEYS}
    text = json.dumps(public, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


@lru_cache(maxsize=8)
def _theme_titles(data_dir: Path, lang: str, stamp: filecache.Stamp) -> dict[str, str]:
    return {t["slug"]: t["title"] for t in data.load_themes(data_dir, lang)}


def theme_title(slug: str, data_dir: Path = DATA_DIR, lang: str = "nb") -> str:
    """The chapter title of a theme (the slug itself if the theme is unknown)."""
    files = [data_dir / "themes.yaml", editions.twin_file(data_dir / "themes.yaml")]
    return _theme_titles(data_dir, editions.checked(lang), filecache.stamp(files)).get(slug, slug)


def valid_incidents(data_dir: Path = DATA_DIR, lang: str = "nb") -> dict[str, Any]:
    """The valid incidents (loaded once per change of the files: validating them is slow)."""
    return load_incidents(data_dir, lang)[0]


def incident_title(incident_id: str, data_dir: Path = DATA_DIR, lang: str = "nb") -> str:
    """An incident's title, for a link that reads well (the id if it is unknown)."""
    incident = valid_incidents(data_dir, lang).get(incident_id)
    return incident["title"] if incident else incident_id
