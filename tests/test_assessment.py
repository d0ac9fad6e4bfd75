"""Kursprøve and kursbevis (somekurs.assessment): the item bank, the draw, the result, the record.

The bank (data/test-items/) is held to the workbook's bars: it loads, every theme has at least eight
items of the judged kinds, no test-wise strategy beats chance over it, no item repeats a workbook
exercise's prompt or options, and every feedback link goes to a chapter section. The test runs in
JupyterLab (the widget) and in the static book (the runner script, in Chromium), and the check value
on the record is the same whichever side computes it.
"""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

import pytest
from somekurs import data, sections
from somekurs.assessment import bank, record, scoring, static, store
from somekurs.exercises import testwise
from somekurs.exercises.evaluate import answer_key, evaluate
from somekurs.exercises.model import load_exercises

from tests.helpers import WCAG_TAGS, axe_violations, foreign_requests, serve

ITEMS, PROBLEMS = bank.load_bank()
WORKBOOK, _ = load_exercises()
THEMES = [t["slug"] for t in data.load_themes()]


def test_the_bank_loads_and_every_theme_in_it_has_eight_judged_items() -> None:
    assert not PROBLEMS, "\n".join(str(p) for p in PROBLEMS)
    per_theme = Counter(i["theme"] for i in ITEMS.values())
    thin = {t: n for t, n in per_theme.items() if n < bank.MIN_ITEMS_PER_THEME}
    assert not thin, thin
    assert {i["kind"] for i in ITEMS.values()} <= set(bank.KINDS)
    assert not set(ITEMS) & set(WORKBOOK), "et prøvespørsmål har samme id som en oppgave i arbeidsboka"


MISSING_THEMES = sorted(set(THEMES) - {i["theme"] for i in ITEMS.values()})


def test_every_theme_has_items_in_the_bank() -> None:
    """The course test draws from every theme: a theme without items would be missing from it."""
    assert not MISSING_THEMES, MISSING_THEMES


def test_no_test_wise_strategy_beats_chance_over_the_bank() -> None:
    report = testwise.play(ITEMS.values())
    assert not report.beating_chance(), report.beating_chance()
    assert not report.uniform_too_good(), report.uniform_too_good()
    singles = [e for e in ITEMS.values() if e["kind"] == "choice" and not e.get("multiple")]
    longest = sum(1 for e in singles if max(e["options"], key=lambda o: len(o["text"]))["correct"])
    chance = sum(sum(o["correct"] for o in e["options"]) / len(e["options"]) for e in singles)
    assert longest <= chance + testwise.MARGIN * len(singles), f"{longest} av {len(singles)}"


def _texts(exercise: dict) -> set[str]:
    found = {" ".join(str(exercise["prompt"]).split())}
    for key in ("options", "items", "checks", "risks"):
        found |= {" ".join(str(part.get("text", "")).split()) for part in exercise.get(key, []) or []}
    for node in (exercise.get("nodes") or {}).values():
        found.add(" ".join(str(node.get("question", "")).split()))
    return {t for t in found if len(t) > 25}


def test_no_item_repeats_a_workbook_exercise_word_for_word() -> None:
    workbook = set().union(*(_texts(e) for e in WORKBOOK.values()))
    repeated = sorted(f"{i['id']}: {t[:60]}" for i in ITEMS.values() for t in _texts(i) & workbook)
    assert not repeated, repeated


def test_every_item_links_a_chapter_section_and_says_when_it_is_constructed() -> None:
    index = sections.index()
    chapters = {f"book/{t}" for t in THEMES} | {"book/nytt-siden-2018"}
    broken = [f"{i['id']}: {i['section']}" for i in ITEMS.values() if index.get(i["section"], ("",))[0] not in chapters]
    assert not broken, broken
    unmarked = [i["id"] for i in ITEMS.values() if i["basis"] == "constructed" and "konstruert" not in i["prompt"].lower()]
    assert not unmarked, unmarked


def test_every_key_is_judged_right_and_a_blank_answer_is_not() -> None:
    wrong = [i["id"] for i in ITEMS.values() if evaluate(i, answer_key(i)).correct is not True]
    assert not wrong, wrong
    assert all(evaluate(i, None).correct is not True for i in ITEMS.values())


