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
``python -m somekurs.editions stale`` lists every twin whose source has changed, or is missing
(``--existing``: only the twins that exist, the rule of ``tests/test_editions.py``); it exits 1
when it lists anything.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from dataclasses import dataclass
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
    """Remember the participant's standard in their progress file, and set JupyterLab's menus to
    the same standard (:mod:`somekurs.lablocale`); returns the code stored."""
    from somekurs import lablocale
    from somekurs.exercises import progress

    stored = progress.set_maalform(checked(lang))
    lablocale.follow(stored)
    return stored


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


# The single data files with reader text (twins at data/nn/<name>): the theme titles, the headers
# and labels of the case-study tables, and the change log.
WHOLE_FILES = ("themes.yaml", "case-tables.yaml", "changelog.yaml")
# The data folders with reader text (their files have twins under data/nn/ with the same names).
DATA_FOLDERS = {"exercises", "test-items", "incidents", "glossary", "plans"}
# The bibliography (data/references/*.bib): its notes are ours, so they have nynorsk twins as data items.
BIB_FOLDER = "references"


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


def _relative(path: Path, root: Path) -> Path:
    """A path relative to the project (``root``): absolute ones are resolved first, relative ones kept."""
    return path.resolve().relative_to(root.resolve()) if path.is_absolute() else path


def page_twin(nb_page: Path, root: Path = PROJECT_ROOT) -> Path:
    """``book/arkiv.md`` → ``nn/book/arkiv.md`` (paths relative to the project or absolute)."""
    return root / "nn" / _relative(nb_page, root)


def data_twin(nb_file: Path, root: Path = PROJECT_ROOT) -> Path:
    """``data/exercises/arkiv.yaml`` → ``data/nn/exercises/arkiv.yaml``; a bibliography file
    ``data/references/krise.bib`` → ``data/nn/references/krise.yaml`` (its notes, see :mod:`somekurs.references`)."""
    relative = _relative(nb_file, root).relative_to("data")
    if relative.suffix == ".bib":
        return root / "data" / "nn" / relative.with_suffix(".yaml")
    return root / "data" / "nn" / relative


def page_source(nn_page: Path, root: Path = PROJECT_ROOT) -> Path:
    """The bokmål page an nn page was translated from."""
    return root / nn_page.resolve().relative_to((root / "nn").resolve())


def data_source(nn_file: Path, root: Path = PROJECT_ROOT) -> Path:
    """The bokmål data file an nn data file was translated from (a .bib file for the notes of the bibliography)."""
    relative = nn_file.resolve().relative_to((root / "data" / "nn").resolve())
    if relative.parts[:1] == (BIB_FOLDER,):
        return root / "data" / relative.with_suffix(".bib")
    return root / "data" / relative


def _stamp_markdown(nn_page: Path, source: Path, root: Path) -> None:
    text = nn_page.read_text(encoding="utf-8")
    relative = source.resolve().relative_to(root.resolve()).as_posix()
    lines = [f"{SOURCE_KEY}: {relative}", f"{VERSION_KEY}: {file_version(source)}"]
    match = FRONT_MATTER.match(text)
    if match:
        kept = [ln for ln in match.group("body").splitlines() if not ln.startswith((SOURCE_KEY + ":", VERSION_KEY + ":"))]
        text = "---\n" + "\n".join(kept + lines) + "\n---\n" + text[match.end() :]
    else:
        text = "---\n" + "\n".join(lines) + "\n---\n" + text
    nn_page.write_text(text, encoding="utf-8")


def _stamp_notebook(nn_page: Path, source: Path, root: Path) -> None:
    import nbformat

    nb = nbformat.read(nn_page, as_version=4)
    nb.metadata[SOURCE_KEY] = source.resolve().relative_to(root.resolve()).as_posix()
    nb.metadata[VERSION_KEY] = file_version(source)
    nbformat.write(nb, nn_page)


def source_items(source: Path) -> dict[str, dict[str, Any]] | None:
    """The items of a bokmål data file by id (a .bib file: its entries' translated fields by key)."""
    if source.suffix == ".bib":
        from somekurs import references

        return {item["id"]: item for item in references.translatable_items(source)}
    from somekurs import yamlio

    return _items_with_ids(yamlio.parse(source.read_text(encoding="utf-8")))


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
    by_id = source_items(source)
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


