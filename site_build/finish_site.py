"""Last build step, after both MkDocs builds and site_build/bundle_pyodide.py: the Content-Security-Policy of every page
and the offline service worker.

- CSP: a <meta http-equiv="Content-Security-Policy"> as the first element after <meta charset> of every HTML page.
  Scripts: 'self', 'wasm-unsafe-eval' (Pyodide compiles WebAssembly) and the sha256 of each inline script that page
  carries (Material's small bootstrap scripts), computed from the final HTML, so no 'unsafe-inline'/'unsafe-eval'.
  Workers and connections: 'self' only.
- sw.js at the site root from docs/assets/frontend/site/sw.template.js, with its small install-time precache list (the
  404 and offline pages and the sitemaps of both builds; everything else, the Pyodide runtime included, is cached on
  first use), the list of every page of both languages and the files they need (`site_files`: what the worker keeps
  once the runtime is cached), and a cache version hashed from the content of every file of the site, so any change
  to the site means a new cache.
- The 404 pages (`not_found_page`): MkDocs writes them with links from the host's root ("/assets/...", and "//./"
  for the language switch); they are made relative to their build's root, and a small script in the head sets a
  <base> at that root wherever the page is served (any unknown path, under a sub-path too).
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import html
import json
import os
import re
import sys
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parent.parent
SW_TEMPLATE = REPO / "docs" / "assets" / "frontend" / "site" / "sw.template.js"
CSP_META = re.compile(r'<meta http-equiv="Content-Security-Policy"[^>]*>\s*', re.IGNORECASE)
CHARSET_META = re.compile(r'<meta charset="utf-8">', re.IGNORECASE)
SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.IGNORECASE | re.DOTALL)
# Script types the browser does not execute (data blocks such as Material's __config): no hash needed.
DATA_SCRIPT_TYPE = re.compile(r'\btype\s*=\s*"(?!(?:text/javascript|module)")[^"]*"', re.IGNORECASE)
# Installed with the worker: the 404 and offline pages of both builds and the sitemaps that Material's language switch
# reads. Small on purpose: installing must not cost a phone any real data (the rest is cached as it is used, and the
# whole site once the reader has run a calculator, see sw.template.js).
# Also the search worker's scripts (every file in each build's assets/javascripts/workers/) and the ones it imports for
# Chinese (mkdocs.yml `search: lang: zh`), and the search documents it fetches (search_docs.json, hooks/policy_pages.py;
# about 50 KB with Brotli for both builds): a worker fetches them itself, so a page cannot hand them over from its own
# resource list as it does with the rest.
PRECACHE = ("404.html", "en/404.html", "offline/", "en/offline/", "sitemap.xml", "en/sitemap.xml",
            "assets/javascripts/lunr/min/lunr.stemmer.support.min.js", "assets/javascripts/lunr/min/lunr.zh.min.js",
            "search/search_docs.json", "en/search/search_docs.json")
WORKER_SCRIPT_DIRS = ("assets/javascripts/workers", "en/assets/javascripts/workers")
# Kept offline once the runtime is cached (sw.template.js fills the cache with them): every page of both languages but
# the frame-only embed pages (they run without the service worker), and every file under a build's assets/ and
# search/ a page may load, but source maps and lunr's language scripts (the two Chinese search needs are in PRECACHE;
# the others, Thai's word splitter among them at 130 KB, serve other languages).
PAGE_EXCLUDED = re.compile(r"^(en/)?(embed/(articles/\d+|estimator)/|offline/)")
ASSET_DIRS = ("assets", "en/assets", "search", "en/search")
ASSET_EXCLUDED = re.compile(r"(\.map|/lunr/.+)$")
# The runtime the calculator's worker loads (bundle.json `bytes`) and its lock file: the cache is filled only once
# these are in it (the reader has run a calculator once), so a reader who never does downloads no more than today.
RUNTIME_DIR = "pyodide"
# The 404 pages: links from the host's root as MkDocs writes them ("/x", the language switch's "//./"), in attributes
# and in Material's __config.
ROOT_LINK = re.compile(r'(\s(?:href|src)=")//?(?=[^"/]|")')
CONFIG_ROOT = re.compile(r'("(?:base|search)": ")/')
NOT_FOUND_PAGES = {"404.html": "", "en/404.html": "en/"}
# Sets <base href="ROOT + build"> (build: "" or "en/"). ROOT: the public URL's path if the build knew it; else the
# longest site root a page of this site stored in localStorage (docs/assets/frontend/site/offline.js) that starts the
# address; else what comes before the first of the site's top-level names in the address; else "/".
NOT_FOUND_BASE_SCRIPT = """<script data-jiangbei-404 data-root="ROOT" data-build="BUILD" data-top="TOP">(function () {
  var script = document.currentScript, path = location.pathname, root = script.dataset.root;
  if (!root) {
    try {
      (JSON.parse(localStorage.getItem("jiangbei-site-roots")) || []).forEach(function (known) {
        if (typeof known === "string" && path.indexOf(known) === 0 && known.length > root.length) root = known;
      });
    } catch (error) { /* no storage: the address decides */ }
  }
  if (!root) {
    var parts = path.split("/"), top = script.dataset.top.split(" ");
    for (var i = 1; i < parts.length; i++) if (top.indexOf(parts[i]) >= 0) { root = parts.slice(0, i).join("/") + "/"; break; }
  }
  var base = document.createElement("base");
  base.href = (root || "/") + script.dataset.build;
  document.head.appendChild(base);
})();</script>"""
# After Material's __config: its base and search worker, relative to the build's root, made absolute from the <base>.
# The base keeps its final "/", as Material's own resolution gives it on every other page: Material resolves the search
# index, the sitemap and each search result's link against it (without the "/", under /jiangbei/ the index was asked
# for at the host's root, and the English page's results led to the Chinese pages).
NOT_FOUND_CONFIG_SCRIPT = """<script>(function () {
  var element = document.getElementById("__config"), config = JSON.parse(element.textContent);
  config.base = new URL(config.base, document.baseURI).href;
  config.search = new URL(config.search, document.baseURI).href;
  element.textContent = JSON.stringify(config);
})();</script>"""
CONFIG_ELEMENT = re.compile(r'<script id="__config"[^>]*>.*?</script>', re.DOTALL)
# Not part of the cache version: the worker itself and compressed copies (derived from files that are).
UNVERSIONED_SUFFIXES = (".gz", ".br")


class FinishError(RuntimeError):
    pass


def write_if_changed(path: Path, text: str) -> bool:
    data = text.encode("utf-8")
    if path.is_file() and path.read_bytes() == data:
        return False
    path.write_bytes(data)
    return True


def inline_script_hashes(page: str) -> list[str]:
    hashes: list[str] = []
    for match in SCRIPT.finditer(page):
        attributes, body = match.group(1), match.group(2)
        if re.search(r"\bsrc\s*=", attributes, re.IGNORECASE) or DATA_SCRIPT_TYPE.search(attributes):
            continue
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")
        source = f"'sha256-{digest}'"
        if source not in hashes:
            hashes.append(source)
    return hashes


def content_security_policy(script_hashes: list[str]) -> str:
    directives = [
        "default-src 'self'",
        " ".join(["script-src 'self' 'wasm-unsafe-eval'", *script_hashes]),
        "style-src 'self' 'unsafe-inline'",  # Material sets style attributes; scripts stay strict
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'self'",
        "manifest-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ]
    return "; ".join(directives)


def with_csp(page: str, where: Path) -> str:
    page = CSP_META.sub("", page)
    if not CHARSET_META.search(page):
        raise FinishError(f"{where}: no <meta charset=\"utf-8\"> to put the Content-Security-Policy after")
    policy = content_security_policy(inline_script_hashes(page))
    meta = f'<meta http-equiv="Content-Security-Policy" content="{html.escape(policy, quote=False).replace(chr(34), "&quot;")}">'
    return CHARSET_META.sub(lambda match: match.group(0) + meta, page, count=1)


def versioned_files(site_dir: Path) -> list[tuple[str, Path]]:
    entries: list[tuple[str, Path]] = []
    for path in sorted(site_dir.rglob("*")):
        relative = path.relative_to(site_dir).as_posix()
        if not path.is_file() or relative == "sw.js" or relative.endswith(UNVERSIONED_SUFFIXES):
            continue
        entries.append((relative, path))
    return entries


def page_url(relative: str) -> str:
    """The URL of a page (relative to the site root) from its file: "articles/3/index.html" -> "articles/3/"."""
    return relative[: -len("index.html")]


def site_files(site_dir: Path) -> dict[str, list[str]]:
    """What the service worker keeps once the runtime is cached: {"pages": [...], "assets": [...], "runtime": [...]},
    URLs relative to the site root (pages by their directory URL, as they are opened)."""
    pages = sorted(page_url(path.relative_to(site_dir).as_posix()) for path in site_dir.rglob("index.html"))
    pages = [url for url in pages if not PAGE_EXCLUDED.match(url)]
    assets = sorted(path.relative_to(site_dir).as_posix() for folder in ASSET_DIRS
                    for path in (site_dir / folder).rglob("*") if path.is_file())
    assets = [url for url in assets if not url.endswith(UNVERSIONED_SUFFIXES) and not ASSET_EXCLUDED.search(url)
              and url not in PRECACHE]
    bundle = json.loads((site_dir / "assets" / "frontend" / "bundle.json").read_text(encoding="utf-8"))
    runtime = sorted(f"{RUNTIME_DIR}/{name}" for name in [*bundle["bytes"], "pyodide-lock.json"])
    missing = [url for url in runtime if not (site_dir / url).is_file()]
    if missing:
        raise FinishError(f"{site_dir}: runtime files named by bundle.json are missing: {missing}")
    return {"pages": pages, "assets": assets, "runtime": runtime}


def public_root() -> str:
    """The path of JIANGBEI_PUBLIC_URL (the Chinese site root, README "Deploying"), "" when the build does not know it."""
    url = os.environ.get("JIANGBEI_PUBLIC_URL", "").strip()
    if not url.startswith(("http://", "https://")):
        return ""
    path = urlsplit(url).path or "/"
    return path if path.endswith("/") else path + "/"


def not_found_page(page: str, build: str, top_names: list[str], root: str) -> str:
    """A 404 page whose links work at any address: relative to its build's root, with a script that sets the <base>."""
    page = ROOT_LINK.sub(r"\1", page).replace(' href=""', ' href="./"').replace(' src=""', ' src="./"')
    page = CONFIG_ROOT.sub(r"\1", page).replace('"base": ""', '"base": "."')
    if "data-jiangbei-404" not in page:
        script = (NOT_FOUND_BASE_SCRIPT.replace('"ROOT"', f'"{html.escape(root)}"', 1)
                  .replace('"BUILD"', f'"{build}"', 1).replace('"TOP"', f'"{" ".join(top_names)}"', 1))
        page = CHARSET_META.sub(lambda match: match.group(0) + script, page, count=1)
        config = CONFIG_ELEMENT.search(page)
        if not config:
            raise FinishError("404 page without Material's __config")
        page = page[:config.end()] + NOT_FOUND_CONFIG_SCRIPT + page[config.end():]
    return page


