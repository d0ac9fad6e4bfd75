"""Session fixtures: one book build, one local server and one Chromium for the whole run."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import BUILD_HTML, ROOT, build_command, built_pages, chromium, jupyter_book, serve

# Building the book executes the workbook: keep any progress it writes out of the real home.
os.environ.setdefault("SOMEKURS_PROGRESS", str(Path(tempfile.mkdtemp(prefix="somekurs-test-")) / "fremdrift.json"))

collect_ignore_glob = ["fixtures/*"]


_build_result: list = []


def build_once():
    """Build the whole book once per run, with warnings as errors, as the README's command does."""
    if not _build_result:
        _build_result.append(jupyter_book(*build_command(ROOT)))
    return _build_result[0]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Tests that take ``built_page`` run once per page of the built book (built here if need be)."""
    if "built_page" in metafunc.fixturenames:
        build_once()
        pages = [str(p.relative_to(BUILD_HTML)) for p in built_pages()]
        metafunc.parametrize("built_page", pages or ["(boka ble ikke bygget)"])


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