def test_a_module_test_draws_six_items_of_its_theme_and_five_right_pass() -> None:
    rules = bank.rules("arkiv")
    drawn = bank.draw(rules, bank.items_by_theme(), random.Random(1))
    assert len(drawn) == bank.MODULE_ITEMS == rules.total and {i["theme"] for i in drawn} == {"arkiv"}
    assert len({i["id"] for i in drawn}) == len(drawn)
    answers = {i["id"]: answer_key(i) for i in drawn}
    answers[drawn[0]["id"]] = None
    result = scoring.score(rules, drawn, answers, "a1b2c3d4", "2026-12-02")
    assert result.result["right"] == 5 and result.result["passed"]
    assert result.revisit == {"arkiv": [drawn[0]["section"]]}
    answers[drawn[1]["id"]] = None
    assert not scoring.score(rules, drawn, answers, "a1b2c3d4").result["passed"]


def test_the_course_test_draws_from_every_theme_and_needs_one_right_in_each() -> None:
    rules = bank.rules(bank.COURSE)
    drawn = bank.draw(rules, bank.items_by_theme(), random.Random(2))
    assert Counter(i["theme"] for i in drawn) == {t: bank.COURSE_ITEMS_PER_THEME for t in rules.themes}
    assert set(rules.themes) == {i["theme"] for i in ITEMS.values()}
    answers = {i["id"]: answer_key(i) for i in drawn}
    assert scoring.score(rules, drawn, answers, "x").result["passed"]
    for item in drawn:
        if item["theme"] == "arkiv":
            answers[item["id"]] = None
    result = scoring.score(rules, drawn, answers, "x").result
    assert not result["passed"] and not result["themes"]["arkiv"]["passed"]
    if len(rules.themes) >= 10:  # with the whole bank, the total alone would pass: the theme's mark fails it
        assert result["right"] >= rules.total_pass


RESULT = {
    "attempt": "a1b2c3d4",
    "scope": "arkiv",
    "date": "2026-12-02",
    "right": 5,
    "total": 6,
    "passed": True,
    "themes": {"arkiv": {"right": 5, "total": 6, "passed": True}},
}


def test_the_check_value_depends_on_the_results_only() -> None:
    value = record.check_value([RESULT])
    assert len(value) == 14 and value.count("-") == 2
    assert record.check_value([{**RESULT, "extra": "ignored", "right": "5"}]) == value
    assert record.check_value([{**RESULT, "right": 6}]) != value
    other = {**RESULT, "scope": "innsyn", "attempt": "ffff0000"}
    assert record.check_value([RESULT, other]) == record.check_value([other, RESULT])
    assert record.same_check_value(value.lower().replace("-", " "), value)
    assert not record.same_check_value("", "")


def test_the_record_shows_the_latest_passed_attempt_of_each_test() -> None:
    old = {**RESULT, "date": "2026-11-01", "attempt": "00000001"}
    failed = {**RESULT, "date": "2026-12-03", "passed": False, "attempt": "00000002"}
    assert record.record_results([old, RESULT, failed]) == [RESULT]


def test_the_pdf_record_has_the_name_as_typed_and_the_check_value(tmp_path: Path) -> None:
    name = "Kari <b>Nordmann</b> & Ås"
    pdf = record.record_pdf(name, [RESULT], {"arkiv": "Arkivering og journalføring"}, "2026-12-02", compress=False)
    assert pdf.startswith(b"%PDF") and len(pdf) > 1000
    assert b"Kari <b>Nordmann</b> &" in pdf  # drawn as text, not read as markup
    assert record.check_value([RESULT]).encode() in pdf and b"Arkivering og journalf" in pdf
    assert record.record_pdf(name, [RESULT], {}, "2026-12-02") == record.record_pdf(name, [RESULT], {}, "2026-12-02")


