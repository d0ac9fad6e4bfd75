"""The bibliography's notes in the nynorsk build (somekurs.references): what a nynorsk reader sees
under a source is our note in nynorsk, while the source's own title, author and address stay."""

from __future__ import annotations

from pathlib import Path

from somekurs import editions, references

from tests.helpers import ROOT

BIB = """@misc{kjelde-a,
  author = {{Språkrådet}},
  title = {{Ein tittel som står som publisert}},
  howpublished = {sprakradet.no (kopi av oppgaven)},
  year = {2025},
  url = {https://www.sprakradet.no/a},
  note = {Udatert. Lest 25.11.2026.},
}

@misc{kjelde-b,
  author = {{NTB}},
  title = {Ein annan tittel},
  howpublished = {ntb.no},
  year = {2023},
  url = {https://www.ntb.no/b},
  note = {Publisert 2023. Lest 25.11.2026.},
}
"""

TWIN = """- id: kjelde-a
  note: "Udatert. Henta 25.11.2026."
  howpublished: "sprakradet.no (kopi av oppgåva)"
"""


def _project(tmp_path: Path, twin: str | None = TWIN) -> Path:
    (tmp_path / "references").mkdir()
    (tmp_path / "references" / "kjelder.bib").write_text(BIB, encoding="utf-8")
    if twin is not None:
        (tmp_path / "nn" / "references").mkdir(parents=True)
        (tmp_path / "nn" / "references" / "kjelder.yaml").write_text(twin, encoding="utf-8")
    return tmp_path


def test_the_nn_bib_has_our_words_in_nynorsk_and_the_sources_own_unchanged(tmp_path: Path) -> None:
    data_dir = _project(tmp_path)
    [written] = references.write_nn_bibfiles(tmp_path / "ut", data_dir)
    entries = references.parse(written.read_text(encoding="utf-8"))
    assert entries["kjelde-a"]["note"] == "Udatert. Henta 25.11.2026."
    assert entries["kjelde-a"]["howpublished"] == "sprakradet.no (kopi av oppgåva)"
    original = references.parse(BIB)
    for field in ("author", "title", "url", "year"):
        assert entries["kjelde-a"][field] == original["kjelde-a"][field]
    assert "title = {{Ein tittel som står som publisert}}" in written.read_text(encoding="utf-8"), "inner braces kept"


def test_an_entry_without_nynorsk_keeps_bokmaal_and_the_fallback_is_recorded(tmp_path: Path) -> None:
    data_dir = _project(tmp_path)
    [written] = references.write_nn_bibfiles(tmp_path / "ut", data_dir)
    assert references.parse(written.read_text(encoding="utf-8"))["kjelde-b"]["note"] == "Publisert 2023. Lest 25.11.2026."
    assert any("kjelde-b manglar på nynorsk" in m for m in editions.fallbacks())


def test_a_file_is_rewritten_only_when_its_text_changed(tmp_path: Path) -> None:
    data_dir = _project(tmp_path)
    [written] = references.write_nn_bibfiles(tmp_path / "ut", data_dir)
    before = written.stat().st_mtime_ns
    references.write_nn_bibfiles(tmp_path / "ut", data_dir)
    assert written.stat().st_mtime_ns == before, "an unchanged file keeps its time: the build's caches stay warm"


def test_braces_in_a_translation_cannot_break_the_bib(tmp_path: Path) -> None:
    data_dir = _project(tmp_path, TWIN.replace("Henta 25.11.2026.", "Henta {25.11.2026} \\\\ no."))
    [written] = references.write_nn_bibfiles(tmp_path / "ut", data_dir)
    entries = references.parse(written.read_text(encoding="utf-8"))
    assert set(entries) == {"kjelde-a", "kjelde-b"}
    assert entries["kjelde-a"]["url"] == "https://www.sprakradet.no/a"


def test_every_entry_of_the_course_has_a_nynorsk_note() -> None:
    missing = []
    for bib in references.bib_files():
        twin = references.twin_path(bib)
        from somekurs import yamlio

        have = {i["id"] for i in yamlio.parse(twin.read_text(encoding="utf-8"))} if twin.exists() else set()
        missing += [f"{bib.name}: {i['id']}" for i in references.translatable_items(bib) if i["id"] not in have]
    assert not missing, missing
    assert references.twin_path(ROOT / "data/references/krise.bib").exists()
