"""Gate 1: the book builds from a clean tree with Sphinx warnings as errors and nitpicky refs."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.helpers import NN, ROOT, build_command, built_pages, expected_pages, jupyter_book


def test_book_builds_with_warnings_as_errors(book_build) -> None:
    output = book_build.stdout + book_build.stderr
    assert book_build.returncode == 0, output[-6000:]
    assert "build succeeded" in output
    # Sphinx's own warnings ("path:line: WARNING: ..."), not a kernel's log lines.
    sphinx_warnings = [line for line in output.splitlines() if re.search(r"(^|: )WARNING: ", line)]
    assert not sphinx_warnings, sphinx_warnings[:20]


@pytest.mark.parametrize("edition", ["nb", NN])
def test_the_build_makes_exactly_the_expected_pages(built_book: Path, edition: str) -> None:
    """Every _toc.yml page is built, in both editions, and nothing else is, so the per-page
    browser gates (which take their list from _toc.yml without building) check every page a
    reader can open."""
    built = sorted(str(p.relative_to(built_book)) for p in built_pages(edition))
    assert built == expected_pages(edition)


def _broken_book(tmp_path: Path, page: str) -> Path:
    """A one-page book with the project's own configuration and extension."""
    config = (ROOT / "_config.yml").read_text(encoding="utf-8").replace("somekurs.sphinxext: ./", f"somekurs.sphinxext: {ROOT}")
    (tmp_path / "_config.yml").write_text(config, encoding="utf-8")
    (tmp_path / "_toc.yml").write_text("format: jb-book\nroot: side\n", encoding="utf-8")
    (tmp_path / "side.md").write_text(page, encoding="utf-8")
    shutil.copytree(ROOT / "_static", tmp_path / "_static")
    shutil.copytree(ROOT / "_templates", tmp_path / "_templates")  # the header and menu templates the config names
    return tmp_path


@pytest.mark.slow
def test_build_fails_on_a_broken_reference(tmp_path: Path) -> None:
    book = _broken_book(tmp_path, "# Side\n\nSe {ref}`kapittel-som-ikke-finnes`.\n")
    result = jupyter_book(*build_command(book))
    assert result.returncode != 0
    assert "kapittel-som-ikke-finnes" in result.stdout + result.stderr


@pytest.mark.slow
def test_build_fails_on_an_unknown_incident(tmp_path: Path) -> None:
    book = _broken_book(tmp_path, "# Side\n\nSe {hendelse}`no-2099-finnes-ikke`.\n")
    result = jupyter_book(*build_command(book))
    assert result.returncode != 0
    assert "ukjent hendelse «no-2099-finnes-ikke»" in result.stdout + result.stderr


@pytest.mark.slow
def test_build_fails_when_a_notebook_cell_raises(tmp_path: Path) -> None:
    book = _broken_book(tmp_path, "# Side\n")
    shutil.copy(ROOT / "tests" / "fixtures" / "raises.ipynb", book / "raises.ipynb")
    (book / "_toc.yml").write_text("format: jb-book\nroot: side\nchapters:\n  - file: raises\n", encoding="utf-8")
    result = jupyter_book(*build_command(book))
    assert result.returncode != 0
    assert "ZeroDivisionError" in result.stdout + result.stderr


@pytest.mark.slow
def test_launch_button_opens_the_notebook_on_the_instructors_hub(tmp_path: Path) -> None:
    """With a hub URL in _config.yml (as the instructor guide says), a notebook page gets a
    button whose link pulls the course into the user's home with nbgitpuller."""
    book = _broken_book(tmp_path, "# Side\n")
    shutil.copy(ROOT / "tests" / "fixtures" / "enkel.ipynb", book / "enkel.ipynb")
    (book / "_toc.yml").write_text("format: jb-book\nroot: side\nchapters:\n  - file: enkel\n", encoding="utf-8")
    config = (book / "_config.yml").read_text(encoding="utf-8")
    config = config.replace('jupyterhub_url: ""', 'jupyterhub_url: "https://kurs.example.no"')
    config = config.replace('  url: ""', "  url: https://github.com/eksempel/somekurs")
    (book / "_config.yml").write_text(config, encoding="utf-8")
    result = jupyter_book(*build_command(book))
    assert result.returncode == 0, result.stdout[-3000:]
    page = (book / "_build" / "html" / "enkel.html").read_text(encoding="utf-8")
    link = re.search(r'href="(https://kurs\.example\.no/hub/user-redirect/git-pull\?[^"]+)"', page)
    assert link, "fant ingen startknapp til huben på notatboksiden"
    assert "repo=https%3A//github.com/eksempel/somekurs" in link.group(1)
    assert "urlpath=lab/tree/somekurs/enkel.ipynb" in link.group(1)


PLAN_PRACTICE = re.compile(r"((?:\{doc\}`/exercises/[\w-]+`(?: og )?)+) \(omtrent ([\d og]+) minutt(?:er)?\)")


@pytest.mark.parametrize("page", ["book/instruktor/kursplaner.md", "nn/book/instruktor/kursplaner.md"])
def test_the_course_plans_give_each_workbook_its_own_time(page: str) -> None:
    """An instructor plans a session from the times in the course plans. Each «(omtrent N minutter)»
    after a workbook must be the time the workbook itself states (the sum of its exercises), so a
    workbook that grows cannot quietly overrun the session."""
    from somekurs import workbook
    from somekurs.exercises.model import load_exercises

    exercises = list(load_exercises()[0].values())
    text = (ROOT / page).read_text(encoding="utf-8")
    found = PLAN_PRACTICE.findall(text)
    assert len(found) >= 6, f"{page}: fann ikke tidene for arbeidsbøkene"
    for docs, minutes in found:
        themes = re.findall(r"/exercises/([\w-]+)", docs)
        said = [int(n) for n in minutes.split(" og ")]
        actual = [workbook.minutes([e for e in exercises if e["theme"] == theme]) for theme in themes]
        assert said == actual, f"{page}: {', '.join(themes)} tar {actual} minutter, planen sier {said}"
