"""Gate 5: Norwegian spelling (hunspell nb_NO + project word lists) and LIX ≤ 45 per chapter."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from somekurs import prose

from tests.helpers import ROOT

GENERATED = {"book/hendelser", "book/ordliste", "book/instruktor/fasit", "book/endringslogg"}


def toc_files() -> list[str]:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    files = [toc["root"]]
    for part in toc.get("parts", []):
        files += [c["file"] for c in part.get("chapters", [])]
    return files


def page_text(name: str) -> str:
    """A page's prose source: the Markdown file, or a notebook's Markdown cells."""
    md = ROOT / f"{name}.md"
    if md.exists():
        return md.read_text(encoding="utf-8")
    nb = json.loads((ROOT / f"{name}.ipynb").read_text(encoding="utf-8"))
    return "\n\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")


PAGES = [f for f in toc_files() if f not in GENERATED]


@pytest.mark.parametrize("name", PAGES)
def test_page_is_spelled_right(name: str) -> None:
    wrong = prose.misspellings(prose.extract_prose(page_text(name)))
    assert not wrong, f"{name}: ukjente ord (rett dem, eller legg riktige ord i data/spelling/): {wrong}"


def test_changelog_is_spelled_right() -> None:
    """The Endringslogg page is generated from data/changelog.yaml: its text is checked there."""
    from somekurs import data, pages

    wrong = prose.misspellings(prose.extract_prose(pages.changelog_page(data.load_changelog())))
    assert not wrong, f"data/changelog.yaml: ukjente ord: {wrong}"


@pytest.mark.parametrize("name", [f for f in PAGES if f.startswith("book/")])
def test_chapter_lix_is_at_most_45(name: str) -> None:
    value = prose.lix(prose.extract_prose(page_text(name)))
    assert value <= prose.LIX_LIMIT, f"{name}: LIX {value} er over {prose.LIX_LIMIT}; skriv kortere setninger og ord"


def test_spell_check_catches_a_misspelling() -> None:
    text = "Kommunen skal journalføre henvendelsen. Vi svarer innen tre dagar i kommentarfelltet."
    assert prose.misspellings(text) == ["dagar", "kommentarfelltet"]


def test_lix_gate_catches_heavy_prose() -> None:
    heavy = (
        "Saksbehandlingsrutinene vedrørende journalføringsplikten for henvendelser mottatt gjennom "
        "sosiale mediekanaler forutsetter gjennomgående dokumentasjonsforvaltning og "
        "organisasjonsmessig forankring i virksomhetens overordnede kommunikasjonsstrategi."
    )
    assert prose.lix(heavy) > prose.LIX_LIMIT
    plain = "Svar på meldinger samme dag. Lagre viktige meldinger i arkivet. Spør en kollega hvis du er usikker."
    assert prose.lix(plain) < 42


def test_prose_extraction_drops_code_urls_and_citation_keys() -> None:
    page = (
        "# Tittel\n\nSe {cite:p}`lov-offentleglova` og [Lovdata](https://lovdata.no/x).\n\n"
        "```{code-cell}\nimport pandaz\n```\n\n:::{note}\nEn merknad.\n:::\n"
    )
    text = prose.extract_prose(page)
    assert "offentleglova" not in text and "pandaz" not in text and "https" not in text
    assert "Lovdata" in text and "En merknad." in text


def test_project_word_lists_hold_one_word_per_line() -> None:
    for path in (ROOT / "data" / "spelling").glob("*.txt"):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            word = line.split("#", 1)[0].strip()
            assert " " not in word, f"{path.name}:{n}: ett ord per linje"


def test_word_list_fixture_is_used(tmp_path: Path) -> None:
    assert "Nasjonalarkivet" not in prose.misspellings("Nasjonalarkivet", extra_words={"Nasjonalarkivet"})
