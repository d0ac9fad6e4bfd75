"""The exercise kinds, collected from ``somekurs/exercises/kinds/*.py``: the one list every part asks.

A kind is one module holding a :class:`~somekurs.exercises.kinds.base.Kind` subclass as ``KIND``,
plus its script ``somekurs/exercises/js/<name>.js``. This module imports them, checks that each
has every part, and fails loudly (:class:`KindError`, at import) when one is missing, instead of
letting a forgotten piece fail silently or only for participants. The exercise schema, the judge,
both renderings, the answer-key page, the workbook, the class overview and the demo hand-ins take
their kinds from :func:`kinds`.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

from somekurs.exercises.kinds import base

JS_DIR = Path(__file__).resolve().parent / "js"
KINDS_PACKAGE = "somekurs.exercises.kinds"
NAME = re.compile(r"^[a-z]+$")
# What a kind's script must set for common.js to run it (see js/common.js).
JS_PARTS = ("judge = function", "collect = function")
# Helpers and the base class, not kinds.
NOT_KINDS = {"base"}


class KindError(TypeError):
    """An exercise kind lacks a part; the message names the kind and the part."""


def check_kind(kind: Any, module: str, js_dir: Path = JS_DIR) -> list[str]:
    """Everything missing from one kind, in words (empty when the kind is whole)."""
    missing: list[str] = []
    if not isinstance(kind, base.Kind):
        return [f"{module}: KIND er ikke en forekomst av Kind"]
    abstract = sorted(getattr(type(kind), "__abstractmethods__", set()))
    if abstract:
        missing.append(f"{module}: mangler metodene {', '.join(abstract)}")
    for attribute in ("name", "schema"):
        if not getattr(kind, attribute, None):
            missing.append(f"{module}: mangler {attribute}")
    if getattr(kind, "name", None) and not kind.title_in("nb"):
        missing.append(f"{module}: mangler title (i data/texts/nb.yaml, seksjonen «{kind.name}», eller som title i klassen)")
    name = getattr(kind, "name", "")
    if name and not NAME.match(name):
        missing.append(f"{module}: navnet «{name}» skal være små bokstaver a–z")
    schema = getattr(kind, "schema", None)
    if isinstance(schema, dict) and not isinstance(schema.get("properties"), dict):
        missing.append(f"{module}: schema mangler properties")
    script = (getattr(kind, "script_dir", None) or js_dir) / f"{name}.js"
    if name and not script.is_file():
        missing.append(f"{module}: mangler skriptet {script.name} i {js_dir}")
    elif name:
        text = script.read_text(encoding="utf-8")
        missing += [f"{module}: {script.name} setter ikke «{part}»" for part in JS_PARTS if part not in text]
    return missing


def build(modules: list[ModuleType], js_dir: Path = JS_DIR) -> dict[str, base.Kind]:
    """The kinds of the given modules by name; raises KindError listing every missing part."""
    found: dict[str, base.Kind] = {}
    problems: list[str] = []
    for module in modules:
        kind = getattr(module, "KIND", None)
        if kind is None:
            classes = [
                c
                for _, c in inspect.getmembers(module, inspect.isclass)
                if issubclass(c, base.Kind) and c is not base.Kind and c.__module__ == module.__name__
            ]
            try:
                kind = classes[0]() if classes else None
            except TypeError as exc:  # abstract methods left unimplemented
                problems.append(f"{module.__name__}: {exc}")
                continue
        if kind is None:
            problems.append(f"{module.__name__}: har ingen KIND = <Kind-klasse>()")
            continue
        problems += check_kind(kind, module.__name__, js_dir)
        if kind.name in found:
            problems.append(f"{module.__name__}: navnet «{kind.name}» er allerede brukt")
        found[kind.name] = kind
    if problems:
        raise KindError("Oppgavetyper som mangler deler:\n" + "\n".join(problems))
    return found


def _modules() -> list[ModuleType]:
    package = importlib.import_module(KINDS_PACKAGE)
    names = sorted(info.name for info in pkgutil.iter_modules(package.__path__) if info.name not in NOT_KINDS)
    return [importlib.import_module(f"{KINDS_PACKAGE}.{name}") for name in names]


@cache
def kinds() -> dict[str, base.Kind]:
    """Every kind of the course, by name (in module name order)."""
    return build(_modules())


def get(name: str) -> base.Kind | None:
    return kinds().get(name)


@cache
def script(name: str) -> str:
    """The kind's script inside common.js (the static book's judge and controls for that kind);
    read once per kernel, since every exercise of the kind carries the same script."""
    kind = kinds()[name]
    common = (JS_DIR / "common.js").read_text(encoding="utf-8")
    part = ((kind.script_dir or JS_DIR) / f"{name}.js").read_text(encoding="utf-8")
    return common.replace("  /*KIND*/\n", part)


def exercise_schema(base_schema: dict[str, Any], registry: dict[str, base.Kind] | None = None) -> dict[str, Any]:
    """The full exercise schema: the common fields, plus each kind's own fields when ``kind`` is that kind."""
    registry = registry if registry is not None else kinds()
    schema = dict(base_schema)
    schema["properties"] = {**base_schema["properties"], "kind": {"enum": list(registry)}}
    schema["allOf"] = list(base_schema.get("allOf", [])) + [
        {"if": {"properties": {"kind": {"const": name}}}, "then": kind.schema} for name, kind in registry.items()
    ]
    return schema


kinds()  # import fails loudly if a kind is incomplete
