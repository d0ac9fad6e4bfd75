"""Loading exercises: valid ones load, broken ones are reported by file, id and field."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from somekurs.exercises import registry
from somekurs.exercises.kinds.timeline import initial_order
from somekurs.exercises.model import load_exercises

from tests.exercises_support import FIXTURES, fixture_exercises


def test_fixtures_cover_every_kind_and_load_cleanly() -> None:
    exercises = fixture_exercises()
    assert {e["kind"] for e in exercises.values()} == set(registry.kinds())
    assert all(e["file"] == "testkurs.yaml" for e in exercises.values())


COMMON = "  aim: judgement\n  section: kap-arkiv\n  basis: constructed\n"
BROKEN = f"""
- id: odelagt-mangler-prompt
  theme: arkiv
  kind: choice
  title: Uten spørsmål
{COMMON}  options:
    - {{id: a, text: A1, correct: true, feedback: "Riktig fordi A."}}
    - {{id: b, text: B1, correct: false, feedback: "Feil fordi B."}}
    - {{id: c, text: C1, correct: false, feedback: "Feil fordi C."}}
- id: odelagt-kategori
  theme: moderering
  kind: sort
  title: Ukjent kategori
  prompt: Sorter kommentarene. Eksempelet er konstruert.
{COMMON}  categories: [{{id: behold, label: La stå}}, {{id: skjul, label: Skjul}}]
  items:
    - {{id: a, text: a, category: behold, why: "Fordi den er lovlig."}}
    - {{id: b, text: b, category: slett, why: "Fordi den er ulovlig."}}
    - {{id: c, text: c, category: skjul, why: "Fordi den bryter reglene."}}
- id: odelagt-tre
  theme: arkiv
  kind: decision
  title: Løs gren
  prompt: Gå gjennom treet. Eksempelet er konstruert.
{COMMON}  start: q1
  expected: ja
  nodes:
    q1: {{question: "Er det et saksdokument?", options: [{{id: ja, label: Ja, next: ja, why: "Fordi det er det."}}, {{id: nei, label: Nei, next: finnes-ikke, why: "Fordi det ikke er det."}}]}}
    ja: {{outcome: Journalfør, why: Fordi.}}
- id: odelagt-ring
  theme: arkiv
  kind: decision
  title: Ring i treet
  prompt: Gå gjennom treet. Eksempelet er konstruert.
{COMMON}  start: q1
  expected: ja
  nodes:
    q1: {{question: "Første?", options: [{{id: ja, label: Ja, next: q2, why: "Videre til neste."}}, {{id: nei, label: Nei, next: ja, why: "Rett til slutten."}}]}}
    q2: {{question: "Andre?", options: [{{id: tilbake, label: Tilbake, next: q1, why: "Tilbake til start."}}, {{id: slutt, label: Slutt, next: ja, why: "Til slutten nå."}}]}}
    ja: {{outcome: Journalfør, why: Fordi.}}
- id: odelagt-tema
  theme: finnes-ikke
  kind: compare
  title: Ukjent tema
  prompt: Skriv hva du ville gjort. Eksempelet er konstruert.
{COMMON}  situation: En situasjon som er lang nok til skjemaet.
  task: Skriv hva du ville gjort.
  model: Et forslag som er langt nok til skjemaet.
  rubric: [{{id: a, text: Punkt en}}, {{id: b, text: Punkt to}}, {{id: c, text: Punkt tre}}]
  principle: Et prinsipp her.
- id: odelagt-hendelse
  theme: arkiv
  kind: compare
  title: Ukjent hendelse
  prompt: Skriv hva du ville gjort.
  aim: judgement
  section: kap-arkiv
  basis: incident
  incident: no-2099-finnes-ikke
  situation: En situasjon som er lang nok til skjemaet.
  task: Skriv hva du ville gjort.
  model: Et forslag som er langt nok til skjemaet.
  rubric: [{{id: a, text: Punkt en}}, {{id: b, text: Punkt to}}, {{id: c, text: Punkt tre}}]
  principle: Et prinsipp her.
