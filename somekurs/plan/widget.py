"""The form of one document in JupyterLab and the participant's app (Voilà), with ipywidgets.

What the participant types is saved as they type (a moment after the last key, ``SAVE_DELAY``) in
their own plan file (``store``); a field that shows an answer carried from an exercise says so, and
once they change it, it is theirs: nothing carried replaces it, and «Hent svaret på nytt» brings the
exercise's answer back only when they ask. «Sjekk planen» runs ``checks``; «Last ned som Word» and
«Last ned som Markdown» write the document to ``~/var-plan/`` and give a link that downloads it (a
``data:`` link with ``download``: it works in JupyterLab and in Voilà, with no server route, and the
file stays in the participant's own folder where the file browser shows it).

Participant text is only ever shown as a widget value; HTML built here escapes everything.

Everything is in the participant's written standard: the template and the exercises of that
standard, the form's words from data/texts (``plan``), the exports. :func:`show` and
:func:`show_all` (the workbook's cells) take ``lang=None`` for the participant's own choice
(``editions.current()``); everything below them takes an explicit ``lang``.
"""

from __future__ import annotations

import base64
import html
import threading
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from somekurs import editions, texts
from somekurs.links import book_base
from somekurs.plan import carry, checks, document, model, store

WIDE = widgets.Layout(width="100%")
BUTTON = {"layout": widgets.Layout(width="auto", min_height="44px")}
SAVE_DELAY = 0.8
EXPORT_FOLDER = "var-plan"
MIME = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "md": "text/markdown",
}
STYLE = (
    "<style>.sk-plan-widget{line-height:1.5}.sk-plan-widget p{margin:.35em 0}"
    ".sk-plan-widget a{color:var(--jp-content-link-color,#0b57d0);text-decoration:underline}"
    ".sk-plan-widget details{margin:.3em 0}.sk-plan-widget summary{cursor:pointer;padding:.4em 0}"
    ".sk-plan-widget .sk-eksempel{border-left:4px solid currentColor;padding:.1em .7em}"
    ".sk-plan-widget table{border-collapse:collapse}.sk-plan-widget th,.sk-plan-widget td{border:1px solid currentColor;"
    "padding:.15em .35em;text-align:center}"
    ".sk-plan-widget td.sk-lav{background:#d4eaf7;color:#000}.sk-plan-widget td.sk-middels{background:#fde4b3;color:#000}"
    ".sk-plan-widget td.sk-hoy{background:#f6c7b6;color:#000}.sk-plan-widget .sk-merke{display:block;font-weight:700}"
    "</style>"
)


def _say(key: str, lang: str, **values: Any) -> str:
    return texts.say("plan", key, lang, **values)


def _esc(key: str, lang: str, **values: Any) -> str:
    return html.escape(_say(key, lang, **values))


def __getattr__(name: str) -> str:
    """``STATIC_NOTE``: the bokmål note, for code written before the nynorsk edition."""
    if name == "STATIC_NOTE":
        return _say("static_note", "nb")
    raise AttributeError(name)


def _link(href: str, text: str) -> str:
    return f'<a href="{html.escape(href)}" target="_blank" rel="noopener">{html.escape(text)}</a>'


def help_html(one: model.Field, lang: str = "nb") -> str:
    """What goes here, and (folded) why, with the chapter section and the sources, and the example."""
    from somekurs import sections
    from somekurs.exercises.model import incident_title
    from somekurs.exercises.sources import describe

    base = book_base()
    why = [f"<p><strong>{_esc('why', lang)}</strong> {html.escape(' '.join(one['why'].split()))}"]
    href = sections.href(one["section"], base=base, lang=lang)
    if href:
        why.append(f" {_esc('read_more', lang)} {_link(href, sections.heading(one['section'], lang))}.")
    sources = [
        _link(s.url, s.title) if s.url.startswith(("https://", "http://")) else html.escape(s.title)
        for s in describe(one.get("sources", []))
    ]
    if sources:
        why.append(f" {_esc('source', lang)} " + "; ".join(sources) + ".")
    why.append("</p>")
    example = one["example"]
    if isinstance(example, str):
        body = f"<p>{html.escape(example)}</p>"
    elif one["kind"] in {"list", "choice"}:
        labels = [model.option_label(one, v) if one["kind"] == "choice" else v for v in example]
        body = "<ul>" + "".join(f"<li>{html.escape(t)}</li>" for t in labels) + "</ul>"
    else:
        body = "<ul>" + "".join(f"<li>{html.escape(' – '.join(str(v) for v in row.values()))}</li>" for row in example) + "</ul>"
    if one["example_basis"] == "incident":
        href = f"{base}book/hendelser.html#hendelse-{one['incident']}"
        head = f"<p><strong>{_esc('real_example', lang)}</strong></p>"
        link = _link(href, "«" + incident_title(one["incident"], lang=lang) + "»")
        tail = f"<p>{texts.markup('plan', 'read_incident', lang, link=link)}</p>"
    else:
        head, tail = f"<p><strong>{_esc('constructed_example', lang)}</strong></p>", ""
    must = " " + _esc("required", lang) if one.get("required") else ""
    return (
        f'<div class="sk-plan-widget" lang="{lang}"><h4 style="margin:.6em 0 .2em">{html.escape(one["label"])}{must}</h4>'
        f"<p>{html.escape(' '.join(one['what'].split()))}</p>"
        f"<details><summary>{_esc('why_and_example', lang)}</summary>{''.join(why)}"
        f'<div class="sk-eksempel">{head}{body}{tail}</div></details></div>'
    )


