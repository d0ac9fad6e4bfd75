"""«Vår plan», kursprøve and kursbevis in the participant's chosen standard (issue 18, points 1 and 5).

What a participant who chose nynorsk notices: the plan's Markdown and Word files, the check's
messages, the test's result and the PDF record say «ikkje», «Kjelder», «Henta frå oppgåva» …, not
the bokmål words; a plan template's nynorsk twin is used when there is one, and the bokmål template
(with the fallback recorded for the translators) when there is none or it does not fit the stored
answers. What a bokmål participant notices: nothing changed. What a translator notices: the two
texts files have the same keys and placeholders.
"""

from __future__ import annotations

import copy
import io
import re
import zlib
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from somekurs import DATA_DIR, editions, texts
from somekurs.assessment import bank, record, scoring
from somekurs.assessment.widget import result_html
from somekurs.exercises import progress
from somekurs.exercises.model import fingerprint, load_exercises
from somekurs.plan import checks, export_docx, export_md, model, store

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "nn-plan"
MADE_ON = date(2026, 12, 2)
# Fixed words of the plan's exports that only bokmål has; none may reach a nynorsk document.
BOKMAL_PLAN_WORDS = [
    "Ikke fylt ut ennå",
    "ikke vurdert",
    "Utkast fra kurset",
    "Sosiale medier i offentlig forvaltning",
    "## Kilder",
    "Hentet fra",
    "kapitlet",
    "Sannsynlighet",
    "Annet du har skrevet",
]


def data_dir_with_twins(root: Path, twins: dict[str, dict[str, Any]]) -> Path:
    """A data folder like the project's (the same files, linked), whose ``nn/plans/`` holds only
    ``twins`` (plan id → the twin's content): the loader sees exactly the twins a test gives it."""
    data = root / "data"
    (data / "nn" / "plans").mkdir(parents=True)
    for entry in DATA_DIR.iterdir():
        if entry.name != "nn":
            (data / entry.name).symlink_to(entry)
    for entry in (DATA_DIR / "nn").iterdir():
        if entry.name != "plans":
            (data / "nn" / entry.name).symlink_to(entry)
    (root / "book").symlink_to(DATA_DIR.parent / "book")
    for plan_id, twin in twins.items():
        (data / "nn" / "plans" / f"{plan_id}.yaml").write_text(yaml.safe_dump(twin, allow_unicode=True), encoding="utf-8")
    return data


def fixture_twin(plan_id: str = "ki-regler") -> dict[str, Any]:
    """The bokmål template with the fixture's nynorsk text put on it, stamped as a translator's
    ``python -m somekurs.editions stamp`` would."""
    source = yaml.safe_load((DATA_DIR / "plans" / f"{plan_id}.yaml").read_text(encoding="utf-8"))
    changes = yaml.safe_load((FIXTURES / f"{plan_id}.yaml").read_text(encoding="utf-8"))
    twin = copy.deepcopy(source)
    for key in ("title", "summary", "use"):
        twin[key] = changes[key]
    for part in twin["parts"]:
        part.update(changes["parts"].get(part["id"], {}))
        for one in part["fields"]:
            one.update(changes["fields"].get(one["id"], {}))
    twin[editions.VERSION_KEY] = editions.item_version(source)
    return twin


def nn_plan(plan_id: str) -> model.Plan:
    """The nynorsk edition of a real template (the bokmål text where no twin is written yet)."""
    return model.load_plans(lang="nn")[0][plan_id]


# --- the loader --------------------------------------------------------------------------------------


def test_the_nynorsk_twin_of_a_template_is_used_with_its_ids_and_rules(tmp_path: Path) -> None:
    data = data_dir_with_twins(tmp_path, {"ki-regler": fixture_twin()})
    nb_plans, nb_problems = model.load_plans(data)
    nn_plans, nn_problems = model.load_plans(data, "nn")
    assert not nn_problems, [str(p) for p in nn_problems]
    assert list(nn_plans) == list(nb_plans), "the same documents, in the same order"
    plan = nn_plans["ki-regler"]
    assert plan["title"] == "Bruk og merking av KI-innhald"
    assert model.field(plan, "verktoy")["label"] == "Godkjende verktøy"
    assert editions.VERSION_KEY not in plan, "the translator's stamp is not part of the template"
    assert model.structure(plan) == model.structure(nb_plans["ki-regler"])
    assert nb_plans["ki-regler"]["title"] == "Bruk og merking av KI-innhold", "bokmål is untouched"
    # the other documents have no twin here: bokmål, and the fallback is recorded for the translators
    assert nn_plans["kommentarregler"] == nb_plans["kommentarregler"]
    where = editions.shown(data / "nn" / "plans")
    assert f"{where}: kommentarregler manglar på nynorsk (viser bokmål)" in editions.fallbacks()
    assert not any("ki-regler" in f and where in f for f in editions.fallbacks())