- id: odelagt-ingen-riktige
  theme: arkiv
  kind: choice
  title: Ingen riktige
  prompt: Velg ett svar. Eksempelet er konstruert.
{COMMON}  options:
    - {{id: a, text: A1, correct: false, feedback: "Feil fordi A."}}
    - {{id: b, text: B1, correct: false, feedback: "Feil fordi B."}}
    - {{id: c, text: C1, correct: false, feedback: "Feil fordi C."}}
- id: odelagt-ensidig-sjekkliste
  theme: arkiv
  kind: checklist
  title: Alt er ikke oppfylt
  prompt: Sjekk innlegget. Eksempelet er konstruert.
{COMMON}  post: {{text: Et innlegg.}}
  checks:
    - {{id: a, text: En, met: false, why: "Fordi en ikke er oppfylt."}}
    - {{id: b, text: To, met: false, why: "Fordi to ikke er oppfylt."}}
    - {{id: c, text: Tre, met: false, why: "Fordi tre ikke er oppfylt."}}
    - {{id: d, text: Fire, met: true, why: "Fordi fire er oppfylt."}}
- id: odelagt-forslag-bryter-regel
  theme: arkiv
  kind: compare
  title: Forslaget bryter regelen
  prompt: Skriv et svar. Eksempelet er konstruert.
{COMMON}  situation: En situasjon som er lang nok til skjemaet.
  task: Skriv et svar uten å nevne inntekten.
  draft: Du fikk avslag på grunn av inntekten.
  rules: [{{id: taus, must_not: [inntekt], message: "Svaret avslører opplysninger om saken."}}]
  model: Forslaget nevner inntekten din, og det er feil.
  rubric: [{{id: a, text: Punkt en}}, {{id: b, text: Punkt to}}, {{id: c, text: Punkt tre}}]
  principle: Taushetsplikt.
- id: odelagt-innboks-samme-handling
  theme: moderering
  kind: inbox
  title: Samme handling overalt
  prompt: Behandle meldingene. Eksempelet er konstruert.
{COMMON}  account: Testkommunens side
  setting: Mandag morgen på siden.
  items:
    - {{id: a, channel: kommentar, author: A (konstruert), time: "08", text: Hei der, must: [la-sta], why: "Fordi den er grei."}}
    - {{id: b, channel: kommentar, author: B (konstruert), time: "08", text: Hei der, must: [la-sta], why: "Fordi den er grei."}}
    - {{id: c, channel: kommentar, author: C (konstruert), time: "08", text: Hei der, must: [la-sta], why: "Fordi den er grei."}}
    - {{id: d, channel: kommentar, author: D (konstruert), time: "08", text: Trussel, must: [anmeld], why: "Fordi den truer."}}
- id: test-valg-ett
  theme: arkiv
  kind: compare
  title: Samme id som i en annen fil
  prompt: Skriv hva du ville gjort. Eksempelet er konstruert.
{COMMON}  situation: En situasjon som er lang nok til skjemaet.
  task: Skriv hva du ville gjort.
  model: Et forslag som er langt nok til skjemaet.
  rubric: [{{id: a, text: Punkt en}}, {{id: b, text: Punkt to}}, {{id: c, text: Punkt tre}}]
  principle: Et prinsipp her.
- id: gyldig-i-odelagt-fil
  theme: arkiv
  kind: compare
  title: Gyldig nabo
  prompt: Skriv hva du ville gjort. Eksempelet er konstruert.
{COMMON}  situation: En situasjon som er lang nok til skjemaet.
  task: Skriv hva du ville gjort.
  model: Et forslag som er langt nok til skjemaet.
  rubric: [{{id: a, text: Punkt en}}, {{id: b, text: Punkt to}}, {{id: c, text: Punkt tre}}]
  principle: Et prinsipp her.
