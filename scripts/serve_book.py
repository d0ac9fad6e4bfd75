"""Serve the built book the way a production web server does: text compressed with gzip.

Python's own ``http.server`` sends every file uncompressed. Real hosts (GitHub Pages,
nginx with ``gzip on``, Apache with mod_deflate, Netlify) compress HTML, CSS and JavaScript,
which cuts what a reader downloads by about five times. ``make serve``, the browser tests and
the benchmark all use this server, so what they show and measure is what readers get.

Run: ``python scripts/serve_book.py _build/html --port 8000``.
"""

from __future__ import annotations

import argparse
import gzip
import http.server
import io
import os
import threading
from functools import partial
from pathlib import Path

# Types worth compressing: text formats. Images and web fonts (woff2) are compressed already.
COMPRESSIBLE = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml")
_cache: dict[tuple[str, float], bytes] = {}
_cache_lock = threading.Lock()


class BookHandler(http.server.SimpleHTTPRequestHandler):
    """Static files; gzip for text when the browser asks for it (Accept-Encoding)."""

    quiet = True

    def send_head(self):  # type: ignore[no-untyped-def] - signature as in the standard library
        path = self.translate_path(self.path)
        if os.path.isdir(path) or not os.path.isfile(path) or not self._wants_gzip():
            return super().send_head()
        ctype = self.guess_type(path)
        if not ctype.startswith(COMPRESSIBLE):
            return super().send_head()
        body = _compressed(path)
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Last-Modified", self.date_time_string(int(os.path.getmtime(path))))
        self.end_headers()
        return io.BytesIO(body)

    def _wants_gzip(self) -> bool:
        accepted = self.headers.get("Accept-Encoding", "")
        return any(part.split(";")[0].strip() == "gzip" for part in accepted.split(","))

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib name
        if not self.quiet:
            super().log_message(format, *args)


def _compressed(path: str) -> bytes:
    """Each file is compressed once per version (its modification time), not per request."""
    key = (path, os.path.getmtime(path))
    with _cache_lock:
        if key not in _cache:
            _cache[key] = gzip.compress(Path(path).read_bytes(), compresslevel=6, mtime=0)
        return _cache[key]


def make_server(directory: Path, port: int = 0, *, quiet: bool = True) -> http.server.ThreadingHTTPServer:
    """A threaded server for ``directory`` on 127.0.0.1 (port 0: any free port)."""
    handler = partial(type("Handler", (BookHandler,), {"quiet": quiet}), directory=str(directory))
    return http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)


def main() -> None:
    parser = argparse.ArgumentParser(description="Server den bygde boka med komprimering.")
    parser.add_argument("directory", type=Path)
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args()
    server = make_server(args.directory, args.port, quiet=False)
    print(f"Boka er klar: http://127.0.0.1:{server.server_address[1]}/  (Ctrl+C stopper serveren)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
