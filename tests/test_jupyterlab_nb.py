"""The course's JupyterLab language packs, bokmål (deploy/jupyterlab-nb, nb_NO) and nynorsk
(deploy/jupyterlab-nn, nn_NO), without a browser. Every check that holds for a pack runs for both.

- Every msgid in translations.yaml is one the installed JupyterLab uses (a literal
  ``__``/``_p``/``_n`` call in its JS bundles, or a schema string jupyterlab_server translates,
  with the same context), so an upgrade that renames a string fails here.
- Placeholders are kept, plural entries have the bundles' English plural, nothing is empty.
- The nynorsk pack has the bokmål pack's msgids, contexts and plurals; its translations are
  spelled right under hunspell nn_NO (plus deploy/jupyterlab-nn/ordliste.txt) and hold no
  bokmål-only word.
- The committed JSON and .mo catalogues are what build.py makes from the YAML, and the pack
  installed in the venv is the committed one (scripts/setup.sh installs both).
- jupyterlab_server finds each pack and translates schema strings with it (menu titles); the
  course's overrides select nb_NO, and a nynorsk class's setting (deploy/jupyter/nn) selects
  nn_NO; the packs cover what the official no_NO pack translated.

The browser check (the menus as a participant sees them) is tests/test_jupyterlab_nb_browser.py.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from functools import cache
from importlib.metadata import entry_points
from itertools import groupby
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from somekurs import singleuser

from tests.helpers import ROOT
from tests.labserver import NYNORSK_CONFIG, course_overrides, language_pack_build

FOLDERS = {"nb_NO": ROOT / "deploy" / "jupyterlab-nb", "nn_NO": ROOT / "deploy" / "jupyterlab-nn"}

# What a participant reads in each pack: the menu bar, the course's own help text («Kjør → Kjør
# alle celler»), the restart command, a plural, and the language's name in Settings → Language.
EXPECTED: dict[str, dict[str, Any]] = {
    "nb_NO": {
        "menus": {"File": "Fil", "Edit": "Rediger", "View": "Vis", "Run": "Kjør", "Kernel": "Kjerne", "Tabs": "Faner"}
        | {"Settings": "Innstillinger", "Help": "Hjelp"},
        "Run All Cells": "Kjør alle celler",
        "Restart Kernel…": "Start kjernen på nytt…",
        "Copy Cell": ["Kopier celle", "Kopier celler"],
        "native": "norsk bokmål",
    },
    "nn_NO": {
        "menus": {"File": "Fil", "Edit": "Rediger", "View": "Vis", "Run": "Køyr", "Kernel": "Kjerne", "Tabs": "Faner"}
        | {"Settings": "Innstillingar", "Help": "Hjelp"},
        "Run All Cells": "Køyr alle celler",
        "Restart Kernel…": "Start kjernen på nytt…",
        "Copy Cell": ["Kopier celle", "Kopier celler"],
        "native": "norsk nynorsk",
    },
}

# Bokmål forms that are not nynorsk: none may stand in the nynorsk pack (the nynorsk form after «→»).
BOKMAAL_ONLY = {
    "ikke": "ikkje",
    "hva": "kva",
    "hvordan": "korleis",
    "hvem": "kven",
    "hvorfor": "kvifor",
    "fra": "frå",
    "noen": "nokon/nokre",
    "noe": "noko",
    "være": "vere",
    "også": "òg",
    "jeg": "eg",
    "bare": "berre",
    "selv": "sjølv",
    "sammen": "saman",
    "uten": "utan",
    "fortsatt": "framleis",
    "allerede": "allereie",
    "forrige": "førre",
    "høyre": "høgre",
    "navn": "namn",
    "innhold": "innhald",
    "kjør": "køyr",
    "kjører": "køyrer",
    "åpne": "opne",
    "velg": "vel",
    "skjul": "gøym",
    "innstillinger": "innstillingar",
    "ble": "vart",
    "blei": "vart",
    "vert": "blir",
}

# The keys (English msgid, with context) of jupyterlab-language-pack-no-NO 4.5.post3's
# jupyterlab.json, the pack these replace; its other domains were empty.
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
def pack_of(locale: str) -> Any:
    return build().Pack.at(FOLDERS[locale])


@cache
def entries(locale: str) -> list:
    return build().load_entries(pack_of(locale))


@cache
def lab() -> dict[tuple[str, str], str | None]:
    return build().lab_msgids()


@pytest.fixture(params=sorted(FOLDERS))
def locale(request: pytest.FixtureRequest) -> str:
    return request.param


def _label(entry) -> str:
    return f"{entry.section}: {entry.context + ' | ' if entry.context else ''}{entry.msgid!r}"


def _translations(locale: str) -> list[str]:
    return [text for entry in entries(locale) for text in entry.translation]


def test_the_installed_jupyterlab_is_found() -> None:
    bundles, schemas = build().lab_files()
    assert len(bundles) > 10 and len(schemas) > 30, "fant ikke JupyterLab i .venv/share/jupyter"
    assert ("", "Run All Cells") in lab() and ("menu", "Kernel") in lab(), "uttrekket av tekster fra JupyterLab virker ikke"


def test_one_build_tool_knows_both_packs() -> None:
    assert [p.locale for p in build().packs()] == ["nb_NO", "nn_NO"]
    assert [p.folder for p in build().packs()] == list(FOLDERS.values())
    for locale, folder in FOLDERS.items():
        pack = pack_of(locale)
        assert pack.locale == locale and pack.lang == locale[:2] and pack.package.name == f"jupyterlab_language_pack_{locale}"
        assert pack.messages == folder / pack.package.name / "locale" / locale / "LC_MESSAGES"
    setup = (ROOT / "scripts" / "setup.sh").read_text(encoding="utf-8")
    assert "for pack in deploy/jupyterlab-nb deploy/jupyterlab-nn; do" in setup, "scripts/setup.sh installerer ikke begge pakkene"
    dockerfile = (ROOT / "deploy" / "z2jh" / "Dockerfile").read_text(encoding="utf-8")
    assert "./deploy/jupyterlab-nb" in dockerfile and "./deploy/jupyterlab-nn" in dockerfile


def test_every_msgid_is_used_by_the_installed_jupyterlab(locale: str) -> None:
    unknown = [_label(e) for e in entries(locale) if (e.context, e.msgid) not in lab()]
    assert not unknown, "Disse tekstene finnes ikke (lenger) i JupyterLab i .venv (ny versjon?):\n" + "\n".join(unknown)


def test_plural_entries_are_plural_in_the_bundles(locale: str) -> None:
    wrong = []
    for entry in entries(locale):
        expected = lab().get((entry.context, entry.msgid))
        if entry.plural != expected:
            wrong.append(f"{_label(entry)}: flertall i YAML {entry.plural!r}, i JupyterLab {expected!r}")
    assert not wrong, "Entall/flertall stemmer ikke med _n-kallene:\n" + "\n".join(wrong)


def test_placeholders_are_kept(locale: str) -> None:
    placeholders = build().placeholders
    wrong = []
    for entry in entries(locale):
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


def test_no_translation_is_empty_or_left_in_english(locale: str) -> None:
    # The same word in both languages, or a name.
    same = {"Markdown", "Terminal"}
    wrong = [
        _label(e)
        for e in entries(locale)
        if any(not t.strip() for t in e.translation) or (e.translation[0] == e.msgid and e.msgid not in same)
    ]
    assert not wrong, "Tomme eller uoversatte tekster:\n" + "\n".join(wrong)


def test_course_vocabulary(locale: str) -> None:
    expected = EXPECTED[locale]
    by_key = {(e.context, e.msgid): e.translation for e in entries(locale)}
    for english, norwegian in expected["menus"].items():
        assert by_key[("menu", english)] == (norwegian,)
    assert by_key[("", "Run All Cells")] == (expected["Run All Cells"],)
    assert by_key[("", "Restart Kernel…")] == (expected["Restart Kernel…"],)
    assert by_key[("", "Copy Cell")] == tuple(expected["Copy Cell"])
    assert by_key[("", "Notebook")] == ("Notatbok",)
    text = pack_of(locale).source.read_text(encoding="utf-8").lower()
    assert "notisblokk" not in text and "notatblokk" not in text, "notatbok, ikke notisblokk"


def test_the_menu_paths_the_course_names_are_on_the_screen_in_that_standard(locale: str) -> None:
    """«vel Køyr → Køyr alle celler» in the nynorsk messages, «velg Kjør → Kjør alle celler» in the
    bokmål ones: each path is a menu and an item of the pack of the same standard (a participant who
    chooses nynorsk gets the nynorsk pack, somekurs.lablocale)."""
    import re

    lang = {"nb_NO": "nb", "nn_NO": "nn"}[locale]
    text = (ROOT / "data" / "texts" / f"{lang}.yaml").read_text(encoding="utf-8")
    paths = re.findall(r"([A-ZÆØÅ][a-zæøå]+) →\s+([A-ZÆØÅ][^»,.\n]*)", text)
    assert paths, "the texts tell the participant which menu item to choose"
    shown = {t for e in entries(locale) for t in e.translation}
    menus = {e.translation[0] for e in entries(locale) if e.context == "menu"}

    def an_item(words: str) -> bool:  # «Køyr alle celler i JupyterLab»: the item, then where it is
        return re.sub(r"\s+i JupyterLab\b.*$", "", " ".join(words.split())) in shown

    missing = [f"{menu} → {item}" for menu, item in paths if menu not in menus or not an_item(item)]
    assert not missing, missing


def test_the_nynorsk_pack_has_the_bokmaal_msgids() -> None:
    differences = build().differences(entries("nb_NO"), entries("nn_NO"))
    assert not differences, "deploy/jupyterlab-nn/translations.yaml er ikke i takt med bokmålsfila:\n" + "\n".join(differences)
    # The same sections in the same order and size, so that the two files can be read side by side.
    sizes = [[len(list(run)) for _, run in groupby(e.section for e in entries(locale))] for locale in ("nb_NO", "nn_NO")]
    assert sizes[0] == sizes[1], "seksjonene i de to filene er ikke like"


def test_the_nynorsk_pack_is_spelled_right() -> None:
    from somekurs import prose

    word_list = FOLDERS["nn_NO"] / "ordliste.txt"
    extra = set(prose.read_word_list(word_list))
    # Placeholders and code (`null`) are not words.
    text = "\n".join(re.sub(r"%\d+|\{[^{}\s]*\}|`[^`]*`", " ", t) for t in _translations("nn_NO"))
    wrong = prose.misspellings(text, extra_words=extra, lang="nn")
    assert not wrong, (
        f"Ord som hunspell nn_NO ikke kjenner: {wrong}. Rett dem, eller før opp riktig nynorsk i {word_list.relative_to(ROOT)}."
    )
    unused = sorted(w for w in extra if not re.search(rf"(?<!\w){re.escape(w)}(?!\w)", text, re.I))
    assert not unused, f"Ord i {word_list.relative_to(ROOT)} som pakken ikke bruker: {unused}"


def test_the_nynorsk_pack_has_no_bokmaal_words() -> None:
    pattern = re.compile(rf"(?<!\w)({'|'.join(BOKMAAL_ONLY)})(?!\w)", re.I)
    found = sorted(
        {
            f"{_label(e)}: «{m.group(1)}» (nynorsk: {BOKMAAL_ONLY[m.group(1).lower()]})"
            for e in entries("nn_NO")
            for t in e.translation
            for m in pattern.finditer(t)
        }
    )
    assert not found, "Bokmålsord i nynorskpakken:\n" + "\n".join(found)


def test_generated_catalogues_are_in_step_with_the_yaml(locale: str) -> None:
    pack = pack_of(locale)
    files = build().outputs(entries(locale), pack)
    stale = [str(p.relative_to(pack.folder)) for p, content in files.items() if not p.exists() or p.read_bytes() != content]
    extra = [str(p.relative_to(pack.folder)) for p in pack.messages.iterdir() if p not in files]
    assert not stale and not extra, (
        f"Kjør .venv/bin/python deploy/jupyterlab-nb/build.py --pack {pack.folder.relative_to(ROOT)}: utdatert {stale}, til overs {extra}"
    )


def test_the_json_is_what_jupyterlab_expects(locale: str) -> None:
    data = json.loads((pack_of(locale).messages / "jupyterlab.json").read_text(encoding="utf-8"))
    header = data.pop("")
    assert header == {
        "domain": "jupyterlab",
        "language": locale.replace("_", "-"),
        "plural_forms": "nplurals=2; plural=(n != 1);",
        "version": "4.6.6",
    }
    assert data["menu\u0004Run"] == [EXPECTED[locale]["menus"]["Run"]]
    assert data["Copy Cell"] == EXPECTED[locale]["Copy Cell"]
    assert all(isinstance(v, list) and v and all(isinstance(s, str) for s in v) for v in data.values())


def test_the_mo_file_agrees_with_the_json(locale: str) -> None:
    import gettext

    pack = pack_of(locale)
    translation = gettext.translation("jupyterlab", localedir=pack.package / "locale", languages=[locale])
    data = json.loads((pack.messages / "jupyterlab.json").read_text(encoding="utf-8"))
    for entry in entries(locale):
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
def installed_pack(locale: str) -> Iterator[Path]:
    found = {ep.name: ep for ep in entry_points(group="jupyterlab.languagepack")}
    if locale not in found:
        pytest.fail(f"Språkpakken {locale} er ikke installert i .venv: kjør «bash scripts/setup.sh».")
    yield Path(found[locale].load().__file__).parent


def test_the_installed_pack_is_the_committed_one(locale: str, installed_pack: Path) -> None:
    pack = pack_of(locale)
    for committed in sorted(pack.messages.iterdir()):
        installed = installed_pack / "locale" / locale / "LC_MESSAGES" / committed.name
        assert installed.exists() and installed.read_bytes() == committed.read_bytes(), (
            f"Den installerte språkpakken er eldre enn den i {pack.folder.relative_to(ROOT)} ({committed.name}): kjør «bash scripts/setup.sh»."
        )


def test_jupyterlab_server_uses_the_pack(locale: str, installed_pack: Path) -> None:
    from jupyterlab_server.translation_utils import TranslationBundle, get_language_pack, get_language_packs

    expected = EXPECTED[locale]
    packs, message = get_language_packs(locale)
    assert locale in packs and not message, message
    assert packs[locale]["nativeName"].lower().startswith(expected["native"])
    data, message = get_language_pack(locale)
    assert not message.strip(), message
    assert data["jupyterlab"]["Run All Cells"] == [expected["Run All Cells"]]
    assert data["jupyterlab_widgets"]["Save Widget State Automatically"]
    # Schemas are translated on the server with Python's gettext (the .mo file): the menu titles.
    bundle = TranslationBundle("jupyterlab", locale)
    assert bundle.pgettext("menu", "Kernel") == expected["menus"]["Kernel"]
    assert bundle.pgettext("menu", "Run") == expected["menus"]["Run"]
    assert bundle.pgettext("schema", "Notebook") == "Notatbok"


def test_the_course_settings_select_nb_NO() -> None:
    assert course_overrides()["@jupyterlab/translation-extension:plugin"]["locale"] == "nb_NO"


def test_a_nynorsk_class_gets_nn_NO(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The hub of a nynorsk class sets SOMEKURS_MAALFORM=nn only. The course's server command
    (somekurs.singleuser) then puts <course>/deploy/jupyter/nn on JUPYTER_CONFIG_PATH: its
    labconfig/default_setting_overrides.json is laid over the course's overrides.json, so nn_NO is
    JupyterLab's default (a participant's own choice still wins)."""
    from jupyterlab_server.settings_utils import _get_overrides

    settings = tmp_path / "settings"
    settings.mkdir()
    (settings / "overrides.json").write_text(json.dumps(course_overrides()), encoding="utf-8")
    monkeypatch.setenv("JUPYTER_CONFIG_DIR", str(tmp_path / "cfg"))
    plugin = "@jupyterlab/translation-extension:plugin"

    monkeypatch.delenv("JUPYTER_CONFIG_PATH", raising=False)
    bokmal_class = {"SOMEKURS_MAALFORM": "nb"}
    singleuser.class_standard(bokmal_class)
    assert "JUPYTER_CONFIG_PATH" not in bokmal_class
    overrides, error = _get_overrides(str(settings))
    assert not error and overrides[plugin]["locale"] == "nb_NO"

    nynorsk_class = {"SOMEKURS_MAALFORM": "nn"}
    singleuser.class_standard(nynorsk_class)
    assert nynorsk_class["JUPYTER_CONFIG_PATH"] == str(NYNORSK_CONFIG)
    monkeypatch.setenv("JUPYTER_CONFIG_PATH", nynorsk_class["JUPYTER_CONFIG_PATH"])
    overrides, error = _get_overrides(str(settings))
    assert not error and overrides[plugin]["locale"] == "nn_NO"
    # Only the language changes: the course's other defaults (no news) stay.
    assert (
        overrides["@jupyterlab/apputils-extension:notification"]
        == course_overrides()["@jupyterlab/apputils-extension:notification"]
    )
    extra = json.loads((NYNORSK_CONFIG / "labconfig" / "default_setting_overrides.json").read_text(encoding="utf-8"))
    assert extra == {plugin: {"locale": "nn_NO"}}, "deploy/jupyter/nn endrer bare språket"


