"""Last build step: writes `NAME.br` and `NAME.gz` beside every large text or wasm file of the built site.

A static host that serves precompressed files (nginx `gzip_static`/`brotli_static`, see README "Deploying";
site_build/static_server.py) then sends a cold article visit at a fraction of its raw size without compressing on the
fly. Brotli at quality 11 and gzip at level 9, both deterministic: the same file gives the same bytes, and a file is
rewritten only when its content changes. A copy is kept only when it is smaller than the file by a useful margin, and
copies whose source no longer exists (or no longer compresses) are deleted.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import sys
from collections.abc import Callable
from pathlib import Path

import brotli  # type: ignore[import-untyped]

REPO = Path(__file__).resolve().parent.parent
# MkDocs empties site/ on every build, so compressed copies are also kept here by content hash: brotli at quality 11
# takes seconds on the 10 MB wasm, and the runtime rarely changes.
CACHE_DIR = REPO / ".cache" / "precompress"
# Text and WebAssembly; the stdlib zip and the calculator wheel are stored uncompressed by bundle_pyodide.py, so they
# compress here too.
COMPRESSIBLE_SUFFIXES = {".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt", ".wasm", ".zip", ".whl"}
# Below this a response fits in a few TCP packets either way (nginx's gzip_min_length default is 20 bytes, but
# headers dominate small files); a copy must also save at least a tenth of the file.
MIN_SIZE = 1024
MAX_RATIO = 0.9


def brotli_11(data: bytes) -> bytes:
    return bytes(brotli.compress(data, quality=11))


def gzip_9(data: bytes) -> bytes:
    return gzip.compress(data, compresslevel=9, mtime=0)


ENCODINGS: dict[str, Callable[[bytes], bytes]] = {".br": brotli_11, ".gz": gzip_9}


def write_if_changed(path: Path, data: bytes) -> bool:
    if path.is_file() and path.read_bytes() == data:
        return False
    path.write_bytes(data)
    return True


def compressible(path: Path) -> bool:
    return path.suffix in COMPRESSIBLE_SUFFIXES and path.stat().st_size >= MIN_SIZE


def compressed(data: bytes, suffix: str, cache_dir: Path | None, used: set[Path]) -> bytes:
    if cache_dir is None:
        return ENCODINGS[suffix](data)
    cached = cache_dir / (hashlib.sha256(data).hexdigest() + suffix)
    used.add(cached)
    if cached.is_file():
        return cached.read_bytes()
    encoded = ENCODINGS[suffix](data)
    cache_dir.mkdir(parents=True, exist_ok=True)
    partial = cached.with_name(cached.name + ".partial")
    partial.write_bytes(encoded)
    partial.replace(cached)
    return encoded


def size_sent(data: bytes, name: str, cache_dir: Path | None = CACHE_DIR) -> int:
    """Bytes a host serving the Brotli copies (README "Deploying") sends for a file named `name` holding `data`: its
    .br copy's size if this step keeps one, else its own size. Uses (and fills) the same cache as precompress()."""
    if Path(name).suffix not in COMPRESSIBLE_SUFFIXES or len(data) < MIN_SIZE:
        return len(data)
    encoded = compressed(data, ".br", cache_dir, set())
    return len(encoded) if len(encoded) <= MAX_RATIO * len(data) else len(data)


def precompress(site_dir: Path, cache_dir: Path | None = CACHE_DIR) -> tuple[list[str], list[str]]:
    """Returns (written, deleted) paths relative to `site_dir`."""
    written: list[str] = []
    deleted: list[str] = []
    kept: set[Path] = set()
    used: set[Path] = set()
    for path in sorted(site_dir.rglob("*")):
        if not path.is_file() or path.suffix in ENCODINGS or not compressible(path):
            continue
        data = path.read_bytes()
        for suffix in ENCODINGS:
            target = path.with_name(path.name + suffix)
            encoded = compressed(data, suffix, cache_dir, used)
            if len(encoded) > MAX_RATIO * len(data):
                continue
            kept.add(target)
            if write_if_changed(target, encoded):
                written.append(target.relative_to(site_dir).as_posix())
    for suffix in ENCODINGS:
        for stale in sorted(site_dir.rglob(f"*{suffix}")):
            source = stale.with_name(stale.name[: -len(suffix)])
            # MkDocs writes sitemap.xml.gz itself; only copies this step owns (source beside them) are cleaned up.
            if stale not in kept and source.suffix in COMPRESSIBLE_SUFFIXES and stale.name != "sitemap.xml.gz":
                stale.unlink()
                deleted.append(stale.relative_to(site_dir).as_posix())
    if cache_dir is not None and cache_dir.is_dir():  # the cache holds this build's copies only
        for entry in cache_dir.iterdir():
            if entry not in used:
                entry.unlink()
    return written, deleted


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site-dir", type=Path, default=REPO / "site")
    options = parser.parse_args()
    site_dir = options.site_dir.resolve()
    if not (site_dir / "index.html").is_file():
        sys.exit(f"[precompress] error: {site_dir}/index.html not found: build the site first")
    written, deleted = precompress(site_dir)
    print(f"[precompress] {len(written)} compressed copies written, {len(deleted)} stale ones deleted")


if __name__ == "__main__":
    main()
