"""A document of «Vår plan» as a Word file (DOCX, made with python-docx), the format agencies use.

Headings are Word's own heading styles (the navigation pane and a table of contents find them),
lists are bulleted lists, tables are real tables with a header row that repeats on each page, and
the sources come as a list at the end. Every piece of participant text goes in as a text run, so
nothing they typed can become markup. The file's properties carry the title and the language
(the participant's standard, nb-NO or nn-NO, so Word checks the spelling in that standard); the
author is the agency's name if the participant typed one, never their own name or the user account's.
"""

from __future__ import annotations

import io
from datetime import UTC, date, datetime
from typing import Any

from somekurs import editions, texts
from somekurs.plan import model
from somekurs.plan.document import Block, Document, build

LANGUAGES = {"nb": "nb-NO", "nn": "nn-NO"}  # Word's language tags of the two standards
LANGUAGE = LANGUAGES["nb"]


def _language(document: Any, language: str = LANGUAGE) -> None:
    """Set the standard as the proofing language of the default style."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        return
    run = defaults.find(qn("w:rPrDefault"))
    if run is None:
        run = OxmlElement("w:rPrDefault")
        defaults.append(run)
    properties = run.find(qn("w:rPr"))
    if properties is None:
        properties = OxmlElement("w:rPr")
        run.append(properties)
    lang = properties.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        properties.append(lang)
    for name in ("w:val", "w:eastAsia", "w:bidi"):
        lang.set(qn(name), language)


def _repeat_header(row: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _table(document: Any, block: Block) -> None:
    if block.caption:
        caption = document.add_paragraph()
        caption.add_run(block.caption).bold = True
    table = document.add_table(rows=1, cols=len(block.header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, block.header, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
    _repeat_header(table.rows[0])
    for values in block.rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, values, strict=True):
            cell.text = text
    document.add_paragraph()


def _paragraphs(document: Any, text: str, italic: bool = False) -> None:
    for piece in [p for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()] or [""]:
        paragraph = document.add_paragraph()
        lines = piece.strip("\n").split("\n")
        for n, line in enumerate(lines):
            run = paragraph.add_run(line)
            run.italic = italic
            if n < len(lines) - 1:
                run.add_break()


def render(doc: Document, lang: str = "nb") -> bytes:
    """The Word file's bytes; ``lang`` is the document's standard (headings, properties, proofing)."""
    import docx

    language = LANGUAGES[editions.checked(lang)]
    document = docx.Document()
    _language(document, language)
    for block in doc.blocks:
        if block.kind == "title":
            document.add_heading(block.text, level=0)
        elif block.kind == "h1":
            document.add_heading(block.text, level=1)
        elif block.kind == "h2":
            document.add_heading(block.text, level=2)
        elif block.kind in {"note", "empty"}:
            _paragraphs(document, block.text, italic=True)
        elif block.kind == "list":
            for item in block.items:
                document.add_paragraph(item, style="List Bullet")
        elif block.kind == "table":
            _table(document, block)
        else:
            _paragraphs(document, block.text)
    if doc.sources:
        document.add_heading(texts.say("plan", "sources", lang), level=1)
        for line in doc.sources:
            document.add_paragraph(line, style="List Number")
    properties = document.core_properties
    properties.title = doc.full_title
    properties.subject = texts.say("plan", "docx_subject", lang, course=texts.say("plan", "course", lang))
    properties.author = doc.agency
    properties.last_modified_by = ""
    properties.comments = ""
    properties.keywords = texts.say("plan", "docx_keywords", lang)
    properties.language = language
    now = datetime.now(UTC).replace(microsecond=0, tzinfo=None)
    properties.created = now
    properties.modified = now
    properties.revision = 1
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def export(plan: model.Plan, *, made_on: date | None = None, lang: str = "nb", **states: Any) -> bytes:
    """The participant's document as DOCX bytes (their own files, unless states are given), in the
    standard ``lang`` (``plan`` being that standard's template)."""
    return render(build(plan, made_on=made_on, lang=lang, **states), lang)
