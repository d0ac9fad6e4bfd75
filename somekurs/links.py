"""Where the HTML book is, seen from a participant's JupyterLab: feedback links go there.

In the static book, links are relative and always work. In JupyterLab they must point to a book
the browser can open: the address in ``SOMEKURS_BOOK_URL`` when the instructor has published the
book (or set it in the hub's environment), else the copy the course's server extension serves
beside JupyterLab at ``<server>/somekurs/bok/`` (``somekurs.serverext``). Links open in a new tab,
so the participant's workbook and its live widgets stay where they are. The nynorsk book is the
same book under ``nn/`` (``book_base("nn")``).
"""

from __future__ import annotations

import os

ENV_URL = "SOMEKURS_BOOK_URL"
SERVED_AT = "somekurs/bok/"


def book_base(lang: str = "nb") -> str:
    """The book's root address in one written standard, ending in «/»."""
    url = os.environ.get(ENV_URL, "").strip()
    if url:
        root = url if url.endswith("/") else url + "/"
    else:
        root = server_base() + SERVED_AT
    return root + ("nn/" if lang == "nn" else "")


def server_base() -> str:
    """The participant's own server, ending in «/» (``/user/<name>/`` on a hub, ``/`` at home)."""
    prefix = os.environ.get("JUPYTERHUB_SERVICE_PREFIX", "/") or "/"
    return prefix if prefix.endswith("/") else prefix + "/"


def start_page(lang: str | None = None) -> str:
    """The participant's start page (``somekurs.startpage``); with ``lang``, the link that also
    chooses that written standard (the page remembers it)."""
    return server_base() + "somekurs/" + (f"?maalform={lang}" if lang else "")
