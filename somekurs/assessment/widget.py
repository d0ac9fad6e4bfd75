"""Kursprøve in JupyterLab and Voilà: ``kursprove("arkiv")`` or ``kursprove()`` for the whole course.

The items come from the bank (``data/test-items/``) and use each kind's own controls, but there is
no «Sjekk svaret» and no feedback until the participant hands the test in: then every item shows
the engine's full feedback (``feedback_html``, solution included), the result per theme, and links
to the sections to read again. The attempt in progress and the finished results are kept in
``kursprover.json`` beside the progress file (:mod:`somekurs.assessment.store`), so a restart loses
nothing. ``kursbevis("Navn")`` makes the PDF record from the passed results.
"""

from __future__ import annotations

import base64
import datetime as dt
import html
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from somekurs import sections
from somekurs.assessment import bank, record, scoring, store
from somekurs.dual import WidgetWithHtml
from somekurs.exercises import progress, registry
from somekurs.exercises.html import feedback_html, message_html
from somekurs.exercises.model import Exercise, theme_title
from somekurs.exercises.widgets import WRAP_STYLE
from somekurs.links import book_base

BOX_CLASS = "sk-oppgave-widget"
IN_BOOK = "Kursprøven i nettboka ligger på siden «Kursprøve». Her i notatboka virker den når du kjører cellen i JupyterLab."
RECORD_NAME = "kursbevis.pdf"
BUTTON = widgets.Layout(width="auto", min_height="44px")


def scope_title(scope: str) -> str:
    return "hele kurset" if scope == bank.COURSE else f"«{theme_title(scope)}»"


def rules_text(rules_: bank.Rules) -> str:
    if rules_.scope == bank.COURSE:
        return (
            f"Prøven har {rules_.total} oppgaver, {rules_.per_theme} fra hvert av de {len(rules_.themes)} temaene. "
            f"Du består med minst {rules_.total_pass} riktige, og minst {rules_.theme_pass} riktig i hvert tema."
        )
    return f"Prøven har {rules_.total} oppgaver fra temaet. Du består med minst {rules_.total_pass} riktige."


def section_links(labels: list[str], base: str) -> str:
    links = []
    for label in labels:
        href = sections.href(label, base=base)
        text = html.escape(sections.heading(label))
        links.append(f'<a href="{html.escape(href)}" target="_blank" rel="noopener">{text}</a>' if href else text)
    return ", ".join(links)


def result_html(scored: scoring.Scored, rules_: bank.Rules, base: str) -> str:
    """The result: passed or not, the score per theme, and what to read again (escaped)."""
    result = scored.result
    verdict = "Du har bestått" if result["passed"] else "Du har ikke bestått ennå"
    parts = [
        f'<p class="sk-dom"><strong>{verdict}:</strong> {result["right"]} av {result["total"]} riktige. '
        f"{html.escape(rules_text(rules_))}</p>",
        '<table><caption>Resultat per tema</caption><thead><tr><th scope="col">Tema</th><th scope="col">Riktige</th>'
        '<th scope="col">Bestått</th><th scope="col">Les igjen</th></tr></thead><tbody>',
    ]
    for theme, row in result["themes"].items():
        again = section_links(scored.revisit.get(theme, []), base) or "–"
        parts.append(
            f"<tr><th scope='row'>{html.escape(theme_title(theme))}</th><td>{row['right']} av {row['total']}</td>"
            f"<td>{'Ja' if row['passed'] else 'Nei'}</td><td>{again}</td></tr>"
        )
    parts.append("</tbody></table>")
    return "".join(parts)


