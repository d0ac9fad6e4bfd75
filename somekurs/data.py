"""Load and validate the course's data files (themes, incidents, glossary, exercises).

Everything a chapter, notebook or exercise shows about a real incident or a term comes from
these files, so they are validated on load: a broken file is reported with its path, the
item's id and the field, and the other files still load.

Every loader takes ``lang``: ``"nn"`` reads the nynorsk twins under ``data/nn/`` (the same
structure, see :mod:`somekurs.editions`), validated with the same schemas, and falls back to the
bokmål item or file where a twin is missing (recorded in ``somekurs.editions.fallbacks``).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from somekurs import DATA_DIR, editions, filecache, yamlio
from somekurs.norwegian import sort_key

SCHEMA_DIR = Path(__file__).resolve().parent / "schemas"


@dataclass(frozen=True)
class DataProblem:
    """One thing wrong in one data file, said so that an author can find and fix it."""

    path: Path
    item_id: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path.name}: {self.item_id or '(ukjent id)'}: felt «{self.field}»: {self.message}"


class DataError(ValueError):
    """Raised when a caller asks for valid data only and some file is broken."""

    def __init__(self, problems: list[DataProblem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


_PROVIDED: dict[str, Callable[[], dict[str, Any]]] = {}


def provide_schema(name: str, build: Callable[[], dict[str, Any]]) -> None:
    """Let a module supply a schema that is assembled rather than read from a file (the exercise
    schema is built from the exercise kinds' own parts, see ``somekurs.exercises.registry``)."""
    _PROVIDED[name] = build


@cache
def _schema(name: str) -> dict[str, Any]:
    if name in _PROVIDED:
        return _PROVIDED[name]()
    return json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))


@cache
def _fast_validator(name: str) -> Callable[[Any], Any]:
    """A compiled validator that answers only «valid or not», cheaply.

    Every participant kernel loads the data. ``import jsonschema`` costs about 2 s and 21 MB
    there (its optional format checkers build a grammar at import), which pushed a case
    study's kernel over the 150 MB sizing target. fastjsonschema (already a dependency of
    nbformat) compiles our schemas to plain Python; only draft-07 keywords are used in them,
    which it supports. A test checks that both libraries agree on every file and fixture.
    """
    import fastjsonschema

    return fastjsonschema.compile(_schema(name))


@cache
def _validator(name: str) -> Any:
    import jsonschema

    return jsonschema.Draft202012Validator(_schema(name))


def schema_problems(name: str, item: Any, path: Path) -> list[DataProblem]:
    """Validate one item against a named JSON schema; return its problems, if any.

    Valid items (nearly all) pass the fast check alone. For an invalid one, jsonschema is
    loaded to list every problem with its field, so an author can fix them in one go.
    """
    import fastjsonschema

    try:
        _fast_validator(name)(item)
        return []
    except fastjsonschema.JsonSchemaException as fast_error:
        problems = detailed_schema_problems(name, item, path)
        if not problems:  # the two libraries disagree: never let the item through unreported
            item_id = item.get("id", "") if isinstance(item, dict) else ""
            problems = [DataProblem(path, str(item_id), "(hele)", str(fast_error))]
        return problems


def detailed_schema_problems(name: str, item: Any, path: Path) -> list[DataProblem]:
    """Every problem jsonschema finds in one item, each with the field it concerns."""
    item_id = item.get("id", "") if isinstance(item, dict) else ""
    problems = []
    for error in sorted(_validator(name).iter_errors(item), key=lambda e: list(e.path)):
        field = ".".join(str(p) for p in error.absolute_path) or (
            error.validator_value[0] if error.validator == "required" and isinstance(error.validator_value, list) else "(hele)"
        )
        if error.validator == "required":
            field = error.message.split("'")[1] if "'" in error.message else field
        problems.append(DataProblem(path, str(item_id), str(field), error.message))
    return problems


def read_yaml(path: Path) -> tuple[Any, list[DataProblem]]:
    """Parse a YAML file (``somekurs.yamlio``); anything wrong becomes a problem, never an exception."""
    value, reason = yamlio.read(path)
    return value, ([DataProblem(path, "", "(fil)", reason)] if reason else [])


def read_twin(twin: Path) -> list[Any]:
    """The items of a whole-file nynorsk twin (``data/nn/themes.yaml``); none while it is not written
    yet, and a twin that cannot be read is an error, as a broken bokmål file is."""
    if not twin.exists():
        return []
    found, problems = read_yaml(twin)
    if problems:
        raise DataError(problems)
    return list(found or [])