def stamp(nn_path: Path, root: Path = PROJECT_ROOT) -> None:
    """Record in an nn twin which bokmål version it was made from."""
    nn_path = nn_path.resolve()
    if (root / "data" / "nn").resolve() in nn_path.parents:
        _stamp_data(nn_path, data_source(nn_path, root))
    elif nn_path.suffix == ".ipynb":
        _stamp_notebook(nn_path, page_source(nn_path, root), root)
    else:
        _stamp_markdown(nn_path, page_source(nn_path, root), root)


def recorded_page_version(nn_page: Path) -> str | None:
    """The bokmål version an nn page says it was made from (None when it says none)."""
    if nn_page.suffix == ".ipynb":
        return json.loads(nn_page.read_text(encoding="utf-8")).get("metadata", {}).get(VERSION_KEY)
    match = FRONT_MATTER.match(nn_page.read_text(encoding="utf-8"))
    found = re.search(rf"^{VERSION_KEY}:\s*(\S+)", match.group("body"), re.M) if match else None
    return found.group(1) if found else None


# --- drift: what must be translated again --------------------------------------------------------

# Pages the build writes from data (their text is checked where it is written: the data files).
GENERATED_PAGES = {"book/hendelser", "book/ordliste", "book/instruktor/fasit", "book/endringslogg"}
# Workbooks are generated from the exercise data in both standards (somekurs.workbook): their drift
# is the drift of the data items, so they carry no stamp of their own.
GENERATED_FOLDERS = ("exercises/",)

# What a twin's state means for the gate: «missing» is translation not yet done (listed, never a
# silent pass, but not a failure); every other state is drift between the editions (a failure).
MISSING, STALE, UNSTAMPED, MISSING_ITEM, EXTRA = "missing", "stale", "unstamped", "missing-item", "extra"


@dataclass(frozen=True)
class Drift:
    """One twin (or one item of a twin) that does not match its bokmål source."""

    state: str
    twin: Path
    source: Path
    item: str | None = None
    root: Path = PROJECT_ROOT

    @property
    def drifted(self) -> bool:
        """True when the editions disagree (everything but a twin not written yet)."""
        return self.state != MISSING

    def _name(self, path: Path) -> str:
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return str(path)

    def message(self) -> str:
        """What is wrong and what to do, in nynorsk like the rest of the translator's messages."""
        twin, source = self._name(self.twin), self._name(self.source)
        stamp_it = f"køyr «python -m somekurs.editions stamp {twin}»"
        where = f"{twin}: {self.item}" if self.item else twin
        if self.state == MISSING:
            return f"{twin} manglar (omsetjing av {source})"
        if self.state == STALE:
            return f"{where} er laga frå ein eldre versjon av {source}: oppdater omsetjinga, så {stamp_it}"
        if self.state == UNSTAMPED:
            return f"{where} seier ikkje kva versjon av {source} det er omsett frå: sjekk omsetjinga, så {stamp_it}"
        if self.state == MISSING_ITEM:
            return f"{where} manglar (finst i {source}): omset det, så {stamp_it}"
        return f"{where} finst ikkje på bokmål ({source}): ta det bort, eller gi det id-en til bokmålskjelda"


def nb_pages(root: Path = PROJECT_ROOT) -> list[Path]:
    """Every hand-written bokmål page of the book (from ``_toc.yml``): each is to have an nn twin."""
    from somekurs import yamlio

    toc = yamlio.parse((root / "_toc.yml").read_text(encoding="utf-8"))
    names = [toc["root"]] + [c["file"] for part in toc.get("parts", []) for c in part.get("chapters", [])]
    pages = []
    for name in names:
        if name in GENERATED_PAGES or name.startswith(GENERATED_FOLDERS):
            continue
        found = [root / f"{name}{suffix}" for suffix in (".md", ".ipynb") if (root / f"{name}{suffix}").exists()]
        pages += found[:1]
    return pages


def nb_data_files(root: Path = PROJECT_ROOT) -> list[Path]:
    """Every bokmål data file with reader text: each is to have an nn twin under ``data/nn/``."""
    data = root / "data"
    files = [data / name for name in WHOLE_FILES if (data / name).exists()]
    for folder in sorted(DATA_FOLDERS):
        files += sorted((data / folder).rglob("*.yaml"))
    return files + sorted((data / BIB_FOLDER).glob("*.bib"))


