"""Static file server for the built site: serves one explicit directory on loopback with correct MIME types.

Used by scripts/serve.sh (command line) and by the e2e test harness (tests/e2e/conftest.py, via `start_server`).
Pyodide needs `.wasm` as application/wasm (streaming compilation) and `.mjs` as JavaScript (module workers); the
types are set here explicitly rather than trusting the machine's /etc/mime.types.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import sys
import threading
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


class SiteRequestHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **EXTRA_MIME_TYPES}

    def end_headers(self) -> None:
        # Always revalidate: a rebuilt site is never hidden behind a stale browser cache during development.
        self.send_header("Cache-Control", "no-cache")
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


def start_server(*, directory: Path, host: str = "127.0.0.1", port: int = 0, quiet: bool = True
                 ) -> SiteServer:
    """Serves `directory` in a daemon thread; port 0 lets the OS choose. Call `.shutdown()` to stop."""
    if not (directory / "index.html").is_file():
        raise FileNotFoundError(f"{directory}/index.html not found: build the site first (bash scripts/build.sh)")
    handler_class = QuietSiteRequestHandler if quiet else SiteRequestHandler
    handler = functools.partial(handler_class, directory=str(directory))
    server = SiteServer((host, port), handler)
    threading.Thread(target=server.serve_forever, name=f"site-server-{server.server_port}", daemon=True).start()
    return server


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--directory", type=Path, default=Path("site"))
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    options = parser.parse_args()
    server = start_server(directory=options.directory.resolve(), host=options.host, port=options.port, quiet=False)
    url = f"http://{options.host}:{server.server_port}/"
    print(f"Serving {options.directory}/ at {url}  (English: {url}en/)  Ctrl+C stops.", flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        server.shutdown()


if __name__ == "__main__":
    main()
