"""«Vår plan» in the static book, in headless Chromium.

Two groups. The first serves each document's form on a bare page (no book build needed) and checks
what the script does against the Python it mirrors: the same findings as ``checks.py``, the same
Markdown as ``export_md.py``, the same carrying as ``carry.py``. The second uses the built book: a
reader types in a field, reloads and finds it, downloads the Markdown, answers an exercise in the
static workbook and sees the answer carried into the document, prints the document alone, and the
plan pages are clean under axe (WCAG 2.1 A/AA) with the form filled and checked.

``SOMEKURS_BOOK_HTML`` may name an already built book (``_build/html`` of a build elsewhere) for
the second group; without it the session's own build is used, as in tests/test_browser.py.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from somekurs.exercises.model import fingerprint, load_exercises
from somekurs.plan import checks, document, export_md, model, static

from tests.helpers import WCAG_TAGS, axe_violations, foreign_requests, serve

pytestmark = pytest.mark.browser
NASTY = "<img src=x onerror=alert(1)> **fet** | # ikke overskrift\n\n- ikke liste & mer"


@pytest.fixture(scope="module")
def bare_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Each form on a page of its own, at the path it has in the book."""
    root = tmp_path_factory.mktemp("planskjema")
    folder = root / "book" / "var-plan"
    folder.mkdir(parents=True)
    for plan in model.load_plans()[0].values():
        page = f'<!doctype html><html lang="nb"><head><meta charset="utf-8"><title>{plan["title"]}</title></head><body><main><h1>{plan["title"]}</h1>{static.plan_html(plan)}</main></body></html>'
        (folder / f"{plan['id']}.html").write_text(page, encoding="utf-8")
    with serve(root) as url:
        yield url


@pytest.fixture
def tab(browser) -> Iterator[Any]:
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.errors = errors  # type: ignore[attr-defined]
    yield page
    context.close()
    assert not errors, errors


def open_with(page: Any, url: str, storage: dict[str, Any]) -> None:
    """Open the page with this browser storage already there (as a returning reader has it)."""
    page.goto(url)
    page.evaluate(
        "s => { localStorage.clear(); for (const [k, v] of Object.entries(s)) localStorage.setItem(k, JSON.stringify(v)); }",
        storage,
    )
    page.reload()


def scenario(plan_id: str, fields: dict[str, Any], answers: dict[str, Any], agency: str = "") -> tuple[dict, dict, dict]:
    """The same reader's state three ways: browser storage, the progress file, the plan file."""
    exercises = load_exercises()[0]
    storage: dict[str, Any] = {
        f"somekurs-plan:{plan_id}": {
            "v": 1,
            "fields": {k: {"value": v, "saved_at": "2026-12-02T10:00:00+00:00"} for k, v in fields.items()},
        }
    }
    progress_state: dict[str, Any] = {"answers": {}, "drafts": {}}
    for exercise_id, value in answers.items():
        version = fingerprint(exercises[exercise_id])
        storage[f"somekurs-svar:{exercise_id}:{version}"] = {"a": value, "checked": True, "shown": False}
        progress_state["answers"][exercise_id] = {"answer": value, "version": version, "saved_at": "2026-12-02T09:00:00+00:00"}
    if agency:
        storage["somekurs-plan:virksomhet"] = agency
    plan_state = {
        "agency": agency,
        "documents": {plan_id: {"fields": {k: {"value": v, "saved_at": "x"} for k, v in fields.items()}}},
    }
    return storage, progress_state, plan_state


def python_side(plan_id: str, progress_state: dict, plan_state: dict) -> tuple[list[tuple[str, str]], str]:
    from somekurs.plan import carry

    plan = model.load_plans()[0][plan_id]
    values = {f["id"]: carry.value_of(f, plan_id, progress_state, plan_state).value for f in model.fields(plan)}
    found = [(f.check, " ".join(f.message.split())) for f in checks.run(plan, values)]
    text = export_md.render(document.build(plan, progress_state=progress_state, plan_state=plan_state, made_on=date.today()))
    return found, text


