"""Gate 5: Norwegian spelling and LIX ≤ 45 per chapter, in both written standards.

Bokmål: hunspell nb_NO + ``data/spelling/*.txt`` over every page. Nynorsk: hunspell nn_NO +
``data/spelling/nn/*.txt`` (+ the names of the bokmål lists) over every nn twin that exists (the
translation is in progress: a missing twin is listed by ``tests/test_editions.py``), over the
reader-visible text of every nn data file and over the nynorsk interface strings.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from somekurs import prose, yamlio

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
# The nynorsk twins that exist so far (nn/book/arkiv for book/arkiv …). The nn workbooks are left
# out: they are generated from data/nn/exercises and data/texts/nn.yaml, checked below, and
# tests/test_workbook.py holds them in step with that data.
NN_PAGES = [
    f"nn/{f}"
    for f in PAGES
    if not f.startswith("exercises/") and ((ROOT / f"nn/{f}.md").exists() or (ROOT / f"nn/{f}.ipynb").exists())
]
NN_DATA = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "data" / "nn").rglob("*.yaml")) + ["data/texts/nn.yaml"]


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


@pytest.mark.parametrize("name", NN_PAGES)
def test_nn_page_is_spelled_right(name: str) -> None:
    wrong = prose.misspellings(prose.extract_prose(page_text(name)), lang="nn")
    assert not wrong, f"{name}: ukjende ord under nn_NO (rett dei, eller legg rette nynorske ord i data/spelling/nn/): {wrong}"


@pytest.mark.parametrize("name", [f for f in NN_PAGES if f.startswith("nn/book/")])
def test_nn_chapter_lix_is_at_most_45(name: str) -> None:
    value = prose.lix(prose.extract_prose(page_text(name)))
    assert value <= prose.LIX_LIMIT, f"{name}: LIX {value} er over {prose.LIX_LIMIT}; skriv kortare setningar og ord"


@pytest.mark.parametrize("name", NN_DATA)
def test_nn_data_is_spelled_right(name: str) -> None:
    """What a reader sees of a data file: prompts, options, feedback, messages; ids and codes are left out."""
    text = prose.data_prose(yamlio.parse((ROOT / name).read_text(encoding="utf-8")))
    assert text, f"{name}: ingen tekst funnen"
    wrong = prose.misspellings(text, lang="nn")
    assert not wrong, f"{name}: ukjende ord under nn_NO (rett dei, eller legg rette nynorske ord i data/spelling/nn/): {wrong}"


def test_the_nn_gate_covers_the_chapters_and_exercises() -> None:
    assert len([f for f in NN_PAGES if f.startswith("nn/book/")]) >= 17
    assert len([f for f in NN_DATA if f.startswith("data/nn/exercises/")]) >= 12


def test_the_nn_check_catches_bokmal_forms() -> None:
    nynorsk = "Vi veit ikkje kva som skjer, og korleis dei skal svare frå kontoen."
    assert prose.misspellings(nynorsk, lang="nn") == []
    bokmal = "Vi vet ikke hva som skjer, og hvordan de skal svare fra kontoen."
    assert {"ikke", "hva", "hvordan"} <= set(prose.misspellings(bokmal, lang="nn"))
    assert prose.misspellings(bokmal) == [], "the same sentence is good bokmål"
    assert {"ikkje", "kva"} <= set(prose.misspellings(nynorsk)), "and the bokmål gate does not take nynorsk"


def test_nynorsk_takes_the_names_of_the_bokmal_lists_but_not_their_words() -> None:
    nb_words = {w for path in prose.word_list_files("nb") for w in prose.read_word_list(path)}
    name = next(w for w in sorted(nb_words) if w[:1].isupper() and prose.misspellings(w, extra_words=set(), lang="nn") == [])
    assert name in prose.project_words("nn")
    bokmal_only = next(w for w in sorted(nb_words) if w.endswith("ene") and w not in prose.project_words("nn"))
    assert prose.misspellings(bokmal_only) == [] and prose.misspellings(bokmal_only, lang="nn") == [bokmal_only]


def test_a_bokmal_title_is_accepted_only_as_a_whole() -> None:
    assert prose.misspellings("Forskrift om utførelse av arbeid har reglar om vald.", lang="nn") == []
    assert prose.misspellings("Utførelse av arbeidet tok tid.", lang="nn") == ["Utførelse"]


def test_nynorsk_letters_are_letters() -> None:
    """«vêr», «òg»: a word with ê or ò is checked whole, not cut into «ekstremv» and «ret»."""
    assert prose.misspellings("Ekstremvêret kom òg hit.", lang="nn") == []
    assert prose.misspellings("Ekstremvêrret kom hit.", lang="nn") == ["Ekstremvêrret"]


def test_inflected_abbreviations_and_possessives_are_not_split_into_bokmal() -> None:
    """«SMS-en» is good nynorsk; without this rule the checker would flag «en» as the bokmål article."""
    assert prose.misspellings("Ho sende SMS-en til Field's i går.", lang="nn") == []
    assert prose.misspellings("Ho sende en SMS.", lang="nn") == ["en"]


def test_data_prose_keeps_reader_text_and_drops_ids_and_placeholders() -> None:
    item = {
        "id": "kan-ikke",
        "category": "ikke",
        "prompt": "Kva gjer du med {name}?",
        "options": [{"id": "a", "label": "Svar no"}],
    }
    text = prose.data_prose(item)
    assert text.splitlines() == ["Kva gjer du med ?", "Svar no"]


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
    """Only the nn list of bokmål-only titles holds phrases (accepted as a whole, never word by word)."""
    lists = [*(ROOT / "data" / "spelling").glob("*.txt"), *(ROOT / "data" / "spelling" / "nn").glob("*.txt")]
    assert len(lists) > 20
    for path in lists:
        if path.name == "titlar.txt":
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            word = line.split("#", 1)[0].strip()
            assert " " not in word, f"{path.name}:{n}: ett ord per linje"


def test_word_list_fixture_is_used(tmp_path: Path) -> None:
    assert "Nasjonalarkivet" not in prose.misspellings("Nasjonalarkivet", extra_words={"Nasjonalarkivet"})


def test_a_plan_form_directive_is_not_prose() -> None:
    """«```{plan-skjema} ki-regler»: the plan id is not a word («ki» would be flagged under nn_NO)."""
    assert prose.extract_prose("Fyll ut skjemaet.\n\n```{plan-skjema} ki-regler\n```\n") == "Fyll ut skjemaet."
