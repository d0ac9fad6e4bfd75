"""The editions cannot drift: every nynorsk twin was made from the bokmål that is there now.

Each nn page records the version of its bokmål page (front matter ``kjelde_versjon``), each nn
data item the version of the bokmål item with its id (see :mod:`somekurs.editions`). The gate:

- a twin that exists and was made from another bokmål version, or says no version, fails, and so
  does an nn data file that lacks an item its bokmål file has or holds an item bokmål does not
  have: the two editions would show different courses;
- a twin that does not exist yet is *not* a failure, because the translation is still in
  progress (the loaders show bokmål there and record the fallback). It is never a silent pass
  either: ``test_missing_twins_are_listed`` skips with the full list as its reason, and
  ``python -m somekurs.editions stale`` prints the same list and exits 1.

The last tests work on a temporary copy of the project's files and prove that a changed bokmål
page or item, a missing item and an item only in nn are each caught and named.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from somekurs import editions

from tests.helpers import ROOT

DRIFT = editions.drift()


def test_no_existing_twin_is_out_of_step_with_bokmal() -> None:
    drifted = [d.message() for d in DRIFT if d.drifted]
    assert not drifted, "Nynorsk ute av takt med bokmål:\n" + "\n".join(drifted)


def test_missing_twins_are_listed() -> None:
    """Reported, not passed: the skip reason is the to-do list for the translators."""
    missing = [d.message() for d in DRIFT if not d.drifted]
    if missing:
        pytest.skip(f"{len(missing)} tvillingar er ikkje omsette enno:\n" + "\n".join(missing))


def test_the_chapters_and_their_twins_are_found() -> None:
    pages = {p.relative_to(ROOT).as_posix() for p in editions.nb_pages()}
    assert "book/arkiv.md" in pages and "book/intro.md" in pages
    assert not {"book/hendelser.md", "book/ordliste.md"} & pages, "generated pages are checked in their data"
    assert not any(p.startswith("exercises/") for p in pages), "workbooks are generated from the exercise data"
    assert len(list(ROOT.glob("nn/book/*.md"))) >= 17, "the 17 chapters have twins"


# --- on a temporary copy: the check catches what it is there to catch ------------------------


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of one chapter and one exercise file with their nn twins, stamped as they are."""
    for name in ("_toc.yml", "book/arkiv.md", "nn/book/arkiv.md", "data/exercises/arkiv.yaml", "data/nn/exercises/arkiv.yaml"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / name, tmp_path / name)
    editions.stamp(tmp_path / "nn/book/arkiv.md", tmp_path)
    editions.stamp(tmp_path / "data/nn/exercises/arkiv.yaml", tmp_path)
    return tmp_path


def _drifted(root: Path) -> list[str]:
    return [d.message() for d in editions.drift(root) if d.drifted]


def test_a_stamped_copy_is_in_step(project: Path) -> None:
    assert _drifted(project) == []


def test_a_changed_bokmal_page_names_its_twin_and_the_fix(project: Path) -> None:
    page = project / "book/arkiv.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nEi ny setning.\n", encoding="utf-8")
    found = _drifted(project)
    assert len(found) == 1
    assert found[0].startswith("nn/book/arkiv.md er laga frå ein eldre versjon av book/arkiv.md")
    assert "python -m somekurs.editions stamp nn/book/arkiv.md" in found[0]
    editions.stamp(project / "nn/book/arkiv.md", project)
    assert _drifted(project) == [], "stamping after the update clears it"


def test_a_changed_bokmal_item_names_the_item(project: Path) -> None:
    from somekurs import yamlio

    source = project / "data/exercises/arkiv.yaml"
    items = yamlio.parse(source.read_text(encoding="utf-8"))
    first, second = items[0]["id"], items[1]["id"]
    text = source.read_text(encoding="utf-8")
    title = items[1]["title"]
    source.write_text(text.replace(f"title: {title}", f"title: {title} (endra)", 1), encoding="utf-8")
    found = _drifted(project)
    assert found == [
        f"data/nn/exercises/arkiv.yaml: {second} er laga frå ein eldre versjon av data/exercises/arkiv.yaml: "
        "oppdater omsetjinga, så køyr «python -m somekurs.editions stamp data/nn/exercises/arkiv.yaml»"
    ]
    assert first not in found[0], "only the changed item is named"


