"""«Vår plan»: the participant leaves with their agency's documents.

What a participant and an author notice: the seven templates are valid and every source, section,
incident and exercise they name exists; an answer to a real exercise lands in its field; text the
participant typed is never replaced; the drafts survive a damaged file and two kernels saving at
once; the check names the concrete gaps and is quiet on a complete document; the Word file opened
with python-docx has the headings, the tables, the participant's text as text, and the sources;
the Markdown shows exactly the text that was typed; the notebook and the book are in step.
"""

from __future__ import annotations

import html
import io
import json
import multiprocessing
import os
import re
import time
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from somekurs import claims, data, prose, sections
from somekurs.exercises import progress
from somekurs.exercises.model import fingerprint, load_exercises
from somekurs.exercises.sources import bibliography
from somekurs.plan import carry, checks, document, export_docx, export_md, model, static, store

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = {
    "kanalvurdering",
    "kommentarregler",
    "arkivrutine",
    "personvernvurdering",
    "krisekommunikasjon",
    "ki-regler",
    "om-kontoene",
}
MADE_ON = date(2026, 12, 2)
NASTY = "<script>alert('x')</script> & **fet** [lenke](https://example.com) | # overskrift\n- punkt\n1. nummer"


def plans() -> dict[str, model.Plan]:
    found, problems = model.load_plans()
    assert not problems, [str(p) for p in problems]
    return found


def exercise(exercise_id: str) -> dict[str, Any]:
    return load_exercises()[0][exercise_id]


def answer(exercise_id: str, value: Any, *, draft: bool = False, version: str | None = None) -> None:
    item = exercise(exercise_id)
    if draft:
        progress.save_draft(exercise_id, value, version=version or fingerprint(item))
    else:
        progress.save_answer(
            exercise_id, value, correct=None, kind=item["kind"], theme=item["theme"], version=version or fingerprint(item)
        )


def shown(plan_id: str, field_id: str) -> carry.FieldValue:
    plan = plans()[plan_id]
    return carry.value_of(model.field(plan, field_id), plan_id, progress.snapshot(), store.load())


def example_values(plan: model.Plan) -> dict[str, Any]:
    """The template's own examples as a participant's values: together they are a complete document."""
    return {f["id"]: model.clean_value(f, f["example"]) for f in model.fields(plan)}


# --- the templates ---------------------------------------------------------------------------------


def test_the_seven_documents_load_without_problems() -> None:
    assert set(plans()) == DOCUMENTS
    assert [p["number"] for p in plans().values()] == list(range(1, 8))


def test_every_source_section_incident_and_exercise_a_template_names_exists() -> None:
    keys = set(bibliography())
    labels = set(sections.index())
    incidents, _ = data.load_incidents()
    exercises = load_exercises()[0]
    slugs = data.theme_slugs()
    missing = []
    for plan in plans().values():
        missing += [f"{plan['id']}: tema {t}" for t in plan["themes"] if t not in slugs]
        for one in model.fields(plan):
            where = f"{plan['id']}.{one['id']}"
            missing += [f"{where}: kilde {k}" for k in one.get("sources", []) if k not in keys]
            if one["section"] not in labels:
                missing.append(f"{where}: avsnitt {one['section']}")
            if one["example_basis"] == "incident" and one["incident"] not in incidents:
                missing.append(f"{where}: hendelse {one['incident']}")
            if one.get("from_exercise") and one["from_exercise"]["id"] not in exercises:
                missing.append(f"{where}: oppgave {one['from_exercise']['id']}")
        missing += [f"{plan['id']}.{c['id']}: avsnitt {c['section']}" for c in plan["checks"] if c["section"] not in labels]
    assert not missing, missing


def test_every_field_says_what_why_and_shows_a_marked_example() -> None:
    for plan in plans().values():
        for one in model.fields(plan):
            assert one["what"].strip() and one["why"].strip(), one["id"]
            assert one["example_basis"] in {"constructed", "incident"}
            assert model.example_problem(one) == "", (plan["id"], one["id"])
        text = static.plan_html(plan)
        count = text.count("Konstruert eksempel.") + text.count("Eksempel fra virkeligheten.")
        assert count == len(model.fields(plan)), plan["id"]


def test_each_document_carries_at_least_one_answer_from_the_workbook_or_another_document() -> None:
    for plan in plans().values():
        assert any(f.get("from_exercise") or f.get("from_plan") for f in model.fields(plan)), plan["id"]


