"""The nynorsk edition of the book: a second Jupyter Book build into ``_build/html/nn/``.

Why a second project and not Sphinx's own translation machinery (a .po catalogue per paragraph):
the nynorsk pages are whole pages that translators write and stamp (``nn/book/*.md``,
``nn/exercises/*.ipynb``, see :mod:`somekurs.editions`), so the nn edition is the bokmål book
with each page swapped for its twin. Labels stay the same, so every ``{ref}`` and ``{doc}``
resolves in both editions, and the two builds have exactly the same pages, so the language
switch on every page (``somekurs.sphinxext.add_edition_switch``) can always lead to the same page.

``python -m somekurs.nnbook`` (``make build`` runs it after the bokmål build):

1. assembles a source tree in ``_build/nn-src/``: a ``_config.yml`` (``language: nn``, the
   nynorsk title and footer, the same extensions and sources), a ``_toc.yml`` with the same
   files and nynorsk captions, the bokmål pages, notebooks and assets, and over them every twin
   that exists in ``nn/`` at build time. Files are rewritten only when their bytes changed, so
   Sphinx's and jupyter-cache's caches stay warm between builds;
2. runs jupyter-book on it with the book's flags (warnings are errors, nitpicky references);
   Sphinx writes through a link straight into ``_build/html/nn/``, so ``make serve`` serves both.

The extension does the rest when ``language`` is nn: the generated pages from nynorsk data where
it exists, the notice «Denne sida finst berre på bokmål enno.» on pages without a twin, and the
nynorsk «Neste steg» and theme strings (``locale/nn/LC_MESSAGES/sphinx.po``).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import yaml

from somekurs import PROJECT_ROOT, editions

STAGE = PROJECT_ROOT / "_build" / "nn-src"
# jupyter-book writes to <path-output>/_build/html; that folder is a link to TARGET.
OUTPUT_BASE = PROJECT_ROOT / "_build" / "nn-out"
TARGET = PROJECT_ROOT / "_build" / "html" / "nn"
BUILD_FLAGS = ["-W", "-n", "--keep-going"]

# Folders whose files are pages or their assets: copied from bokmål, then the twins over them.
PAGE_FOLDERS = ("book", "notebooks", "exercises")
# Folders the pages read but Sphinx never builds (linked, not copied): the static files, the
# templates, and the benchmark tables the hub guide includes (book/instruktor/jupyterhub.md).
LINKED = ("_static", "_templates", "benchmarks")
SKIPPED_PARTS = {".ipynb_checkpoints", "__pycache__"}

# What the reader sees of the edition outside the pages (the bokmål values are in _config.yml).
TITLE = "Sosiale medium i offentleg forvaltning"
AUTHOR = "Kursforfattarane"
FOOTER = (
    '<p>Tekst og data: <a href="https://creativecommons.org/licenses/by/4.0/deed.no">CC BY 4.0</a>. '
    "Koden: MIT-lisens. Oppgi «Sosiale medium i offentleg forvaltning – kurs og arbeidsbok» som kjelde.</p>"
)
CONTACT = "kurshaldaren din, eller til den som har gitt deg lenkja til kurset"
CAPTIONS = {
    "Veiledning": "Rettleiing",
    "Casestudier": "Casestudiar",
    "Arbeidsbok": "Arbeidsbok",
    "Vår plan": "Vår plan",
    "Kursprøve": "Kursprøve",
    "For instruktører": "For kurshaldarar",
    "Oppslag": "Oppslag",
}
THEME_OPTIONS = {"search_bar_text": "Søk i boka …", "toc_title": "På denne sida"}
CODE_PROMPTS = {"nb_code_prompt_show": "Vis koden", "nb_code_prompt_hide": "Gøym koden"}


# Directives whose output is bokmål whatever the page's language: a twin that uses one is only
# partly in nynorsk. None now: the «Vår plan» forms and overview, the course test and the start
# page's course time and modules all follow the build's language. Add a directive here if a new
# one cannot yet write nynorsk.
BOKMAAL_DIRECTIVES: tuple[str, ...] = ()


def generated_pages() -> set[str]:
    """The pages the extension writes at build (from data): never copied from the bokmål tree."""
    from somekurs.sphinxext import GENERATED

    return {path.as_posix() for path in GENERATED.values()}


def nn_config(root: Path = PROJECT_ROOT) -> dict[str, Any]:
    """The bokmål ``_config.yml`` with what differs in the nynorsk edition.

    Paths that Jupyter Book resolves against the source folder (the extension, the sources, the
    theme strings) point back into the repository, so the staged tree holds no copy of them.
    """
    config: dict[str, Any] = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))
    config["title"] = TITLE
    config["author"] = AUTHOR
    config["bibtex_bibfiles"] = [str(root / f) for f in config.get("bibtex_bibfiles", [])]
    # jupyter-book puts the notebook cache beside the output folder, which for the nn edition is
    # _build/html/: it would be published with the book. Keep it with the edition's other build files.
    config.setdefault("execute", {})["cache"] = str(OUTPUT_BASE / "_build" / ".jupyter_cache")
    config.setdefault("parse", {}).setdefault("myst_substitutions", {})["tilbakemelding_kontakt"] = CONTACT
    config.setdefault("html", {})["extra_footer"] = FOOTER
    sphinx = config.setdefault("sphinx", {})
    sphinx["local_extensions"] = {name: str(root) for name in sphinx.get("local_extensions", {})}
    settings = sphinx.setdefault("config", {})
    settings["language"] = "nn"  # <html lang="nn">, and locale/nn/LC_MESSAGES/sphinx.po
    settings["locale_dirs"] = [str(root / d) for d in settings.get("locale_dirs", ["locale"])]
    settings.update(CODE_PROMPTS)
    settings.setdefault("html_theme_options", {}).update(THEME_OPTIONS)
    return config


def nn_toc(root: Path = PROJECT_ROOT) -> dict[str, Any]:
    """The bokmål ``_toc.yml`` with nynorsk part captions: the same files in the same order."""
    toc: dict[str, Any] = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    for part in toc.get("parts", []):
        caption = part.get("caption")
        if caption is not None:
            part["caption"] = CAPTIONS.get(caption, caption)
    return toc


def toc_docnames(toc: dict[str, Any]) -> list[str]:
    """Every page of a table of contents (the root first), as Sphinx names them."""
    names = [toc["root"]]
    for part in toc.get("parts", []):
        for chapter in part.get("chapters", []):
            names.append(chapter["file"])
    return names


def twin_of(docname: str, root: Path = PROJECT_ROOT) -> Path | None:
    """The nynorsk twin of a page (``nn/book/arkiv.md``, ``nn/exercises/arkiv.ipynb``), if one exists."""
    for suffix in (".md", ".ipynb"):
        candidate = root / "nn" / f"{docname}{suffix}"
        if candidate.exists():
            return candidate
    return None


# The data a generated page is made from (the changelog's entries are written once, in bokmål).
GENERATED_DATA = {"incidents": "incidents", "glossary": "glossary", "answer_key": "exercises", "changelog": None}


def _untranslated(source: Path, root: Path) -> bool:
    """A bokmål data file whose nynorsk twin, or an item of it, is not written yet (by the drift
    state, not by the words of its message)."""
    return any(d.state in (editions.MISSING, editions.MISSING_ITEM) for d in editions.data_drift(source, root))


def _data_translated(folder: str, root: Path) -> bool:
    """Every bokmål file of a data folder has a complete nynorsk twin (no item missing)."""
    return not any(_untranslated(source, root) for source in sorted((root / "data" / folder).glob("*.yaml")))


def status(docname: str, root: Path = PROJECT_ROOT) -> str:
    """How far a page of the nn edition is in nynorsk: «nn» (its twin, all of it), «partly» (a
    twin or a generated page that shows some bokmål data: a workbook whose exercises are not all
    translated, a generated page whose data is not all translated, the changelog), or «nb» (the
    bokmål page, for want of a twin)."""
    from somekurs.sphinxext import GENERATED

    for key, path in GENERATED.items():
        if docname == path.with_suffix("").as_posix():
            folder = GENERATED_DATA.get(key)
            return "nn" if folder and _data_translated(folder, root) else "partly"
    twin = twin_of(docname, root)
    if twin is None:
        return "nb"
    if twin.suffix == ".md" and any(d in twin.read_text(encoding="utf-8") for d in BOKMAAL_DIRECTIVES):
        return "partly"
    if docname.startswith("exercises/"):
        source = root / "data" / "exercises" / f"{docname.removeprefix('exercises/')}.yaml"
        if source.exists() and _untranslated(source, root):
            return "partly"
    return "nn"


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and not SKIPPED_PARTS & set(p.parts))


def planned_files(root: Path = PROJECT_ROOT) -> dict[str, Path]:
    """What the staged tree holds (path in it → file it is copied from): the bokmål pages and
    assets, then every twin over its bokmål page. Generated pages are left to the extension."""
    skip = generated_pages()
    plan: dict[str, Path] = {}
    for name in PAGE_FOLDERS:
        for path in _files(root / name):
            relative = path.relative_to(root).as_posix()
            if relative not in skip:
                plan[relative] = path
    for path in _files(root / "nn"):
        relative = path.relative_to(root / "nn").as_posix()
        if relative.split("/")[0] in PAGE_FOLDERS and relative not in skip:
            plan[relative] = path
    return plan


def _write_if_changed(path: Path, data: bytes) -> bool:
    if path.exists() and not path.is_symlink() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.is_symlink():
        path.unlink()
    path.write_bytes(data)
    return True


def _link(link: Path, target: Path) -> None:
    """``link`` → ``target``, replacing whatever was there (a folder from an older layout too)."""
    if link.is_symlink() and Path(os.readlink(link)) == target:
        return
    if link.is_symlink() or link.is_file():
        link.unlink()
    elif link.is_dir():
        shutil.rmtree(link)
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(target, target_is_directory=True)


def stage(root: Path = PROJECT_ROOT, stage_dir: Path = STAGE) -> dict[str, Path]:
    """Assemble the nynorsk source tree; returns what was planned (path in the tree → source)."""
    stage_dir.mkdir(parents=True, exist_ok=True)
    for name, content in (("_config.yml", nn_config(root)), ("_toc.yml", nn_toc(root))):
        text = f"# Written by somekurs.nnbook from {name}: edit that file, not this one.\n"
        text += yaml.safe_dump(content, allow_unicode=True, sort_keys=False, width=1000)
        _write_if_changed(stage_dir / name, text.encode("utf-8"))
    for name in LINKED:
        if (root / name).exists():
            _link(stage_dir / name, root / name)
    plan = planned_files(root)
    for relative, source in plan.items():
        _write_if_changed(stage_dir / relative, source.read_bytes())
    # A page or twin that is gone from the repository goes from the tree too.
    keep = set(plan) | generated_pages()
    for name in PAGE_FOLDERS:
        folder = stage_dir / name
        for path in _files(folder) if folder.exists() else []:
            if path.relative_to(stage_dir).as_posix() not in keep:
                path.unlink()
    return plan


def link_output(target: Path = TARGET, output_base: Path = OUTPUT_BASE) -> None:
    """Let jupyter-book's output folder be ``_build/html/nn`` itself (no copy, nothing stale)."""
    target.mkdir(parents=True, exist_ok=True)
    _link(output_base / "_build" / "html", target)