class FieldControl:
    """The control of one field: read its value, show a value, tell when it changes."""

    def __init__(self, one: model.Field, changed: Any, lang: str = "nb") -> None:
        self.one = one
        self.changed = changed
        self.lang = lang
        self._quiet = False
        kind = one["kind"]
        self.rows: list[dict[str, Any]] = []
        self.box = widgets.VBox(layout=WIDE)
        if kind == "short":
            self.input: Any = widgets.Text(layout=WIDE, continuous_update=True)
        elif kind in {"long", "list"}:
            placeholder = _say("one_per_line", lang) if kind == "list" else ""
            self.input = widgets.Textarea(layout=widgets.Layout(width="100%", height="8em"), placeholder=placeholder)
        elif kind == "choice":
            if one.get("multiple"):
                self.checks = [widgets.Checkbox(description=o["label"], indent=False, layout=WIDE) for o in one["options"]]
                self.input = widgets.VBox(self.checks)
                for box in self.checks:
                    box.observe(self._on, names="value")
            else:
                self.input = widgets.RadioButtons(
                    options=[(o["label"], o["id"]) for o in one["options"]], value=None, layout=WIDE
                )
        if kind in {"table", "risk"}:
            self.body = widgets.VBox()
            self.add = widgets.Button(description=_say("add_row", lang), **BUTTON)
            self.add.on_click(self._add_clicked)
            parts: list[Any] = [self.body, self.add]
            if kind == "risk":
                self.matrix = widgets.HTML()
                parts.append(self.matrix)
            self.box.children = tuple(parts)
        else:
            if not (kind == "choice" and one.get("multiple")):
                self.input.observe(self._on, names="value")
            self.box.children = (self.input,)

    def _on(self, _change: Any) -> None:
        if self._quiet:
            return
        if self.one["kind"] == "risk":
            self._matrix()
        self.changed(self.one["id"])

    def _add_clicked(self, _button: Any) -> None:
        """A new empty row, saved at once like any other change."""
        self._add_row(None)
        self._on(None)

    def _add_row(self, row: dict[str, Any] | None) -> None:
        from somekurs.exercises.kinds.risk import scale

        cells: dict[str, Any] = {}
        shown = []
        for column in model.columns(self.one, self.lang):
            name = column["id"]
            value = (row or {}).get(name)
            if self.one["kind"] == "risk" and name in model.SCALE_COLUMNS:
                words = scale("likelihood" if name == "sannsynlighet" else "consequence", self.lang)
                cell: Any = widgets.Dropdown(
                    options=[(_say("choose", self.lang), None)] + [(f"{n} – {w}", n) for n, w in words.items()],
                    value=value if isinstance(value, int) else None,
                    description=column["label"],
                    style={"description_width": "initial"},
                )
            else:
                cell = widgets.Text(
                    value=value if isinstance(value, str) else "",
                    description=column["label"],
                    style={"description_width": "initial"},
                    layout=WIDE,
                    continuous_update=True,
                )
            cell.observe(self._on, names="value")
            cells[name] = cell
            shown.append(cell)
        remove = widgets.Button(description=_say("remove_row", self.lang), **BUTTON)
        line = widgets.VBox([*shown, remove], layout=widgets.Layout(border="1px solid", padding="0.3em 0.6em", margin="0.3em 0"))
        entry = {"cells": cells, "box": line}

        def drop(_b: Any) -> None:
            self.rows.remove(entry)
            self.body.children = tuple(r["box"] for r in self.rows)
            self._on(None)

        remove.on_click(drop)
        self.rows.append(entry)
        self.body.children = tuple(r["box"] for r in self.rows)

    def value(self) -> Any:
        kind = self.one["kind"]
        if kind in {"short", "long"}:
            raw: Any = self.input.value
        elif kind == "list":
            raw = self.input.value.split("\n")
        elif kind == "choice":
            if self.one.get("multiple"):
                raw = [o["id"] for o, box in zip(self.one["options"], self.checks, strict=True) if box.value]
            else:
                raw = [self.input.value] if self.input.value else []
        else:
            raw = [{name: cell.value for name, cell in r["cells"].items()} for r in self.rows]
        return model.clean_value(self.one, raw)

    def show(self, value: Any) -> None:
        kind = self.one["kind"]
        self._quiet = True
        try:
            if kind in {"short", "long"}:
                self.input.value = value or ""
            elif kind == "list":
                self.input.value = "\n".join(value or [])
            elif kind == "choice":
                picked = value or []
                if self.one.get("multiple"):
                    for option, box in zip(self.one["options"], self.checks, strict=True):
                        box.value = option["id"] in picked
                else:
                    self.input.value = picked[0] if picked else None
            else:
                self.rows = []
                self.body.children = ()
                for row in value or [None]:
                    self._add_row(row)
                if kind == "risk":
                    self._matrix()
        finally:
            self._quiet = False

    def _matrix(self) -> None:
        from somekurs.exercises.kinds.risk import matrix_html

        rows = [r for r in (self.value() or []) if isinstance(r, dict)]
        text = matrix_html(_say("matrix_help", self.lang), self.lang)
        placed: dict[str, list[str]] = {}
        for n, row in enumerate(rows, start=1):
            if row.get("sannsynlighet") and row.get("konsekvens"):
                placed.setdefault(f"{row['sannsynlighet']}-{row['konsekvens']}", []).append(f"R{n}")
        for cell, names in placed.items():
            empty = f'data-sk-celle="{cell}">{_word(cell, self.lang)}<span class="sk-merke"></span>'
            text = text.replace(empty, empty.replace("</span>", html.escape(", ".join(names)) + "</span>"))
        levels = "; ".join(
            f"R{n}: {document.level_word(row, self.lang)}"
            for n, row in enumerate(rows, start=1)
            if model.row_filled(self.one, row)
        )
        self.matrix.value = f'<div class="sk-plan-widget">{text}<p>{html.escape(levels)}</p></div>'