def template_texts(plan: model.Plan) -> list[str]:
    texts = [plan["title"], plan["summary"], plan["use"]]
    for part in plan["parts"]:
        texts += [part["title"], part.get("intro", "")]
        for one in model.fields(plan):
            texts += [one["label"], one["what"], one["why"], *[c["label"] for c in one.get("columns", [])]]
            texts += [o["label"] for o in one.get("options", [])] + list(one.get("anchors", {}).values())
            example = one["example"]
            for item in [example] if isinstance(example, str) else example:
                texts += [str(v) for v in item.values()] if isinstance(item, dict) else [model.option_label(one, item)]
    return texts + [c["advice"] for c in plan["checks"]]


@pytest.mark.parametrize("plan_id", sorted(DOCUMENTS))
def test_template_text_is_spelled_right_and_plain(plan_id: str) -> None:
    text = "\n\n".join(t for t in template_texts(plans()[plan_id]) if t)
    assert not prose.misspellings(text), prose.misspellings(text)
    assert prose.lix(text) <= prose.LIX_LIMIT


def test_no_reason_is_stale_or_past_its_check_date() -> None:
    for plan in plans().values():
        for one in model.fields(plan):
            for sentence in re.split(r"(?<=[.!?])\s+", " ".join(one["why"].split())):
                assert not claims.future_about_past(sentence, claims.today()), (plan["id"], one["id"], sentence)
            if "check_by" in one:
                assert claims.parse_check_by(one["check_by"]) >= claims.today(), (plan["id"], one["id"])
            if "(sjekket" in one["why"]:
                assert "check_by" in one, f"{plan['id']}.{one['id']}: en påstand som avhenger av en dato, trenger check_by"


def test_a_broken_template_is_reported_by_file_and_field(tmp_path: Path) -> None:
    item = yaml.safe_load((ROOT / "data" / "plans" / "kommentarregler.yaml").read_text(encoding="utf-8"))
    first = item["parts"][0]["fields"][0]
    first["sources"] = ["finnes-ikke-2026"]
    first["section"] = "finnes-ikke"
    item["parts"][1]["fields"][1]["from_exercise"] = {"id": "moderering-sorter-kommentarer", "carry": "risk"}
    item["checks"][0]["fields"] = ["finnes-ikke"]
    problems = model.validate_plan(item, tmp_path / "kommentarregler.yaml")
    said = "\n".join(str(p) for p in problems)
    assert "parts.0.fields.0.sources.0" in said and "finnes-ikke-2026" in said
    assert "parts.0.fields.0.section" in said
    assert "parts.1.fields.1.from_exercise.carry" in said and "sort" in said
    assert "checks.0.fields.0" in said
    schema = model.validate_plan({"id": "x", "title": "Uten felt"}, tmp_path / "x.yaml")
    assert schema and all(p.path.name == "x.yaml" for p in schema)


# --- carrying answers --------------------------------------------------------------------------------


def test_a_sort_answer_is_carried_into_the_moderators_examples(files: Path) -> None:
    item = exercise("moderering-sorter-kommentarer")
    answer(item["id"], {i["id"]: i["category"] for i in item["items"]})
    value = shown("kommentarregler", "eksempler")
    assert not value.own and value.carried is not None
    assert value.carried.note == f"Hentet fra oppgaven «{item['title']}»."
    labels = {c["id"]: c["label"] for c in item["categories"]}
    assert value.value == [{"kommentar": i["text"], "tiltak": labels[i["category"]]} for i in item["items"]]


def test_the_participants_own_risk_ratings_fill_the_risk_matrix(files: Path) -> None:
    item = exercise("personvern-dpia-kommuneside")
    ratings = {r["id"]: [1 + n % 5, 5 - n % 5] for n, r in enumerate(item["risks"])}
    answer(item["id"], ratings)
    rows = shown("personvernvurdering", "risikoer").value
    assert [(r["risiko"], r["sannsynlighet"], r["konsekvens"]) for r in rows] == [
        (risk["text"], *ratings[risk["id"]]) for risk in item["risks"]
    ]
    assert all(r["tiltak"] == "" for r in rows), "our suggested ratings are not put in the participant's mouth"


def test_the_items_sorted_into_one_category_become_a_list(files: Path) -> None:
    item = exercise("ki-sorter-ledetekster")
    answer(item["id"], {i["id"]: ("nei" if n % 2 else "ok") for n, i in enumerate(item["items"])})
    assert shown("ki-regler", "aldri").value == [i["text"] for n, i in enumerate(item["items"]) if n % 2]


