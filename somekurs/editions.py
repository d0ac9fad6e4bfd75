"""The two written standards: where a nynorsk twin lives and which bokmål version it was made from.

The course is written in bokmål and translated into nynorsk from the same repository. Each
translated page or data item records the version of its bokmål source (a short hash of it), so a
test can fail when the bokmål has changed since, and name what must be updated.

- A page ``book/arkiv.md`` has its twin at ``nn/book/arkiv.md`` (front matter ``kjelde`` and
  ``kjelde_versjon``); a notebook keeps the same two keys in its metadata.
- A data file ``data/exercises/arkiv.yaml`` has its twin at ``data/nn/exercises/arkiv.yaml``: the
  same items with the same ids and structure, the text in nynorsk, and ``kjelde_versjon`` on each
  item (the version of the bokmål item with that id).

The participant's standard (:func:`current`) is their own choice, kept in the progress file like
the nickname (``maalform("nn")`` in a workbook, or «Bokmål | Nynorsk» on the start page); before
they choose, a hub that runs a nynorsk class sets ``SOMEKURS_MAALFORM=nn``; else bokmål. Code that
produces text takes an explicit ``lang`` (the book build asks for nn without any participant
state); only the participant's own entry points (a workbook cell, the start page, the hand-in)
fall back to :func:`current`.

``python -m somekurs.editions stamp <nn file>...`` writes the versions after a translation;
``python -m somekurs.editions stale`` lists every twin whose source has changed, or is missing.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path
from typing import Any

from somekurs import PROJECT_ROOT

EDITIONS = ("nb", "nn")
DEFAULT = "nb"
ENV_VAR = "SOMEKURS_MAALFORM"
NAMES = {"nb": "bokmål", "nn": "nynorsk"}
# What a participant or an administrator may write for a standard (case and accents ignored).
_ALIASES = {"nb": "nb", "bokmal": "nb", "bokmål": "nb", "nob": "nb", "nn": "nn", "nynorsk": "nn", "nno": "nn"}
NN_PAGES = PROJECT_ROOT / "nn"
NN_DATA = PROJECT_ROOT / "data" / "nn"
VERSION_KEY = "kjelde_versjon"
SOURCE_KEY = "kjelde"
FRONT_MATTER = re.compile(r"\A---\n(?P<body>.*?)\n---\n", re.S)


def normalise(value: object) -> str | None:
    """«nn», «Nynorsk», «bokmål» … → the edition's code; None for anything else."""
    return _ALIASES.get(str(value or "").strip().lower()) if isinstance(value, str) else None


def checked(lang: str) -> str:
    """The code of a standard a caller names; an unknown one raises (a typo must not quietly give bokmål)."""
    found = normalise(lang)
    if found is None:
        raise ValueError(f"ukjend målform «{lang}» (bruk nb eller nn)")
    return found


def hub_default() -> str:
    """The standard before a participant has chosen: $SOMEKURS_MAALFORM (a nynorsk class), else bokmål."""
    import os

    return normalise(os.environ.get(ENV_VAR, "")) or DEFAULT


def current() -> str:
    """The participant's standard: their own choice, else the hub's default. Never raises: a progress
    file that cannot be read gives the default (the file's own problem is reported where it is saved)."""
    from somekurs.exercises import progress

    try:
        return normalise(progress.maalform()) or hub_default()
    except (progress.ProgressError, OSError):
        return hub_default()


def choose(lang: str) -> str:
    """Remember the participant's standard in their progress file; returns the code stored."""
    from somekurs.exercises import progress

    return progress.set_maalform(checked(lang))


def resolve(lang: str | None) -> str:
    """An explicit standard, checked; None means the participant's own (:func:`current`)."""
    return current() if lang is None else checked(lang)


def twin_folder(folder: Path) -> Path:
    """The nynorsk twin of a data folder: ``data/exercises`` → ``data/nn/exercises`` (the same rule for a
    test's fixtures: ``tests/fixtures/exercises`` → ``tests/fixtures/nn/exercises``)."""
    return folder.parent / "nn" / folder.name


def twin_file(path: Path) -> Path:
    """``data/themes.yaml`` → ``data/nn/themes.yaml``; ``data/exercises/arkiv.yaml`` → ``data/nn/exercises/arkiv.yaml``."""
    if path.parent.name in DATA_FOLDERS:
        return twin_folder(path.parent) / path.name
    return path.parent / "nn" / path.name


# The data folders with reader text (their files have twins under data/nn/ with the same names).
DATA_FOLDERS = {"exercises", "test-items", "incidents", "glossary", "plans"}


