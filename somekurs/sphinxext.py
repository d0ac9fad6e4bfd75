"""Sphinx extension for the course book (loaded through ``sphinx.local_extensions``).

It does three things, all so that facts live in data files and the build catches mistakes:
- writes the data-driven pages (incident catalogue, glossary, answer key) before Sphinx reads
  the table of contents, rewriting a page only when its text changed (keeps the cache warm);
- adds the role ``{hendelse}`<id>``` that links an incident by id, with a warning (an error
  under ``-W``) for an unknown id;
- reports every broken data file as a warning that names the file, the item and the field.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from somekurs import DATA_DIR, answer_key, claims, data, frontend, norwegian, pages
from somekurs.bibcache import cache_pybtex_plugin_lookup
from somekurs.exercises.model import load_exercises

logger = logging.getLogger(__name__)

GENERATED = {
    "incidents": Path("book/hendelser.md"),
    "glossary": Path("book/ordliste.md"),
    "answer_key": Path("book/instruktor/fasit.md"),
    "changelog": Path("book/endringslogg.md"),
}


def write_if_changed(path: Path, text: str) -> None:
    """Write a generated page, leaving its mtime alone when nothing changed."""
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def toc_chapters(srcdir: Path) -> set[str]:
    """Theme slugs whose chapter is in the table of contents (only those may be linked)."""
    toc = (srcdir / "_toc.yml").read_text(encoding="utf-8")
    return {t["slug"] for t in data.load_themes() if f"book/{t['slug']}" in toc}


def generate_pages(app: Sphinx, config: Config) -> None:
    """Write the generated pages and remember the incidents for the role."""
    srcdir = Path(app.srcdir)
    themes = data.load_themes()
    incidents, problems = data.load_incidents()
    terms, glossary_problems = data.load_glossary()
    for problem in problems + glossary_problems:
        logger.warning("datafeil i data/%s/%s", problem.path.parent.name, problem)
    chapters = toc_chapters(srcdir)
    write_if_changed(srcdir / GENERATED["incidents"], pages.incident_catalogue(incidents, themes, chapters))
    write_if_changed(srcdir / GENERATED["glossary"], pages.glossary_page(terms))
    exercises, exercise_problems = load_exercises()
    for problem in exercise_problems:
        logger.warning("datafeil i data/%s/%s", problem.path.parent.name, problem)
    write_if_changed(srcdir / GENERATED["answer_key"], answer_key.answer_key_page(exercises, themes, chapters))
    write_if_changed(srcdir / GENERATED["changelog"], pages.changelog_page(data.load_changelog()))
    app.somekurs_incidents = incidents  # type: ignore[attr-defined]
    # Every .bib file under data/references/ is a source file; no list to keep in step.
    config.bibtex_bibfiles = sorted(str(p) for p in (DATA_DIR / "references").glob("*.bib"))


def hendelse_role(
    name: str, rawtext: str, text: str, lineno: int, inliner: Any, options: dict | None = None, content: list | None = None
):
    """Link to an incident in the catalogue, shown by its title."""
    incident_id = text.strip()
    incidents = inliner.document.settings.env.app.somekurs_incidents
    if incident_id not in incidents:
        message = inliner.reporter.warning(f"ukjent hendelse «{incident_id}» (finnes ikke i data/incidents/)", line=lineno)
        return [nodes.literal(rawtext, incident_id)], [message]
    title = incidents[incident_id]["title"]
    ref = addnodes.pending_xref(
        rawtext,
        nodes.inline(title, title),
        refdomain="std",
        reftype="ref",
        reftarget=f"hendelse-{incident_id}",
        refexplicit=True,
        refwarn=True,
    )
    return [ref], []


def sjekkes_role(
    name: str, rawtext: str, text: str, lineno: int, inliner: Any, options: dict | None = None, content: list | None = None
):
    """A claim that depends on a date still to come, with the date it must be checked again by.

    Shown to the reader as «(sjekkes igjen innen 1. mars 2027)»; once the date has passed, the
    build warns (an error under -W) and names the page, the line and the sentence.
    """
    check_by = claims.parse_check_by(text)
    if check_by is None:
        message = inliner.reporter.warning(f"{{sjekkes}} trenger en dato som 2027-03-01, ikke «{text}»", line=lineno)
        return [nodes.Text("")], [message]
    messages = []
    if check_by < claims.today():
        paragraph = inliner.parent.astext() if inliner.parent is not None else ""
        messages.append(
            inliner.reporter.warning(
                f"påstanden skulle vært sjekket innen {check_by.isoformat()}: «{' '.join(paragraph.split())[:200]}»", line=lineno
            )
        )
    shown = f"(sjekkes igjen innen {norwegian.date(check_by.isoformat())})"
    return [nodes.inline(rawtext, shown, classes=["sk-sjekkes"])], messages


class CheckedDirective(SphinxDirective):
    """«Sist kontrollert» at the end of a page, from data/checked.yaml, with a link to the
    Endringslogg when the log has entries for the page."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        docname = self.env.docname
        checked = data.load_checked()
        if docname not in checked:
            return [
                self.state.document.reporter.warning(
                    f"{docname} mangler i data/checked.yaml (datoen siden sist ble kontrollert)", line=self.lineno
                )
            ]
        para = nodes.paragraph()
        para += nodes.emphasis(text=f"Sist kontrollert: {norwegian.date(checked[docname])}.")
        if any(docname in entry.get("pages", []) for entry in data.load_changelog()):
            para += nodes.Text(" Se hva som er endret i ")
            ref = addnodes.pending_xref(
                "",
                nodes.inline("", "endringsloggen"),
                refdomain="std",
                reftype="ref",
                reftarget="endringslogg",
                refexplicit=True,
                refwarn=True,
            )
            para += ref
            para += nodes.Text(".")
        return [para]


