"""Kursprøve in JupyterLab and Voilà: ``kursprove("arkiv")`` or ``kursprove()`` for the whole course.

The items come from the bank (``data/test-items/``) and use each kind's own controls, but there is
no «Sjekk svaret» and no feedback until the participant hands the test in: then every item shows
the engine's full feedback (``feedback_html``, solution included), the result per theme, and links
to the sections to read again. The attempt in progress and the finished results are kept in
``kursprover.json`` beside the progress file (:mod:`somekurs.assessment.store`), so a restart loses
nothing. ``kursbevis("Navn")`` makes the PDF record from the passed results.

Everything is in the participant's written standard: the items (the bank's nn twins), the words
around them (data/texts, section ``assessment``), the feedback and the record. The entry points
(:func:`show_test`, :func:`show_record`) take ``lang=None`` for the participant's own
(``editions.current()``); everything below them takes an explicit ``lang``.
"""

from __future__ import annotations

import base64
import datetime as dt
import html
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from somekurs import editions, sections, texts
from somekurs.assessment import bank, record, scoring, store
from somekurs.dual import WidgetWithHtml
from somekurs.exercises import progress, registry
from somekurs.exercises.html import feedback_html, message_html
from somekurs.exercises.model import Exercise, theme_title
from somekurs.exercises.widgets import WRAP_STYLE
from somekurs.links import book_base

BOX_CLASS = "sk-oppgave-widget"
RECORD_NAME = "kursbevis.pdf"
BUTTON = widgets.Layout(width="auto", min_height="44px")


def _say(key: str, lang: str, **values: Any) -> str:
    return texts.say("assessment", key, lang, **values)


def __getattr__(name: str) -> str:
    """``IN_BOOK``: the bokmål pointer to the book's page, for code written before the nynorsk edition."""
    if name == "IN_BOOK":
        return _say("in_book", "nb")
    raise AttributeError(name)


def scope_title(scope: str, lang: str = "nb") -> str:
    if scope == bank.COURSE:
        return _say("whole_course_lower", lang)
    return _say("scope_theme", lang, title=theme_title(scope, lang=lang))


def rules_text(rules_: bank.Rules, lang: str = "nb") -> str:
    if rules_.scope == bank.COURSE:
        return _say(
            "rules_course",
            lang,
            total=rules_.total,
            per_theme=rules_.per_theme,
            themes=len(rules_.themes),
            total_pass=rules_.total_pass,
            theme_pass=rules_.theme_pass,
        )
    return _say("rules_module", lang, total=rules_.total, total_pass=rules_.total_pass)


def section_links(labels: list[str], base: str, lang: str = "nb") -> str:
    links = []
    for label in labels:
        href = sections.href(label, base=base, lang=lang)
        text = html.escape(sections.heading(label, lang))
        links.append(f'<a href="{html.escape(href)}" target="_blank" rel="noopener">{text}</a>' if href else text)
    return ", ".join(links)


def result_html(scored: scoring.Scored, rules_: bank.Rules, base: str, lang: str = "nb") -> str:
    """The result: passed or not, the score per theme, and what to read again (escaped), in ``lang``."""
    result = scored.result

    def say(key: str, **values: Any) -> str:
        return html.escape(_say(key, lang, **values))

    verdict = say("passed") if result["passed"] else say("not_passed")
    heads = "".join(f'<th scope="col">{say(k)}</th>' for k in ("theme", "right", "passed_col", "read_again"))
    parts = [
        f'<p class="sk-dom"><strong>{verdict}:</strong> {say("score", right=result["right"], total=result["total"])} '
        f"{html.escape(rules_text(rules_, lang))}</p>",
        f"<table><caption>{say('per_theme')}</caption><thead><tr>{heads}</tr></thead><tbody>",
    ]
    for theme, row in result["themes"].items():
        again = section_links(scored.revisit.get(theme, []), base, lang) or "–"
        parts.append(
            f"<tr><th scope='row'>{html.escape(theme_title(theme, lang=lang))}</th>"
            f"<td>{say('of', right=row['right'], total=row['total'])}</td>"
            f"<td>{say('yes_word') if row['passed'] else say('no_word')}</td><td>{again}</td></tr>"
        )
    parts.append("</tbody></table>")
    return "".join(parts)