def test_without_a_twin_every_template_falls_back_to_bokmal_and_says_so(tmp_path: Path) -> None:
    data = data_dir_with_twins(tmp_path, {})
    nn_plans, problems = model.load_plans(data, "nn")
    assert not problems
    assert nn_plans == model.load_plans(data)[0]
    where = editions.shown(data / "nn" / "plans")
    assert {f"{where}: {plan_id} manglar på nynorsk (viser bokmål)" for plan_id in nn_plans} <= set(editions.fallbacks())


def test_a_twin_whose_ids_differ_is_not_used_so_saved_answers_still_fit(tmp_path: Path) -> None:
    """A translator who «translates» a field id would make the stored answers of that field vanish."""
    twin = fixture_twin()
    twin["parts"][0]["fields"][0]["id"] = "verktoy-nn"
    twin["checks"] = [{**c, "fields": ["verktoy-nn" if f == "verktoy" else f for f in c["fields"]]} for c in twin["checks"]]
    data = data_dir_with_twins(tmp_path, {"ki-regler": twin})
    nn_plans, problems = model.load_plans(data, "nn")
    assert nn_plans["ki-regler"]["title"] == "Bruk og merking av KI-innhold", "the bokmål template is shown"
    assert [p.item_id for p in problems] == ["ki-regler"] and "oppbygginga er ulik" in problems[0].message
    assert f"{editions.shown(data / 'nn' / 'plans')}: ki-regler manglar på nynorsk (viser bokmål)" in editions.fallbacks()


def test_a_broken_twin_is_reported_and_bokmal_is_shown(tmp_path: Path) -> None:
    twin = fixture_twin()
    del twin["parts"]
    data = data_dir_with_twins(tmp_path, {"ki-regler": twin})
    nn_plans, problems = model.load_plans(data, "nn")
    assert nn_plans["ki-regler"] == model.load_plans(data)[0]["ki-regler"]
    assert problems and all(p.path.name == "ki-regler.yaml" for p in problems)


def test_an_unknown_standard_is_refused_not_shown_as_bokmal() -> None:
    with pytest.raises(ValueError, match="ukjend målform"):
        model.load_plans(lang="se")


# --- the check ----------------------------------------------------------------------------------------


def test_the_check_speaks_nynorsk() -> None:
    plan = nn_plan("personvernvurdering")
    values = {"risikoer": [{"risiko": "Helseopplysningar i meldingar", "sannsynlighet": 4, "konsekvens": None, "tiltak": ""}]}
    found = checks.run(plan, values, "nn")
    unrated = [f.message for f in found if f.check == "vurdert-risikoer"]
    assert unrated == ["Risikoen «Helseopplysningar i meldingar» manglar sannsyn eller konsekvens. Gi han begge, frå 1 til 5."]
    summary = checks.summary(plan, found, "nn")
    assert summary.endswith("Råda under seier kva du kan gjere.") and "hva" not in summary
    nameless = checks.run(plan, {"risikoer": [{"risiko": "", "sannsynlighet": 2, "konsekvens": None}]}, "nn")
    assert any("«(utan namn)»" in f.message for f in nameless)
    ready = checks.summary(plan, [], "nn")
    assert "det viktigaste på plass" in ready and "virksomheten" not in ready
    # bokmål as before
    assert checks.summary(plan, found).endswith("Rådene under sier hva du kan gjøre.")
    assert [f.message for f in checks.run(plan, values) if f.check == "vurdert-risikoer"] == [
        "Risikoen «Helseopplysningar i meldingar» mangler sannsynlighet eller konsekvens. Gi den begge, fra 1 til 5."
    ]


# --- the exports --------------------------------------------------------------------------------------