class TestDirective(SphinxDirective):
    """``{kursprove}``: the course test (every module and the whole course) as one HTML block,
    written at build from the item bank in data/test-items/ (somekurs.assessment.static)."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        from somekurs.assessment import bank, static

        for path in sorted(bank.bank_dir().glob("*.yaml")):
            self.env.note_dependency(str(path))
        return [nodes.raw("", static.test_html(static.all_scopes()), format="html")]


def next_steps_markdown(slug: str, themes: list[dict[str, Any]], minutes: int | None) -> str:
    """«Neste steg» for a theme chapter: the workbook, the case studies, the next chapter.

    Written from data/themes.yaml and the exercise data, so every chapter links its workbook and
    its case studies without anyone editing twenty pages when a workbook or a case study moves.
    """
    order = [t["slug"] for t in themes]
    theme = themes[order.index(slug)]
    lines = ["", "(neste-steg-" + slug + ")=", "## Neste steg", ""]
    if minutes:
        lines.append(f"- **Øv:** {{doc}}`/exercises/{slug}` (omtrent {minutes} minutter).")
    for case in theme.get("case_studies") or []:
        lines.append(f"- **Casestudie:** {{doc}}`/notebooks/{case}`.")
    from somekurs.plan import sphinx as plan_pages

    lines += plan_pages.next_steps_lines(slug)  # «Lag din del av planen»: the documents of «Vår plan» for this theme
    if order.index(slug) + 1 < len(order):
        lines.append(f"- **Neste kapittel:** {{ref}}`kap-{order[order.index(slug) + 1]}`.")
    return "\n".join(lines) + "\n"


def add_next_steps(app: Sphinx, docname: str, source: list[str]) -> None:
    """Append «Neste steg» to each theme chapter as it is read (the page's own file is not changed)."""
    if not docname.startswith("book/"):
        return
    slug = docname.removeprefix("book/")
    themes = data.load_themes()
    if slug not in {t["slug"] for t in themes}:
        return
    from somekurs import workbook

    mine = [e for e in load_exercises()[0].values() if e["theme"] == slug]
    steps = next_steps_markdown(slug, themes, workbook.minutes(mine) if mine else None)
    text = source[0]
    at = text.rfind("\n## Kilder")  # before the chapter's list of sources, after its checklist
    source[0] = text[:at] + "\n" + steps + text[at:] if at >= 0 else text.rstrip() + "\n" + steps


def workbook_links_markdown(slug: str, themes: list[dict[str, Any]]) -> tuple[str, str]:
    """The way back from a workbook in the book: its chapter at the top; the chapter, its case
    studies and the next workbook at the end. MyST, so it exists only in the book: in JupyterLab
    and the app the workbook's live «Om arbeidsboka» cell links the chapter instead."""
    order = [t["slug"] for t in themes]
    theme = themes[order.index(slug)]
    top = f"Oppgavene hører til kapitlet {{doc}}`/book/{slug}`. Les det gjerne først."
    lines = ["(arbeidsbok-neste-" + slug + ")=", "## Neste steg", "", f"- **Tilbake til kapitlet:** {{doc}}`/book/{slug}`."]
    for case in theme.get("case_studies") or []:
        lines.append(f"- **Casestudie:** {{doc}}`/notebooks/{case}`.")
    if order.index(slug) + 1 < len(order):
        following = order[order.index(slug) + 1]
        lines.append(f"- **Neste arbeidsbok:** {{doc}}`/exercises/{following}`.")
    return top, "\n".join(lines) + "\n"


def add_workbook_links(app: Sphinx, docname: str, source: list[str]) -> None:
    """Add the chapter link and «Neste steg» to each workbook page as it is read (the notebook file
    is not changed: the cells are added to the JSON the book reads)."""
    if not docname.startswith("exercises/"):
        return
    slug = docname.removeprefix("exercises/")
    themes = data.load_themes()
    if slug not in {t["slug"] for t in themes}:
        return
    import json

    notebook = json.loads(source[0])
    top, end = workbook_links_markdown(slug, themes)
    cells = notebook["cells"]
    # The label case studies and chapters link to ({ref}`arbeidsbok-<slug>`); MyST, so only here.
    first = cells[0]["source"]
    cells[0]["source"] = f"(arbeidsbok-{slug})=\n" + ("".join(first) if isinstance(first, list) else first)
    cells.insert(1, {"cell_type": "markdown", "metadata": {}, "source": top, "id": f"{slug}-kapittel"})
    cells.append({"cell_type": "markdown", "metadata": {}, "source": end, "id": f"{slug}-neste-steg"})
    source[0] = json.dumps(notebook, ensure_ascii=False)


def fix_citation_roles(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    """docutils marks bibliography entries with the deprecated ARIA role doc-biblioentry
    inside a role=list container (axe: aria-deprecated-role, aria-required-children);
    a plain list item is what a screen reader expects there."""
    if "body" in context and "doc-biblioentry" in context["body"]:
        context["body"] = context["body"].replace('role="doc-biblioentry"', 'role="listitem"')


def setup(app: Sphinx) -> dict[str, Any]:
    cache_pybtex_plugin_lookup()  # a clean build was two thirds pybtex plugin lookups
    app.connect("doctree-resolved", frontend.label_checklist_boxes)
    frontend.setup(app)  # the HTML front end: page assets, search strings, start page, case studies
    app.connect("source-read", add_next_steps)
    app.connect("source-read", add_workbook_links)
    app.connect("html-page-context", fix_citation_roles)
    from somekurs.plan import sphinx as plan_pages

    plan_pages.setup(app)  # «Vår plan»: the {plan-skjema} directive and its data problems
    # Before sphinx-external-toc reads _toc.yml (priority 900), so generated pages exist.
    app.connect("config-inited", generate_pages, priority=100)
    app.add_role("hendelse", hendelse_role)
    app.add_role("sjekkes", sjekkes_role)
    app.add_directive("kontrollert", CheckedDirective)
    app.add_directive("kursprove", TestDirective)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