def test_written_text_is_carried_but_the_exercises_own_draft_is_not(files: Path) -> None:
    item = exercise("ki-skriv-merket-innlegg")
    answer(item["id"], {"text": item["draft"], "rubric": {}}, draft=True)
    assert shown("ki-regler", "eksempel").value is None, "the colleague's draft is not the participant's text"
    answer(item["id"], {"text": "Legg matavfallet i den grønne posen. Illustrasjonen er laget med KI.", "rubric": {}})
    assert shown("ki-regler", "eksempel").value == "Legg matavfallet i den grønne posen. Illustrasjonen er laget med KI."


def test_an_answer_to_an_older_version_of_the_exercise_is_not_carried(files: Path) -> None:
    item = exercise("strategi-maltall-sorter")
    answer(item["id"], {i["id"]: "effekt" for i in item["items"]}, version="0123456789ab")
    assert shown("kanalvurdering", "maltall").value is None


def test_the_newer_of_answer_and_draft_is_carried(files: Path) -> None:
    item = exercise("strategi-lyngdal-dilemma")
    answer(item["id"], {"text": "Det første svaret mitt om målet.", "rubric": {}})
    time.sleep(1.1)  # saved_at has whole seconds; a draft from the same second as the answer is older (as in the workbook)
    answer(item["id"], {"text": "Et nyere utkast: si fra, arkiver og steng.", "rubric": {}}, draft=True)
    assert shown("kanalvurdering", "avslutte").value == "Et nyere utkast: si fra, arkiver og steng."


def test_typed_text_is_never_overwritten_and_refresh_brings_the_answer_back(files: Path) -> None:
    item = exercise("strategi-maltall-sorter")
    answer(item["id"], {i["id"]: i["category"] for i in item["items"]})
    carried_first = shown("kanalvurdering", "maltall").value
    store.save_fields("kanalvurdering", {"maltall": ["Søknader før fristen", "Mitt eget tall"]})
    answer(item["id"], {i["id"]: "effekt" for i in item["items"]})  # the participant answers again, differently
    value = shown("kanalvurdering", "maltall")
    assert value.own and value.value == ["Søknader før fristen", "Mitt eget tall"]
    assert value.offers_refresh, "the form offers «Hent svaret på nytt» when the answer differs"
    assert value.carried.value != carried_first
    store.forget_field("kanalvurdering", "maltall")
    assert shown("kanalvurdering", "maltall").value == [i["text"] for i in item["items"]]


def test_an_emptied_field_stays_empty(files: Path) -> None:
    item = exercise("moderering-sorter-kommentarer")
    answer(item["id"], {i["id"]: i["category"] for i in item["items"]})
    store.save_fields("kommentarregler", {"eksempler": []})
    value = shown("kommentarregler", "eksempler")
    assert value.own and model.is_empty(model.field(plans()["kommentarregler"], "eksempler"), value.value)


def test_the_statement_repeats_the_response_time_of_the_comment_rules(files: Path) -> None:
    store.save_fields("kommentarregler", {"svartid": "Hverdager kl. 08–15. Vi svarer innen én arbeidsdag."})
    value = shown("om-kontoene", "svartid")
    assert value.value == "Hverdager kl. 08–15. Vi svarer innen én arbeidsdag."
    assert value.carried.note == "Hentet fra «Når vi følger med og svarer» i «Kommentarregler og moderering»."
    store.save_fields("om-kontoene", {"svartid": "Alle dager kl. 08–22."})
    assert shown("om-kontoene", "svartid").value == "Alle dager kl. 08–22."