def test_an_item_missing_in_nn_and_one_only_in_nn_are_named(project: Path) -> None:
    twin = project / "data/nn/exercises/arkiv.yaml"
    text = twin.read_text(encoding="utf-8")
    blocks = text.split("\n- id: ")
    dropped = blocks[-1].split("\n", 1)[0].strip()
    twin.write_text("\n- id: ".join(blocks[:-1]) + "\n", encoding="utf-8")
    assert _drifted(project) == [
        f"data/nn/exercises/arkiv.yaml: {dropped} manglar (finst i data/exercises/arkiv.yaml): omset det, "
        "så køyr «python -m somekurs.editions stamp data/nn/exercises/arkiv.yaml»"
    ]
    renamed = blocks[1].split("\n", 1)[0].strip()
    twin.write_text(
        twin.read_text(encoding="utf-8").replace(f"- id: {renamed}\n", "- id: arkiv-berre-paa-nynorsk\n"), encoding="utf-8"
    )
    found = _drifted(project)
    assert any(m.startswith(f"data/nn/exercises/arkiv.yaml: {renamed} manglar") for m in found)
    assert any(m.startswith("data/nn/exercises/arkiv.yaml: arkiv-berre-paa-nynorsk finst ikkje på bokmål") for m in found)


def test_an_unstamped_twin_is_not_taken_as_in_step(project: Path) -> None:
    twin = project / "nn/book/arkiv.md"
    text = twin.read_text(encoding="utf-8")
    twin.write_text("\n".join(ln for ln in text.splitlines() if not ln.startswith("kjelde_versjon:")) + "\n", encoding="utf-8")
    assert _drifted(project) == [
        "nn/book/arkiv.md seier ikkje kva versjon av book/arkiv.md det er omsett frå: sjekk omsetjinga, "
        "så køyr «python -m somekurs.editions stamp nn/book/arkiv.md»"
    ]


def test_a_twin_whose_bokmal_is_gone_is_named(project: Path) -> None:
    (project / "book/arkiv.md").rename(project / "book/arkivering.md")
    assert _drifted(project) == [
        "nn/book/arkiv.md finst ikkje på bokmål (book/arkiv.md): ta det bort, eller gi det id-en til bokmålskjelda"
    ]


def test_a_missing_twin_is_listed_but_is_not_drift(project: Path) -> None:
    (project / "nn/book/arkiv.md").unlink()
    found = editions.drift(project)
    assert [d.message() for d in found if not d.drifted] == ["nn/book/arkiv.md manglar (omsetjing av book/arkiv.md)"]
    assert _drifted(project) == []


def test_the_stale_command_lists_and_sets_its_exit_code(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert editions.main(["stale"], project) == 0
    assert "i takt" in capsys.readouterr().out
    page = project / "book/arkiv.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nNy.\n", encoding="utf-8")
    assert editions.main(["stale"], project) == 1
    assert "nn/book/arkiv.md er laga frå ein eldre versjon" in capsys.readouterr().out
    assert editions.main(["stale", "--bogus"], project) == 2


# --- the bibliography's notes (data/references/*.bib → data/nn/references/*.yaml) ---------------


@pytest.fixture
def bib_project(tmp_path: Path) -> Path:
    """A copy of one bibliography file and its nynorsk notes, stamped as they are."""
    for name in ("_toc.yml", "data/references/krise.bib", "data/nn/references/krise.yaml"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / name, tmp_path / name)
    editions.stamp(tmp_path / "data/nn/references/krise.yaml", tmp_path)
    return tmp_path


def test_every_bibliography_file_has_its_nynorsk_notes() -> None:
    files = editions.nb_data_files()
    bibs = [f for f in files if f.suffix == ".bib"]
    assert len(bibs) >= 20, "every .bib file is a bokmål source with a twin"
    assert all(editions.data_twin(b).exists() for b in bibs), [b.name for b in bibs if not editions.data_twin(b).exists()]
    assert editions.data_twin(ROOT / "data/references/krise.bib") == ROOT / "data/nn/references/krise.yaml"
    assert editions.data_source(ROOT / "data/nn/references/krise.yaml") == ROOT / "data/references/krise.bib"


def test_a_changed_bib_note_names_the_entry_but_a_changed_title_does_not(bib_project: Path) -> None:
    from somekurs import references

    assert _drifted(bib_project) == []
    bib = bib_project / "data/references/krise.bib"
    key = references.translatable_items(bib)[0]["id"]
    entry = references.parse(bib.read_text(encoding="utf-8"))[key]
    text = bib.read_text(encoding="utf-8")
    bib.write_text(text.replace(entry["title"], entry["title"] + " (ny tittel)", 1), encoding="utf-8")
    assert _drifted(bib_project) == [], "the title is the source's own: the same in both editions"
    bib.write_text(text.replace(entry["note"], entry["note"] + " Lest på nytt 03.12.2026.", 1), encoding="utf-8")
    assert _drifted(bib_project) == [
        f"data/nn/references/krise.yaml: {key} er laga frå ein eldre versjon av data/references/krise.bib: "
        "oppdater omsetjinga, så køyr «python -m somekurs.editions stamp data/nn/references/krise.yaml»"
    ]