def page_drift(nb_page: Path, root: Path = PROJECT_ROOT) -> list[Drift]:
    """The nn twin of one bokmål page: missing, unstamped or made from another version (or fine: [])."""
    twin = page_twin(nb_page, root)
    if not twin.exists():
        return [Drift(MISSING, twin, nb_page, root=root)]
    recorded = recorded_page_version(twin)
    if recorded is None:
        return [Drift(UNSTAMPED, twin, nb_page, root=root)]
    return [] if recorded == file_version(nb_page) else [Drift(STALE, twin, nb_page, root=root)]


def data_drift(nb_file: Path, root: Path = PROJECT_ROOT) -> list[Drift]:
    """The nn twin of one bokmål data file, item by item: each item missing, unstamped, older, or in nn only."""
    from somekurs import yamlio

    twin = data_twin(nb_file, root)
    if not twin.exists():
        return [Drift(MISSING, twin, nb_file, root=root)]
    nb_items = source_items(nb_file)
    text = twin.read_text(encoding="utf-8")
    if nb_items is None:
        found = FILE_VERSION_LINE.search(text)
        if found is None:
            return [Drift(UNSTAMPED, twin, nb_file, root=root)]
        return [] if found.group(1) == file_version(nb_file) else [Drift(STALE, twin, nb_file, root=root)]
    nn_items = _items_with_ids(yamlio.parse(text)) or {}
    problems = []
    for item_id, item in nb_items.items():
        other = nn_items.get(item_id)
        if other is None:
            problems.append(Drift(MISSING_ITEM, twin, nb_file, item_id, root))
        elif other.get(VERSION_KEY) is None:
            problems.append(Drift(UNSTAMPED, twin, nb_file, item_id, root))
        elif str(other[VERSION_KEY]) != item_version(item):
            problems.append(Drift(STALE, twin, nb_file, item_id, root))
    problems += [Drift(EXTRA, twin, nb_file, extra, root) for extra in sorted(nn_items.keys() - nb_items.keys())]
    return problems


def orphans(root: Path = PROJECT_ROOT) -> list[Drift]:
    """nn pages and data files whose bokmål source does not exist (renamed or removed in bokmål)."""
    nn, nn_data = root / "nn", root / "data" / "nn"
    found: list[Drift] = []
    pages = sorted([*nn.glob("**/*.md"), *nn.glob("**/*.ipynb")]) if nn.exists() else []
    for page in pages:
        relative = page.relative_to(nn).as_posix()
        if relative.startswith(GENERATED_FOLDERS) or ".ipynb_checkpoints" in relative:
            continue
        source = page_source(page, root)
        if not source.exists():
            found.append(Drift(EXTRA, page, source, root=root))
    for file in sorted(nn_data.rglob("*.yaml")) if nn_data.exists() else []:
        source = data_source(file, root)
        if not source.exists():
            found.append(Drift(EXTRA, file, source, root=root))
    return found


def drift(root: Path = PROJECT_ROOT) -> list[Drift]:
    """Every twin that does not match its bokmål source, pages first, then data, then orphans."""
    found = [d for page in nb_pages(root) for d in page_drift(page, root)]
    found += [d for file in nb_data_files(root) for d in data_drift(file, root)]
    return found + orphans(root)


def main(argv: list[str], root: Path = PROJECT_ROOT) -> int:
    """``stamp <nn file>...`` records versions; ``stale [--existing]`` lists the twins to update
    (``--existing``: only twins that exist, the drift test's rule) and exits 1 when any is listed."""
    if argv[:1] == ["stamp"] and argv[1:]:
        for name in argv[1:]:
            stamp(Path(name), root)
            print("stempla", name)
        return 0
    if argv[:1] == ["stale"] and set(argv[1:]) <= {"--existing"}:
        found = drift(root)
        drifted = [d for d in found if d.drifted]
        missing = [] if "--existing" in argv else [d for d in found if not d.drifted]
        for heading, group in (("Ute av takt med bokmål", drifted), ("Ikkje omsett enno", missing)):
            if group:
                print(f"{heading} ({len(group)}):")
                print("\n".join(f"  {d.message()}" for d in group))
        if not drifted and not missing:
            print("Alle nynorske tvillingar er i takt med bokmål.")
        return 1 if drifted or missing else 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