def test_the_markdown_of_a_plan_is_in_nynorsk(files: Path) -> None:
    item = load_exercises(lang="nn")[0]["ki-skriv-merket-innlegg"]
    progress.save_answer(
        item["id"],
        {"text": "Innlegget vårt om matavfall, laga med KI.", "rubric": {}},
        correct=None,
        kind=item["kind"],
        theme=item["theme"],
        version=fingerprint(item),
    )
    store.save_fields("ki-regler", {"gammelt-felt": "Teksten min frå eit felt som er borte."})
    text = export_md.export(nn_plan("ki-regler"), made_on=MADE_ON, lang="nn")
    assert "*Ikkje fylt ut enno.*" in text
    assert "Utkast frå kurset «Sosiale medium i offentleg forvaltning», 2. desember 2026." in text
    assert f"*Henta frå oppgåva «{item['title']}». Les gjennom og tilpass til verksemda.*" in text
    assert "Innlegget vårt om matavfall, laga med KI." in text
    assert "## Anna du har skrive" in text and "## Kjelder" in text
    assert re.search(r"Kurset «Sosiale medium i offentleg forvaltning», kapittelet «[^»]+»", text)
    for word in BOKMAL_PLAN_WORDS:
        assert word not in text, word
    # the same participant in bokmål gets the bokmål document, as before
    bokmal = export_md.export(model.load_plans()[0]["ki-regler"], made_on=MADE_ON)
    assert "*Ikke fylt ut ennå.*" in bokmal and "## Kilder" in bokmal and "Utkast fra kurset" in bokmal
    assert "Ikkje" not in bokmal and "Kjelder" not in bokmal


def test_the_risk_table_and_matrix_of_the_markdown_are_in_nynorsk(files: Path) -> None:
    store.save_fields("personvernvurdering", {"risikoer": [{"risiko": "Lekkasje", "sannsynlighet": 4, "konsekvens": None}]})
    text = export_md.export(nn_plan("personvernvurdering"), made_on=MADE_ON, lang="nn")
    assert "| Nr. | Risiko | Sannsyn | Konsekvens | Risikonivå | Tiltak |" in text
    assert "| R1 | Lekkasje | 4 | – | ikkje vurdert |" in text
    assert "| Konsekvens / sannsyn | 1 svært lite sannsynleg |" in text
    assert "| høg |" in text and "**Risikomatrise**" in text
    # (the template's own text is bokmål until its twin is written: only the fixed words are checked)
    assert "| Sannsynlighet" not in text and "ikke vurdert" not in text and "| høy" not in text


def test_the_word_file_of_a_plan_is_in_nynorsk_and_says_so(files: Path) -> None:
    import docx

    store.save_fields("personvernvurdering", {"risikoer": [{"risiko": "Lekkasje", "sannsynlighet": 4, "konsekvens": 5}]})
    word = docx.Document(io.BytesIO(export_docx.export(nn_plan("personvernvurdering"), made_on=MADE_ON, lang="nn")))
    body = "\n".join(p.text for p in word.paragraphs)
    cells = "\n".join(c.text for t in word.tables for row in t.rows for c in row.cells)
    headings = [p.text for p in word.paragraphs if p.style.name.startswith("Heading")]
    assert "Kjelder" in headings and "Kilder" not in headings
    assert "Ikkje fylt ut enno." in body and "Ikke fylt ut" not in body
    assert "Sannsyn" in cells and "Sannsynlighet" not in cells and "høg (20)" in cells
    assert word.core_properties.language == "nn-NO"
    assert word.core_properties.subject == "Vår plan: utkast frå kurset «Sosiale medium i offentleg forvaltning»"
    assert 'w:val="nn-NO"' in word.styles.element.xml, "Word checks the spelling as nynorsk"
    bokmal = docx.Document(io.BytesIO(export_docx.export(model.load_plans()[0]["personvernvurdering"], made_on=MADE_ON)))
    assert bokmal.core_properties.language == "nb-NO"
    assert "Kilder" in [p.text for p in bokmal.paragraphs if p.style.name.startswith("Heading")]


# --- the course test and the record --------------------------------------------------------------------