def without_stamp(item: dict[str, Any]) -> dict[str, Any]:
    """An nn item as the engine uses it: the recorded bokmål version taken off."""
    return {k: v for k, v in item.items() if k != VERSION_KEY}


def shown(path: Path) -> str:
    """A path as a message names it: relative to the project when it is inside it."""
    try:
        return path.resolve().relative_to(PROJECT_ROOT).as_posix()
    except ValueError:
        return str(path)


_FALLBACKS: set[str] = set()


def fallback(message: str) -> None:
    """Record that an nn loader showed bokmål because a twin is missing (or broken): the participant
    still gets the item, and ``python -m somekurs.editions stale`` and the drift test say what to write."""
    _FALLBACKS.add(message)


def fallbacks() -> list[str]:
    """Every fallback to bokmål the loaders have made in this process (Norwegian, one per item or file)."""
    return sorted(_FALLBACKS)


def merge_items(
    nb_items: dict[str, dict[str, Any]], nn_items: dict[str, dict[str, Any]], label: str
) -> dict[str, dict[str, Any]]:
    """The nn edition of a set of items by id, in bokmål order: each nn twin, or the bokmål item
    (recorded as a fallback) where the twin is missing."""
    merged: dict[str, dict[str, Any]] = {}
    for item_id, item in nb_items.items():
        twin = nn_items.get(item_id)
        if twin is None:
            fallback(f"{label}: {item_id} manglar på nynorsk (viser bokmål)")
            merged[item_id] = item
        else:
            merged[item_id] = without_stamp(twin)
    return merged


def file_version(path: Path) -> str:
    """A short hash of a bokmål source file's bytes: any change to the file changes it."""
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]


