"""Where a chapter section is, by its label: feedback links the section that teaches the point.

A section is labelled in its chapter with a MyST target line before the heading, e.g.
``(moderering-skjule-slette)=``. Exercises name the label in ``section:``; this module finds which
page holds it, so feedback can link ``book/moderering.html#moderering-skjule-slette``, and the tests
can fail on a label that does not exist.

A nynorsk page (``nn/book/<slug>.md``) keeps every label of its bokmål twin, so ``lang="nn"`` finds
the same page and gives its nynorsk heading (the bokmål one while the twin is missing).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from somekurs import PROJECT_ROOT, editions, filecache

LABEL = re.compile(r"^\((?P<label>[A-Za-z0-9_-]+)\)=\s*$")


@lru_cache(maxsize=4)
def _index(root: Path, stamp: filecache.Stamp) -> dict[str, tuple[str, str]]:
    found: dict[str, tuple[str, str]] = {}
    for name, _ in stamp:
        path = Path(name)
        lines = path.read_text(encoding="utf-8").splitlines()
        docname = str(path.relative_to(root).with_suffix(""))
        for n, line in enumerate(lines):
            match = LABEL.match(line.strip())
            if not match:
                continue
            heading = next((ln.lstrip("#").strip() for ln in lines[n + 1 : n + 4] if ln.startswith("#")), "")
            found[match.group("label")] = (docname, heading)
    return found


def index(root: Path = PROJECT_ROOT, lang: str = "nb") -> dict[str, tuple[str, str]]:
    """label → (docname, heading) for every labelled section in book/ (nn: in nn/book/, else book/)."""
    found = _index(root, filecache.stamp(sorted((root / "book").rglob("*.md"))))
    if editions.checked(lang) == editions.DEFAULT:
        return found
    twins = root / "nn"
    return {**found, **_index(twins, filecache.stamp(sorted((twins / "book").rglob("*.md"))))}


def href(label: str, base: str = "../", ext: str = ".html", lang: str = "nb") -> str | None:
    """The link to a labelled section, relative to ``base`` (the book's root), or None if unknown.
    The nynorsk book has the same paths under its own root, so only ``base`` differs."""
    where = index(lang=lang).get(label)
    if where is None:
        return None
    docname, _ = where
    return f"{base}{docname}{ext}" if label.startswith("kap-") else f"{base}{docname}{ext}#{label}"


def heading(label: str, lang: str = "nb") -> str:
    """The section's heading (the label itself when it is unknown)."""
    where = index(lang=lang).get(label)
    return where[1] if where and where[1] else label
