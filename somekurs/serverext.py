"""The course's Jupyter server extension: what a participant's JupyterLab and app need around the workbook.

Enabled by ``jupyter_server_config.d/somekurs.json`` (``python -m somekurs.install`` puts it in place,
locally and on TLJH or Zero to JupyterHub, as the hub guide says). It does five things:

- **Opens the course:** ``<server>/somekurs/`` is the participant's start page (``somekurs.startpage``):
  every module with its time and progress, and links to the chapter, the workbook as an app and the
  workbook in JupyterLab. A hub sets it as the default URL, so a participant lands there.
  ``<server>/somekurs/?maalform=nn`` (the page's «Bokmål | Nynorsk») stores the participant's written
  standard and shows the page again in it.

- **Serves the HTML book** at ``<server>/somekurs/bok/`` from ``SOMEKURS_BOOK_DIR`` (default: the
  course's ``_build/html``), so the feedback links in the workbook (``somekurs.links``) open the right
  section of the book beside the workbook, on a hub or at home, with nothing published anywhere.
  Where no book has been built yet, a Norwegian page says what to do.
- **Keeps the page on this server:** a Content-Security-Policy that lets the browser load and connect
  only to the server itself, and points Voilà at its bundled MathJax instead of a CDN (the course's
  Voilà template, deploy/jupyter/voila/templates/somekurs, drops the icon fonts from a CDN).
- **Saves workbooks without live widget views:** a saved notebook keeps the exercises' static view and
  drops the widget view, which cannot be shown again without the kernel that made it («Error displaying
  widget: model not found» after a break). Reopened, the workbook shows each exercise and a note to run
  it (or it opens as an app, which runs it at once).
- **Gives freed memory back:** every minute the server returns the heap it has freed (after a Voilà
  render, for instance) to the operating system (``somekurs.heap``), so a participant's server stays
  near its idle size on a hub where memory decides how many fit.
"""

from __future__ import annotations

import html
import os
from pathlib import Path
from typing import Any

from somekurs import PROJECT_ROOT
from somekurs.nbclean import drop_widget_views

CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'self'; object-src 'none'"
)
RELEASE_EVERY_MS = 60_000


def missing_book(lang: str) -> str:
    """The page served where no book has been built yet, in the participant's standard."""
    from somekurs import texts

    def say(key: str) -> str:
        return html.escape(texts.get("startpage", key, lang))

    fix = texts.markup("startpage", "no_book_fix", lang, build="<code>make build</code>", url="<code>SOMEKURS_BOOK_URL</code>")
    return (
        f"<!doctype html><html lang='{lang}'><head><meta charset='utf-8'><title>{say('no_book_title')}</title></head>"
        f"<body><main><h1>{say('no_book_heading')}</h1><p>{say('no_book_text')}</p><p>{fix}</p></main></body></html>"
    )


def book_dir() -> Path:
    value = os.environ.get("SOMEKURS_BOOK_DIR", "").strip()
    return Path(value).expanduser() if value else PROJECT_ROOT / "_build" / "html"


def strip_widget_views(model: dict[str, Any], **_kwargs: Any) -> None:
    """Pre-save hook: drop widget views from a notebook's outputs (their static twin stays)."""
    if model.get("type") == "notebook" and isinstance(model.get("content"), dict):
        drop_widget_views(model["content"])


def _jupyter_server_extension_points() -> list[dict[str, str]]:
    return [{"module": "somekurs.serverext"}]


def _load_jupyter_server_extension(serverapp: Any) -> None:
    from jupyter_server.base.handlers import JupyterHandler
    from jupyter_server.utils import url_path_join
    from tornado import web

    class BookHandler(web.StaticFileHandler):
        """The built book, or a Norwegian page that says it is not built."""

        def write_error(self, status_code: int, **kwargs: Any) -> None:
            from somekurs import editions, texts

            lang = editions.current()
            self.set_header("Content-Type", "text/html; charset=utf-8")
            if status_code == 404:
                self.finish(missing_book(lang))
            else:
                self.finish(f"<p lang='{lang}'>{html.escape(texts.say('startpage', 'error', lang, status=status_code))}</p>")

        def set_default_headers(self) -> None:
            self.set_header("Content-Security-Policy", CSP)

    class StartHandler(JupyterHandler):
        """The participant's start page (somekurs.startpage): their own progress, so logged in only."""

        @web.authenticated
        def get(self) -> None:
            from somekurs import editions

            chosen = self.get_argument("maalform", "")
            if chosen and editions.normalise(chosen):
                try:
                    editions.choose(chosen)  # remembered in the progress file, like the nickname
                except Exception:  # noqa: BLE001 - the page still shows, in the standard asked for
                    serverapp.log.exception("somekurs: målforma kunne ikkje lagrast")
                    return self._page(editions.checked(chosen))
                self.redirect(url_path_join(serverapp.base_url, "somekurs/"), status=303)
                return None
            return self._page(None)

        def _page(self, lang: str | None) -> None:
            from somekurs import editions, startpage, texts

            self.set_header("Content-Type", "text/html; charset=utf-8")
            self.set_header("Cache-Control", "no-store")
            try:
                self.finish(startpage.render(Path(serverapp.root_dir), serverapp.base_url, lang))
            except Exception as exc:  # noqa: BLE001 - a participant sees Norwegian, the log the cause
                serverapp.log.exception("somekurs: startsiden feilet")
                said = editions.resolve(lang)
                text = html.escape(texts.say("startpage", "failed", said, error=type(exc).__name__))
                self.finish(f"<p lang='{said}'>{text}</p>")

    root = book_dir()
    route = url_path_join(serverapp.base_url, "somekurs/bok/(.*)")
    start = url_path_join(serverapp.base_url, "somekurs/?")
    serverapp.web_app.add_handlers(
        ".*$",
        [(route, BookHandler, {"path": str(root), "default_filename": "index.html"}), (start, StartHandler)],
    )
    # The app's pages are Norwegian (<html lang="nb">, for screen readers and spelling). Set here
    # because jupyter_server_config.d only carries extension switches; Voilà reads this config
    # object each time it renders a page.
    if "language_code" not in serverapp.config.HTMLExporter:
        serverapp.config.HTMLExporter.language_code = "nb"
    # Voilà's MathJax 2 comes from a CDN; with both settings "null" it uses the MathJax 3 that is
    # bundled in its own scripts (the choice is made in Voilà's main script).
    serverapp.web_app.settings["mathjax_url"] = "null"
    serverapp.web_app.settings["mathjax_config"] = "null"
    headers = serverapp.web_app.settings.setdefault("headers", {})
    headers.setdefault("Content-Security-Policy", CSP)
    manager = serverapp.contents_manager
    if hasattr(manager, "register_pre_save_hook"):
        manager.register_pre_save_hook(strip_widget_views)
    else:
        manager.pre_save_hook = strip_widget_views
    from tornado.ioloop import PeriodicCallback

    from somekurs import heap

    def release() -> None:
        heap.release()

    releaser = PeriodicCallback(release, RELEASE_EVERY_MS)
    releaser.start()
    serverapp.web_app.settings["somekurs_heap_release"] = releaser  # kept with the app it serves
    serverapp.log.info("somekurs: boka fra %s på %s", root, route)


# The names jupyter_server looks for (classic and current).
load_jupyter_server_extension = _load_jupyter_server_extension