def load_themes(data_dir: Path = DATA_DIR, lang: str = "nb") -> list[dict[str, Any]]:
    """The themes in book order (nn: the titles of ``data/nn/themes.yaml``, theme by theme by slug)."""
    themes, problems = read_yaml(data_dir / "themes.yaml")
    if problems:
        raise DataError(problems)
    if editions.checked(lang) == editions.DEFAULT:
        return list(themes)
    twin = editions.twin_file(data_dir / "themes.yaml")
    by_slug = {t.get("slug"): t for t in read_twin(twin) if isinstance(t, dict)}
    merged = []
    for theme in themes:
        if theme["slug"] in by_slug:
            merged.append({**theme, "title": by_slug[theme["slug"]].get("title", theme["title"])})
        else:
            editions.fallback(f"{editions.shown(twin)}: {theme['slug']} manglar på nynorsk (viser bokmål)")
            merged.append(theme)
    return merged


def theme_slugs(data_dir: Path = DATA_DIR) -> set[str]:
    return {t["slug"] for t in load_themes(data_dir)}


def load_incidents(data_dir: Path = DATA_DIR, lang: str = "nb") -> tuple[dict[str, dict[str, Any]], list[DataProblem]]:
    """All incidents by id, plus the problems of those that failed validation (left out).

    A case study calls this once per table; reading and validating 65 files each time was
    most of a notebook's run time. The result is cached on the files' modification times, so
    an author's edit is still seen at once.
    """
    paths = sorted((data_dir / "incidents").glob("*.yaml")) + [data_dir / "themes.yaml"]
    incidents, problems = _load_incidents_cached(data_dir, filecache.stamp(paths))
    if editions.checked(lang) == editions.DEFAULT:
        return dict(incidents), list(problems)
    folder = editions.twin_folder(data_dir / "incidents")
    twin_paths = sorted(folder.glob("*.yaml")) + [data_dir / "themes.yaml"]
    twins, twin_problems = _load_incidents_cached(data_dir, filecache.stamp(twin_paths))
    merged = editions.merge_items(incidents, {k: v for k, v in twins.items() if k in incidents}, editions.shown(folder))
    return merged, list(problems) + list(twin_problems)


@lru_cache(maxsize=4)
def _load_incidents_cached(data_dir: Path, stamp: filecache.Stamp) -> tuple[dict[str, dict[str, Any]], tuple[DataProblem, ...]]:
    slugs = theme_slugs(data_dir)
    incidents: dict[str, dict[str, Any]] = {}
    problems: list[DataProblem] = []
    for name, _mtime in stamp[:-1]:
        path = Path(name)
        item, errs = read_yaml(path)
        errs = errs or schema_problems("incident", item, path)
        if not errs:
            errs = _incident_consistency(item, path, slugs)
        if not errs and item["id"] in incidents:
            errs = [DataProblem(path, item["id"], "id", "samme id finnes i en annen fil")]
        if errs:
            problems.extend(errs)
            continue
        incidents[item["id"]] = item
    return incidents, tuple(problems)


def _incident_consistency(item: dict[str, Any], path: Path, slugs: set[str]) -> list[DataProblem]:
    """Checks a JSON schema cannot express: file name, theme slugs, source keys."""
    problems = []
    if path.stem != item["id"]:
        problems.append(DataProblem(path, item["id"], "id", f"filnavnet skal være {item['id']}.yaml"))
    for theme in item["themes"]:
        if theme not in slugs:
            problems.append(DataProblem(path, item["id"], "themes", f"ukjent tema «{theme}»"))
    keys = {s["key"] for s in item["sources"]}
    for section in ("timeline", "figures"):
        for n, point in enumerate(item.get(section, [])):
            if "source" in point and point["source"] not in keys:
                problems.append(DataProblem(path, item["id"], f"{section}.{n}.source", f"ukjent kilde «{point['source']}»"))
    if any("value" in f and "source" not in f for f in item.get("figures", [])):
        problems.append(DataProblem(path, item["id"], "figures", "hvert tall må ha en kilde"))
    seen: set[str] = set()
    for section in ("timeline", "figures"):
        for n, point in enumerate(item.get(section, [])):
            if "id" in point:
                if point["id"] in seen:
                    problems.append(
                        DataProblem(
                            path, item["id"], f"{section}.{n}.id", f"id-en «{point['id']}» er brukt to ganger i samme hendelse"
                        )
                    )
                seen.add(point["id"])
    for n, key in enumerate(item.get("verified", {}).get("sources", [])):
        if key not in keys:
            problems.append(DataProblem(path, item["id"], f"verified.sources.{n}", f"ukjent kilde «{key}»"))
    return problems