class TestWidget:
    """One course test: start (or resume), answer, hand in, see the result and the feedback."""

    def __init__(self, scope: str) -> None:
        self.rules = bank.rules(scope)
        self.bank = bank.items_by_theme()
        self.items: list[Exercise] = []
        self.controls: dict[str, Any] = {}
        self.attempt = ""
        self.restoring = False
        heading = f"Kursprøve: {scope_title(scope)}"
        self.title = widgets.HTML(f"{WRAP_STYLE}<h2>{html.escape(heading)}</h2><p>{html.escape(rules_text(self.rules))}</p>")
        self.body = widgets.VBox()
        self.status = widgets.HTML()
        self.box = widgets.VBox([self.title, self.status, self.body], layout=widgets.Layout(padding="0.5em 1em"))
        self.box.add_class(BOX_CLASS)
        try:
            seed = progress.seed()
        except progress.ProgressError:
            seed = ""
        self.seed = seed
        opened = store.open_attempt(scope)
        by_id = {i["id"]: i for items in self.bank.values() for i in items}
        if opened and all(i in by_id for i in opened["items"]):
            self._show_items([by_id[i] for i in opened["items"]], str(opened["attempt"]), opened.get("answers") or {})
            self.status.value = "<p role='status'>Prøven du startet på, er hentet fram. Svarene dine er der.</p>"
        else:
            self._show_start()

    # --- before ---------------------------------------------------------------------------------
    def _show_start(self) -> None:
        start = widgets.Button(description="Start prøven", button_style="primary", layout=BUTTON)
        start.on_click(lambda _b: self.start())
        note = widgets.HTML(
            "<p>Du ser ikke om svarene er riktige før du leverer prøven. Da får du forklaringen på hver oppgave, "
            "og lenker til det du bør lese igjen. Du kan ta prøven så mange ganger du vil. Hver gang får du nye "
            "oppgaver, trukket tilfeldig.</p>"
        )
        self.body.children = [note, start]

    def start(self) -> None:
        items = bank.draw(self.rules, self.bank)
        attempt = bank.new_attempt_id()
        store.start(self.rules.scope, attempt, [i["id"] for i in items])
        self.status.value = ""
        self._show_items(items, attempt, {})

    # --- during ---------------------------------------------------------------------------------
    def _show_items(self, items: list[Exercise], attempt: str, answers: dict[str, Any]) -> None:
        self.items, self.attempt = items, attempt
        self.controls = {}
        children: list[widgets.Widget] = []
        for n, item in enumerate(items):
            controls = registry.kinds()[item["kind"]].controls(item, self.seed)
            controls.changed = self._save
            self.controls[item["id"]] = controls
            if item["id"] in answers:
                self.restoring = True
                try:
                    controls.restore(answers[item["id"]])
                except (TypeError, ValueError, KeyError, IndexError, AttributeError):
                    controls.clear()
                finally:
                    self.restoring = False
            head = widgets.HTML(f"<h3>Oppgave {n + 1} av {len(items)}: {html.escape(item['title'])}</h3>")
            box = widgets.VBox(
                [head, controls.wrap_label(item["prompt"]), *controls.children],
                layout=widgets.Layout(border="1px solid", padding="0.5em 1em", margin="0.5em 0"),
            )
            self._watch(controls.children)
            children.append(box)
        hand_in = widgets.Button(description="Lever prøven", button_style="primary", layout=BUTTON)
        self.confirm = widgets.HTML()
        hand_in.on_click(lambda _b: self.finish())
        self.body.children = [*children, self.confirm, hand_in]

    def _watch(self, children: list[Any]) -> None:
        for child in children:
            if isinstance(child, widgets.Box):
                self._watch(list(child.children))
            elif isinstance(child, widgets.ValueWidget) and not isinstance(child, (widgets.HTML, widgets.Label)):
                child.observe(lambda _change: self._save(), names="value")

    def answers(self) -> dict[str, Any]:
        return {item_id: controls.answer() for item_id, controls in self.controls.items()}

    def _save(self) -> None:
        if not self.restoring:
            store.save_answers(self.rules.scope, self.answers())

    def unanswered(self) -> list[int]:
        from somekurs.exercises.evaluate import evaluate

        answers = self.answers()
        return [n + 1 for n, item in enumerate(self.items) if evaluate(item, answers.get(item["id"])).needs_input]

    def finish(self, confirmed: bool = False) -> scoring.Scored | None:
        """Hand the test in; asks once first when some items are not answered."""
        missing = self.unanswered()
        if missing and not confirmed and not self.confirm.value:
            self.confirm.value = (
                f"<p role='alert'>Du har ikke svart helt på oppgave {html.escape(', '.join(map(str, missing)))}. "
                "Oppgaver uten svar teller som feil. Trykk «Lever prøven» en gang til for å levere likevel.</p>"
            )
            return None
        scored = scoring.score(self.rules, self.items, self.answers(), self.attempt)
        store.finish(self.rules.scope, scored.result)
        self._show_result(scored)
        return scored

    # --- after ----------------------------------------------------------------------------------
    def _show_result(self, scored: scoring.Scored) -> None:
        base = book_base()
        answers = self.answers()
        parts = [result_html(scored, self.rules, base), "<h3>Svarene dine, med forklaring</h3>"]
        for n, item in enumerate(self.items):
            feedback = scored.feedback[item["id"]]
            parts.append(f"<h4>Oppgave {n + 1}: {html.escape(item['title'])}</h4>")
            parts.append(feedback_html(feedback, item, answers.get(item["id"]), reveal=True, link_base=base, target="_blank"))
        again = widgets.Button(description="Ta prøven på nytt", layout=BUTTON)
        again.on_click(lambda _b: self.start())
        children: list[widgets.Widget] = [widgets.HTML("".join(parts)), again]
        if any(r.get("passed") for r in store.attempts()):
            children.append(RecordForm().box)
        self.body.children = children
        self.status.value = ""


