"""Loading exercises: valid ones load, broken ones are reported by file, id and field."""

from __future__ import annotations

import shutil
from pathlib import Path

from somekurs.exercises import registry
from somekurs.exercises.kinds.timeline import initial_order
from somekurs.exercises.model import load_exercises

from tests.exercises_support import FIXTURES, fixture_exercises


def test_fixtures_cover_every_kind_and_load_cleanly() -> None:
    exercises = fixture_exercises()
    assert {e["kind"] for e in exercises.values()} == set(registry.kinds())
    assert all(e["file"] == "testkurs.yaml" for e in exercises.values())


BROKEN = """
- id: odelagt-mangler-prompt
  theme: arkiv
  kind: choice
  title: Uten spørsmål
  chapter: kap-arkiv
  basis: constructed
  options:
    - {text: A, correct: true, feedback: "Riktig fordi A."}
    - {text: B, correct: false, feedback: "Feil fordi B."}
- id: odelagt-kategori
  theme: moderering
  kind: sort
  title: Ukjent kategori
  prompt: Sorter kommentarene. Eksempelet er konstruert.
  chapter: kap-moderering
  basis: constructed
  categories: [{id: behold, label: La stå}, {id: skjul, label: Skjul}]
  items:
    - {text: a, category: behold, why: "Fordi den er lovlig."}
    - {text: b, category: slett, why: "Fordi den er ulovlig."}
- id: odelagt-tre
  theme: arkiv
  kind: decision
  title: Løs gren
  prompt: Gå gjennom treet. Eksempelet er konstruert.
  chapter: kap-arkiv
  basis: constructed
  start: q1
  expected: ja
  nodes:
    q1: {question: "Er det et saksdokument?", options: [{label: Ja, next: ja}, {label: Nei, next: finnes-ikke}]}
    ja: {outcome: Journalfør, why: Fordi.}
- id: odelagt-ring
  theme: arkiv
  kind: decision
  title: Ring i treet
  prompt: Gå gjennom treet. Eksempelet er konstruert.
  chapter: kap-arkiv
  basis: constructed
  start: q1
  expected: ja
  nodes:
    q1: {question: "Første?", options: [{label: Ja, next: q2}, {label: Nei, next: ja}]}
    q2: {question: "Andre?", options: [{label: Tilbake, next: q1}]}
    ja: {outcome: Journalfør, why: Fordi.}
- id: odelagt-tema
  theme: finnes-ikke
  kind: dilemma
  title: Ukjent tema
  prompt: Skriv hva du ville gjort. Eksempelet er konstruert.
  chapter: kap-arkiv
  basis: constructed
  situation: En situasjon som er lang nok til skjemaet.
  suggestion: Et forslag som er langt nok til skjemaet.
  principle: Et prinsipp her.
- id: odelagt-hendelse
  theme: arkiv
  kind: dilemma
  title: Ukjent hendelse
  prompt: Skriv hva du ville gjort. Eksempelet er konstruert.
  chapter: kap-arkiv
  basis: incident
  incident: no-2099-finnes-ikke
  situation: En situasjon som er lang nok til skjemaet.
  suggestion: Et forslag som er langt nok til skjemaet.
  principle: Et prinsipp her.
- id: odelagt-ingen-riktige
  theme: arkiv
  kind: choice
  title: Ingen riktige
  prompt: Velg ett svar. Eksempelet er konstruert.
  chapter: kap-arkiv
  basis: constructed
  options:
    - {text: A, correct: false, feedback: "Feil fordi A."}
    - {text: B, correct: false, feedback: "Feil fordi B."}
- id: test-valg-ett
  theme: arkiv
  kind: dilemma
  title: Samme id som i en annen fil
  prompt: Skriv hva du ville gjort. Eksempelet er konstruert.
  chapter: kap-arkiv
  basis: constructed
  situation: En situasjon som er lang nok til skjemaet.
  suggestion: Et forslag som er langt nok til skjemaet.
  principle: Et prinsipp her.
- id: gyldig-i-odelagt-fil
  theme: arkiv
  kind: dilemma
  title: Gyldig nabo
  prompt: Skriv hva du ville gjort. Eksempelet er konstruert.
  chapter: kap-arkiv
  basis: constructed
  situation: En situasjon som er lang nok til skjemaet.
  suggestion: Et forslag som er langt nok til skjemaet.
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


def test_timeline_starts_shuffled_the_same_way_every_time() -> None:
    exercise = fixture_exercises()["test-tidslinje"]
    first = initial_order(exercise)
    assert first == initial_order(exercise)
    assert sorted(first) == list(range(len(exercise["events"])))
    assert first != sorted(first), "the right order must not be shown from the start"