def test_the_result_of_the_course_test_is_in_nynorsk() -> None:
    rules = bank.rules("arkiv")
    items = bank.items_by_theme(lang="nn")["arkiv"][: rules.per_theme]
    scored = scoring.score(rules, items, {}, "1a2b3c4d", "2026-12-02", lang="nn")
    page = result_html(scored, rules, "../", "nn")
    assert "<strong>Du har ikkje bestått enno:</strong> 0 av 6 riktige." in page
    assert "Prøva har 6 oppgåver frå temaet. Du består med minst 5 riktige." in page
    assert "<caption>Resultat per tema</caption>" in page and "<td>Nei</td>" in page
    assert "ikke" not in page and "Prøven" not in page and "oppgaver" not in page
    assert all(f.needs_input for f in scored.feedback.values()), "an unanswered item is judged as unanswered"
    bokmal = result_html(scoring.score(rules, items, {}, "1a2b3c4d", "2026-12-02"), rules, "../")
    assert "<strong>Du har ikke bestått ennå:</strong> 0 av 6 riktige." in bokmal


def _pdf_text(pdf: bytes) -> str:
    """The text drawn in an uncompressed PDF (reportlab writes each line as «(…) Tj»)."""
    streams = re.findall(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S)
    raw = b"".join(s if b"Tj" in s else _inflate(s) for s in streams)
    return raw.decode("latin-1")


def _inflate(stream: bytes) -> bytes:
    try:
        return zlib.decompress(stream)
    except zlib.error:
        return b""


def test_the_kursbevis_pdf_is_in_nynorsk() -> None:
    result = {
        "attempt": "1a2b3c4d",
        "scope": "hele-kurset",
        "date": "2026-12-02",
        "right": 30,
        "total": 34,
        "passed": True,
        "themes": {},
    }
    pdf = record.record_pdf("Kari Nordmann", [result], {}, "2026-12-02", compress=False, lang="nn")
    text = _pdf_text(pdf)
    for words in ["Dette stadfestar at", "Heile kurset", "30 av 34 riktige", "Laga 2. desember 2026.", "Kurshaldaren"]:
        assert words in text, words
    for words in ["bekrefter", "Hele kurset", "Laget", "Kursholderen", "ikke"]:
        assert words not in text, words
    assert b"/Lang (nn-NO)" in pdf
    bokmal = _pdf_text(record.record_pdf("Kari Nordmann", [result], {}, "2026-12-02", compress=False))
    assert "Dette bekrefter at" in bokmal and "Hele kurset" in bokmal and "stadfestar" not in bokmal


# --- the strings themselves ------------------------------------------------------------------------------


@pytest.mark.parametrize("section", ["plan", "assessment"])
def test_the_nynorsk_strings_have_the_same_keys_and_placeholders(section: str) -> None:
    nb, nn = texts.section(section, "nb"), texts.section(section, "nn")
    assert nb and set(nb) == set(nn)
    assert {k: texts.placeholders(v) for k, v in nb.items()} == {k: texts.placeholders(v) for k, v in nn.items()}
    bokmal_only = re.compile(r"\b(ikke|hva|hvordan|hvorfor|fra|blir lagret|sosiale medier|ennå|Hvorfor)\b")
    assert not [v for v in nn.values() if bokmal_only.search(v)]


def test_both_texts_files_have_the_same_sections_keys_and_placeholders() -> None:
    nb, nn = texts.table("nb"), texts.table("nn")
    assert set(nb) == set(nn)
    differ = [
        f"{name}.{key}"
        for name in nb
        for key in set(nb[name]) | set(nn[name])
        if key not in nb[name] or key not in nn[name] or texts.placeholders(nb[name][key]) != texts.placeholders(nn[name][key])
    ]
    assert not differ


# --- the static book's form in the nynorsk book -----------------------------------------------------------


def test_the_static_form_of_the_nynorsk_book_is_in_nynorsk() -> None:
    from somekurs.plan import static

    page = static.plan_html(nn_plan("personvernvurdering"), "nn")
    form = re.sub(r"<script.*?</script>|<style>.*?</style>", "", page, flags=re.S)
    assert 'lang="nn"' in form
    for words in ["Sjekk planen", "Kvifor, og eit eksempel", "(må fyllast ut)", "Slett det du har skrive her", "Sannsyn:"]:
        assert words in form, words
    # (the template's own text is bokmål until its twin is written: only the form's fixed words are checked)
    for words in [
        "<summary>Hvorfor",
        "<strong>Hvorfor:",
        "ikke startet",
        "Legg til en rad",
        "fylles ut",
        "<strong>Sannsynlighet",
    ]:
        assert words not in form, words
    script_data = static.page_data(nn_plan("personvernvurdering"), "nn")
    assert script_data["texts"]["empty"] == "Ikkje fylt ut enno." and script_data["lang"] == "nn"
    assert script_data["risk"]["levels"] == {"high": "høg", "middle": "middels", "low": "låg"}
    bokmal = static.plan_html(model.load_plans()[0]["personvernvurdering"])
    assert 'lang="nb"' in bokmal and "<summary>Hvorfor, og et eksempel</summary>" in bokmal