def test_the_server_command_keeps_the_hubs_own_config_path() -> None:
    """A hub that already sets JUPYTER_CONFIG_PATH keeps its folders (after ours), a second start adds
    nothing twice, and a bokmål class's environment is left exactly as it was."""
    hub_path = os.pathsep.join(["/etc/hub/jupyter", "/srv/more"])
    env = {"SOMEKURS_MAALFORM": "Nynorsk", "JUPYTER_CONFIG_PATH": hub_path}
    singleuser.class_standard(env)
    assert env["JUPYTER_CONFIG_PATH"] == os.pathsep.join([str(NYNORSK_CONFIG), hub_path])
    singleuser.class_standard(env)
    assert env["JUPYTER_CONFIG_PATH"].split(os.pathsep).count(str(NYNORSK_CONFIG)) == 1

    for bokmal in ({}, {"SOMEKURS_MAALFORM": "nb"}, {"SOMEKURS_MAALFORM": "nb", "JUPYTER_CONFIG_PATH": hub_path}):
        before = dict(bokmal)
        singleuser.class_standard(bokmal)
        assert bokmal == before


def test_the_hub_settings_for_a_nynorsk_class() -> None:
    """The lines the hub guide gives (TLJH) and config.yaml holds behind «#» (Z2JH) set the one
    variable, the Z2JH ones are keys of the chart, both hubs start the course's server command (which
    adds the menus' folder), and that folder is the course's deploy/jupyter/nn."""
    import jsonschema
    import yaml
    from somekurs import editions

    from tests.test_z2jh import SCHEMA, _without_required

    text = (ROOT / "deploy" / "z2jh" / "config.yaml").read_text(encoding="utf-8")
    block = re.search(r"^  # extraEnv:\n(?:  #   .*\n)+", text, re.M)
    assert block, "deploy/z2jh/config.yaml: linjene for en klasse på nynorsk (singleuser.extraEnv) mangler"
    config = yaml.safe_load(text.replace(block.group(0), block.group(0).replace("  # ", "  ")))
    env = config["singleuser"]["extraEnv"]
    assert env == {editions.ENV_VAR: "nn"}
    schema = _without_required(yaml.safe_load(SCHEMA.read_text(encoding="utf-8")))
    assert not list(jsonschema.Draft7Validator(schema).iter_errors(config))
    command = ["python", "-m", "somekurs.singleuser"]
    assert config["singleuser"]["cmd"] == command, "Z2JH må starte kursets serverkommando"
    assert singleuser.NYNORSK_CONFIG == NYNORSK_CONFIG
    tljh = f"c.Spawner.environment.update({json.dumps(env)})"
    for page in ("book/instruktor/jupyterhub.md", "nn/book/instruktor/jupyterhub.md"):
        guide = (ROOT / page).read_text(encoding="utf-8")
        assert tljh in guide, f"{page}: linjen for TLJH skal være {tljh}"
        assert '"-m", "somekurs.singleuser"]' in guide, f"{page}: TLJH må starte kursets serverkommando"
        assert "JUPYTER_CONFIG_PATH" in guide, f"{page}: en hub uten kursets serverkommando trenger variabelen"


def test_the_pack_replaces_the_official_no_NO_pack(locale: str) -> None:
    keys = {e.key for e in entries(locale) if e.domain == "jupyterlab"}
    missing = [k.replace("\u0004", " | ") for k in OFFICIAL_NO_NO if k not in keys]
    assert not missing, "Tekster den offisielle no_NO-pakken oversetter, men ikke vår:\n" + "\n".join(missing)
    requirements = (ROOT / "requirements.txt").read_text(encoding="utf-8")
    assert not re.search(r"^jupyterlab-language-pack-no-NO", requirements, re.M), "bare én norsk språkpakke per målform"
