"""Transfer weight of one article page with everything it loads, gzip-compressed as a static host would serve it.

Pyodide (the runtime under pyodide/ and the calculator wheel it installs) is excluded and reported separately.
Usage: .venv/bin/python benchmarks/page_weight.py [page path, default articles/3/] (after scripts/build.sh)
"""
from __future__ import annotations

import gzip
import importlib.util
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "site"
GOAL_KB = 150


def _server_module():
    spec = importlib.util.spec_from_file_location("static_server", ROOT / "site_build" / "static_server.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def _is_pyodide(path: str) -> bool:
    return "/pyodide/" in path or path.endswith(".whl")


def main(page_path: str) -> None:
    server = _server_module().start_server(directory=SITE, host="127.0.0.1", port=0)
    base = f"http://127.0.0.1:{server.server_port}/"
    rows: list[tuple[str, int, int]] = []
    precached: list[str] = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
            page = browser.new_page()
            seen: set[str] = set()

            def record(response) -> None:  # every response of the page and its workers
                url = response.url
                if url in seen or not url.startswith(base):
                    return
                seen.add(url)
                if response.request.service_worker is not None and not url.endswith("/sw.js"):
                    precached.append(url)  # the offline cache filling itself, not what the page needs to show
                    return
                try:
                    body = response.body()
                except Exception:  # redirects and aborted requests have no body
                    return
                rows.append((urlsplit(url).path, len(body), len(gzip.compress(body, compresslevel=9))))

            page.context.on("response", record)
            page.goto(base + page_path, wait_until="networkidle")
            time.sleep(3)  # let idle-time loads (search index, calculator) finish; a benchmark, not a test
            page.wait_for_load_state("networkidle")
            browser.close()
    finally:
        server.shutdown()
    page_rows = [row for row in rows if not _is_pyodide(row[0])]
    pyodide_rows = [row for row in rows if _is_pyodide(row[0])]
    width = max(len(path) for path, _, _ in rows)
    for path, raw, compressed in sorted(page_rows, key=lambda row: -row[2]):
        print(f"{path:<{width}}  {raw / 1024:8.1f} KB  gzip {compressed / 1024:7.1f} KB")
    total = sum(row[2] for row in page_rows)
    print(f"page {page_path}: {len(page_rows)} files, {sum(r[1] for r in page_rows) / 1024:.1f} KB raw, "
          f"gzip {total / 1024:.1f} KB (goal < {GOAL_KB} KB)")
    print(f"Pyodide (excluded): {len(pyodide_rows)} files, gzip {sum(r[2] for r in pyodide_rows) / 1024:.1f} KB")
    print(f"service worker precache requests (excluded): {len(precached)}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "articles/3/")