SCENARIOS = [
    ("kommentarregler", {}, {}),
    (
        "kommentarregler",
        {
            "velkommen": NASTY,
            "fjernes": ["Upassende innlegg", "", "Trusler"],
            "svartid": "Vi svarer så fort vi kan",
            "moderatorer": [{"rolle": "Vakt", "oppgave": "", "tid": "Dag"}],
        },
        {"moderering-sorter-kommentarer": "sort-key"},
    ),
    (
        "personvernvurdering",
        {"konklusjon": ["med-tiltak"], "konto": "  Facebook   siden "},
        {"personvern-dpia-kommuneside": "risk-key"},
    ),
    (
        "kanalvurdering",
        {"kanaler": [{"kanal": "TikTok", "formal": "Unge", "eier": "", "tilgang": "", "vurdert": ""}]},
        {
            "strategi-maltall-sorter": "sort-key",
            "strategi-lyngdal-dilemma": {"text": "Si fra til følgerne, og arkiver før vi sletter.", "rubric": {}},
        },
    ),
    ("om-kontoene", {"innsyn": "Skriv til oss."}, {}),
    (
        "ki-regler",
        {"merking": "Vi merker tekst."},
        {
            "ki-sorter-ledetekster": "sort-key",
            "ki-skriv-merket-innlegg": {"text": "Illustrasjonen er laget med KI.\nLes mer på nettsiden.", "rubric": {}},
        },
    ),
    (
        "krisekommunikasjon",
        {"roller": [{"rolle": "Talsperson", "oppgave": "Medier", "stedfortreder": ""}]},
        {"krise-hans-bredt-eller-smalt": {"text": "Jeg ville samordnet med politiet.", "rubric": {}}},
    ),
    ("arkivrutine", {"regler": "Arkivloven fra 1992."}, {"arkiv-ledermeldinger": "sort-key"}),
]


def key_answer(exercise_id: str, value: Any) -> Any:
    """«sort-key» and «risk-key»: the exercise's own key as the reader's answer."""
    exercise = load_exercises()[0][exercise_id]
    if value == "sort-key":
        return {i["id"]: i["category"] for i in exercise["items"]}
    if value == "risk-key":
        return {r["id"]: [r["likelihood"], r["consequence"]] for r in exercise["risks"]}
    return value


@pytest.mark.parametrize(("plan_id", "fields", "answers"), SCENARIOS)
def test_the_script_checks_and_writes_markdown_exactly_as_python_does(
    tab, bare_site: str, plan_id: str, fields: dict, answers: dict
) -> None:
    answers = {k: key_answer(k, v) for k, v in answers.items()}
    storage, progress_state, plan_state = scenario(plan_id, fields, answers, agency="Eksempel kommune")
    open_with(tab, f"{bare_site}/book/var-plan/{plan_id}.html", storage)
    found_js = [(f["check"], " ".join(f["message"].split())) for f in tab.evaluate(f"window.somekursPlan['{plan_id}'].checks()")]
    markdown_js = tab.evaluate(f"window.somekursPlan['{plan_id}'].markdown()")
    found_py, markdown_py = python_side(plan_id, progress_state, plan_state)
    assert found_js == found_py
    assert markdown_js == markdown_py


def test_the_statement_carries_the_response_time_typed_in_the_comment_rules(tab, bare_site: str) -> None:
    storage = {
        "somekurs-plan:kommentarregler": {"v": 1, "fields": {"svartid": {"value": "Hverdager kl. 08–15", "saved_at": "x"}}}
    }
    open_with(tab, f"{bare_site}/book/var-plan/om-kontoene.html", storage)
    assert tab.input_value("[data-sk-felt='svartid'] [data-sk-verdi]") == "Hverdager kl. 08–15"
    assert "Hentet fra «Når vi følger med og svarer» i «Kommentarregler og moderering»." in tab.inner_text(
        "[data-sk-hentet='svartid']"
    )


