"""Claims that expire: a marked claim past its check-by date, or future tense about a date already
passed, fails; the course's own pages and data carry none."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from somekurs import claims, data
from somekurs.exercises.model import load_exercises

from tests.helpers import ROOT


@pytest.mark.parametrize("page", claims.book_pages(), ids=lambda p: p.stem)
def test_no_page_has_a_claim_past_its_date_or_the_past_in_future_tense(page: Path) -> None:
    stale = claims.stale_in_page(page)
    assert not stale, "\n".join(str(s) for s in stale)


def test_no_data_file_is_past_its_check_by_date() -> None:
    today = claims.today().isoformat()
    incidents, _ = data.load_incidents()
    exercises, _ = load_exercises()
    late = [f"{k}: {v['check_by']}" for k, v in {**incidents, **exercises}.items() if v.get("check_by", "9999") < today]
    assert not late, late


def test_a_claim_expires_on_its_date(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    page = tmp_path / "side.md"
    page.write_text("Loven er ikke vedtatt ennå (sjekket 2. desember 2026) {sjekkes}`2027-03-01`.\n", encoding="utf-8")
    assert claims.stale_in_page(page, on=date(2027, 2, 28)) == []
    late = claims.stale_in_page(page, on=date(2027, 3, 2))
    assert late and "2027-03-01" in late[0].reason and "ikke vedtatt" in late[0].text
    monkeypatch.setenv("SOMEKURS_TODAY", "2027-03-02")
    assert claims.stale_in_page(page), "the build and the tests use SOMEKURS_TODAY as today"


@pytest.mark.parametrize(
    ("sentence", "stale"),
    [
        ("Regjeringen planla at reglene skulle gjelde fra sommeren 2026.", True),
        ("Loven trer i kraft 1. januar 2026.", True),
        ("Forskriften vil gjelde fra mars 2026.", True),
        ("Loven trådte i kraft 1. januar 2026.", False),
        ("Loven skal gjelde fra 1. januar 2030.", False),
        ("I 2018 sa Difi at etatene bør ha en strategi.", False),
    ],
)
def test_future_tense_about_a_passed_date_is_caught(sentence: str, stale: bool) -> None:
    assert claims.future_about_past(sentence, date(2026, 12, 2)) is stale


def test_a_marker_without_a_date_is_an_error(tmp_path: Path) -> None:
    page = tmp_path / "side.md"
    page.write_text("Noe som må sjekkes {sjekkes}`snart`.\n", encoding="utf-8")
    assert "trenger en dato" in claims.stale_in_page(page, on=date(2026, 12, 2))[0].reason


def test_every_chapter_shows_when_it_was_last_checked() -> None:
    checked = data.load_checked()
    pages = [p for p in claims.book_pages(ROOT) if p.stem != "referanser"]  # the list of all sources is no chapter
    missing = [p.stem for p in pages if "```{kontrollert}" not in p.read_text(encoding="utf-8")]
    assert not missing, missing
    docnames = {str(p.relative_to(ROOT).with_suffix("")) for p in pages}
    assert docnames <= set(checked), docnames - set(checked)
