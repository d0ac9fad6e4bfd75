"""Sphinx extension for the course book (loaded through ``sphinx.local_extensions``).

It does three things, all so that facts live in data files and the build catches mistakes:
- writes the data-driven pages (incident catalogue, glossary, answer key) before Sphinx reads
  the table of contents, rewriting a page only when its text changed (keeps the cache warm);
- adds the role ``{hendelse}`<id>``` that links an incident by id, with a warning (an error
  under ``-W``) for an unknown id;
- reports every broken data file as a warning that names the file, the item and the field.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from somekurs import DATA_DIR, answer_key, claims, data, norwegian, pages
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


def label_checklist_boxes(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Give each checklist checkbox (MyST task list) the item's text as its accessible name.

    MyST renders ``- [ ] tekst`` as a bare, disabled checkbox, which a screen reader announces
    as an unlabelled control (axe rule ``label``). The box becomes a working checkbox named by
    its item, so a reader can tick off the checklist while reading.
    """
    for raw in list(doctree.findall(nodes.raw)):
        if "task-list-item-checkbox" not in raw.astext() or raw.parent is None:
            continue
        text = " ".join(raw.parent.astext().split())
        checked = " checked" if "checked" in raw.astext() else ""
        replacement = nodes.raw(
            "",
            f'<input class="task-list-item-checkbox" type="checkbox" aria-label="{html.escape(text)}"{checked}>',
            format="html",
        )
        raw.replace_self(replacement)


def fix_citation_roles(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    """docutils marks bibliography entries with the deprecated ARIA role doc-biblioentry
    inside a role=list container (axe: aria-deprecated-role, aria-required-children);
    a plain list item is what a screen reader expects there."""
    if "body" in context and "doc-biblioentry" in context["body"]:
        context["body"] = context["body"].replace('role="doc-biblioentry"', 'role="listitem"')


def setup(app: Sphinx) -> dict[str, Any]:
    cache_pybtex_plugin_lookup()  # a clean build was two thirds pybtex plugin lookups
    app.connect("doctree-resolved", label_checklist_boxes)
    app.connect("html-page-context", fix_citation_roles)
    # Before sphinx-external-toc reads _toc.yml (priority 900), so generated pages exist.
    app.connect("config-inited", generate_pages, priority=100)
    app.add_role("hendelse", hendelse_role)
    app.add_role("sjekkes", sjekkes_role)
    app.add_directive("kontrollert", CheckedDirective)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
