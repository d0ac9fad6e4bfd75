"""The judges on both editions: a nynorsk exercise is its bokmål twin with other words, nothing else.

A participant who answers in nynorsk must get the verdict and the score a bokmål participant gets
for the same answer, and an answer saved in one standard must mean the same in the other (answers
hold option, node and category ids). So for every theme with an nn twin in ``data/nn/exercises``:

- each nn item has the id, kind and structure of its bokmål item: option ids, node ids, ``next``
  links, categories, correct answers, expected outcomes, numbers, sources, sections; only the
  text differs (and a compare item's word rules, which match nynorsk answers);
- the answer key and several wrong answers (the demo hand-ins' typical mistakes), judged with
  ``lang="nb"`` on the bokmål item and ``lang="nn"`` on the nn item, get the same verdict and score;
- the test-wise audit finds no cue in the nn items either (wording can add one: a hedged option).
"""

from __future__ import annotations

import copy
import random
from typing import Any

import pytest
from somekurs import DATA_DIR, prose, yamlio
from somekurs.exercises import registry, testwise
from somekurs.exercises.evaluate import answer_key, evaluate
from somekurs.exercises.model import fingerprint, load_exercises

NB_DIR = DATA_DIR / "exercises"
NN_DIR = DATA_DIR / "nn" / "exercises"
THEMES = sorted(p.stem for p in NN_DIR.glob("*.yaml"))
# Keys whose values are text in the item's own standard. Everything else is structure and must be
# equal; a compare item's word rules are nynorsk words in nn, so only their shape is compared.
WORD_RULES = {"must", "must_any", "must_not"}
STRUCTURE = prose.NON_READER_KEYS - WORD_RULES - {"kjelde_versjon", "file"}


def skeleton(value: Any, key: str | None = None) -> Any:
    """An item with its text taken out: ids, links, flags, numbers and codes kept, each string of
    reader text replaced by «tekst», so two translations of one item have the same skeleton."""
    if key in WORD_RULES:
        return "ord"
    if isinstance(value, dict):
        return {k: skeleton(v, k) for k, v in value.items() if k != "kjelde_versjon"}
    if isinstance(value, list):
        return [skeleton(v, key) for v in value]
    if isinstance(value, str) and key not in STRUCTURE:
        return "tekst"
    return value


def raw_items(folder: Any, theme: str) -> dict[str, dict[str, Any]]:
    items = yamlio.parse((folder / f"{theme}.yaml").read_text(encoding="utf-8"))
    return {item["id"]: item for item in items}


def differences(nb: Any, nn: Any, where: str = "") -> list[str]:
    """Where two skeletons differ, as paths a translator can find («nodes.q1.options[0].next»)."""
    if isinstance(nb, dict) and isinstance(nn, dict):
        found = [f"{where}.{k}: berre på bokmål" for k in nb.keys() - nn.keys()]
        found += [f"{where}.{k}: berre på nynorsk" for k in nn.keys() - nb.keys()]
        for k in nb.keys() & nn.keys():
            found += differences(nb[k], nn[k], f"{where}.{k}")
        return found
    if isinstance(nb, list) and isinstance(nn, list):
        if len(nb) != len(nn):
            return [f"{where}: {len(nb)} på bokmål, {len(nn)} på nynorsk"]
        return [d for i, (a, b) in enumerate(zip(nb, nn, strict=True)) for d in differences(a, b, f"{where}[{i}]")]
    return [] if nb == nn else [f"{where}: {nb!r} på bokmål, {nn!r} på nynorsk"]


@pytest.mark.parametrize("theme", THEMES)
def test_nn_items_have_the_ids_and_structure_of_their_bokmal_twins(theme: str) -> None:
    nb, nn = raw_items(NB_DIR, theme), raw_items(NN_DIR, theme)
    assert list(nn) == list(nb), f"{theme}: id-ane eller rekkjefølgja er ikkje dei same"
    problems = [f"{item_id}{d}" for item_id in nb for d in differences(skeleton(nb[item_id]), skeleton(nn[item_id]))]
    assert not problems, f"data/nn/exercises/{theme}.yaml skil seg frå bokmål i meir enn teksten:\n" + "\n".join(problems)


def test_the_structure_check_catches_a_changed_link_and_a_lost_option() -> None:
    nb = raw_items(NB_DIR, "arkiv")
    item_id = next(i for i, item in nb.items() if item["kind"] == "decision")
    item = nb[item_id]
    changed = copy.deepcopy(item)
    node = changed["nodes"][changed["start"]]
    node["options"][0]["next"] = "ein-annan-node"
    node["options"][0]["label"] = "Ny tekst gjer ingenting"
    assert differences(skeleton(item), skeleton(changed)) == [
        f".nodes.{item['start']}.options[0].next: {item['nodes'][item['start']]['options'][0]['next']!r} på bokmål, "
        "'ein-annan-node' på nynorsk"
    ]
    del node["options"][-1]
    assert any(d.endswith("på nynorsk") and "options:" in d for d in differences(skeleton(item), skeleton(changed)))


NB_EXERCISES, _ = load_exercises()
NN_EXERCISES, _ = load_exercises(lang="nn")
TWINNED = [i for theme in THEMES for i in raw_items(NN_DIR, theme) if i in NN_EXERCISES]


def answers(exercise: dict[str, Any]) -> list[Any]:
    """The key and the typical wrong answers a class gives (the demo hand-ins' lures), same seeds."""
    kind = registry.get(exercise["kind"])
    assert kind is not None
    wrong = [kind.demo_answer(exercise, random.Random(seed), 1.0, seed) for seed in range(3)]
    return [answer_key(exercise), *wrong]


@pytest.mark.parametrize("exercise_id", TWINNED)
def test_every_judge_gives_the_same_verdict_in_both_standards(exercise_id: str) -> None:
    nb, nn = NB_EXERCISES[exercise_id], NN_EXERCISES[exercise_id]
    assert nn["fingerprint"] == fingerprint(nb), "an nn item keeps its bokmål fingerprint"
    for n, (nb_answer, nn_answer) in enumerate(zip(answers(nb), answers(nn), strict=True)):
        said_nb, said_nn = evaluate(nb, nb_answer, lang="nb"), evaluate(nn, nn_answer, lang="nn")
        assert (said_nn.correct, said_nn.score, said_nn.needs_input) == (said_nb.correct, said_nb.score, said_nb.needs_input), (
            f"{exercise_id}, svar {n}: bokmål {said_nb.correct}/{said_nb.score} «{said_nb.summary}», "
            f"nynorsk {said_nn.correct}/{said_nn.score} «{said_nn.summary}»"
        )
    assert evaluate(nn, answer_key(nn), lang="nn").correct is True


def test_the_wrong_answers_are_mostly_judged_wrong() -> None:
    """Else the verdict comparison would compare two «Riktig» and prove nothing."""
    verdicts = [evaluate(NN_EXERCISES[i], a, lang="nn").correct for i in TWINNED for a in answers(NN_EXERCISES[i])[1:]]
    assert verdicts.count(False) > 0.75 * len(verdicts)


def test_the_nn_items_give_no_test_wise_cue() -> None:
    nn = [NN_EXERCISES[i] for i in TWINNED]
    assert len(nn) >= 50, "the twinned themes have their items"
    report = testwise.play(nn)
    assert not report.beating_chance(), "\n".join(report.beating_chance())
    assert not report.uniform_too_good(), "\n".join(report.uniform_too_good())