def test_typed_text_stays_when_the_exercise_answer_changes_and_comes_back_on_request(tab, bare_site: str) -> None:
    exercise = load_exercises()[0]["ki-skriv-merket-innlegg"]
    key = f"somekurs-svar:{exercise['id']}:{fingerprint(exercise)}"
    open_with(
        tab,
        f"{bare_site}/book/var-plan/ki-regler.html",
        {key: {"a": {"text": "Svaret fra oppgaven. Laget med KI."}, "checked": True}},
    )
    field = "[data-sk-felt='eksempel'] [data-sk-verdi]"
    assert tab.input_value(field) == "Svaret fra oppgaven. Laget med KI."
    tab.fill(field, "Min egen tekst.")
    tab.wait_for_timeout(700)
    tab.evaluate(
        f"localStorage.setItem({json.dumps(key)}, JSON.stringify({{a: {{text: 'Et nytt svar på oppgaven.'}}, checked: true}}))"
    )
    tab.reload()
    assert tab.input_value(field) == "Min egen tekst.", "a carried answer never replaces what the reader typed"
    tab.get_by_role("button", name="Hent svaret på nytt").click()
    assert tab.input_value(field) == "Et nytt svar på oppgaven."


def test_rows_are_added_labelled_and_removed_by_keyboard(tab, bare_site: str) -> None:
    tab.goto(f"{bare_site}/book/var-plan/kanalvurdering.html")
    add = tab.get_by_role("button", name="Legg til en rad i «Kontoregister»")
    add.focus()
    tab.keyboard.press("Enter")
    assert tab.evaluate("document.activeElement.getAttribute('aria-label')") == "Plattform og konto, rad 2"
    tab.keyboard.type("Instagram: Biblioteket")
    tab.get_by_role("button", name="Fjern rad 1").click()
    assert tab.get_by_label("Plattform og konto, rad 1").input_value() == "Instagram: Biblioteket"
    tab.wait_for_timeout(700)
    saved = json.loads(tab.evaluate("localStorage.getItem('somekurs-plan:kanalvurdering')"))
    assert saved["fields"]["kanaler"]["value"][0]["kanal"] == "Instagram: Biblioteket"


def test_the_risk_matrix_follows_the_ratings(tab, bare_site: str) -> None:
    tab.goto(f"{bare_site}/book/var-plan/personvernvurdering.html")
    tab.get_by_label("Risiko, rad 1").fill("Helseopplysninger i meldinger")
    tab.get_by_label("Sannsynlighet (1–5), rad 1").select_option("4")
    tab.get_by_label("Konsekvens (1–5), rad 1").select_option("5")
    assert tab.inner_text("[data-sk-celle='4-5']").replace("\n", " ").strip() == "høy R1"
    assert tab.inner_text("[data-sk-felt='risikoer'] .sk-niva") == "høy (20)"


# --- the built book ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def book(request: pytest.FixtureRequest) -> Iterator[str]:
    built = os.environ.get("SOMEKURS_BOOK_HTML", "").strip()
    if built:
        with serve(Path(built)) as url:
            yield url
    else:
        yield request.getfixturevalue("book_url")