def _word(cell: str, lang: str = "nb") -> str:
    from somekurs.exercises.kinds.risk import risk_level

    likelihood, consequence = (int(v) for v in cell.split("-"))
    return risk_level(likelihood, consequence, lang)[1]


class PlanForm:
    """One document as a live form."""

    def __init__(self, plan: model.Plan, home: Path | None = None, lang: str = "nb") -> None:
        """``plan`` is the template in the standard ``lang`` (``model.load_plans(lang=lang)``)."""
        self.plan = plan
        self.home = home
        self.lang = lang
        self.controls: dict[str, FieldControl] = {}
        self.notes: dict[str, widgets.HTML] = {}
        self.refresh_buttons: dict[str, widgets.Button] = {}
        self._dirty: set[str] = set()
        self._timer: threading.Timer | None = None
        self._lock = threading.Lock()
        self.notice = widgets.HTML(layout=WIDE)
        self.result = widgets.HTML(layout=WIDE)
        self.links = widgets.HTML(layout=WIDE)
        self.agency = widgets.Text(
            description=_say("agency_optional", lang),
            style={"description_width": "initial"},
            layout=WIDE,
            continuous_update=False,
        )
        self.agency.observe(self._agency, names="value")
        children: list[Any] = [
            widgets.HTML(
                f'{STYLE}<div class="sk-plan-widget" lang="{lang}"><h3>{html.escape(plan["title"])}</h3>'
                f"<p>{html.escape(plan['summary'])}</p><p>{html.escape(plan['use'])}</p>"
                f"<p>{_esc('saved_where', lang, path=str(store.plan_path()))}</p></div>",
                layout=WIDE,
            ),
            self.agency,
        ]
        for part in plan["parts"]:
            intro = f"<p>{html.escape(' '.join(part['intro'].split()))}</p>" if part.get("intro") else ""
            children.append(
                widgets.HTML(
                    f'<div class="sk-plan-widget" lang="{lang}"><h3>{html.escape(part["title"])}</h3>{intro}</div>', layout=WIDE
                )
            )
            for one in part["fields"]:
                control = FieldControl(one, self._changed, lang)
                self.controls[one["id"]] = control
                note = widgets.HTML(layout=WIDE)
                again = widgets.Button(
                    description=_say("refresh", lang), layout=widgets.Layout(width="auto", min_height="44px", display="none")
                )
                again.on_click(lambda _b, fid=one["id"]: self.refresh(fid))
                self.notes[one["id"]] = note
                self.refresh_buttons[one["id"]] = again
                children.append(
                    widgets.VBox(
                        [widgets.HTML(help_html(one, lang), layout=WIDE), note, again, control.box],
                        layout=widgets.Layout(border="1px solid", padding="0.3em 0.8em", margin="0.4em 0"),
                    )
                )
        self.check_button = widgets.Button(description=_say("check", lang), button_style="primary", **BUTTON)
        self.word_button = widgets.Button(description=_say("download_docx", lang), **BUTTON)
        self.md_button = widgets.Button(description=_say("download_md", lang), **BUTTON)
        self.check_button.on_click(lambda _b: self.check())
        self.word_button.on_click(lambda _b: self.export("docx"))
        self.md_button.on_click(lambda _b: self.export("md"))
        children += [
            widgets.HBox([self.check_button, self.word_button, self.md_button], layout=widgets.Layout(flex_flow="row wrap")),
            self.notice,
            self.result,
            self.links,
        ]
        self.box = widgets.VBox(children, layout=widgets.Layout(border="2px solid", padding="0.5em 1em", margin="0.5em 0"))
        self.box.add_class("sk-plan-widget")
        self.load()

    # --- reading and showing -------------------------------------------------------------------
    def _states(self) -> tuple[dict[str, Any], dict[str, Any]]:
        from somekurs.exercises import progress

        try:
            progress_state = progress.snapshot()
        except progress.ProgressError as exc:
            self._say(str(exc))
            progress_state = {}
        plan_state = store.load()
        return progress_state, plan_state

    def load(self) -> None:
        """Show every field as saved (or as carried), e.g. after a kernel restart."""
        try:
            progress_state, plan_state = self._states()
        except store.PlanError as exc:
            self._say(str(exc))
            return
        self.agency.unobserve(self._agency, names="value")
        self.agency.value = store.agency(plan_state)
        self.agency.observe(self._agency, names="value")
        plans = model.load_plans(lang=self.lang)[0]
        for one in model.fields(self.plan):
            shown = carry.value_of(one, self.plan["id"], progress_state, plan_state, plans, lang=self.lang)
            self.controls[one["id"]].show(shown.value)
            self._note(one, shown)
        self._notices()

    def _note(self, one: model.Field, shown: carry.FieldValue) -> None:
        note, again = self.notes[one["id"]], self.refresh_buttons[one["id"]]
        again.layout.display = "none"
        if shown.carried is None:
            note.value = ""
        elif not shown.own:
            note.value = f"<p><em>{_esc('carried_yours', self.lang, note=shown.carried.note)}</em></p>"
        elif shown.offers_refresh:
            note.value = f"<p><em>{_esc('differs', self.lang)}</em></p>"
            again.layout.display = ""
        else:
            note.value = ""

    def values(self) -> dict[str, Any]:
        progress_state, plan_state = self._states()
        plans = model.load_plans(lang=self.lang)[0]
        return {
            one["id"]: carry.value_of(one, self.plan["id"], progress_state, plan_state, plans, lang=self.lang).value
            for one in model.fields(self.plan)
        }

    # --- saving --------------------------------------------------------------------------------
    def _changed(self, field_id: str) -> None:
        with self._lock:
            self._dirty.add(field_id)
            if self._timer is not None:
                self._timer.cancel()
            self._timer = threading.Timer(SAVE_DELAY, self.save)
            self._timer.daemon = True
            self._timer.start()

    def save(self) -> None:
        """Write the changed fields now (also called before a check or an export, and by tests)."""
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            dirty, self._dirty = self._dirty, set()
        if not dirty:
            return
        values = {fid: self.controls[fid].value() for fid in dirty}
        try:
            store.save_fields(self.plan["id"], values)
        except store.PlanError as exc:
            with self._lock:
                self._dirty |= dirty  # tried again at the next change
            self._say(str(exc))
            return
        self._refresh_notes(dirty)
        self._notices()

    def _refresh_notes(self, fields: set[str]) -> None:
        try:
            progress_state, plan_state = self._states()
        except store.PlanError:
            return
        plans = model.load_plans(lang=self.lang)[0]
        for one in model.fields(self.plan):
            if one["id"] in fields:
                self._note(one, carry.value_of(one, self.plan["id"], progress_state, plan_state, plans, lang=self.lang))

    def _agency(self, change: Any) -> None:
        try:
            store.set_agency(str(change["new"]))
        except store.PlanError as exc:
            self._say(str(exc))

    def refresh(self, field_id: str) -> None:
        """«Hent svaret på nytt»: the field shows the exercise's answer again (the participant asked)."""
        try:
            store.forget_field(self.plan["id"], field_id)
        except store.PlanError as exc:
            self._say(str(exc))
            return
        with self._lock:
            self._dirty.discard(field_id)
        self.load()

    # --- checking and exporting ----------------------------------------------------------------
    def check(self) -> list[checks.Finding]:
        self.save()
        try:
            found = checks.run(self.plan, self.values(), self.lang)
        except store.PlanError as exc:
            self._say(str(exc))
            return []
        labels = {f["id"]: f["label"] for f in model.fields(self.plan)}
        from somekurs import sections

        items = []
        for finding in found:
            href = sections.href(finding.section, base=book_base(), lang=self.lang)
            more = f" {_esc('read_more', self.lang)} {_link(href, sections.heading(finding.section, self.lang))}." if href else ""
            items.append(
                f"<li><strong>{html.escape(labels.get(finding.field, finding.field))}:</strong> {html.escape(' '.join(finding.message.split()))}{more}</li>"
            )
        self.result.value = (
            f'<div class="sk-plan-widget" role="status"><p><strong>{html.escape(checks.summary(self.plan, found, self.lang))}</strong></p>'
            + (f"<ul>{''.join(items)}</ul>" if items else "")
            + "</div>"
        )
        return found

    def folder(self) -> Path:
        return (self.home or Path.home()) / EXPORT_FOLDER

    def export(self, kind: str) -> Path | None:
        """Write the document as Word (docx) or Markdown (md) and show a download link."""
        from somekurs.exercises import progress
        from somekurs.plan import export_docx, export_md

        self.check()
        try:
            progress_state, plan_state = self._states()
            if kind == "docx":
                data = export_docx.export(self.plan, progress_state=progress_state, plan_state=plan_state, lang=self.lang)
            else:
                text = export_md.export(self.plan, progress_state=progress_state, plan_state=plan_state, lang=self.lang)
                data = text.encode("utf-8")
            folder = self.folder()
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            path = folder / f"{self.plan['id']}.{kind}"
            path.write_bytes(data)
            path.chmod(0o600)
        except (OSError, store.PlanError, progress.ProgressError) as exc:
            reason = progress.reason(exc) if isinstance(exc, OSError) else str(exc)
            self._say(_say("not_saved_document", self.lang, reason=reason))
            return None
        encoded = base64.b64encode(data).decode("ascii")
        label = _say("word_file" if kind == "docx" else "markdown_file", self.lang)
        saved = _esc("file_saved", self.lang, file=label[:1].upper() + label[1:], path=str(path))
        self.links.value = (
            f'<div class="sk-plan-widget"><p>{saved} '
            f'<a download="{html.escape(path.name)}" href="data:{MIME[kind]};base64,{encoded}">'
            f"{_esc('download_file', self.lang, name=path.name)}</a></p></div>"
        )
        return path

    # --- messages ------------------------------------------------------------------------------
    def _say(self, text: str) -> None:
        self.notice.value = "".join(f'<p role="alert">{html.escape(line)}</p>' for line in text.splitlines() if line)

    def _notices(self) -> None:
        found = store.take_notices()
        if found:
            self._say("\n".join(found))


