"""What a first visit costs in bytes on the wire, and what the service worker adds after it to keep the whole site.

Headless Chromium, a fresh context, the built site served by site_build/static_server.py (which sends the .br copies to
a browser that accepts Brotli, as README's nginx snippet does). The reader opens article 3, types an investment and
waits for the result; the service worker then installs, keeps what the page loaded ("remember"), and, the runtime
being cached, fetches every other page of both languages and their files ("fill", sw.template.js). Every request of
the context is counted with Playwright's request sizes (response headers + body as received, i.e. compressed),
split into:
- first visit: the page, its styles and scripts, the calculator's worker and runtime (what the page and its worker
  request until the result is shown);
- service worker install: its PRECACHE (404 and offline pages, sitemaps, search scripts and documents);
- remember: what the page had loaded, fetched again by the service worker (from the HTTP cache: revalidations);
- fill: the rest of the site (SITE_FILES), and the two checks of the build on the server (sw.js).
Usage: .venv/bin/python benchmarks/offline_cost.py [--lang zh|en] [--site-dir site] (after scripts/build.sh)
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path
from typing import Any

from built_site import REPO
from playwright.sync_api import Request, sync_playwright
from site_build.static_server import serving

LISTEN = """
window.__sw = {remembered: false, filled: null};
navigator.serviceWorker.addEventListener("message", (event) => {
  if (event.data && event.data.type === "remembered") window.__sw.remembered = true;
  if (event.data && event.data.type === "filled") window.__sw.filled = event.data;
});
"""
FILL_TIMEOUT_MS = 300_000


def _sw_lists(site_dir: Path) -> tuple[list[str], dict[str, list[str]]]:
    text = (site_dir / "sw.js").read_text("utf-8")
    precache = re.search(r"const PRECACHE = (\[.*?\]);", text)
    files = re.search(r"const SITE_FILES = (\{.*?\});\n", text)
    if not precache or not files:
        raise SystemExit(f"{site_dir}/sw.js: no PRECACHE or SITE_FILES (build the site with scripts/build.sh)")
    return list(json.loads(precache.group(1))), dict(json.loads(files.group(1)))


def _brotli_size(site_dir: Path, relative: str) -> int:
    path = site_dir / (relative + "index.html" if relative == "" or relative.endswith("/") else relative)
    copy = path.with_name(path.name + ".br")
    return (copy if copy.is_file() else path).stat().st_size


def measure(site_dir: Path, lang: str) -> dict[str, Any]:
    precache, files = _sw_lists(site_dir)
    rows: list[tuple[str, bool, int, int]] = []  # url, from the service worker, headers, body

    def finished(request: Request) -> None:
        sizes = request.sizes()
        rows.append((request.url.split("?")[0], request.service_worker is not None,
                     sizes["responseHeadersSize"], max(sizes["responseBodySize"], 0)))

    with serving(site_dir) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                             args=["--no-sandbox", "--disable-background-networking"])
        context = browser.new_context(base_url=base)
        context.add_init_script(LISTEN)
        context.on("requestfinished", finished)
        page = context.new_page()
        page.goto(("en/" if lang == "en" else "") + "articles/3/")
        root = page.locator('.policy-calculator[data-article="3"]')
        page.locator('.policy-calculator[data-article="3"][data-state="ready"]').wait_for(timeout=120_000)
        root.locator('[data-field="a3_investment"]').fill("7500000")
        root.locator('.pc-result[data-state="result"]').wait_for(timeout=60_000)
        visit = list(rows)
        page.wait_for_function("() => window.__sw.filled !== null", timeout=FILL_TIMEOUT_MS)
        filled = page.evaluate("() => window.__sw.filled")
        browser.close()

    page_urls = {url for url, by_worker, _, _ in visit if not by_worker}
    precache_urls = {base + path for path in precache}
    fill_urls = {base + path for path in files["pages"] + files["assets"]} | {base + "sw.js"}

    def group(selected: list[tuple[str, bool, int, int]]) -> dict[str, int]:
        return {"requests": len(selected), "bytes": sum(headers + body for _, _, headers, body in selected),
                "body_bytes": sum(body for _, _, _, body in selected)}

    by_sw = [row for row in rows if row[1]]
    return {
        "lang": lang,
        "first_visit": group([row for row in visit if not row[1]]),
        "first_visit_runtime": group([row for row in visit if not row[1] and "/pyodide/" in row[0]]),
        "sw_install": group([row for row in by_sw if row[0] in precache_urls]),
        "sw_remember": group([row for row in by_sw if row[0] in page_urls and row[0] not in precache_urls]),
        "sw_fill": group([row for row in by_sw if row[0] in fill_urls and row[0] not in page_urls
                          and row[0] not in precache_urls]),
        "fill_result": filled,
        "site_files_brotli_bytes": {kind: sum(_brotli_size(site_dir, path) for path in files[kind])
                                    for kind in ("pages", "assets", "runtime")},
        "unclassified_sw_requests": sorted({row[0] for row in by_sw} - page_urls - precache_urls - fill_urls),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site-dir", type=Path, default=REPO / "site")
    parser.add_argument("--lang", choices=("zh", "en"), default="zh")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    options = parser.parse_args()
    result = measure(options.site_dir.resolve(), options.lang)
    if options.json:
        print(json.dumps(result, indent=2))
        return
    print(f"article 3 ({options.lang}), calculator run, bytes on the wire (headers + compressed bodies):")
    for key in ("first_visit", "first_visit_runtime", "sw_install", "sw_remember", "sw_fill"):
        row = result[key]
        print(f"  {key:20} {row['requests']:4} requests {row['bytes'] / 1e6:8.3f} MB"
              f" (bodies {row['body_bytes'] / 1e6:.3f} MB)")
    print(f"  fill: {result['fill_result']}")
    sizes = result["site_files_brotli_bytes"]
    print("  the lists' Brotli sizes: " + ", ".join(f"{kind} {size / 1e6:.3f} MB" for kind, size in sizes.items()))
    if result["unclassified_sw_requests"]:
        print(f"  other service worker requests: {result['unclassified_sw_requests']}")


if __name__ == "__main__":
    main()
