"""A document of «Vår plan» as Markdown (for the agency's wiki, intranet or a text editor).

Participant text is escaped so that it stays text: no HTML tag can form (``<`` and ``&`` are
escaped), and no Markdown is started by it (``*``, ``_``, ``[``, `` ` ``, ``|`` and the rest are
backslash-escaped; so is a ``#``, ``-``, ``+``, ``=`` or ``1.`` at the start of a line). The static
book's script escapes the same way (``static/plan.js``, ``md``); a browser test compares the two.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from somekurs import texts
from somekurs.plan import model
from somekurs.plan.document import Block, Document, build

_ALWAYS = re.compile(r"([\\`*_\[\]{}<>|&~])")
_LINE_START = re.compile(r"^(\s*)([#+=-]|\d+[.)])")


def md(text: str) -> str:
    """Participant (or template) text as Markdown that shows exactly that text."""
    lines = []
    for line in str(text).replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = _ALWAYS.sub(r"\\\1", line.strip())
        line = _LINE_START.sub(lambda m: m.group(1) + (m.group(2)[:-1] + "\\" + m.group(2)[-1]), line)
        lines.append(line)
    return "\n".join(lines)


def _cell(text: str) -> str:
    return md(" ".join(str(text).split())) or " "


def block_markdown(block: Block) -> str:
    if block.kind == "title":
        return f"# {md(block.text)}"
    if block.kind == "h1":
        return f"## {md(block.text)}"
    if block.kind == "h2":
        return f"### {md(block.text)}"
    if block.kind in {"note", "empty"}:
        return f"*{md(block.text)}*"
    if block.kind == "list":
        return "\n".join(f"- {md(item)}" for item in block.items)
    if block.kind == "table":
        lines = []
        if block.caption:
            lines += [f"**{md(block.caption)}**", ""]
        lines.append("| " + " | ".join(_cell(h) for h in block.header) + " |")
        lines.append("|" + "|".join("---" for _ in block.header) + "|")
        lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in block.rows]
        return "\n".join(lines)
    # a paragraph: blank lines the participant typed stay paragraph breaks
    paragraphs = [p for p in re.split(r"\n\s*\n", block.text.strip()) if p.strip()]
    return "\n\n".join(md(p) for p in paragraphs)


def source_markdown(line: str) -> str:
    """A source line from the course's data, its address as a link (not escaped, so it stays usable)."""
    text, _, url = line.rpartition(" ")
    if url.startswith(("https://", "http://")) and not re.search(r"[\s<>]", url):
        return f"{md(text)} <{url}>"
    return md(line)


def render(document: Document, lang: str = "nb") -> str:
    """The blocks as Markdown; ``lang`` is the standard of the document (the heading «Kilder»)."""
    parts = [block_markdown(b) for b in document.blocks]
    if document.sources:
        parts.append(f"## {md(texts.say('plan', 'sources', lang))}")
        parts.append("\n".join(f"- {source_markdown(line)}" for line in document.sources))
    return "\n\n".join(parts).rstrip() + "\n"


def export(plan: model.Plan, *, made_on: date | None = None, lang: str = "nb", **states: Any) -> str:
    """The participant's document as Markdown (their own files, unless ``progress_state`` and
    ``plan_state`` are given), in the standard ``lang`` (``plan`` being that standard's template)."""
    return render(build(plan, made_on=made_on, lang=lang, **states), lang)