def item_version(item: dict[str, Any]) -> str:
    """A short hash of one bokmål data item (canonical JSON; the loader's own ``file`` key left out)."""
    public = {k: v for k, v in item.items() if k not in {"file", VERSION_KEY}}
    text = json.dumps(public, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def page_twin(nb_page: Path) -> Path:
    """``book/arkiv.md`` → ``nn/book/arkiv.md`` (paths relative to the project or absolute)."""
    relative = nb_page.resolve().relative_to(PROJECT_ROOT) if nb_page.is_absolute() else nb_page
    return NN_PAGES / relative


def data_twin(nb_file: Path) -> Path:
    """``data/exercises/arkiv.yaml`` → ``data/nn/exercises/arkiv.yaml``."""
    relative = (nb_file.resolve() if nb_file.is_absolute() else PROJECT_ROOT / nb_file).relative_to(PROJECT_ROOT / "data")
    return NN_DATA / relative


def page_source(nn_page: Path) -> Path:
    """The bokmål page an nn page was translated from."""
    return PROJECT_ROOT / nn_page.resolve().relative_to(NN_PAGES.resolve())


def data_source(nn_file: Path) -> Path:
    return PROJECT_ROOT / "data" / nn_file.resolve().relative_to(NN_DATA.resolve())


def _stamp_markdown(nn_page: Path, source: Path) -> None:
    text = nn_page.read_text(encoding="utf-8")
    relative = source.relative_to(PROJECT_ROOT).as_posix()
    lines = [f"{SOURCE_KEY}: {relative}", f"{VERSION_KEY}: {file_version(source)}"]
    match = FRONT_MATTER.match(text)
    if match:
        kept = [ln for ln in match.group("body").splitlines() if not ln.startswith((SOURCE_KEY + ":", VERSION_KEY + ":"))]
        text = "---\n" + "\n".join(kept + lines) + "\n---\n" + text[match.end() :]
    else:
        text = "---\n" + "\n".join(lines) + "\n---\n" + text
    nn_page.write_text(text, encoding="utf-8")


def _stamp_notebook(nn_page: Path, source: Path) -> None:
    import nbformat

    nb = nbformat.read(nn_page, as_version=4)
    nb.metadata[SOURCE_KEY] = source.relative_to(PROJECT_ROOT).as_posix()
    nb.metadata[VERSION_KEY] = file_version(source)
    nbformat.write(nb, nn_page)


def _items_with_ids(value: Any) -> dict[str, dict[str, Any]] | None:
    """The items of a data file by id: a list of items with ids, or one item (an incident, a plan);
    None for files whose items have no id (glossary, themes, changelog: versioned as a whole)."""
    if isinstance(value, dict) and isinstance(value.get("id"), str):
        return {value["id"]: value}
    if isinstance(value, list) and value and all(isinstance(i, dict) and isinstance(i.get("id"), str) for i in value):
        return {i["id"]: i for i in value}
    return None


FILE_VERSION_LINE = re.compile(rf"^# {VERSION_KEY}: (\S+)$", re.M)


def _stamp_data(nn_file: Path, source: Path) -> None:
    """Record the bokmål version in an nn data file, rewritten in place with its text kept.

    Files of items with ids get ``kjelde_versjon`` on each item (the version of the bokmål item
    with that id); other files get one comment line at the top with the whole file's version.
    """
    from somekurs import yamlio

    by_id = _items_with_ids(yamlio.parse(source.read_text(encoding="utf-8")))
    lines = nn_file.read_text(encoding="utf-8").splitlines()
    out: list[str] = []
    if by_id is None:
        out = [f"# {VERSION_KEY}: {file_version(source)}"] + [ln for ln in lines if not FILE_VERSION_LINE.match(ln)]
    single = by_id is not None and len(by_id) == 1 and not any(ln.startswith("- id:") for ln in lines)
    for line in lines if by_id is not None else []:
        if re.match(rf"^\s*{VERSION_KEY}:", line) and not line.startswith("    "):
            continue  # written again below, after the item's id
        out.append(line)
        top = re.match(r"^id:\s*(?P<id>\S+)\s*$", line) if single else re.match(r"^- id:\s*(?P<id>\S+)\s*$", line)
        if top and top.group("id") in by_id:  # type: ignore[operator]
            pad = "" if single else "  "
            # Quoted: a hash of digits only would otherwise be read back as a number.
            out.append(f'{pad}{VERSION_KEY}: "{item_version(by_id[top.group("id")])}"')  # type: ignore[index]
    nn_file.write_text("\n".join(out) + "\n", encoding="utf-8")


def stamp(nn_path: Path) -> None:
    """Record in an nn twin which bokmål version it was made from."""
    nn_path = nn_path.resolve()
    if NN_DATA.resolve() in nn_path.parents:
        _stamp_data(nn_path, data_source(nn_path))
    elif nn_path.suffix == ".ipynb":
        _stamp_notebook(nn_path, page_source(nn_path))
    else:
        _stamp_markdown(nn_path, page_source(nn_path))


def recorded_page_version(nn_page: Path) -> str | None:
    if nn_page.suffix == ".ipynb":
        return json.loads(nn_page.read_text(encoding="utf-8")).get("metadata", {}).get(VERSION_KEY)
    match = FRONT_MATTER.match(nn_page.read_text(encoding="utf-8"))
    found = re.search(rf"^{VERSION_KEY}:\s*(\S+)", match.group("body"), re.M) if match else None
    return found.group(1) if found else None


def stale_pages(nb_pages: list[Path]) -> list[str]:
    """Every bokmål page whose nynorsk twin is missing or was made from an older version."""
    problems = []
    for page in nb_pages:
        twin = page_twin(page)
        if not twin.exists():
            problems.append(f"{twin.relative_to(PROJECT_ROOT)} manglar (omsetjing av {page.relative_to(PROJECT_ROOT)})")
        elif recorded_page_version(twin) != file_version(page):
            problems.append(f"{twin.relative_to(PROJECT_ROOT)} er laga frå ein eldre versjon av {page.relative_to(PROJECT_ROOT)}")
    return problems


def stale_items(nb_file: Path) -> list[str]:
    """Every item in a bokmål data file whose nynorsk twin is missing or older."""
    from somekurs import yamlio

    twin = data_twin(nb_file)
    label = twin.relative_to(PROJECT_ROOT)
    if not twin.exists():
        return [f"{label} manglar (omsetjing av {nb_file.relative_to(PROJECT_ROOT)})"]
    nb_items = _items_with_ids(yamlio.parse(nb_file.read_text(encoding="utf-8")))
    text = twin.read_text(encoding="utf-8")
    if nb_items is None:
        found = FILE_VERSION_LINE.search(text)
        return [] if found and found.group(1) == file_version(nb_file) else [f"{label} er laga frå ein eldre versjon"]
    nn_items = _items_with_ids(yamlio.parse(text)) or {}
    problems = []
    for item_id, item in nb_items.items():
        other = nn_items.get(item_id)
        if other is None:
            problems.append(f"{label}: {item_id} manglar")
        elif str(other.get(VERSION_KEY)) != item_version(item):
            problems.append(f"{label}: {item_id} er laga frå ein eldre versjon")
    problems += [f"{label}: {extra} finst ikkje på bokmål" for extra in nn_items.keys() - nb_items.keys()]
    return problems


def main(argv: list[str]) -> int:
    if argv[:1] == ["stamp"]:
        for name in argv[1:]:
            stamp(Path(name))
            print("stempla", name)
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
