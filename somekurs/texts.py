"""The interface strings in both written standards: ``data/texts/nb.yaml`` and ``data/texts/nn.yaml``.

Every sentence the engine says to a participant or a reader (a judge's summary, a button, a
notice, the start page, the workbook's headings) is data, so the nynorsk edition is a translation
of one file and never a change to code. One file per standard, not one per module or kind: a
translator sees the whole interface at once and keeps one wording for the same thing («Sjekk
svaret» in every message), and a test compares the two files key by key and placeholder by
placeholder (``tests/test_texts.py``).

A file has sections (``common``, ``view``, one per exercise kind, ``handin`` …), each a mapping of
keys to strings; ``{name}`` marks a value filled in when the string is used. The files are read
once per change (cached on their modification time) and validated against
``somekurs/schemas/texts.schema.json``; a broken file raises, because a missing button label is
a broken package, not a broken exercise.
"""

from __future__ import annotations

import re
import string
from functools import lru_cache
from html import escape
from pathlib import Path
from typing import Any

from somekurs import DATA_DIR, filecache
from somekurs.editions import checked

TEXTS_DIR = DATA_DIR / "texts"
PLACEHOLDER = re.compile(r"\{(\w*)\}")

Table = dict[str, dict[str, str]]


class TextsError(ValueError):
    """The interface strings cannot be used; the message names the file and what is wrong."""


def path(lang: str) -> Path:
    return TEXTS_DIR / f"{checked(lang)}.yaml"


@lru_cache(maxsize=4)
def _load(file: Path, _stamp: filecache.Stamp) -> Table:
    from somekurs import data, yamlio

    value, reason = yamlio.read(file)
    if reason:
        raise TextsError(f"{file.name}: {reason}")
    odd = [
        f"{name}.{key!r}"
        for name, entries in (value or {}).items()
        if isinstance(entries, dict)
        for key in entries
        if not isinstance(key, str)
    ]
    if odd:  # YAML reads a bare ``yes:`` or ``no:`` as a boolean: that key could never be found
        raise TextsError(
            f"{file.name}: nøkler som ikke er tekst (sett dem i anførselstegn eller gi dem et annet navn): {', '.join(odd)}"
        )
    problems = data.schema_problems("texts", value, file)
    if problems:
        raise TextsError("\n".join(str(p) for p in problems))
    return {name: dict(entries) for name, entries in value.items()}


def table(lang: str) -> Table:
    """Every section of one standard's strings."""
    return load_table(path(lang))


def load_table(file: Path) -> Table:
    """Another file of the same form (sections of keys to strings), read and validated the same way:
    the words of the case-study tables, ``data/case-tables.yaml`` and its nynorsk twin."""
    return _load(file, filecache.stamp([file]))


def section(name: str, lang: str) -> dict[str, str]:
    """One section (a kind's sentences, the start page's …); empty when the file has none."""
    return table(lang).get(name, {})


def get(name: str, key: str, lang: str) -> str:
    """One string as written (placeholders not filled)."""
    try:
        return table(lang)[name][key]
    except KeyError:
        raise TextsError(f"{path(lang).name}: mangler {name}.{key}") from None


def say(name: str, key: str, lang: str, /, **values: Any) -> str:
    """One string with its ``{placeholders}`` filled."""
    return get(name, key, lang).format(**values)


def markup(name: str, key: str, lang: str, /, **html_values: str) -> str:
    """One string as HTML: its own text escaped, the values inserted as they are (they are markup
    made by the caller, each escaped where it was made: a link, a strong title)."""
    return escape(get(name, key, lang), quote=False).format(**html_values)


def placeholders(text: str) -> set[str]:
    """The names of the ``{placeholders}`` in one string."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
