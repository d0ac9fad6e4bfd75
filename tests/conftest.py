"""Session fixtures: one book build, one local server and one Chromium for the whole run."""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import BUILD_HTML, ROOT, build_command, chromium, gated_pages, jupyter_book, nn_build, serve

# Building the book executes the workbook: keep any progress it writes out of the real home.
os.environ.setdefault("SOMEKURS_PROGRESS", str(Path(tempfile.mkdtemp(prefix="somekurs-test-")) / "fremdrift.json"))
# Choosing a standard also sets JupyterLab's menus (somekurs.lablocale): never in the real home either.
os.environ.setdefault("JUPYTERLAB_SETTINGS_DIR", tempfile.mkdtemp(prefix="somekurs-test-lab-"))

collect_ignore_glob = ["fixtures/*"]


_build_result: list = []


def build_once():
    """Build the whole book once per run, with warnings as errors, as ``make build`` does: the
    bokmål book, then (if it built) the nynorsk edition into _build/html/nn/. One result for both:
    the return code of the first that failed, and both outputs."""
    if not _build_result:
        result = jupyter_book(*build_command(ROOT))
        if result.returncode == 0:
            nn = nn_build()
            result = subprocess.CompletedProcess(
                [result.args, nn.args], nn.returncode, result.stdout + nn.stdout, result.stderr + nn.stderr
            )
        _build_result.append(result)
    return _build_result[0]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Tests that take ``built_page`` run once per page the book must have, in both editions
    (``nn/…`` for the nynorsk one; its pages still in bokmål by a sample: helpers.gated_pages).
    The list comes from _toc.yml, not from a build: collecting the tests never builds the book
    (``make test-fast``), and a test checks that the build makes exactly the expected pages."""
    if "built_page" in metafunc.fixturenames:
        metafunc.parametrize("built_page", gated_pages())


# Tests that need the built book, or a browser, are marked by the fixtures they take, so the
# fast loop (``make test-fast``: -m "not book and not browser and not slow") leaves them out.
BOOK_FIXTURES = {"book_build", "built_book", "book_url", "built_page"}
BROWSER_FIXTURES = {"browser", "page", "opened"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        names = set(getattr(item, "fixturenames", ()))
        if names & BOOK_FIXTURES:
            item.add_marker(pytest.mark.book)
        if names & BROWSER_FIXTURES:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def book_build():
    return build_once()


@pytest.fixture(scope="session")
def built_book(book_build) -> Path:
    if book_build.returncode != 0:
        pytest.fail("Boka kunne ikke bygges (se test_book_builds_with_warnings_as_errors):\n" + book_build.stdout[-4000:])
    return BUILD_HTML


@pytest.fixture(scope="session")
def book_url(built_book: Path) -> Iterator[str]:
    with serve(built_book) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    with chromium() as b:
        yield b


@pytest.fixture
def page(browser) -> Iterator[object]:
    context = browser.new_context()
    p = context.new_page()
    yield p
    context.close()


@pytest.fixture
def files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test its own progress and «Vår plan» files (the plan beside the progress file)."""
    from somekurs.plan import store

    monkeypatch.setenv("SOMEKURS_PROGRESS", str(tmp_path / "fremdrift.json"))
    monkeypatch.setenv("JUPYTERLAB_SETTINGS_DIR", str(tmp_path / "lab-settings"))
    monkeypatch.delenv("SOMEKURS_PLAN", raising=False)
    store.take_notices()
    return tmp_path
