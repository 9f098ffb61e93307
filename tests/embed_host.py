"""Another site that embeds this site's calculators (issue 26), for the Chromium (tests/e2e/test_embed.py) and WebKit
(tests/webkit/test_webkit_embed.py) tests: its pages, served from http://localhost:<port>/ while the site is on
http://127.0.0.1:<port>/. Another port makes another origin; another host name makes another site, so the browser
treats the site's frames as third-party frames (partitioned storage, or none).

The host page is what the page embed/ tells a host to write: embed.js once, one div per calculator. It sends its own
Content-Security-Policy, allowing this site's script and frames and nothing else from outside, as that page says a
host must. It records every size message it receives (`window.__sizes`: {box, origin, height}) and which iframes
have fired their load event (`window.__loaded`: ids), so that a test can wait for them.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

MESSAGE = "jiangbei-calculator:size"

RECORDER = """
window.__sizes = [];
window.__loaded = [];
window.addEventListener("message", (event) => {
  if (!event.data || event.data.type !== "%s") return;
  const frame = [...document.querySelectorAll("iframe")].find((iframe) => iframe.contentWindow === event.source);
  window.__sizes.push({box: frame ? frame.closest(".box").id : null, origin: event.origin, height: event.data.height});
});
document.addEventListener("load", (event) => {
  if (event.target instanceof HTMLIFrameElement) window.__loaded.push(event.target.id || event.target.closest(".box").id);
}, true);
""" % MESSAGE


def host_page(site_url: str, lang: str) -> str:
    """Two calculators (article 3, the estimator) with buttons to focus before, between and after them (buttons:
    WebKit's Tab skips links by default)."""
    return f"""<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Host page ({lang})</title><link rel="icon" href="data:,">
<script src="recorder.js"></script>
<style>body {{ font-family: sans-serif; margin: 1rem; }} .box {{ max-width: 60rem; margin: 1rem 0; }}</style>
</head><body>
<h1>A page of another site</h1>
<p><button id="before" type="button">Before the calculators</button></p>
<div class="box" id="embed-3"><div data-jiangbei-calculator="3" data-lang="{lang}"></div></div>
<p><button id="between" type="button">Between the calculators</button></p>
<div class="box" id="embed-estimator"><div data-jiangbei-calculator="estimator" data-lang="{lang}"></div></div>
<p><button id="after" type="button">After the calculators</button></p>
<script src="{site_url}assets/frontend/embed.js" async></script>
</body></html>"""


def plain_frame_page(site_url: str) -> str:
    """An ordinary page of this site in a plain iframe, without embed.js: it must be refused."""
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Plain frame</title><link rel="icon" href="data:,">
<script src="recorder.js"></script></head><body>
<iframe id="refused" title="Article 3" src="{site_url}articles/3/" style="width:100%;height:400px"></iframe>
</body></html>"""


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


class _HostHandler(http.server.SimpleHTTPRequestHandler):
    site_origin = ""

    def end_headers(self) -> None:
        self.send_header("Content-Security-Policy", f"default-src 'self'; script-src 'self' {self.site_origin}; "
                                                    f"frame-src {self.site_origin}; style-src 'self' 'unsafe-inline'; "
                                                    "img-src 'self' data:")
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (signature of the base class)
        pass


@contextmanager
def serving_host(site_url: str, folder: Path) -> Iterator[str]:
    """Writes the host's pages into `folder` and serves them; yields "http://localhost:<port>/". Pages:
    host-zh.html, host-en.html (host_page) and plain.html (plain_frame_page)."""
    for lang in ("zh", "en"):
        (folder / f"host-{lang}.html").write_text(host_page(site_url, lang), encoding="utf-8")
    (folder / "plain.html").write_text(plain_frame_page(site_url), encoding="utf-8")
    (folder / "recorder.js").write_text(RECORDER, encoding="utf-8")
    handler_class = type("HostHandler", (_HostHandler,), {"site_origin": _origin(site_url)})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler_class, directory=str(folder)))
    threading.Thread(target=server.serve_forever, name="embed-host", daemon=True).start()
    try:
        yield f"http://localhost:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()