@pytest.mark.browser
def test_the_nynorsk_script_checks_and_writes_markdown_exactly_as_python_does(browser, tmp_path: Path) -> None:
    """The static book's script says the same nynorsk sentences as Python (check and Markdown)."""
    from somekurs.plan import carry, document, static

    from tests.helpers import serve
    from tests.test_plan_browser import key_answer, open_with, scenario

    plan_id = "personvernvurdering"
    plan = nn_plan(plan_id)
    folder = tmp_path / "book" / "var-plan"
    folder.mkdir(parents=True)
    page = f'<!doctype html><html lang="nn"><head><meta charset="utf-8"><title>x</title></head><body><main>{static.plan_html(plan, "nn")}</main></body></html>'
    (folder / f"{plan_id}.html").write_text(page, encoding="utf-8")
    answers = {"personvern-dpia-kommuneside": key_answer("personvern-dpia-kommuneside", "risk-key")}
    fields = {"konklusjon": ["med-tiltak"], "gammelt": "Tekst frå eit felt som er borte."}
    storage, progress_state, plan_state = scenario(plan_id, fields, answers, agency="Døme kommune")
    context = browser.new_context()
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    try:
        with serve(tmp_path) as url:
            open_with(tab, f"{url}/book/var-plan/{plan_id}.html", storage)
            found_js = [
                (f["check"], " ".join(f["message"].split())) for f in tab.evaluate(f"window.somekursPlan['{plan_id}'].checks()")
            ]
            markdown_js = tab.evaluate(f"window.somekursPlan['{plan_id}'].markdown()")
    finally:
        context.close()
    assert not errors, errors
    values = {f["id"]: carry.value_of(f, plan_id, progress_state, plan_state, lang="nn").value for f in model.fields(plan)}
    found_py = [(f.check, " ".join(f.message.split())) for f in checks.run(plan, values, "nn")]
    built = document.build(plan, progress_state=progress_state, plan_state=plan_state, made_on=date.today(), lang="nn")
    markdown_py = export_md.render(built, "nn")
    assert found_js == found_py
    assert markdown_js == markdown_py
    assert "Henta frå oppgåva" in markdown_js and "## Kjelder" in markdown_js and "| Sannsyn |" in markdown_js


# --- JupyterLab: the participant's own choice -------------------------------------------------------------


def widget_html(box: Any) -> str:
    """Every piece of HTML a widget tree shows."""
    import ipywidgets as widgets

    if isinstance(box, widgets.HTML):
        return str(box.value)
    return "".join(widget_html(child) for child in getattr(box, "children", ()))


def test_a_participant_who_chose_nynorsk_gets_the_form_and_its_word_file_in_nynorsk(files: Path) -> None:
    from somekurs.oppgaver import plan, planer

    progress.set_maalform("nn")
    shown = plan("personvernvurdering")
    form = shown.plan_form
    assert form.lang == "nn" and form.check_button.description == "Sjekk planen"
    assert form.controls["risikoer"].add.description == "Legg til ei rad"
    assert "<summary>Kvifor, og eit eksempel</summary>" in widget_html(form.box)
    assert "<strong>Kvifor:</strong>" in widget_html(form.box) and "<strong>Hvorfor:" not in widget_html(form.box)
    assert "Skjemaet blir vist når arbeidsboka køyrer" in shown._repr_mimebundle_()["text/html"]
    found = form.check()
    assert "Feltet er tomt." in form.result.value and "ting å sjå på" in form.result.value
    assert found and "Rådene" not in form.result.value
    path = form.export("md")
    assert path is not None and "*Ikkje fylt ut enno.*" in path.read_text(encoding="utf-8")
    assert "Markdown-fila er lagra i" in form.links.value
    assert (
        "Fann ikkje noko dokument som heiter «kommentarreglr». Meinte du «kommentarregler» eller «ki-regler»?"
        in (plan("kommentarreglr")._repr_mimebundle_()["text/plain"])
    )
    assert planer()._repr_mimebundle_()["text/plain"] == "Vår plan: oversikt"
    progress.set_maalform("nb")
    assert plan("personvernvurdering").plan_form.controls["risikoer"].add.description == "Legg til en rad"


