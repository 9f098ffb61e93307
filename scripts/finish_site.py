"""Last build step, after both MkDocs builds and scripts/bundle_pyodide.py: the Content-Security-Policy of every page
and the offline service worker.

- CSP: a <meta http-equiv="Content-Security-Policy"> as the first element after <meta charset> of every HTML page.
  Scripts: 'self', 'wasm-unsafe-eval' (Pyodide compiles WebAssembly) and the sha256 of each inline script that page
  carries (Material's small bootstrap scripts), computed from the final HTML, so no 'unsafe-inline'/'unsafe-eval'.
  Workers and connections: 'self' only.
- sw.js at the site root from docs/assets/calculator/sw.template.js, with the precache list (every file of both
  builds, the calculator and Pyodide; pages as their directory URLs) and a cache version hashed from their content.
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
SW_TEMPLATE = REPO / "docs" / "assets" / "calculator" / "sw.template.js"
CSP_META = re.compile(r'<meta http-equiv="Content-Security-Policy"[^>]*>\s*', re.IGNORECASE)
CHARSET_META = re.compile(r'<meta charset="utf-8">', re.IGNORECASE)
SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.IGNORECASE | re.DOTALL)
# Script types the browser does not execute (data blocks such as Material's __config): no hash needed.
DATA_SCRIPT_TYPE = re.compile(r'\btype\s*=\s*"(?!(?:text/javascript|module)")[^"]*"', re.IGNORECASE)
# Material's language switch fetches sitemap.xml, so it is precached too; only the worker itself and gzip copies are not.
NOT_PRECACHED = {"sw.js", "sitemap.xml.gz", "en/sitemap.xml.gz"}


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


def precache_entries(site_dir: Path) -> list[tuple[str, Path]]:
    entries: list[tuple[str, Path]] = []
    for path in sorted(site_dir.rglob("*")):
        relative = path.relative_to(site_dir).as_posix()
        if not path.is_file() or relative in NOT_PRECACHED:
            continue
        if path.name == "index.html":
            url = relative[: -len("index.html")] or "./"
        else:
            url = relative
        entries.append((url, path))
    return entries


def service_worker(site_dir: Path) -> str:
    entries = precache_entries(site_dir)
    version = hashlib.sha256()
    for url, path in entries:
        version.update(url.encode("utf-8") + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    template = SW_TEMPLATE.read_text(encoding="utf-8")
    for placeholder in ("__VERSION__", "__PRECACHE__"):
        if placeholder not in template:
            raise FinishError(f"{SW_TEMPLATE}: placeholder {placeholder} missing")
    return (template.replace("__VERSION__", version.hexdigest()[:16])
            .replace("__PRECACHE__", json.dumps([url for url, _ in entries], ensure_ascii=False, indent=0)))


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