def test_a_document_never_reads_another_participants_answers(files: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    item = exercise("ki-skriv-merket-innlegg")
    answer(item["id"], {"text": "Kari sin tekst om matavfall, laget med KI.", "rubric": {}})
    progress.set_pseudonym("Kari Nordmann")
    store.save_fields("ki-regler", {"ansvar": "Karis eget felt."})
    other = files / "annen"
    monkeypatch.setenv("SOMEKURS_PROGRESS", str(other / "fremdrift.json"))
    text = export_md.export(plans()["ki-regler"], made_on=MADE_ON)
    assert "Kari" not in text and "matavfall, laget" not in text
    assert store.plan_path() == other / "plan.json"


# --- the store ---------------------------------------------------------------------------------------


def test_the_plan_file_sits_beside_the_progress_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOMEKURS_PLAN", raising=False)
    monkeypatch.setenv("SOMEKURS_PROGRESS", str(tmp_path / "fremdrift.json"))
    assert store.plan_path() == tmp_path / "plan.json"
    monkeypatch.setenv("SOMEKURS_PROGRESS", str(tmp_path / "kari.json"))
    assert store.plan_path() == tmp_path / "kari-plan.json", "two participants sharing a folder never share a plan"
    monkeypatch.setenv("SOMEKURS_PLAN", str(tmp_path / "egen.json"))
    assert store.plan_path() == tmp_path / "egen.json"


def test_saved_fields_come_back_in_a_new_process(files: Path) -> None:
    import subprocess
    import sys

    store.save_fields("arkivrutine", {"fangst": "Skjermbilde med dato og lenke 🙂"})
    code = "from somekurs.plan import store; print(store.saved_fields(store.load(), 'arkivrutine')['fangst']['value'])"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=dict(os.environ), check=True
    )
    assert result.stdout.strip() == "Skjermbilde med dato og lenke 🙂"


@pytest.mark.parametrize(
    "content", [b"{ikke json", b"[1, 2]", b'{"documents": []}', b'{"documents": {"x": {"fields": {"a": 1}}}}', b"\xff\xfe"]
)
def test_a_damaged_plan_file_is_kept_aside_and_reported_in_norwegian(files: Path, content: bytes) -> None:
    path = store.plan_path()
    path.write_bytes(content)
    assert store.load()["documents"] == {}
    aside = list(files.glob("plan.json.skadet-*"))
    assert len(aside) == 1 and aside[0].read_bytes() == content, "the damaged file is kept as it was"
    notices = store.take_notices()
    assert len(notices) == 1 and str(aside[0]) in notices[0] and "kunne ikke leses" in notices[0]
    store.save_fields("kanalvurdering", {"mal": "Nytt mål"})
    assert store.saved_fields(store.load(), "kanalvurdering")["mal"]["value"] == "Nytt mål"
    assert aside[0].read_bytes() == content


def test_a_failed_save_leaves_the_old_file_and_says_why_in_norwegian(files: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store.save_fields("kanalvurdering", {"mal": "Første"})
    before = store.plan_path().read_bytes()

    def full(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store.os, "replace", full)
    with pytest.raises(store.PlanError, match="disken er full"):
        store.save_fields("kanalvurdering", {"mal": "Andre"})
    assert store.plan_path().read_bytes() == before
    assert not list(files.glob("*.tmp"))


def test_a_folder_that_is_a_file_gives_a_norwegian_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "fil").write_text("x", encoding="utf-8")
    monkeypatch.setenv("SOMEKURS_PLAN", str(tmp_path / "fil" / "plan.json"))
    with pytest.raises(store.PlanError, match="kan ikke lagres"):
        store.save_fields("kanalvurdering", {"mal": "x"})


def _save_many(progress_path: str, field: str, count: int) -> None:
    os.environ["SOMEKURS_PROGRESS"] = progress_path
    os.environ.pop("SOMEKURS_PLAN", None)
    for n in range(count):
        store.save_fields("kommentarregler", {f"{field}-{n}": f"{field} {n}"})


def test_two_kernels_saving_at_once_keep_every_field(files: Path) -> None:
    context = multiprocessing.get_context("spawn")
    path = str(files / "fremdrift.json")
    workers = [context.Process(target=_save_many, args=(path, name, 25)) for name in ("a", "b")]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
        assert worker.exitcode == 0
    saved = store.saved_fields(store.load(), "kommentarregler")
    assert {f"{f}-{n}" for f in "ab" for n in range(25)} <= set(saved)


# --- checks ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("plan_id", sorted(DOCUMENTS))
def test_checks_stay_quiet_on_the_complete_example(plan_id: str) -> None:
    plan = plans()[plan_id]
    found = checks.run(plan, example_values(plan))
    assert not found, [f"{f.check}: {f.message}" for f in found]


def with_values(plan_id: str, **changes: Any) -> list[str]:
    plan = plans()[plan_id]
    values = {**example_values(plan), **changes}
    return [f.check for f in checks.run(plan, values)]