def test_a_nynorsk_class_gets_the_test_and_the_record_in_nynorsk(files: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Before a participant has chosen, the hub's SOMEKURS_MAALFORM decides."""
    import ipywidgets as widgets
    from somekurs.assessment.widget import TestWidget, make_record, show_test

    monkeypatch.setenv(editions.ENV_VAR, "nn")
    view = TestWidget("arkiv")
    assert view.lang == "nn" and "Prøva har 6 oppgåver frå temaet." in view.title.value
    assert [c.description for c in view.body.children if isinstance(c, widgets.Button)] == ["Start prøva"]
    view.start()
    assert view.finish() is None and "Du har ikkje svart heilt på oppgåve 1, 2, 3, 4, 5, 6." in view.confirm.value
    scored = view.finish()
    assert scored is not None and "Du har ikkje bestått enno" in view.body.children[0].value
    assert "Svara dine, med forklaring" in view.body.children[0].value
    assert "Fann inga kursprøve for «ukjent»" in show_test("ukjent")._repr_mimebundle_()["text/plain"]
    assert make_record("Kari", files) is None, "nothing passed yet"


def test_the_nynorsk_chapters_link_their_documents_in_nynorsk() -> None:
    from types import SimpleNamespace

    from somekurs.plan import sphinx

    lines = sphinx.next_steps_lines("kunstig-intelligens", "nn")
    assert lines == ["- **Lag din del av planen:** {doc}`/book/var-plan/ki-regler`."]
    overview = sphinx.overview_markdown(list(model.load_plans(lang="nn")[0].values()), "nn")
    assert "Høyrer til {ref}`kap-" in overview and "Hentar svara dine på «" in overview and "Hører til" not in overview

    def directive(docname: str, language: str | None = None, option: str | None = None) -> Any:
        env = SimpleNamespace(docname=docname, config=SimpleNamespace(language=language))
        return SimpleNamespace(options={"lang": option} if option else {}, env=env)

    assert sphinx.page_lang(directive("book/var-plan/ki-regler")) == "nb"
    assert sphinx.page_lang(directive("nn/book/var-plan/ki-regler")) == "nn"
    assert sphinx.page_lang(directive("book/var-plan/ki-regler", "nn")) == "nn"
    assert sphinx.page_lang(directive("book/var-plan/ki-regler", "nb", "nynorsk")) == "nn"


def test_the_plan_files_messages_are_in_the_participants_standard(files: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    progress.set_maalform("nn")
    store.plan_path().write_bytes(b"{ikkje json")
    assert store.load()["documents"] == {}
    notices = store.take_notices()
    assert len(notices) == 1 and "Fila med planane dine kunne ikkje lesast. Ho er teken vare på som" in notices[0]
    (files / "fil").write_text("x", encoding="utf-8")
    monkeypatch.setenv("SOMEKURS_PLAN", str(files / "fil" / "plan.json"))
    with pytest.raises(store.PlanError, match=r"Planen din kan ikkje lagrast i .*Be kurshaldaren om hjelp") as caught:
        store.save_fields("kanalvurdering", {"mal": "x"})
    assert "ikke" not in str(caught.value)


def test_the_nynorsk_plan_notebook_speaks_nynorsk_and_the_bokmal_one_is_unchanged() -> None:
    from somekurs.plan import notebook

    nn = notebook.sources_of(notebook.notebook("nn"))
    assert nn[0][1].startswith("# Vår plan\n\nHer lagar du utkast til dokumenta verksemda di treng for sosiale medium.")
    assert "«Henta frå oppgåva»" in nn[0][1] and "ikke" not in nn[0][1]

    def code(cells: list[tuple[str, str]]) -> list[str]:
        return [source.split("\n", 1)[1] for kind, source in cells if kind == "code"]  # past the comment line

    nb = code(notebook.sources_of(notebook.notebook()))
    assert [c.replace('maal="nn"', 'maal="nb"') for c in code(nn)] == nb, "the same cells run in both, each in its standard"
    assert all('maal="nb"' in c for c in nb), "the standard is written into each cell, as in the workbooks"
    assert notebook.sources_of(notebook.notebook())[0][1].startswith("# Vår plan\n\nHer lager du utkast")