def precache_list(site_dir: Path) -> list[str]:
    worker_scripts = sorted(path.relative_to(site_dir).as_posix() for folder in WORKER_SCRIPT_DIRS
                            for path in (site_dir / folder).glob("*.js") if path.is_file())
    return [*PRECACHE, *worker_scripts]


def service_worker(site_dir: Path) -> str:
    missing = [name for name in PRECACHE
               if not (site_dir / (name + "index.html" if name.endswith("/") else name)).is_file()]
    if missing:
        raise FinishError(f"{site_dir}: files to precache are missing: {missing}")
    version = hashlib.sha256()
    for url, path in versioned_files(site_dir):
        version.update(url.encode("utf-8") + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    template = SW_TEMPLATE.read_text(encoding="utf-8")
    for placeholder in ("__VERSION__", "__PRECACHE__", "__SITE_FILES__"):
        if placeholder not in template:
            raise FinishError(f"{SW_TEMPLATE}: placeholder {placeholder} missing")
    return (template.replace("__VERSION__", version.hexdigest()[:16])
            .replace("__PRECACHE__", json.dumps(precache_list(site_dir), ensure_ascii=False))
            .replace("__SITE_FILES__", json.dumps(site_files(site_dir), ensure_ascii=False)))


def finish(site_dir: Path) -> list[str]:
    if not (site_dir / "pyodide" / "pyodide-lock.json").is_file():
        raise FinishError(f"{site_dir}: run site_build/bundle_pyodide.py first (site/pyodide/ is missing)")
    written: list[str] = []
    top_names = sorted(path.name for path in site_dir.iterdir() if path.is_dir())
    for page_path in sorted(site_dir.rglob("*.html")):
        page = page_path.read_text(encoding="utf-8")
        relative = page_path.relative_to(site_dir).as_posix()
        if relative in NOT_FOUND_PAGES:
            page = not_found_page(page, NOT_FOUND_PAGES[relative], top_names, public_root())
        if write_if_changed(page_path, with_csp(page, page_path)):
            written.append(page_path.relative_to(site_dir).as_posix())
    if write_if_changed(site_dir / "sw.js", service_worker(site_dir)):
        written.append("sw.js")
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site-dir", type=Path, default=REPO / "site")
    options = parser.parse_args()
    try:
        written = finish(options.site_dir.resolve())
    except FinishError as error:
        sys.exit(f"[finish_site] error: {error}")
    print(f"[finish_site] {len(written)} file(s) written (CSP on pages, sw.js)")


if __name__ == "__main__":
    main()
