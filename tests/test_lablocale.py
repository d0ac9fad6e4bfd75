"""Choosing a written standard also sets JupyterLab's menus (somekurs.lablocale): the participant
who picks nynorsk on the start page or with maalform("nn") gets «Køyr → Køyr alle celler» at the
next load, as the nynorsk messages say; their other JupyterLab settings stay as they were."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from somekurs import editions, lablocale
from somekurs.exercises import display


def _locale(files: Path) -> object:
    return json.loads(lablocale.settings_file().read_text(encoding="utf-8")).get("locale")


def test_the_file_is_where_jupyterlab_reads_the_language(files: Path) -> None:
    from jupyterlab.commands import get_user_settings_dir

    assert lablocale.settings_dir() == Path(get_user_settings_dir())
    assert lablocale.settings_file().parts[-3:] == ("@jupyterlab", "translation-extension", "plugin.jupyterlab-settings")


@pytest.mark.parametrize(("lang", "locale"), [("nn", "nn_NO"), ("nynorsk", "nn_NO"), ("nb", "nb_NO")])
def test_choosing_a_standard_sets_the_menus_language(files: Path, lang: str, locale: str) -> None:
    editions.choose(lang)
    assert _locale(files) == locale
    assert editions.current() == editions.normalise(lang)


def test_the_workbook_command_sets_it_too_and_says_so_in_the_standard(files: Path) -> None:
    shown = display.set_standard("nn")
    assert _locale(files) == "nn_NO"
    said = shown.children[0].value
    assert 'lang="nn"' in said and "Menyane i JupyterLab" in said
    shown = display.set_standard("nb")
    assert _locale(files) == "nb_NO" and "Menyene i JupyterLab" in shown.children[0].value


def test_the_participants_other_settings_are_kept(files: Path) -> None:
    path = lablocale.settings_file()
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"locale": "en", "displayLanguage": "egen"}), encoding="utf-8")
    editions.choose("nn")
    assert json.loads(path.read_text(encoding="utf-8")) == {"locale": "nn_NO", "displayLanguage": "egen"}


@pytest.mark.parametrize("content", ['// ein kommentar\n{"locale": "en"}', "[1, 2]", "\udcff"])
def test_a_file_it_cannot_read_is_left_alone_and_the_choice_still_counts(files: Path, content: str) -> None:
    path = lablocale.settings_file()
    path.parent.mkdir(parents=True)
    path.write_bytes(content.encode("utf-8", "surrogateescape"))
    before = path.read_bytes()
    editions.choose("nn")
    assert path.read_bytes() == before, "the participant's own file wins"
    assert editions.current() == "nn", "the course's texts follow the choice anyway"


def test_an_unwritable_settings_folder_does_not_stop_the_choice(files: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = files / "ikkje-ei-mappe"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("JUPYTERLAB_SETTINGS_DIR", str(blocker))
    assert lablocale.follow("nn") is False
    editions.choose("nn")
    assert editions.current() == "nn"
