"""Last build step, after both MkDocs builds and scripts/bundle_pyodide.py: the Content-Security-Policy of every page
and the offline service worker.

- CSP: a <meta http-equiv="Content-Security-Policy"> as the first element after <meta charset> of every HTML page.
  Scripts: 'self', 'wasm-unsafe-eval' (Pyodide compiles WebAssembly) and the sha256 of each inline script that page
  carries (Material's small bootstrap scripts), computed from the final HTML, so no 'unsafe-inline'/'unsafe-eval'.
  Workers and connections: 'self' only.
- sw.js at the site root from docs/assets/frontend/site/sw.template.js, with its small install-time precache list (the
  404 pages and the sitemaps of both builds; everything else, the Pyodide runtime included, is cached on first use)
  and a cache version hashed from the content of every file of the site, so any change to the site means a new cache.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import html
import json
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SW_TEMPLATE = REPO / "docs" / "assets" / "frontend" / "site" / "sw.template.js"
CSP_META = re.compile(r'<meta http-equiv="Content-Security-Policy"[^>]*>\s*', re.IGNORECASE)
CHARSET_META = re.compile(r'<meta charset="utf-8">', re.IGNORECASE)
SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.IGNORECASE | re.DOTALL)
# Script types the browser does not execute (data blocks such as Material's __config): no hash needed.
DATA_SCRIPT_TYPE = re.compile(r'\btype\s*=\s*"(?!(?:text/javascript|module)")[^"]*"', re.IGNORECASE)
# Installed with the worker: the offline 404 pages and the sitemaps that Material's language switch reads. Small on
# purpose: installing must not cost a phone any real data (the rest is cached as it is used, see sw.template.js).
# Also the search worker's scripts (every file in each build's assets/javascripts/workers/) and the ones it imports for
# Chinese (mkdocs.yml `search: lang: zh`), and the search documents it fetches (search_docs.json, hooks/policy_pages.py;
# about 50 KB with Brotli for both builds): a worker fetches them itself, so a page cannot hand them over from its own
# resource list as it does with the rest.
PRECACHE = ("404.html", "en/404.html", "sitemap.xml", "en/sitemap.xml",
            "assets/javascripts/lunr/min/lunr.stemmer.support.min.js", "assets/javascripts/lunr/min/lunr.zh.min.js",
            "search/search_docs.json", "en/search/search_docs.json")
WORKER_SCRIPT_DIRS = ("assets/javascripts/workers", "en/assets/javascripts/workers")
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


def precache_list(site_dir: Path) -> list[str]:
    worker_scripts = sorted(path.relative_to(site_dir).as_posix() for folder in WORKER_SCRIPT_DIRS
                            for path in (site_dir / folder).glob("*.js") if path.is_file())
    return [*PRECACHE, *worker_scripts]


def service_worker(site_dir: Path) -> str:
    missing = [name for name in PRECACHE if not (site_dir / name).is_file()]
    if missing:
        raise FinishError(f"{site_dir}: files to precache are missing: {missing}")
    version = hashlib.sha256()
    for url, path in versioned_files(site_dir):
        version.update(url.encode("utf-8") + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    template = SW_TEMPLATE.read_text(encoding="utf-8")
    for placeholder in ("__VERSION__", "__PRECACHE__"):
        if placeholder not in template:
            raise FinishError(f"{SW_TEMPLATE}: placeholder {placeholder} missing")
    return (template.replace("__VERSION__", version.hexdigest()[:16])
            .replace("__PRECACHE__", json.dumps(precache_list(site_dir), ensure_ascii=False)))


def finish(site_dir: Path) -> list[str]:
    if not (site_dir / "pyodide" / "pyodide-lock.json").is_file():
        raise FinishError(f"{site_dir}: run scripts/bundle_pyodide.py first (site/pyodide/ is missing)")
    written: list[str] = []
    for page_path in sorted(site_dir.rglob("*.html")):
        page = page_path.read_text(encoding="utf-8")
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