def overview_html(plans: list[model.Plan], states: tuple[dict[str, Any], dict[str, Any]] | None, lang: str = "nb") -> str:
    """«Vår plan» at a glance: each document, how much is filled in, and what the check says."""
    rows = []
    for plan in plans:
        if states is None:
            status = ""
        else:
            progress_state, plan_state = states
            all_plans = model.load_plans(lang=lang)[0]
            values = {
                f["id"]: carry.value_of(f, plan["id"], progress_state, plan_state, all_plans, lang=lang).value
                for f in model.fields(plan)
            }
            required = [f for f in model.fields(plan) if f.get("required")]
            filled = sum(1 for f in required if not model.is_empty(f, values[f["id"]]))
            found = len(checks.run(plan, values, lang))
            status = (
                _say("status_some", lang, filled=filled, required=len(required), found=found)
                if found
                else _say("status_ready", lang, filled=filled, required=len(required))
            )
        rows.append(f"<tr><td>{plan['number']}</td><td>{html.escape(plan['title'])}</td><td>{html.escape(status)}</td></tr>")
    head = "".join(f"<th scope='col'>{_esc(key, lang)}</th>" for key in ("head_number", "head_document", "head_status"))
    head = f"<tr>{head}</tr>"
    return f'<table class="sk-plan-oversikt"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table>'


