"""Static file server for the built site: serves one explicit directory on loopback with correct MIME types.

Used by scripts/serve.sh (command line), by the test harness (tests/conftest.py, via `serving`) and by the
benchmarks.
Pyodide needs `.wasm` as application/wasm (streaming compilation) and `.mjs` as JavaScript (module workers); the
types are set here explicitly rather than trusting the machine's /etc/mime.types.

Like nginx's `gzip_static`/`brotli_static` (README "Deploying"), a request for NAME is answered with NAME.br or NAME.gz
(written by site_build/precompress.py) when the client accepts that encoding: same Content-Type as NAME, plus
Content-Encoding and `Vary: Accept-Encoding`. Brotli is preferred; a `q=0` refuses an encoding.

Like GitHub Pages and nginx's `error_page 404 /404.html;`, an unknown path is answered with the site's 404.html (status
404). `--prefix /jiangbei/` serves the site under that sub-path (as a host that mounts it there would), and nothing
outside it.

Clickjacking: every response says `Content-Security-Policy: frame-ancestors 'self'` (only this site may frame its
pages), except the embeddable calculators (embed/articles/N/, embed/estimator/, in both languages), which any site may
frame (`frame-ancestors *`). README's nginx snippet sends the same.
"""

from __future__ import annotations

import argparse
import functools
import datetime
import email.utils
import http.server
import os
import re
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

EXTRA_MIME_TYPES = {
    ".wasm": "application/wasm",
    ".mjs": "text/javascript",
    ".js": "text/javascript",
    ".json": "application/json",
    ".svg": "image/svg+xml",
    ".whl": "application/zip",
    ".zip": "application/zip",
}


# The pages other sites may put in a frame (site_build/pages/embed.py), as README's nginx snippet matches them.
FRAMEABLE_PATH = re.compile(r"/embed/(articles/[0-9]+|estimator)/(index\.html)?$")
FRAME_ANCESTORS_ANY = "frame-ancestors *"
FRAME_ANCESTORS_SELF = "frame-ancestors 'self'"


def frame_ancestors(request_path: str) -> str:
    """The Content-Security-Policy header (only frame-ancestors: the rest is in each page's <meta>) for a request."""
    path = request_path.split("?", 1)[0].split("#", 1)[0]
    return FRAME_ANCESTORS_ANY if FRAMEABLE_PATH.search(path) else FRAME_ANCESTORS_SELF


# Preference order of the precompressed copies: file suffix and Content-Encoding.
PRECOMPRESSED = ((".br", "br"), (".gz", "gzip"))


def accepted_encodings(header: str | None) -> set[str]:
    """Codings of an Accept-Encoding header that the client accepts (q > 0)."""
    accepted: set[str] = set()
    for item in (header or "").split(","):
        name, _, params = item.strip().partition(";")
        quality = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if name and quality > 0:
            accepted.add(name.strip().lower())
    return accepted


class SiteRequestHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **EXTRA_MIME_TYPES}
    # The URL path the site is served under ("/" or e.g. "/jiangbei/"); set per server by start_server.
    prefix = "/"

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.prefix):
            return os.path.join(self.directory, "__outside_the_prefix__", "none")  # no such file: a 404
        return super().translate_path("/" + path[len(self.prefix):])

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = os.path.join(self.directory, "404.html")
        if code != 404 or not os.path.isfile(page):
            super().send_error(code, message, explain)
            return
        with open(page, "rb") as file:
            body = file.read()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def send_head(self) -> Any:
        path = self.translate_path(self.path)
        if os.path.isdir(path) and self.path.split("?", 1)[0].endswith("/"):
            path = os.path.join(path, "index.html")
        if not os.path.isfile(path):
            return super().send_head()
        copies = [(path + suffix, coding) for suffix, coding in PRECOMPRESSED if os.path.isfile(path + suffix)]
        if not copies:
            return super().send_head()
        accepted = accepted_encodings(self.headers.get("Accept-Encoding"))
        chosen = next(((copy, coding) for copy, coding in copies if coding in accepted), None)
        if chosen is None:
            self.vary_on_encoding = True
            return super().send_head()
        copy, coding = chosen
        stat = os.stat(path)
        if self._not_modified_since(stat.st_mtime):
            self.send_response(304)
            self.send_header("Vary", "Accept-Encoding")
            self.end_headers()
            return None
        data_file = open(copy, "rb")  # noqa: SIM115 (closed by the base class's copyfile caller)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", coding)
        self.send_header("Content-Length", str(os.fstat(data_file.fileno()).st_size))
        self.send_header("Last-Modified", self.date_time_string(int(stat.st_mtime)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return data_file

    def _not_modified_since(self, mtime: float) -> bool:
        header = self.headers.get("If-Modified-Since")
        if not header or self.headers.get("If-None-Match"):
            return False
        try:
            since = email.utils.parsedate_to_datetime(header)
        except (TypeError, ValueError, IndexError, OverflowError):
            return False
        if since.tzinfo is None:  # obsolete date formats carry no zone: HTTP dates are UTC
            since = since.replace(tzinfo=datetime.timezone.utc)
        return int(mtime) <= since.timestamp()

    vary_on_encoding = False

    def end_headers(self) -> None:
        if self.vary_on_encoding:
            self.send_header("Vary", "Accept-Encoding")
            self.vary_on_encoding = False
        # Always revalidate: a rebuilt site is never hidden behind a stale browser cache during development.
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Content-Security-Policy", frame_ancestors(self.path))
        super().end_headers()


class QuietSiteRequestHandler(SiteRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (signature of the base class)
        pass


class SiteServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        # A browser that navigates away mid-download closes its socket; that is not a server error worth a traceback.
        if isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            return
        super().handle_error(request, client_address)


def start_server(*, directory: Path, host: str = "127.0.0.1", port: int = 0, quiet: bool = True, prefix: str = "/"
                 ) -> SiteServer:
    """Serves `directory` under URL path `prefix` in a daemon thread; port 0 lets the OS choose. `.shutdown()` stops."""
    if not (directory / "index.html").is_file():
        raise FileNotFoundError(f"{directory}/index.html not found: build the site first (bash scripts/build.sh)")
    if not (prefix.startswith("/") and prefix.endswith("/")):
        raise ValueError(f"prefix {prefix!r}: must start and end with /")
    base_class = QuietSiteRequestHandler if quiet else SiteRequestHandler
    handler_class = type(base_class.__name__, (base_class,), {"prefix": prefix})
    handler = functools.partial(handler_class, directory=str(directory))
    server = SiteServer((host, port), handler)
    threading.Thread(target=server.serve_forever, name=f"site-server-{server.server_port}", daemon=True).start()
    return server


@contextmanager
def serving(directory: Path, prefix: str = "/") -> Iterator[str]:
    """Serves `directory` on an OS-chosen loopback port while the block runs; yields the base URL, ending in "/"."""
    server = start_server(directory=directory, host="127.0.0.1", port=0, prefix=prefix)
    try:
        yield f"http://127.0.0.1:{server.server_port}{prefix}"
    finally:
        server.shutdown()
        server.server_close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--directory", type=Path, default=Path("site"))
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--prefix", default="/", help="URL path to serve the site under, e.g. /jiangbei/")
    options = parser.parse_args()
    server = start_server(directory=options.directory.resolve(), host=options.host, port=options.port, quiet=False,
                          prefix=options.prefix)
    url = f"http://{options.host}:{server.server_port}{options.prefix}"
    print(f"Serving {options.directory}/ at {url}  (English: {url}en/)  Ctrl+C stops.", flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        server.shutdown()


if __name__ == "__main__":
    main()
