"""JupyterLab in Norwegian bokmål as a participant sees it: a real server with the course's
settings (deploy/jupyter/overrides.json, locale nb_NO) and the language pack installed in the
venv (deploy/jupyterlab-nb), and headless Debian Chromium with a Norwegian browser locale.

- The menu bar reads Fil, Rediger, Vis, Kjør, Kjerne, Faner, Innstillinger, Hjelp.
- Kjør has «Kjør alle celler» (the course's own help text says «velg Kjør → Kjør alle celler»).
- No item in Fil, Kjør or Kjerne (submenus included) is left in English: no label is an English
  msgid of this JupyterLab (or matches one with placeholders), and none holds a common English
  UI word. Names are allowed (kernel and format names, file paths).
- The notebook toolbar and the status bar are in Norwegian (kernel «Ledig», «Modus: Kommando»).

- A nynorsk class (its hub sets SOMEKURS_MAALFORM=nn; the course's server command then puts
  deploy/jupyter/nn on JUPYTER_CONFIG_PATH) gets the nynorsk pack
  (deploy/jupyterlab-nn): Fil, Rediger, Vis, Køyr … and «Køyr alle celler», nothing left in
  English in Køyr; Innstillingar → Språk offers both packs. One page load, on the launcher.

A screenshot of the open Kjør menu is kept as kjor-menyen.png in the test's temporary folder.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from somekurs import singleuser

from tests.helpers import ROOT, foreign_requests
from tests.labserver import NYNORSK_CONFIG, LabServer, course_overrides, lab_server, language_pack_build

pytestmark = [pytest.mark.browser, pytest.mark.slow]

THEME = "arkiv"
UI_MS = 90_000
MENU_BAR = ["Fil", "Rediger", "Vis", "Kjør", "Kjerne", "Faner", "Innstillinger", "Hjelp"]
MENU_BAR_NN = ["Fil", "Rediger", "Vis", "Køyr", "Kjerne", "Faner", "Innstillingar", "Hjelp"]
# Names, the same in Norwegian, or export formats: allowed even though they are msgids.
NAMES = {"HTML", "LaTeX", "Markdown", "PDF", "Asciidoc", "Qtpdf", "Qtpng", "Webpdf", "Terminal", "reStructuredText"}
ENGLISH_WORDS = re.compile(
    r"\b(Notebook|Kernel|Cells?|Run|Save|Restart|Open|New|Close|Shut|Clear|All|Selected|and|from|with|Console|Tabs?)\b"
)
MENU_ITEMS_JS = """() => {
    const menus = Array.from(document.querySelectorAll('.lm-Menu')).filter(m => m.getBoundingClientRect().width > 0);
    const menu = menus[menus.length - 1];
    return Array.from(menu.querySelectorAll(':scope > .lm-Menu-content > .lm-Menu-item'))
        .filter(i => i.dataset.type !== 'separator' && !i.classList.contains('lm-mod-hidden') && getComputedStyle(i).display !== 'none')
        .map(i => ({label: i.querySelector('.lm-Menu-itemLabel').innerText.trim(), submenu: i.dataset.type === 'submenu'}));
}"""


@cache
def english_patterns() -> list[re.Pattern[str]]:
    """Every English msgid (and plural) of the installed JupyterLab as a full-match pattern."""
    patterns = []
    for (_, msgid), plural in language_pack_build().lab_msgids().items():
        for text in filter(None, (msgid, plural)):
            # Skip names, and msgids that are mostly placeholders ("%1 (%2)" would match anything).
            if text in NAMES or len(re.findall(r"[A-Za-z]", re.sub(r"%\d+|\{\w*\}", "", text))) < 2:
                continue
            rx = re.sub(r"%\d+|\\\{\w*\\\}", ".+", re.escape(text.strip()))
            patterns.append(re.compile(rx + "…?"))
    return patterns


def english_left(labels: list[str]) -> list[str]:
    found = []
    for label in labels:
        if label.startswith("/") or label in NAMES:  # Fil → Åpne nylig brukt lists paths
            continue
        if ENGLISH_WORDS.search(label) or any(p.fullmatch(label) for p in english_patterns()):
            found.append(label)
    return found


@pytest.fixture
def lab(tmp_path: Path) -> Iterator[LabServer]:
    (tmp_path / "kurs").mkdir()
    shutil.copy2(ROOT / "exercises" / f"{THEME}.ipynb", tmp_path / "kurs" / f"{THEME}.ipynb")
    (tmp_path / "kurs" / "somekurs").symlink_to(ROOT / "somekurs", target_is_directory=True)
    with lab_server(tmp_path, course_overrides()) as server:
        yield server


@contextmanager
def _workbook_open(lab: LabServer, browser: Any, locale: str) -> Iterator[tuple[Any, list[str]]]:
    """The workbook open in JupyterLab, its kernel idle («Ledig» in both standards), and the
    requests to other hosts recorded."""
    context = browser.new_context(viewport={"width": 1300, "height": 900}, locale=locale)
    page = context.new_page()
    blocked = foreign_requests(page, lab.url)
    try:
        page.goto(lab.lab_url(f"{THEME}.ipynb"), timeout=UI_MS)
        page.locator(".jp-Notebook").first.wait_for(timeout=UI_MS)
        page.wait_for_function(
            "() => { const b = document.querySelector('#jp-main-statusbar'); return b && /\\|\\s*Ledig/.test(b.innerText); }",
            timeout=UI_MS,
        )
        yield page, blocked
    finally:
        context.close()


@pytest.fixture
def lab_page(lab: LabServer, browser: Any) -> Iterator[tuple[Any, list[str]]]:
    with _workbook_open(lab, browser, "nb-NO") as opened:
        yield opened


def _open_menu(page: Any, title: str) -> None:
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    page.locator(".lm-MenuBar-item").get_by_text(title, exact=True).click()
    page.locator(".lm-Menu").first.wait_for(state="visible")


def _menu_labels(page: Any, title: str) -> dict[str, list[str]]:
    """The labels of a main menu and of each of its submenus (opened by hovering), by menu path."""
    _open_menu(page, title)
    items = page.evaluate(MENU_ITEMS_JS)
    labels = {title: [i["label"] for i in items]}
    for item in (i for i in items if i["submenu"]):
        _open_menu(page, title)
        top = page.locator(".lm-Menu:visible").last
        top.locator(".lm-Menu-item[data-type=submenu]").filter(has=page.get_by_text(item["label"], exact=True)).first.hover()
        page.wait_for_function("() => document.querySelectorAll('.lm-Menu').length > 1")
        page.wait_for_timeout(300)
        labels[f"{title} → {item['label']}"] = [i["label"] for i in page.evaluate(MENU_ITEMS_JS)]
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    return labels


def test_the_menus_are_in_norwegian(lab_page: tuple[Any, list[str]], tmp_path: Path) -> None:
    page, blocked = lab_page
    assert page.locator(".lm-MenuBar-item").all_inner_texts() == MENU_BAR

    _open_menu(page, "Kjør")
    run_menu = [i["label"] for i in page.evaluate(MENU_ITEMS_JS)]
    assert "Kjør alle celler" in run_menu, run_menu
    page.screenshot(path=str(tmp_path / "kjor-menyen.png"))
    print(f"\nSkjermbilde av Kjør-menyen: {tmp_path / 'kjor-menyen.png'}")

    left = {}
    for title in ("Fil", "Kjør", "Kjerne"):
        for path, labels in _menu_labels(page, title).items():
            if english_left(labels):
                left[path] = english_left(labels)
    assert not left, f"Menypunkter på engelsk: {left}"
    assert not blocked, f"JupyterLab ba om noe fra andre verter: {blocked}"


def test_the_toolbar_and_status_bar_are_in_norwegian(lab_page: tuple[Any, list[str]]) -> None:
    page, _ = lab_page
    page.locator(".jp-Notebook").first.click()
    page.keyboard.press("Escape")
    bar = page.locator("#jp-main-statusbar").inner_text()
    assert "Modus: Kommando" in bar and "Ledig" in bar, bar
    assert "Idle" not in bar and "Mode:" not in bar, bar
    toolbar = page.locator(".jp-NotebookPanel-toolbar")
    tips = toolbar.locator("[title]").evaluate_all("els => els.map(e => e.getAttribute('title'))")
    assert "Kjør denne cellen og gå videre (Shift+Enter)" in tips, tips
    assert "Start kjernen på nytt og kjør alle celler" in tips, tips
    assert "Lagre og lag et lagringspunkt (Ctrl+S)" in tips, tips


def test_a_nynorsk_class_gets_the_menus_in_nynorsk(tmp_path: Path, browser: Any) -> None:
    (tmp_path / "kurs").mkdir()
    shutil.copy2(ROOT / "nn" / "exercises" / f"{THEME}.ipynb", tmp_path / "kurs" / f"{THEME}.ipynb")
    # What the hub of a nynorsk class sets for every participant's server (book/instruktor/jupyterhub.md),
    # and what the course's server command (python -m somekurs.singleuser) adds to it before it starts.
    nynorsk = {"SOMEKURS_MAALFORM": "nn"}
    singleuser.class_standard(nynorsk)
    assert nynorsk["JUPYTER_CONFIG_PATH"] == str(NYNORSK_CONFIG)
    with (
        lab_server(tmp_path, course_overrides(), env=nynorsk) as server,
        _workbook_open(server, browser, "nn-NO") as (page, blocked),
    ):
        assert page.locator(".lm-MenuBar-item").all_inner_texts() == MENU_BAR_NN

        run_menu = _menu_labels(page, "Køyr")
        assert "Køyr alle celler" in run_menu["Køyr"], run_menu
        left = {path: english_left(labels) for path, labels in run_menu.items() if english_left(labels)}
        assert not left, f"Menypunkt på engelsk: {left}"

        # Settings → Language lists the installed packs: the participant can still switch.
        languages = _menu_labels(page, "Innstillingar").get("Innstillingar → Språk", [])
        assert any("nynorsk" in label.lower() for label in languages), languages
        assert any("bokmål" in label.lower() for label in languages), languages
        assert not blocked, f"JupyterLab bad om noko frå andre vertar: {blocked}"


def test_a_participant_who_chose_nynorsk_gets_the_menus_in_nynorsk(
    tmp_path: Path, browser: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a bokmål hub: «Nynorsk» on the start page (editions.choose) writes JupyterLab's language
    setting, and the next load of JupyterLab has the nynorsk menus (somekurs.lablocale)."""
    from somekurs import editions

    (tmp_path / "kurs").mkdir()
    shutil.copy2(ROOT / "nn" / "exercises" / f"{THEME}.ipynb", tmp_path / "kurs" / f"{THEME}.ipynb")
    monkeypatch.setenv("SOMEKURS_PROGRESS", str(tmp_path / "fremdrift.json"))
    monkeypatch.setenv("JUPYTERLAB_SETTINGS_DIR", str(tmp_path / "user-settings"))  # where lab_server keeps them
    editions.choose("nn")
    with lab_server(tmp_path, course_overrides()) as server, _workbook_open(server, browser, "nb-NO") as (page, blocked):
        assert page.locator(".lm-MenuBar-item").all_inner_texts() == MENU_BAR_NN
        assert not blocked, blocked