# --- what a notebook cell shows ------------------------------------------------------------------


class PlanDisplay:
    """A live form in JupyterLab and the app, and a short note as its static twin (a saved notebook
    never carries what a participant wrote, and the book shows its own form)."""

    @staticmethod
    def make(children: list[Any], plain: str, lang: str = "nb") -> Any:
        from somekurs.dual import WidgetWithHtml
        from somekurs.exercises.html import message_html

        class _Display(WidgetWithHtml):
            def _repr_mimebundle_(self, **kwargs: object) -> dict[str, object]:
                bundle = super()._repr_mimebundle_(**kwargs)
                bundle["text/plain"] = plain
                return bundle

        return _Display(children, message_html(_say("static_note", lang)))


def _message(text: str, lang: str = "nb") -> Any:
    return PlanDisplay.make([widgets.HTML(f'<p role="note">{html.escape(text)}</p>')], text, lang)


def show(plan_id: str, lang: str | None = None) -> Any:
    """One document's form, in ``lang`` or the participant's own standard; an unknown or broken
    document becomes a message in that standard."""
    import difflib

    lang = editions.resolve(lang)
    try:
        plans, problems = model.load_plans(lang=lang)
        plan = plans.get(plan_id) if isinstance(plan_id, str) else None
        if plan is None:
            broken = [p for p in problems if p.item_id == plan_id]
            if broken:
                return _message(_say("broken_template", lang, id=plan_id, problem=broken[0]), lang)
            close = difflib.get_close_matches(str(plan_id), list(plans), n=2, cutoff=0.5)
            names = f" {_say('or_word', lang)} ".join(f"«{c}»" for c in close)
            hint = _say("did_you_mean", lang, names=names) if close else ""
            known = ", ".join(f"«{p}»" for p in plans)
            return _message(_say("not_found", lang, id=plan_id, hint=hint, known=known), lang)
        form = PlanForm(plan, lang=lang)
        result = PlanDisplay.make([form.box], _say("plain_title", lang, title=plan["title"]), lang)
        result.plan_form = form  # lets tests and instructors reach the form
        return result
    except Exception as exc:  # noqa: BLE001 - a participant must never see a traceback
        return _message(_say("form_failed", lang, error=f"{type(exc).__name__}: {exc}"), lang)


def show_all(lang: str | None = None) -> Any:
    """«Vår plan» at a glance: the seven documents and how far the participant has come (in
    ``lang``, or the participant's own standard)."""
    lang = editions.resolve(lang)
    try:
        plans = list(model.load_plans(lang=lang)[0].values())
        try:
            from somekurs.exercises import progress

            states: tuple[dict[str, Any], dict[str, Any]] | None = (progress.snapshot(), store.load())
            note = ""
        except (store.PlanError, OSError, ValueError, RuntimeError) as exc:
            states, note = None, f"<p role='alert'>{html.escape(str(exc))}</p>"
        box = widgets.HTML(
            f'{STYLE}<div class="sk-plan-widget" lang="{lang}"><p>{_esc("overview_intro", lang)}</p>'
            f"{overview_html(plans, states, lang)}{note}</div>",
            layout=WIDE,
        )
        return PlanDisplay.make([box], _say("plain_overview", lang), lang)
    except Exception as exc:  # noqa: BLE001 - see show()
        return _message(_say("overview_failed", lang, error=type(exc).__name__), lang)