"""


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "exercises"
    folder.mkdir()
    shutil.copy(FIXTURES / "testkurs.yaml", folder / "a-testkurs.yaml")
    (folder / "b-odelagt.yaml").write_text(BROKEN, encoding="utf-8")
    (folder / "c-syntaks.yaml").write_text("- id: x\n  title: [uavsluttet\n", encoding="utf-8")
    (folder / "d-ikke-liste.yaml").write_text("id: enkel\ntheme: arkiv\n", encoding="utf-8")
    (folder / "e-tom.yaml").write_text("", encoding="utf-8")
    return folder


def test_broken_items_are_reported_by_file_id_and_field_and_the_rest_load(tmp_path: Path) -> None:
    exercises, problems = load_exercises(exercise_dir=_folder(tmp_path))
    found = {(p.path.name, p.item_id, p.field) for p in problems}
    assert ("b-odelagt.yaml", "odelagt-mangler-prompt", "prompt") in found
    assert ("b-odelagt.yaml", "odelagt-kategori", "items.1.category") in found
    assert ("b-odelagt.yaml", "odelagt-tre", "nodes.q1.options.1.next") in found
    assert any(p.item_id == "odelagt-ring" and "ring" in p.message for p in problems)
    assert ("b-odelagt.yaml", "odelagt-tema", "theme") in found
    assert ("b-odelagt.yaml", "odelagt-hendelse", "incident") in found
    assert ("b-odelagt.yaml", "odelagt-ingen-riktige", "options") in found
    assert ("b-odelagt.yaml", "odelagt-ensidig-sjekkliste", "checks") in found
    assert ("b-odelagt.yaml", "odelagt-forslag-bryter-regel", "rules.0") in found
    assert ("b-odelagt.yaml", "odelagt-innboks-samme-handling", "items") in found
    assert ("b-odelagt.yaml", "test-valg-ett", "id") in found  # duplicate of a-testkurs.yaml
    assert ("c-syntaks.yaml", "", "(fil)") in found
    assert ("d-ikke-liste.yaml", "", "(fil)") in found
    # Every problem reads as «file: id: felt «field»: message» for the author.
    assert all(str(p).startswith(p.path.name) and "felt «" in str(p) for p in problems)
    # The valid exercises (the whole fixture file and the valid neighbour) still load.
    assert set(fixture_exercises()) <= set(exercises)
    assert "gyldig-i-odelagt-fil" in exercises
    assert exercises["test-valg-ett"]["file"] == "a-testkurs.yaml"
    assert not any(key.startswith("odelagt") for key in exercises)


def test_an_edited_file_is_seen_without_restarting(tmp_path: Path) -> None:
    folder = tmp_path / "exercises"
    folder.mkdir()
    path = folder / "x.yaml"
    path.write_text("", encoding="utf-8")
    assert load_exercises(exercise_dir=folder) == ({}, [])
    shutil.copy(FIXTURES / "testkurs.yaml", path)
    import os

    os.utime(path, (1, 2_000_000_000))
    assert "test-dilemma" in load_exercises(exercise_dir=folder)[0]


def _decision(nodes: str) -> str:
    return f"""- id: tre
  theme: arkiv
  kind: decision
  title: Et tre
  prompt: Gå gjennom treet. Eksempelet er konstruert.
{COMMON}  start: q0
  expected: slutt
  nodes:
{nodes}    slutt: {{outcome: Slutt, why: Fordi.}}
    ende: {{outcome: Ende, why: Fordi.}}