@pytest.mark.book
def test_a_field_typed_in_the_book_is_kept_after_a_reload_and_downloads_as_markdown(tab, book: str, tmp_path: Path) -> None:
    blocked = foreign_requests(tab, book)
    tab.goto(f"{book}/book/var-plan/kommentarregler.html", wait_until="networkidle")
    tab.get_by_label("Virksomheten").fill("Eksempel kommune")
    field = tab.locator("[data-sk-felt='svartid'] input")
    field.fill("Hverdager kl. 08–15")
    tab.locator("[data-sk-felt='velkommen'] textarea").fill(NASTY)
    tab.wait_for_timeout(700)
    tab.reload(wait_until="networkidle")
    assert field.input_value() == "Hverdager kl. 08–15"
    with tab.expect_download() as info:
        tab.get_by_role("button", name="Last ned som Markdown").click()
    download = info.value
    assert download.suggested_filename == "kommentarregler.md"
    path = tmp_path / "kommentarregler.md"
    download.save_as(path)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Kommentarregler og moderering – Eksempel kommune\n")
    assert "### Når vi følger med og svarer\n\nHverdager kl. 08–15\n" in text
    # The participant's text shows as typed, never as markup: escaped as the Python export escapes it.
    assert "\\<img src=x onerror=alert(1)\\> \\*\\*fet\\*\\* \\| # ikke overskrift" in text
    assert export_md.md(NASTY) in text
    assert "\n## Kilder\n" in text and "<https://mrfylke.no/" in text
    assert "lastet ned" in tab.inner_text(".sk-plan-resultat")
    assert not blocked, blocked


@pytest.mark.book
def test_an_exercise_answered_in_the_static_workbook_is_carried_into_the_document(tab, book: str) -> None:
    exercise = load_exercises()[0]["personvern-dpia-kommuneside"]
    tab.goto(f"{book}/exercises/personvern.html", wait_until="networkidle")
    box = tab.locator(f"#sk-{exercise['id']}")
    for risk in exercise["risks"]:
        box.locator(f"select[data-sk-risiko='{risk['id']}-s']").select_option(str(risk["likelihood"]))
        box.locator(f"select[data-sk-risiko='{risk['id']}-k']").select_option(str(risk["consequence"]))
    box.get_by_role("button", name="Sjekk svaret").click()
    tab.goto(f"{book}/book/var-plan/personvernvurdering.html", wait_until="networkidle")
    note = tab.inner_text("[data-sk-hentet='risikoer']")
    assert f"Hentet fra oppgaven «{exercise['title']}»." in note
    assert tab.get_by_label("Risiko, rad 1").input_value() == exercise["risks"][0]["text"]
    assert tab.get_by_label("Sannsynlighet (1–5), rad 1").input_value() == str(exercise["risks"][0]["likelihood"])


@pytest.mark.book
def test_printing_shows_the_document_alone(tab, book: str) -> None:
    tab.goto(f"{book}/book/var-plan/kommentarregler.html", wait_until="networkidle")
    tab.locator("[data-sk-felt='svartid'] input").fill("Hverdager kl. 08–15")
    tab.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    tab.emulate_media(media="print")
    shown = tab.evaluate(
        """() => [...document.body.children].filter(e => getComputedStyle(e).display !== 'none').map(e => e.className)"""
    )
    assert shown == ["sk-plan-utskrift"]
    text = tab.inner_text(".sk-plan-utskrift")
    assert text.startswith("Kommentarregler og moderering") and "Hverdager kl. 08–15" in text and "Kilder" in text
    tab.evaluate("window.dispatchEvent(new Event('afterprint'))")
    tab.emulate_media(media="screen")
    assert tab.locator("body > .sk-plan-utskrift").count() == 0


@pytest.mark.book
@pytest.mark.parametrize("plan_id", sorted(model.load_plans()[0]) + ["index"])
def test_plan_pages_are_clean_under_axe_with_the_form_filled_and_checked(tab, book: str, plan_id: str) -> None:
    tab.goto(f"{book}/book/var-plan/{plan_id}.html", wait_until="networkidle")
    if plan_id != "index":
        for details in tab.locator(".sk-plan details").all():
            details.evaluate("d => d.open = true")
        tab.get_by_role("button", name="Sjekk planen").click()
        tab.get_by_role("button", name="Slett det du har skrevet her").click()
    violations = axe_violations(tab, WCAG_TAGS)
    assert not violations, [f"{v['id']}: {v['help']} {[n['target'] for n in v['nodes'][:3]]}" for v in violations]