def test_comment_rules_without_a_rule_on_personal_information_are_flagged() -> None:
    found = with_values(
        "kommentarregler",
        fjernes=["Personangrep", "Spam og reklame"],
        personopplysninger="Vi svarer på alle kommentarer så fort vi kan.",
    )
    assert found == ["personopplysninger"]


def test_vague_reasons_and_missing_criticism_are_flagged() -> None:
    assert with_values("kommentarregler", fjernes=["Upassende kommentarer", "Trusler"]) == ["vage-grunner"]
    assert with_values("kommentarregler", velkommen="Still gjerne spørsmål her.") == ["kritikk"]


def test_a_statement_without_a_response_time_is_flagged() -> None:
    assert with_values("om-kontoene", svartid="") == ["utfylt-svartid"]
    assert with_values("om-kontoene", svartid="Vi svarer så fort vi kan.") == ["svartid"]


def test_a_channel_with_no_one_responsible_is_named() -> None:
    plan = plans()["kanalvurdering"]
    rows = [{"kanal": "TikTok: Ungdomshuset", "formal": "Nå unge", "eier": "", "tilgang": "To ansatte", "vurdert": "Mai"}]
    found = checks.run(plan, {**example_values(plan), "kanaler": rows})
    assert [f.check for f in found] == ["eier"] and "«TikTok: Ungdomshuset» har ingen eier" in found[0].message


def test_a_high_risk_without_a_measure_and_an_unrated_risk_are_named() -> None:
    plan = plans()["personvernvurdering"]
    rows = [
        {"risiko": "Helseopplysninger i meldinger", "sannsynlighet": 4, "konsekvens": 5, "tiltak": ""},
        {"risiko": "Statistikk om besøkende", "sannsynlighet": 5, "konsekvens": 1, "tiltak": ""},
        {"risiko": "Kritikerliste", "sannsynlighet": None, "konsekvens": 4, "tiltak": "Rutiner"},
    ]
    found = checks.run(plan, {**example_values(plan), "risikoer": rows})
    assert [(f.check, f.field) for f in found] == [("vurdert-risikoer", "risikoer"), ("tiltak-hoy-risiko", "risikoer")]
    assert "Helseopplysninger i meldinger" in found[1].message and "Kritikerliste" in found[0].message


def test_an_archive_routine_on_the_old_law_and_a_capture_without_date_are_flagged() -> None:
    found = with_values("arkivrutine", regler="Arkivloven fra 1992 og arkivforskriften.", fangst="Vi tar skjermbilde med lenke.")
    assert found == ["ny-lov", "dato"]


def test_checks_use_the_field_order_and_concrete_advice() -> None:
    plan = plans()["krisekommunikasjon"]
    found = checks.run(plan, {})
    order = [f["id"] for f in model.fields(plan)]
    assert [order.index(f.field) for f in found] == sorted(order.index(f.field) for f in found)
    assert all(f.message.startswith("Feltet er tomt.") for f in found)
    assert checks.summary(plan, found).startswith(f"{len(found)} ting å se på")


# --- export ------------------------------------------------------------------------------------------


def filled_states(files: Path) -> None:
    item = exercise("moderering-sorter-kommentarer")
    answer(item["id"], {i["id"]: i["category"] for i in item["items"]})
    store.set_agency("Eksempel kommune")
    store.save_fields(
        "kommentarregler", {"velkommen": NASTY, "svartid": "Hverdager kl. 08–15", "fjernes": ["Trusler", "<b>Spam</b>"]}
    )


