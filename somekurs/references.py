"""The bibliography in both written standards: ``data/references/*.bib`` and its nynorsk notes.

A bib entry holds two kinds of text. The title, the author and the address are the source's own,
so they are the same in both editions. The ``note`` («Publisert 2025. Lest 25.11.2026.») and the
``howpublished`` line («tljh.jupyter.org (offisiell dokumentasjon)») are ours, so a nynorsk page
must not show them in bokmål. Their nynorsk text lives in ``data/nn/references/<file>.yaml``:
one item per citation key, with only those fields and the ``kjelde_versjon`` of the bokmål
fields it was made from (:mod:`somekurs.editions` treats a ``.bib`` file as the bokmål source of
its twin, so the drift gate and ``python -m somekurs.editions stamp`` work as for other data).
A fix to a title or an address in bokmål therefore does not make the nynorsk twin stale.

The nynorsk build reads the bokmål ``.bib`` files with those two fields swapped
(:func:`write_nn_bibfiles`); an entry without a twin keeps its bokmål note, and that is recorded
as a fallback (:func:`somekurs.editions.fallback`), never silent.

One small parser serves every reader of the bib files here (the exercises' source lines, the
plan document, the build), so they cannot disagree about what an entry says.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from somekurs import DATA_DIR

# The fields that are our words, not the source's: translated in the nynorsk edition.
TRANSLATED = ("note", "howpublished")

ENTRY = re.compile(r"@\w+\s*\{\s*([^,\s]+)\s*,(.*?)(?=\n@|\Z)", re.S)
# A field's value in braces, with one level of inner braces («{{NTB}}»).
FIELD = re.compile(r"\b([a-z_]+)\s*=\s*\{((?:[^{}]|\{[^{}]*\})*)\}", re.S)


def clean(value: str) -> str:
    """A field's text as a reader sees it: braces gone, white space collapsed."""
    return " ".join(value.replace("{", "").replace("}", "").split())


def parse(text: str) -> dict[str, dict[str, str]]:
    """The entries of one .bib text by key, each field cleaned."""
    return {m.group(1).strip(): {name: clean(value) for name, value in FIELD.findall(m.group(2))} for m in ENTRY.finditer(text)}


def bib_files(data_dir: Path = DATA_DIR) -> list[Path]:
    """Every bokmål bibliography file (each is a source of the books and has a nynorsk twin)."""
    return sorted((data_dir / "references").glob("*.bib"))


def entries(data_dir: Path = DATA_DIR) -> dict[str, dict[str, str]]:
    """All entries of all .bib files by key."""
    found: dict[str, dict[str, str]] = {}
    for path in bib_files(data_dir):
        found.update(parse(path.read_text(encoding="utf-8")))
    return found


def translatable_items(path: Path) -> list[dict[str, Any]]:
    """A .bib file as the data items its twin translates: ``id`` (the key) and the fields in
    :data:`TRANSLATED` the entry has, in file order."""
    items = []
    for key, fields in parse(path.read_text(encoding="utf-8")).items():
        items.append({"id": key, **{name: fields[name] for name in TRANSLATED if name in fields}})
    return items


def twin_path(bib: Path) -> Path:
    """``data/references/krise.bib`` → ``data/nn/references/krise.yaml``."""
    return bib.parent.parent / "nn" / "references" / f"{bib.stem}.yaml"


def _bib_value(text: str) -> str:
    """A field value written back into a .bib file: braces and backslashes are not allowed in ours."""
    return text.replace("\\", "").replace("{", "(").replace("}", ")")


def _swap(entry_body: str, fields: dict[str, str]) -> str:
    """An entry's body with the translated fields' values replaced (other fields byte for byte)."""

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in fields:
            return match.group(0)
        return f"{name} = {{{_bib_value(fields[name])}}}"

    return FIELD.sub(replace, entry_body)


def nn_text(bib: Path) -> str:
    """The .bib file as the nynorsk build reads it: each entry's note and howpublished from the
    twin; an entry (or a whole file) without a twin keeps bokmål, recorded as a fallback."""
    from somekurs import editions, yamlio

    text = bib.read_text(encoding="utf-8")
    twin = twin_path(bib)
    label = editions.shown(twin)
    if not twin.exists():
        editions.fallback(f"{label} manglar (viser notane på bokmål)")
        return text
    loaded = yamlio.parse(twin.read_text(encoding="utf-8")) or []
    by_key = {str(item["id"]): item for item in loaded if isinstance(item, dict) and "id" in item}

    def entry(match: re.Match[str]) -> str:
        key = match.group(1).strip()
        item = by_key.get(key)
        if item is None:
            editions.fallback(f"{label}: {key} manglar på nynorsk (viser notane på bokmål)")
            return match.group(0)
        fields = {name: str(item[name]) for name in TRANSLATED if name in item}
        start = match.start(2) - match.start(0)
        whole = match.group(0)
        return whole[:start] + _swap(match.group(2), fields) + whole[start + len(match.group(2)) :]

    return ENTRY.sub(entry, text)


def write_nn_bibfiles(target: Path, data_dir: Path = DATA_DIR) -> list[Path]:
    """Write the nynorsk .bib files into ``target`` (rewritten only when their text changed, so
    the build's caches stay warm) and return their paths, for ``bibtex_bibfiles``."""
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for bib in bib_files(data_dir):
        out = target / bib.name
        text = nn_text(bib)
        if not out.exists() or out.read_text(encoding="utf-8") != text:
            out.write_text(text, encoding="utf-8")
        written.append(out)
    for stale in set(target.glob("*.bib")) - set(written):
        stale.unlink()
    return written