def build_command(stage_dir: Path = STAGE, output_base: Path = OUTPUT_BASE) -> list[str]:
    """The jupyter-book command for the staged tree, with the bokmål build's flags."""
    exe = Path(sys.executable).parent / "jupyter-book"
    return [str(exe), "build", str(stage_dir), *BUILD_FLAGS, "--path-output", str(output_base)]


def build(*, capture: bool = False) -> subprocess.CompletedProcess[str]:
    """Stage the tree and build it. The kernels that run the workbooks import this repository's
    package (PYTHONPATH) and default to nynorsk (SOMEKURS_MAALFORM), as a nynorsk class's hub does."""
    stage()
    link_output()
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(PROJECT_ROOT), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep),
        editions.ENV_VAR: "nn",
        "PYTHONWARNINGS": "ignore",
    }
    return subprocess.run(
        build_command(), cwd=PROJECT_ROOT, env=env, text=True, capture_output=capture, timeout=1800, check=False
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Byggjer den nynorske utgåva av boka til _build/html/nn/.")
    parser.add_argument("--berre-kjelder", action="store_true", help="set berre saman kjeldetreet i _build/nn-src/")
    args = parser.parse_args(argv)
    if args.berre_kjelder:
        plan = stage()
        print(f"Kjeldetreet er klart i {STAGE} ({len(plan)} filer).")
        return 0
    started = time.monotonic()
    result = build()
    if result.returncode == 0:
        print(f"Den nynorske utgåva er bygd i {TARGET} ({time.monotonic() - started:.0f} s).")
    return result.returncode


if __name__ == "__main__":
    sys.exit(main())
