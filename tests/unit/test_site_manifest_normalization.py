"""site_build/site_manifest.py: what it ignores (hashes that change with any build) and what it does not (content)."""
from __future__ import annotations

import gzip
from pathlib import Path

from site_build import site_manifest


def _site(root: Path, files: dict[str, bytes]) -> Path:
    for name, data in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)
    return root


def test_content_hashes_are_ignored_and_content_is_not(tmp_path: Path) -> None:
    def page(asset_hash: str, cache: str, csp: str, text: str) -> dict[str, bytes]:
        html = (f"<meta http-equiv=\"Content-Security-Policy\" content=\"script-src 'self' 'sha256-{csp}'\">"
                f'<script src="assets/javascripts/bundle.{asset_hash}.min.js"></script><p>{text}</p>').encode()
        return {"index.html": html, "index.html.gz": gzip.compress(html, mtime=int(asset_hash[:4], 16)),
                f"assets/javascripts/bundle.{asset_hash}.min.js": b"code",
                f"assets/javascripts/bundle.{asset_hash}.min.js.map": f'{{"file":"bundle.{asset_hash}.min.js"}}'.encode(),
                "sw.js": f'const CACHE_NAME = CACHE_PREFIX + "{cache}";'.encode(),
                "sitemap.xml": f"<url><lastmod>2026-12-0{cache[0]}</lastmod></url>".encode()}

    one = site_manifest.manifest(_site(tmp_path / "one", page("d7400e89", "1bc", "abc+/=", "text")))
    two = site_manifest.manifest(_site(tmp_path / "two", page("0123abcd", "2ef", "xyz", "text")))
    three = site_manifest.manifest(_site(tmp_path / "three", page("0123abcd", "2ef", "xyz", "other text")))
    assert one == two
    assert "assets/javascripts/bundle.HASH.min.js" in one
    assert site_manifest.differences(two, three) == ["changed  index.html", "changed  index.html.gz"]


def test_differences_name_changed_missing_and_added_files() -> None:
    assert site_manifest.differences({"a": "1", "b": "2"}, {"a": "9", "c": "3"}) == [
        "changed  a", "missing  b", "added    c"]
