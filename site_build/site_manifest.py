"""The built site as a manifest, {path: sha256 of its normalized content}, to tell whether a change altered the site.

Names and values that differ from build to build without any change of content are normalized first: the content
hashes in Material's asset names (main.<8 hex>.min.css) and in every reference to them, the service worker's cache
version (a hash of the whole build), the sha256 sources of the Content-Security-Policy (they hash inline scripts, which
are compared as text where they stand) and the sitemap's <lastmod> dates. A precompressed copy (.gz, .br) is compared
by its decompressed content, so a compressor's header (gzip's mtime) does not count.

    .venv/bin/python -m site_build.site_manifest write        # site/ -> tests/data/site_manifest.json
    .venv/bin/python -m site_build.site_manifest check        # site/ against tests/data/site_manifest.json
    .venv/bin/python -m site_build.site_manifest diff A B     # two built sites against each other

tests/e2e/test_site_manifest.py runs `check` on the site the tests serve.
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
import sys
from collections.abc import Mapping
from pathlib import Path

import brotli  # type: ignore[import-untyped]

REPO = Path(__file__).resolve().parent.parent
MANIFEST_FILE = REPO / "tests" / "data" / "site_manifest.json"
REFRESH_COMMAND = "bash scripts/build.sh && .venv/bin/python -m site_build.site_manifest write"

# Material's content-hashed asset names: bundle.d7400e89.min.js, main.ec1eaa64.min.css, search.2c215733.min.js.
ASSET_HASH = re.compile(r"\.[0-9a-f]{8}(\.min\.(?:js|css)(?:\.map)?)")
# What is normalized in text files, in order.
TEXT_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (ASSET_HASH, r".HASH\1"),
    (re.compile(r'(CACHE_PREFIX \+ ")[0-9a-f]+(")'), r"\1HASH\2"),  # sw.js: the build's cache version
    (re.compile(r"'sha256-[A-Za-z0-9+/=]+'"), "'sha256-HASH'"),  # CSP: hashes of inline scripts
    (re.compile(r"<lastmod>[^<]*</lastmod>"), "<lastmod>DATE</lastmod>"),  # sitemap.xml: the build's date
)
TEXT_SUFFIXES = {".html", ".js", ".mjs", ".css", ".json", ".map", ".xml", ".txt", ".svg", ".csv", ".py", ".webmanifest"}
COMPRESSED = {".gz": gzip.decompress, ".br": brotli.decompress}


def normalized_path(relative: str) -> str:
    return ASSET_HASH.sub(r".HASH\1", relative)


def normalized_content(relative: str, data: bytes) -> bytes:
    suffix = Path(relative).suffix
    if suffix in COMPRESSED:
        data, relative = COMPRESSED[suffix](data), relative[: -len(suffix)]
        suffix = Path(relative).suffix
    if suffix not in TEXT_SUFFIXES:
        return data
    text = data.decode("utf-8")
    for pattern, replacement in TEXT_RULES:
        text = pattern.sub(replacement, text)
    return text.encode("utf-8")


def manifest(site_dir: Path) -> dict[str, str]:
    """{normalized path: sha256 of normalized content} of every file of a built site, sorted by path."""
    entries: dict[str, str] = {}
    for path in sorted(site_dir.rglob("*")):
        if not path.is_file():
            continue
        relative = path.relative_to(site_dir).as_posix()
        key = normalized_path(relative)
        if key in entries:
            raise ValueError(f"{site_dir}: {relative} and another file normalize to the same name {key}")
        entries[key] = hashlib.sha256(normalized_content(relative, path.read_bytes())).hexdigest()
    return dict(sorted(entries.items()))


def differences(expected: Mapping[str, str], actual: Mapping[str, str]) -> list[str]:
    """One line a differing file: `changed`, `missing` (in expected only) or `added` (in actual only)."""
    lines = [f"changed  {path}" for path in expected if path in actual and actual[path] != expected[path]]
    lines += [f"missing  {path}" for path in expected if path not in actual]
    lines += [f"added    {path}" for path in actual if path not in expected]
    return lines


def read_manifest(path: Path = MANIFEST_FILE) -> dict[str, str]:
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
        raise ValueError(f"{path}: expected a JSON object of path -> sha256")
    return {str(key): str(value) for key, value in data.items()}


def write_manifest(entries: Mapping[str, str], path: Path = MANIFEST_FILE) -> None:
    path.write_text(json.dumps(entries, indent=0, sort_keys=True) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=("write", "check", "diff"))
    parser.add_argument("sites", nargs="*", type=Path, help="diff: the two sites (reference first); else the site")
    options = parser.parse_args()
    if options.command == "diff":
        if len(options.sites) != 2:
            parser.error("diff takes two site directories")
        lines = differences(manifest(options.sites[0]), manifest(options.sites[1]))
    else:
        site = options.sites[0] if options.sites else REPO / "site"
        if options.command == "write":
            write_manifest(manifest(site))
            print(f"[site_manifest] {MANIFEST_FILE.relative_to(REPO)} written from {site}")
            return
        lines = differences(read_manifest(), manifest(site))
    print("\n".join(lines) if lines else "[site_manifest] no differences")
    sys.exit(1 if lines else 0)


if __name__ == "__main__":
    main()