class RecordForm:
    """Name field and button: the PDF record of every passed test (kept in the home folder)."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder
        self.name = widgets.Text(description="Navnet ditt", placeholder="Slik det skal stå på beviset")
        make = widgets.Button(description="Lag kursbevis (PDF)", layout=BUTTON)
        self.out = widgets.HTML()
        make.on_click(lambda _b: self.make())
        intro = widgets.HTML("<h3>Kursbevis</h3><p>Skriv navnet ditt slik det skal stå på beviset. Navnet lagres ikke.</p>")
        self.box = widgets.VBox([intro, self.name, make, self.out])

    def make(self) -> Path | None:
        path = make_record(self.name.value, self.folder)
        self.out.value = record_message(path)
        return path


def make_record(name: str, folder: Path | None = None) -> Path | None:
    """Write the PDF record of the passed tests; None when nothing is passed yet."""
    results = record.record_results(store.attempts())
    if not results:
        return None
    titles = {slug: theme_title(slug) for slug in bank.items_by_theme()}
    pdf = record.record_pdf(name, results, titles, dt.date.today().isoformat())
    path = (folder or Path.home()) / RECORD_NAME
    path.write_bytes(pdf)
    return path


def record_message(path: Path | None) -> str:
    if path is None:
        return "<p role='status'>Du har ikke bestått noen kursprøve ennå. Beviset viser bare prøver du har bestått.</p>"
    value = record.check_value(record.record_results(store.attempts()))
    data = base64.b64encode(path.read_bytes()).decode()
    return (
        f"<p role='status'>Kursbeviset er lagret i {html.escape(str(path))}. Kontrollverdien er {value}.</p>"
        f'<p><a download="{RECORD_NAME}" href="data:application/pdf;base64,{data}">Last ned kursbeviset (PDF)</a></p>'
    )


def show_test(scope: str) -> WidgetWithHtml:
    """The facade's view: the live test in JupyterLab, a pointer to the book's page elsewhere."""
    try:
        view = TestWidget(scope)
    except KeyError:
        themes = ", ".join(f"«{s}»" for s in bank.items_by_theme())
        text = f"Fant ingen kursprøve for «{scope}». Skriv et av temaene ({themes}), eller ingenting for hele kurset."
        return WidgetWithHtml([widgets.HTML(f"<p role='note'>{html.escape(text)}</p>")], message_html(text))
    result = WidgetWithHtml([view.box], message_html(IN_BOOK))
    result.test_view = view  # lets tests reach the controls
    return result


def show_record(name: str) -> WidgetWithHtml:
    path = make_record(name)
    return WidgetWithHtml([widgets.HTML(record_message(path))], message_html(IN_BOOK))