def _fact(item: dict[str, Any], section: str, fact_id: str) -> dict[str, Any]:
    for point in item.get(section, []):
        if point.get("id") == fact_id:
            return point
    what = "punkt i tidslinjen" if section == "timeline" else "tall"
    known = ", ".join(p["id"] for p in item.get(section, []) if "id" in p) or "ingen"
    raise KeyError(f"{item['id']} har ikke noe {what} med id «{fact_id}» (kjente: {known})")


def timeline_point(item: dict[str, Any], point_id: str) -> dict[str, Any]:
    """The incident's timeline point with this id. Code and exercises name facts by id, never by
    words in their text, so rewording a point in a fact-check cannot change a computed result."""
    return _fact(item, "timeline", point_id)


def figure(item: dict[str, Any], figure_id: str) -> dict[str, Any]:
    """The incident's figure with this id (see :func:`timeline_point`)."""
    return _fact(item, "figures", figure_id)


def load_glossary(data_dir: Path = DATA_DIR, lang: str = "nb") -> tuple[list[dict[str, str]], list[DataProblem]]:
    """All glossary terms, sorted as a Norwegian reader expects (æ, ø, å last). A glossary file's
    terms have no ids (the term itself is translated), so nn takes each file's twin as a whole."""
    terms: dict[str, dict[str, str]] = {}
    problems: list[DataProblem] = []
    nn = editions.checked(lang) != editions.DEFAULT
    for nb_path in sorted((data_dir / "glossary").glob("*.yaml")):
        path = editions.twin_file(nb_path) if nn else nb_path
        if nn and not path.exists():
            editions.fallback(f"{editions.shown(path)} manglar (viser bokmål)")
            path = nb_path
        items, errs = read_yaml(path)
        if errs:
            problems.extend(errs)
            continue
        for item in items or []:
            errs = schema_problems("glossary", item, path)
            if not errs and item["term"].lower() in terms:
                errs = [DataProblem(path, item["term"], "term", "begrepet er allerede definert i en annen fil")]
            if errs:
                problems.extend(errs)
                continue
            terms[item["term"].lower()] = {**item, "file": path.stem}
    return sorted(terms.values(), key=lambda t: sort_key(t["term"])), problems


def load_checked(data_dir: Path = DATA_DIR) -> dict[str, str]:
    """When each hand-written page was last checked (docname → YYYY-MM-DD), from data/checked.yaml."""
    checked, problems = read_yaml(data_dir / "checked.yaml")
    if problems:
        raise DataError(problems)
    return {str(k): str(v) for k, v in (checked or {}).items()}


def load_changelog(data_dir: Path = DATA_DIR, lang: str = "nb") -> list[dict[str, Any]]:
    """The change log (data/changelog.yaml), newest entry first.

    nn: each entry's text from ``data/nn/changelog.yaml``, which holds the same entries in the same
    order. Entries have no ids, so they are paired by place, and only where date, kind and pages
    agree; an entry without its twin is shown in bokmål and recorded as a fallback (the drift gate
    names the file as stale as soon as bokmål changes)."""
    entries, problems = read_yaml(data_dir / "changelog.yaml")
    if problems:
        raise DataError(problems)
    entries = list(entries or [])
    if editions.checked(lang) != editions.DEFAULT:
        twin = editions.twin_file(data_dir / "changelog.yaml")
        found = read_twin(twin)
        translated = []
        for place, entry in enumerate(entries):
            other = found[place] if place < len(found) else None
            same = isinstance(other, dict) and all(other.get(k) == entry.get(k) for k in ("date", "kind", "pages"))
            if same and other.get("text"):  # type: ignore[union-attr]
                translated.append({**entry, "text": other["text"]})  # type: ignore[index]
            else:
                editions.fallback(f"{editions.shown(twin)}: endringa frå {entry['date']} manglar på nynorsk (viser bokmål)")
                translated.append(entry)
        entries = translated
    return sorted(entries, key=lambda e: str(e["date"]), reverse=True)