class TestWidget:
    """One course test: start (or resume), answer, hand in, see the result and the feedback."""

    def __init__(self, scope: str, lang: str | None = None) -> None:
        self.lang = editions.resolve(lang)
        self.rules = bank.rules(scope)
        self.bank = bank.items_by_theme(lang=self.lang)
        self.items: list[Exercise] = []
        self.controls: dict[str, Any] = {}
        self.attempt = ""
        self.restoring = False
        heading = self.say("heading", scope=scope_title(scope, self.lang))
        self.title = widgets.HTML(
            f'{WRAP_STYLE}<div lang="{self.lang}"><h2>{html.escape(heading)}</h2>'
            f"<p>{html.escape(rules_text(self.rules, self.lang))}</p></div>"
        )
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
            self.status.value = f"<p role='status'>{html.escape(self.say('resumed_widget'))}</p>"
        else:
            self._show_start()

    def say(self, key: str, **values: Any) -> str:
        """One of the test's sentences in the participant's standard (not escaped)."""
        return _say(key, self.lang, **values)

    # --- before ---------------------------------------------------------------------------------
    def _show_start(self) -> None:
        start = widgets.Button(description=self.say("start"), button_style="primary", layout=BUTTON)
        start.on_click(lambda _b: self.start())
        note = widgets.HTML(f"<p>{html.escape(self.say('before'))}</p>")
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
            controls = registry.kinds()[item["kind"]].controls(item, self.seed, self.lang)
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
            head = widgets.HTML(f"<h3>{html.escape(self.say('item_title', n=n + 1, total=len(items), title=item['title']))}</h3>")
            box = widgets.VBox(
                [head, controls.wrap_label(item["prompt"]), *controls.children],
                layout=widgets.Layout(border="1px solid", padding="0.5em 1em", margin="0.5em 0"),
            )
            self._watch(controls.children)
            children.append(box)
        hand_in = widgets.Button(description=self.say("hand_in"), button_style="primary", layout=BUTTON)
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
        return [n + 1 for n, item in enumerate(self.items) if evaluate(item, answers.get(item["id"]), self.lang).needs_input]

    def finish(self, confirmed: bool = False) -> scoring.Scored | None:
        """Hand the test in; asks once first when some items are not answered."""
        missing = self.unanswered()
        if missing and not confirmed and not self.confirm.value:
            text = self.say("missing_widget", list=", ".join(map(str, missing)))
            self.confirm.value = f"<p role='alert'>{html.escape(text)}</p>"
            return None
        scored = scoring.score(self.rules, self.items, self.answers(), self.attempt, lang=self.lang)
        store.finish(self.rules.scope, scored.result)
        self._show_result(scored)
        return scored

    # --- after ----------------------------------------------------------------------------------
    def _show_result(self, scored: scoring.Scored) -> None:
        base = book_base()
        answers = self.answers()
        parts = [f'<div lang="{self.lang}">', result_html(scored, self.rules, base, self.lang)]
        parts.append(f"<h3>{html.escape(self.say('your_answers'))}</h3>")
        for n, item in enumerate(self.items):
            feedback = scored.feedback[item["id"]]
            parts.append(f"<h4>{html.escape(self.say('answer_title', n=n + 1, title=item['title']))}</h4>")
            parts.append(
                feedback_html(
                    feedback, item, answers.get(item["id"]), reveal=True, link_base=base, target="_blank", lang=self.lang
                )
            )
        parts.append("</div>")
        again = widgets.Button(description=self.say("again"), layout=BUTTON)
        again.on_click(lambda _b: self.start())
        children: list[widgets.Widget] = [widgets.HTML("".join(parts)), again]
        if any(r.get("passed") for r in store.attempts()):
            children.append(RecordForm(lang=self.lang).box)
        self.body.children = children
        self.status.value = ""


class RecordForm:
    """Name field and button: the PDF record of every passed test (kept in the home folder)."""

    def __init__(self, folder: Path | None = None, lang: str = "nb") -> None:
        self.folder = folder
        self.lang = lang
        self.name = widgets.Text(description=_say("name_label", lang), placeholder=_say("name_placeholder", lang))
        make = widgets.Button(description=_say("make_record", lang), layout=BUTTON)
        self.out = widgets.HTML()
        make.on_click(lambda _b: self.make())
        intro = widgets.HTML(f"<h3>{html.escape(_say('record', lang))}</h3><p>{html.escape(_say('record_intro', lang))}</p>")
        self.box = widgets.VBox([intro, self.name, make, self.out])

    def make(self) -> Path | None:
        path = make_record(self.name.value, self.folder, self.lang)
        self.out.value = record_message(path, self.lang)
        return path


def make_record(name: str, folder: Path | None = None, lang: str = "nb") -> Path | None:
    """Write the PDF record of the passed tests, in the standard ``lang``; None when nothing is passed yet."""
    results = record.record_results(store.attempts())
    if not results:
        return None
    titles = {slug: theme_title(slug, lang=lang) for slug in bank.items_by_theme()}
    pdf = record.record_pdf(name, results, titles, dt.date.today().isoformat(), lang=lang)
    path = (folder or Path.home()) / RECORD_NAME
    path.write_bytes(pdf)
    return path


def record_message(path: Path | None, lang: str = "nb") -> str:
    if path is None:
        return f"<p role='status'>{html.escape(_say('record_none', lang))}</p>"
    value = record.check_value(record.record_results(store.attempts()))
    data = base64.b64encode(path.read_bytes()).decode()
    saved = _say("record_saved", lang, path=str(path), value=value)
    return (
        f"<p role='status'>{html.escape(saved)}</p>"
        f'<p><a download="{RECORD_NAME}" href="data:application/pdf;base64,{data}">{html.escape(_say("record_download", lang))}</a></p>'
    )


def show_test(scope: str, lang: str | None = None) -> WidgetWithHtml:
    """The facade's view: the live test in JupyterLab, a pointer to the book's page elsewhere
    (in ``lang``, or the participant's own standard)."""
    lang = editions.resolve(lang)
    try:
        view = TestWidget(scope, lang)
    except KeyError:
        themes = ", ".join(f"«{s}»" for s in bank.items_by_theme())
        text = _say("unknown_scope", lang, scope=scope, themes=themes)
        return WidgetWithHtml([widgets.HTML(f"<p role='note'>{html.escape(text)}</p>")], message_html(text))
    result = WidgetWithHtml([view.box], message_html(_say("in_book", lang)))
    result.test_view = view  # lets tests reach the controls
    return result


def show_record(name: str, lang: str | None = None) -> WidgetWithHtml:
    """The PDF record in the participant's standard (or ``lang``), with a download link."""
    lang = editions.resolve(lang)
    path = make_record(name, lang=lang)
    return WidgetWithHtml([widgets.HTML(record_message(path, lang))], message_html(_say("in_book", lang)))