def test_the_word_file_has_headings_tables_the_participants_text_and_the_sources(files: Path) -> None:
    import docx

    filled_states(files)
    plan = plans()["kommentarregler"]
    word = docx.Document(io.BytesIO(export_docx.export(plan, made_on=MADE_ON)))
    headings = [(p.style.name, p.text) for p in word.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    assert headings[0] == ("Title", "Kommentarregler og moderering – Eksempel kommune")
    assert [t for s, t in headings if s == "Heading 1"] == [p["title"] for p in plan["parts"]] + ["Kilder"]
    assert [t for s, t in headings if s == "Heading 2"] == [f["label"] for f in model.fields(plan)]
    paragraphs = [p.text for p in word.paragraphs]
    assert NASTY.split("\n")[0] in paragraphs[paragraphs.index("Hva vi ønsker i kommentarfeltet") + 1], (
        "typed HTML-like text is text"
    )
    assert "<b>Spam</b>" in paragraphs, "a list item is the typed text"
    table = word.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["Kommentar", "Hva vi gjør"]
    item = exercise("moderering-sorter-kommentarer")
    assert [r.cells[0].text for r in table.rows[1:]] == [i["text"] for i in item["items"]]
    assert any(p.startswith("Hentet fra oppgaven «La stå, skjul, slett eller meld?»") for p in paragraphs)
    sources = paragraphs[paragraphs.index("Kilder") + 1 :]
    assert any("Rettleiing – kommentarfelt sosiale medium" in s and "https://mrfylke.no/" in s for s in sources)
    assert any(s.startswith("Kurset «Sosiale medier i offentlig forvaltning», kapitlet «Dialog, moderering") for s in sources)
    properties = word.core_properties
    assert properties.title == "Kommentarregler og moderering – Eksempel kommune"
    assert properties.author == "Eksempel kommune" and properties.last_modified_by == ""
    assert properties.language == "nb-NO"


def test_the_word_file_of_the_risk_assessment_has_the_risk_matrix(files: Path) -> None:
    import docx

    item = exercise("personvern-dpia-kommuneside")
    answer(item["id"], {r["id"]: [r["likelihood"], r["consequence"]] for r in item["risks"]})
    word = docx.Document(io.BytesIO(export_docx.export(plans()["personvernvurdering"], made_on=MADE_ON)))
    risks, matrix = word.tables[0], word.tables[1]
    assert [c.text for c in risks.rows[0].cells] == ["Nr.", "Risiko", "Sannsynlighet", "Konsekvens", "Risikonivå", "Tiltak"]
    assert risks.rows[2].cells[1].text == item["risks"][1]["text"] and risks.rows[2].cells[4].text == "høy (20)"
    assert matrix.rows[1].cells[0].text == "5 svært alvorlig" and "R2" in matrix.rows[1].cells[4].text


def test_the_examples_never_reach_the_document(files: Path) -> None:
    text = export_md.export(plans()["kommentarregler"], made_on=MADE_ON)
    plan = plans()["kommentarregler"]
    for one in model.fields(plan):
        if isinstance(one["example"], str):
            assert " ".join(one["example"].split()) not in text, one["id"]
    assert text.count(document.EMPTY) == len(model.fields(plan))


def test_markdown_shows_exactly_the_typed_text(files: Path) -> None:
    from markdown_it import MarkdownIt

    filled_states(files)
    text = export_md.export(plans()["kommentarregler"], made_on=MADE_ON)
    assert text.startswith("# Kommentarregler og moderering – Eksempel kommune\n")
    assert "\n## Kilder\n" in text and "\n| Kommentar | Hva vi gjør |\n|---|---|\n" in text
    rendered = MarkdownIt("commonmark").enable("table").render(text)
    assert "<script" not in rendered and "<b>" not in rendered and "<h1>overskrift" not in rendered
    section = rendered.split("Hva vi ønsker i kommentarfeltet</h3>")[1].split("<h3>")[0]
    plain = html.unescape(re.sub(r"<[^>]+>", "", section))
    assert " ".join(plain.split()) == " ".join(NASTY.split())


@pytest.mark.parametrize(
    "typed",
    [
        "<img src=x onerror=alert(1)>",
        "**fet** _kursiv_ `kode`",
        "# Ikke en overskrift",
        "- ikke en liste",
        "1. ikke nummerert",
        "a | b",
        "&amp; &lt;",
        "\\* stjerne",
    ],
)
def test_markdown_escaping_keeps_any_text_as_text(typed: str) -> None:
    from markdown_it import MarkdownIt

    rendered = MarkdownIt("commonmark").render(export_md.md(typed))
    assert rendered.startswith("<p>") and html.unescape(re.sub(r"<[^>]+>", "", rendered)).strip() == typed


def test_text_of_a_field_the_template_no_longer_has_is_kept_in_the_export(files: Path) -> None:
    store.save_fields("kommentarregler", {"gammelt-felt": "Tekst fra et felt som er tatt ut av malen."})
    text = export_md.export(plans()["kommentarregler"], made_on=MADE_ON)
    assert document.OTHER_TITLE in text and "Tekst fra et felt som er tatt ut av malen." in text


# --- JupyterLab, the notebook and the book ---------------------------------------------------------


def test_the_form_saves_as_typed_comes_back_and_exports(files: Path) -> None:
    from somekurs.plan.widget import PlanForm

    item = exercise("strategi-maltall-sorter")
    answer(item["id"], {i["id"]: i["category"] for i in item["items"]})
    plan = plans()["kanalvurdering"]
    form = PlanForm(plan, home=files)
    assert form.controls["maltall"].value() == [i["text"] for i in item["items"] if i["category"] == "effekt"]
    assert "Hentet fra oppgaven «Tall som betyr noe»" in form.notes["maltall"].value
    form.controls["mal"].input.value = "Flere søker <b>før</b> fristen."
    form.controls["maltall"].input.value = "Søknader før fristen"
    form.save()
    again = PlanForm(plan, home=files)
    assert again.controls["mal"].value() == "Flere søker <b>før</b> fristen."
    assert again.refresh_buttons["maltall"].layout.display == "", "«Hent svaret på nytt» is offered"
    again.refresh("maltall")
    assert again.controls["maltall"].value() == [i["text"] for i in item["items"] if i["category"] == "effekt"]
    found = again.check()
    assert "utfylt-malgruppe" in [f.check for f in found] and "Feltet er tomt" in again.result.value
    path = again.export("docx")
    assert path == files / "var-plan" / "kanalvurdering.docx" and path.stat().st_mode & 0o777 == 0o600
    assert 'download="kanalvurdering.docx"' in again.links.value and "data:application/vnd.openxmlformats" in again.links.value
    md_path = again.export("md")
    assert "Flere søker \\<b\\>før\\</b\\> fristen." in md_path.read_text(encoding="utf-8")


def test_the_form_reports_a_damaged_plan_file(files: Path) -> None:
    from somekurs.plan.widget import PlanForm

    store.plan_path().write_text("{ødelagt", encoding="utf-8")
    form = PlanForm(plans()["kommentarregler"], home=files)
    assert "kunne ikke leses" in form.notice.value and 'role="alert"' in form.notice.value


def test_facade_shows_a_form_an_overview_and_a_norwegian_message_for_a_typo(files: Path) -> None:
    from somekurs.oppgaver import plan, planer

    bundle = plan("arkivrutine")._repr_mimebundle_()
    assert bundle["text/plain"] == "Vår plan: Arkiv- og journalføringsrutine for sosiale medier"
    assert "application/vnd.jupyter.widget-view+json" in bundle and "Skjemaet vises når arbeidsboka kjører" in bundle["text/html"]
    assert "Vår plan: oversikt" == planer()._repr_mimebundle_()["text/plain"]
    assert "Mente du «kommentarregler»" in plan("kommentarreglr")._repr_mimebundle_()["text/plain"]


def test_the_plan_notebook_is_in_step_with_the_templates() -> None:
    import nbformat
    from somekurs.plan import notebook

    stored = nbformat.read(notebook.PATH, as_version=4)
    assert notebook.sources_of(stored) == notebook.sources_of(notebook.notebook()), (
        "kjør «.venv/bin/python -m somekurs.plan.notebook»"
    )
    assert all(
        not o.get("data", {}).get("application/vnd.jupyter.widget-view+json") for c in stored.cells for o in c.get("outputs", [])
    )


def test_every_document_has_its_page_in_the_book_and_each_chapter_links_its_documents() -> None:
    from somekurs import sphinxext

    toc = (ROOT / "_toc.yml").read_text(encoding="utf-8")
    themes = data.load_themes()
    for plan in plans().values():
        page = ROOT / f"{model.docname(plan['id'])}.md"
        assert f"```{{plan-skjema}} {plan['id']}\n```" in page.read_text(encoding="utf-8")
        assert f"file: {model.docname(plan['id'])}\n" in toc
        for slug in plan["themes"]:
            steps = sphinxext.next_steps_markdown(slug, themes, 10)
            assert f"- **Lag din del av planen:** {{doc}}`/{model.docname(plan['id'])}`." in steps
    assert "file: book/var-plan/index\n" in toc


def test_the_static_form_is_self_contained_and_escapes_its_data() -> None:
    for plan in plans().values():
        text = static.plan_html(plan)
        # links to the sources are for the reader to follow; nothing is loaded from anywhere
        assert not re.search(r"\ssrc=|<link|<iframe|@import|url\(", text), plan["id"]
        data_json = text.split(f'id="sk-plan-{plan["id"]}-data">')[1].split("</script>")[0]
        assert "<" not in data_json and json.loads(data_json)["id"] == plan["id"]
        assert text.count("<script>") == 1