"""


def _load_one(tmp_path: Path, text: str) -> tuple[dict, list]:
    folder = tmp_path / "x"
    folder.mkdir(exist_ok=True)
    (folder / "a.yaml").write_text(text, encoding="utf-8")
    (folder / "b.yaml").write_text((FIXTURES / "testkurs.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    return load_exercises(exercise_dir=folder)


def test_a_tree_too_deep_to_walk_is_refused_and_the_rest_load(tmp_path: Path) -> None:
    chain = "".join(
        f"    q{n}: {{question: Q{n}, options: [{{id: ja, label: Ja, next: q{n + 1}, why: Videre til neste.}}, "
        f"{{id: nei, label: Nei, next: ende, why: Til enden nå.}}]}}\n"
        for n in range(1000)
    ).replace("next: q1000", "next: slutt")
    exercises, problems = _load_one(tmp_path, _decision(chain))
    assert any(p.item_id == "tre" and p.field == "nodes" for p in problems), [str(p) for p in problems]
    assert "test-dilemma" in exercises


def test_a_tree_of_many_meeting_branches_gets_its_key_at_once(tmp_path: Path) -> None:
    """Diamonds: each level's two answers lead to the same next level; a search that does not
    remember dead ends doubles with every level (the book build would hang)."""
    import time

    from somekurs.exercises.evaluate import answer_key

    levels = 30
    diamonds = "    q0: {question: Start, options: [{id: inn, label: Inn, next: d0, why: Inn i labyrinten.}, {id: ut, label: Ut, next: slutt, why: Rett til slutten.}]}\n"
    for n in range(levels):
        nxt = f"d{n + 1}" if n < levels - 1 else "ende"
        diamonds += (
            f"    d{n}: {{question: D{n}, options: [{{id: a, label: A, next: {nxt}, why: Videre A her.}}, "
            f"{{id: b, label: B, next: {nxt}, why: Videre B her.}}]}}\n"
        )
    exercises, problems = _load_one(tmp_path, _decision(diamonds))
    assert not [p for p in problems if p.item_id == "tre"], [str(p) for p in problems]
    started = time.perf_counter()
    assert answer_key(exercises["tre"]) == ["ut"]
    assert time.perf_counter() - started < 1


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("- id: a\n  id: b\n", "to ganger"),
        ("- &a [*a]\n", "ankere"),
        ("- " + "[" * 60 + "]" * 60 + "\n", "dypere"),
        (
            "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n",
            "ankere",
        ),
    ],
    ids=["duplicate-key", "recursive-alias", "too-deep", "billion-laughs"],
)
def test_data_files_that_can_hang_or_mislead_are_refused_and_the_rest_load(tmp_path: Path, text: str, word: str) -> None:
    exercises, problems = _load_one(tmp_path, text)
    assert any(p.path.name == "a.yaml" and word in p.message for p in problems), [str(p) for p in problems]
    assert "test-dilemma" in exercises


def test_timeline_starts_shuffled_the_same_way_every_time() -> None:
    exercise = fixture_exercises()["test-tidslinje"]
    ids = [e["id"] for e in exercise["events"]]
    first = initial_order(exercise)
    assert first == initial_order(exercise)
    assert sorted(first) == sorted(ids)
    assert first != ids, "the right order must not be shown from the start"


def test_each_participant_sees_their_own_order_and_position_says_nothing() -> None:
    """Where an option sits in the file says nothing about where a participant sees it: each
    option comes first about equally often, and with two options both orders occur."""
    from collections import Counter

    from somekurs.exercises import shuffle

    ids = ["a", "b", "c", "d"]
    shown = [shuffle.order(f"deltaker-{n}", "x", "options", ids) for n in range(800)]
    assert len({tuple(s) for s in shown}) == 24, "every order occurs"
    firsts = Counter(s[0] for s in shown)
    assert all(150 <= firsts[i] <= 250 for i in ids), firsts  # 200 expected each
    pair = Counter(tuple(shuffle.order(f"deltaker-{n}", "y", "node-1", ["ja", "nei"])) for n in range(400))
    assert 150 <= pair[("ja", "nei")] <= 250, pair
    assert shuffle.order("s", "x", "options", ids) == shuffle.order("s", "x", "options", ids), "stable for one participant"
