"""An exercise kind is one module: the registry refuses an incomplete kind, and a new kind needs
no edit outside its own module, its script and its data (the worked example in AUTHORING.md)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import types
from pathlib import Path
from typing import Any

import pytest
from somekurs import answer_key, class_overview, data, workbook
from somekurs.exercises import evaluate, html, model, registry

from tests.helpers import ROOT

EXAMPLE = ROOT / "tests" / "fixtures" / "kinds"


def test_every_course_kind_is_complete() -> None:
    kinds = registry.kinds()
    assert set(kinds) == {"checklist", "choice", "compare", "decision", "inbox", "risk", "scenario", "sort", "timeline"}
    for name, kind in kinds.items():
        assert registry.check_kind(kind, name) == []
        for lang in ("nb", "nn"):
            title = kind.title_in(lang)
            assert title and title[0].isupper(), (name, lang)


def _module(name: str, body: str) -> types.ModuleType:
    module = types.ModuleType(name)
    exec(body, module.__dict__)  # noqa: S102 - constructed test code
    return module


INCOMPLETE = """
from somekurs.exercises.kinds.base import Kind

class HalfKind(Kind):
    name = "choice"
    title = "Halv"
    schema = {"properties": {}}
    def judge(self, exercise, answer): ...
    def answer_key(self, exercise): ...
"""


def test_a_kind_missing_a_part_fails_loudly_and_names_the_part() -> None:
    with pytest.raises(registry.KindError) as error:
        registry.build([_module("halv", INCOMPLETE)])
    message = str(error.value)
    for part in ("body_html", "controls", "key_lines", "describe_answer", "demo_answer"):
        assert part in message


def test_a_kind_without_its_script_fails_loudly(tmp_path: Path) -> None:
    module = _module(
        "utenskript",
        INCOMPLETE.replace('name = "choice"', 'name = "utenskript"').replace(
            "    def answer_key(self, exercise): ...",
            "    def answer_key(self, exercise): ...\n"
            + "".join(
                f"    def {m}(self, *a): ...\n" for m in ("describe_answer", "demo_answer", "key_lines", "body_html", "controls")
            ),
        ),
    )
    with pytest.raises(registry.KindError, match="utenskript.js"):
        registry.build([module], js_dir=tmp_path)


def test_a_script_that_does_not_set_the_judge_fails_loudly(tmp_path: Path) -> None:
    (tmp_path / "choice.js").write_text("  collect = function () { return null; };\n", encoding="utf-8")
    with pytest.raises(registry.KindError, match="judge = function"):
        registry.build([importlib.import_module("somekurs.exercises.kinds.choice")], js_dir=tmp_path)


def test_the_pure_parts_import_no_widget_library() -> None:
    code = (
        "import sys; import somekurs.exercises.registry, somekurs.exercises.evaluate, somekurs.exercises.html, "
        "somekurs.answer_key, somekurs.exercises.model; "
        "assert 'ipywidgets' not in sys.modules, 'ipywidgets imported'; "
        "assert 'matplotlib' not in sys.modules, 'matplotlib imported'"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


# --- the worked example: a new kind is one module + its script + data ------------------------


@pytest.fixture
def with_example_kind(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """The course's kinds plus tests/fixtures/kinds/truefalse.py, as if it were in the kinds package."""
    spec = importlib.util.spec_from_file_location("truefalse_example", EXAMPLE / "truefalse.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    kinds = {**registry.kinds(), **registry.build([module])}
    monkeypatch.setattr(registry, "kinds", lambda: kinds)
    registry.script.cache_clear()
    data._schema.cache_clear()
    data._fast_validator.cache_clear()
    data._validator.cache_clear()
    model._load_cached.cache_clear()
    yield kinds
    registry.script.cache_clear()
    data._schema.cache_clear()
    data._fast_validator.cache_clear()
    data._validator.cache_clear()
    model._load_cached.cache_clear()


def test_a_new_kind_works_everywhere_with_no_other_edit(with_example_kind: dict[str, Any], tmp_path: Path) -> None:
    exercises, problems = model.load_exercises(exercise_dir=EXAMPLE / "exercises")
    assert not problems, [str(p) for p in problems]
    exercise = exercises["eksempel-riktig-eller-galt"]
    # the schema takes the kind's fields from its module: a wrong field is refused
    broken = {**exercise, "statements": [{"id": "x", "text": "x", "true": "ja", "why": "mangler bool"}]}
    assert model.validate_exercise(broken, EXAMPLE / "exercises" / "truefalse.yaml")
    # judged through evaluate(), answer key from the kind
    key = evaluate.answer_key(exercise)
    assert evaluate.evaluate(exercise, key).correct is True
    wrong = evaluate.evaluate(exercise, {"kanal": True, "ordet": True})
    assert wrong.correct is False and wrong.summary == "1 av 2 påstander er vurdert riktig."
    assert evaluate.evaluate(exercise, "tull").needs_input
    # the static book: its body, its script and its sentences
    page = html.exercise_html(exercise)
    assert 'data-sk-type="truefalse"' in page and "Riktig eller galt" in page and "truefalse_all" in page
    # the answer-key page, the workbook's list and the class overview
    themes = data.load_themes()
    assert "Et innsynskrav må ha ordet «innsyn» i seg.: **galt**" in answer_key.answer_key_page(exercises, themes, {"innsyn"})
    assert "(riktig eller galt)" in workbook.intro_markdown(themes[6], [exercise])
    assert class_overview.wrong_picks(exercise, {"kanal": True, "ordet": True}) == [
        "«Et innsynskrav må ha ordet «innsyn» i seg.» vurdert som riktig"
    ]
    # the live widget
    from somekurs.exercises.widgets import ExerciseWidget

    view = ExerciseWidget(exercise)
    view.controls.restore({"kanal": True, "ordet": False})
    assert view.controls.answer() == {"kanal": True, "ordet": False}


def test_a_constructed_slip_in_a_sort_skips_an_item_that_accepts_every_category() -> None:
    """The constructed hand-ins make slips; an item that fits every category has no wrong place,
    so the slip lands on the next item (and an exercise of only such items has no slip)."""
    import random

    kind = registry.kinds()["sort"]
    exercise: dict[str, Any] = {
        "categories": [{"id": "a", "label": "A"}, {"id": "b", "label": "B"}],
        "items": [
            {"id": "i1", "text": "Begge", "category": "a", "also": ["b"], "why": "."},
            {"id": "i2", "text": "Bare A", "category": "a", "why": "."},
        ],
    }
    answer = kind.demo_answer(exercise, random.Random(1), slip=1.0, lure=0)
    assert answer == {"i1": "a", "i2": "b"}
    exercise["items"][1]["also"] = ["b"]
    assert kind.demo_answer(exercise, random.Random(1), slip=1.0, lure=0) == {"i1": "a", "i2": "a"}
