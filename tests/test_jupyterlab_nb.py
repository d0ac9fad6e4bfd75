"""The course's JupyterLab language pack (deploy/jupyterlab-nb, locale nb_NO), without a browser.

- Every msgid in translations.yaml is one the installed JupyterLab uses (a literal
  ``__``/``_p``/``_n`` call in its JS bundles, or a schema string jupyterlab_server translates,
  with the same context), so an upgrade that renames a string fails here.
- Placeholders are kept, plural entries have the bundles' English plural, nothing is empty.
- The committed JSON and .mo catalogues are what build.py makes from the YAML, and the pack
  installed in the venv is the committed one (scripts/setup.sh installs it).
- jupyterlab_server finds the pack and translates schema strings with it (menu titles); the
  course's overrides select nb_NO; the pack covers what the official no_NO pack translated.

The browser check (the menus as a participant sees them) is tests/test_jupyterlab_nb_browser.py.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import cache
from importlib.metadata import entry_points
from pathlib import Path
from types import ModuleType

import pytest

from tests.helpers import ROOT
from tests.labserver import language_pack_build

PACK = ROOT / "deploy" / "jupyterlab-nb"

# The keys (English msgid, with context) of jupyterlab-language-pack-no-NO 4.5.post3's
# jupyterlab.json, the pack this one replaces; its other domains were empty.
OFFICIAL_NO_NO = [
    "After changing the interface language to %1, you will need to reload JupyterLab to see the changes.",
    "Autosave Documents",
    "Change and reload",
    "Command",
    "Command Palette",
    "Debugger",
    "Edit",
    "Image Viewer",
    "Log Console",
    "Show All Kernel Activity",
    "Theme",
    *(
        f"schema\u0004{m}"
        for m in [
            "Code Console",
            "Code Console settings.",
            "Command Palette",
            "Command palette settings.",
            "Console Completer",
            "Console completer settings.",
            "Debugger",
            "Debugger settings",
            "Document Manager",
            "Document Manager settings.",
            "Document Search",
            "Document search plugin.",
            "Extension Manager",
            "File Browser",
            "File Browser settings.",
            "File Editor Completer",
            "File editor completer settings.",
            "Image Viewer",
            "Image viewer settings.",
            "Inspector",
            "Inspector settings.",
            "Launcher",
            "Launcher settings.",
            "Log Console",
            "Log Console settings.",
            "Main JupyterLab menu settings.",
            "Main Menu",
            "Markdown Viewer",
            "Markdown viewer settings.",
            "Notebook",
            "Notebook Completer",
            "Notebook completer settings.",
            "Notebook settings.",
            "Print",
            "Print settings.",
            "Text Editor",
            "Text editor settings.",
            "Theme",
            "Theme manager settings.",
        ]
    ),
    *(
        f"settings\u0004{m}"
        for m in [
            "Font Family",
            "Font Size",
            "Item rank",
            "Item type",
            "Submenu definition",
            "The size in pixel of the font used to render markdown.\nIf `null`, value from current theme is used.",
        ]
    ),
]


def build() -> ModuleType:
    return language_pack_build()


@cache
def entries() -> list:
    return build().load_entries()


@cache
def lab() -> dict[tuple[str, str], str | None]:
    return build().lab_msgids()


def _label(entry) -> str:
    return f"{entry.section}: {entry.context + ' | ' if entry.context else ''}{entry.msgid!r}"


def test_the_installed_jupyterlab_is_found() -> None:
    bundles, schemas = build().lab_files()
    assert len(bundles) > 10 and len(schemas) > 30, "fant ikke JupyterLab i .venv/share/jupyter"
    assert ("", "Run All Cells") in lab() and ("menu", "Kernel") in lab(), "uttrekket av tekster fra JupyterLab virker ikke"


def test_every_msgid_is_used_by_the_installed_jupyterlab() -> None:
    unknown = [_label(e) for e in entries() if (e.context, e.msgid) not in lab()]
    assert not unknown, "Disse tekstene finnes ikke (lenger) i JupyterLab i .venv (ny versjon?):\n" + "\n".join(unknown)


def test_plural_entries_are_plural_in_the_bundles() -> None:
    wrong = []
    for entry in entries():
        expected = lab().get((entry.context, entry.msgid))
        if entry.plural != expected:
            wrong.append(f"{_label(entry)}: flertall i YAML {entry.plural!r}, i JupyterLab {expected!r}")
    assert not wrong, "Entall/flertall stemmer ikke med _n-kallene:\n" + "\n".join(wrong)


def test_placeholders_are_kept() -> None:
    placeholders = build().placeholders
    wrong = []
    for entry in entries():
        english = [entry.msgid] if entry.plural is None else [entry.msgid, entry.plural]
        for source, translation in zip(english, entry.translation, strict=True):
            expected = sorted(p for p in placeholders(source) if p not in entry.without)
            if placeholders(translation) != expected:
                wrong.append(f"{_label(entry)}: {translation!r} har {placeholders(translation)}, skal ha {expected}")
        missing = [p for p in entry.without if p not in placeholders(entry.msgid)]
        if missing:
            wrong.append(f"{_label(entry)}: without {missing} finnes ikke i msgid")
        for mark in ("…", "\n"):
            if entry.msgid.count(mark) != entry.translation[0].count(mark):
                wrong.append(f"{_label(entry)}: {mark!r} mangler eller er lagt til")
    assert not wrong, "\n".join(wrong)


def test_no_translation_is_empty_or_left_in_english() -> None:
    # The same word in both languages, or a name.
    same = {"Markdown", "Terminal"}
    wrong = [
        _label(e)
        for e in entries()
        if any(not t.strip() for t in e.translation) or (e.translation[0] == e.msgid and e.msgid not in same)
    ]
    assert not wrong, "Tomme eller uoversatte tekster:\n" + "\n".join(wrong)


def test_course_vocabulary() -> None:
    by_key = {(e.context, e.msgid): e.translation[0] for e in entries()}
    menus = {"File": "Fil", "Edit": "Rediger", "View": "Vis", "Run": "Kjør", "Kernel": "Kjerne"}
    menus |= {"Tabs": "Faner", "Settings": "Innstillinger", "Help": "Hjelp"}
    for english, norwegian in menus.items():
        assert by_key[("menu", english)] == norwegian
    assert by_key[("", "Run All Cells")] == "Kjør alle celler"
    assert by_key[("", "Restart Kernel…")] == "Start kjernen på nytt…"
    assert by_key[("", "Notebook")] == "Notatbok"
    text = (PACK / "translations.yaml").read_text(encoding="utf-8").lower()
    assert "notisblokk" not in text and "notatblokk" not in text, "notatbok, ikke notisblokk"


def test_generated_catalogues_are_in_step_with_the_yaml() -> None:
    files = build().outputs(entries())
    stale = [str(p.relative_to(PACK)) for p, content in files.items() if not p.exists() or p.read_bytes() != content]
    extra = [str(p.relative_to(PACK)) for p in build().MESSAGES.iterdir() if p not in files]
    assert not stale and not extra, f"Kjør .venv/bin/python deploy/jupyterlab-nb/build.py: utdatert {stale}, til overs {extra}"


def test_the_json_is_what_jupyterlab_expects() -> None:
    data = json.loads((build().MESSAGES / "jupyterlab.json").read_text(encoding="utf-8"))
    header = data.pop("")
    assert header == {
        "domain": "jupyterlab",
        "language": "nb-NO",
        "plural_forms": "nplurals=2; plural=(n != 1);",
        "version": "4.6.6",
    }
    assert data["menu\u0004Run"] == ["Kjør"]
    assert data["Copy Cell"] == ["Kopier celle", "Kopier celler"]
    assert all(isinstance(v, list) and v and all(isinstance(s, str) for s in v) for v in data.values())


def test_the_mo_file_agrees_with_the_json() -> None:
    import gettext

    translation = gettext.translation("jupyterlab", localedir=build().PACKAGE / "locale", languages=["nb_NO"])
    data = json.loads((build().MESSAGES / "jupyterlab.json").read_text(encoding="utf-8"))
    for entry in entries():
        if entry.domain != "jupyterlab":
            continue
        # Python's pgettext with an empty context looks for "\x04msgid": no context means gettext.
        if entry.plural is None and entry.context:
            assert translation.pgettext(entry.context, entry.msgid) == data[entry.key][0]
        elif entry.plural is None:
            assert translation.gettext(entry.msgid) == data[entry.key][0]
        elif entry.context:
            assert [translation.npgettext(entry.context, entry.msgid, entry.plural, n) for n in (1, 2)] == data[entry.key]
        else:
            assert [translation.ngettext(entry.msgid, entry.plural, n) for n in (1, 2)] == data[entry.key]


@pytest.fixture
def installed_pack() -> Iterator[Path]:
    found = {ep.name: ep for ep in entry_points(group="jupyterlab.languagepack")}
    if "nb_NO" not in found:
        pytest.fail("Språkpakken nb_NO er ikke installert i .venv: kjør «bash scripts/setup.sh».")
    yield Path(found["nb_NO"].load().__file__).parent


def test_the_installed_pack_is_the_committed_one(installed_pack: Path) -> None:
    for committed in sorted(build().MESSAGES.iterdir()):
        installed = installed_pack / "locale" / "nb_NO" / "LC_MESSAGES" / committed.name
        assert installed.exists() and installed.read_bytes() == committed.read_bytes(), (
            f"Den installerte språkpakken er eldre enn den i deploy/jupyterlab-nb ({committed.name}): kjør «bash scripts/setup.sh»."
        )


def test_jupyterlab_server_uses_the_pack(installed_pack: Path) -> None:
    from jupyterlab_server.translation_utils import TranslationBundle, get_language_pack, get_language_packs

    packs, message = get_language_packs("nb_NO")
    assert "nb_NO" in packs and not message, message
    assert packs["nb_NO"]["nativeName"].lower().startswith("norsk bokmål")
    data, message = get_language_pack("nb_NO")
    assert not message.strip(), message
    assert data["jupyterlab"]["Run All Cells"] == ["Kjør alle celler"]
    assert data["jupyterlab_widgets"]["Save Widget State Automatically"]
    # Schemas are translated on the server with Python's gettext (the .mo file): the menu titles.
    bundle = TranslationBundle("jupyterlab", "nb_NO")
    assert bundle.pgettext("menu", "Kernel") == "Kjerne"
    assert bundle.pgettext("schema", "Notebook") == "Notatbok"


def test_the_course_settings_select_nb_NO() -> None:
    overrides = json.loads((ROOT / "deploy" / "jupyter" / "overrides.json").read_text(encoding="utf-8"))
    assert overrides["@jupyterlab/translation-extension:plugin"]["locale"] == "nb_NO"


def test_the_pack_replaces_the_official_no_NO_pack() -> None:
    keys = {e.key for e in entries() if e.domain == "jupyterlab"}
    missing = [k.replace("\u0004", " | ") for k in OFFICIAL_NO_NO if k not in keys]
    assert not missing, "Tekster den offisielle no_NO-pakken oversetter, men ikke vår:\n" + "\n".join(missing)
    requirements = (ROOT / "requirements.txt").read_text(encoding="utf-8")
    assert not re.search(r"^jupyterlab-language-pack-no-NO", requirements, re.M), "bare én norsk språkpakke"