def test_the_widget_hides_feedback_until_handed_in_and_keeps_the_attempt(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("SOMEKURS_PROGRESS", str(tmp_path / "fremdrift.json"))
    from somekurs.assessment.widget import TestWidget, make_record

    view = TestWidget("arkiv")
    view.start()
    assert len(view.items) == bank.MODULE_ITEMS
    assert "Sjekk svaret" not in str([getattr(c, "description", "") for c in view.body.children])
    for item in view.items:
        view.controls[item["id"]].restore(answer_key(item))
    view._save()
    again = TestWidget("arkiv")  # a restarted kernel finds the attempt and the answers
    assert [i["id"] for i in again.items] == [i["id"] for i in view.items]
    assert again.answers() == view.answers()
    scored = again.finish()
    assert scored is not None and scored.result["passed"] and scored.result["right"] == bank.MODULE_ITEMS
    assert store.attempts()[-1] == scored.result and store.open_attempt("arkiv") is None
    path = make_record("Kari Nordmann", tmp_path)
    assert path is not None and path.read_bytes().startswith(b"%PDF")


def test_the_widget_asks_once_before_handing_in_unanswered_items(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("SOMEKURS_PROGRESS", str(tmp_path / "fremdrift.json"))
    from somekurs.assessment.widget import TestWidget

    view = TestWidget("arkiv")
    view.start()
    assert view.finish() is None and "teller som feil" in view.confirm.value
    scored = view.finish()
    assert scored is not None and not scored.result["passed"]


@pytest.mark.browser
def test_the_static_test_hides_the_key_until_handed_in_and_makes_a_record(tmp_path: Path, browser) -> None:
    page_html = (
        '<!DOCTYPE html><html lang="nb"><head><meta charset="utf-8"><title>Kursprøve</title></head><body><main>'
        "<h1>Kursprøve</h1>" + static.test_html(["arkiv", bank.COURSE]) + "</main></body></html>"
    )
    (tmp_path / "book").mkdir()
    (tmp_path / "book" / "kursprove.html").write_text(page_html, encoding="utf-8")
    keys = {i["id"]: answer_key(i) for i in ITEMS.values()}
    with serve(tmp_path) as url:
        context = browser.new_context()
        page = context.new_page()
        blocked = foreign_requests(page, url)
        page.goto(f"{url}/book/kursprove.html", wait_until="networkidle")
        page.select_option("#sk-prove-valg", "arkiv")
        page.click(".sk-prove-start-knapp")
        ids = page.eval_on_selector_all("[data-sk-prove-id]", "els => els.map(e => e.getAttribute('data-sk-prove-id'))")
        assert len(ids) == bank.MODULE_ITEMS
        assert not page.locator("[data-sk='sjekk']").first.is_visible()
        assert not page.locator(".sk-tilbakemelding").first.is_visible()
        first = page.locator(f"[data-sk-prove-id='{ids[0]}'] :is(input, select)").first  # a sort item has selects
        first.focus()
        page.keyboard.press("Enter")  # Enter in a field must not check the item
        assert page.locator(f"#sk-{ids[0]}-tilbakemelding").inner_text() == ""
        assert not axe_violations(page, WCAG_TAGS)
        for item_id in ids:
            page.evaluate("([id, a]) => window.somekursOppgaver[id].restore(a)", [item_id, keys[item_id]])
        page.evaluate("() => document.querySelector('#sk-prove').dispatchEvent(new Event('change', {bubbles: true}))")
        page.wait_for_timeout(500)
        page.reload(wait_until="networkidle")  # the attempt in progress comes back
        again = page.eval_on_selector_all("[data-sk-prove-id]", "els => els.map(e => e.getAttribute('data-sk-prove-id'))")
        assert again == ids
        page.click(".sk-prove-lever-knapp")
        assert "Du har bestått" in page.locator(".sk-prove-resultat").inner_text()
        assert page.locator(".sk-prove-forklaring").count() == len(ids)
        page.fill("#sk-bevis-navn-felt", "Kari <i>Nordmann</i>")
        page.click(".sk-bevis-lag")
        assert page.locator(".sk-bevis-navn").inner_text() == "Kari <i>Nordmann</i>"
        shown = page.locator(".sk-bevis-kontroll").inner_text()
        results = page.evaluate("() => window.somekursKursprove.state().results")
        assert shown == record.check_value(record.record_results(results))
        assert not axe_violations(page, WCAG_TAGS)
        context.close()
    assert not blocked, blocked
