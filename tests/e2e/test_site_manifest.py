"""The whole built site against its stored manifest (tests/data/site_manifest.json, site_build/site_manifest.py): a change
to the code that builds the site must not change the site unless it means to. Content hashes are ignored (asset names,
the service worker's cache version, CSP script hashes); everything else counts, byte for byte.

When the site changes on purpose (policy.yaml, a template, a stylesheet...), refresh the manifest in the same commit:
    bash scripts/build.sh && .venv/bin/python -m site_build.site_manifest write
"""
from __future__ import annotations

import os
from pathlib import Path

from site_build import site_manifest


def test_the_built_site_matches_its_manifest(site_dir: Path) -> None:
    if os.environ.get("JIANGBEI_PUBLIC_URL", "").strip():
        # The stored manifest is of a build without a public URL: with one, every page names its full URLs.
        return
    lines = site_manifest.differences(site_manifest.read_manifest(), site_manifest.manifest(site_dir))
    assert not lines, (f"{len(lines)} file(s) of {site_dir} differ from {site_manifest.MANIFEST_FILE.name}:\n"
                       + "\n".join(lines[:60]) + ("\n..." if len(lines) > 60 else "")
                       + f"\nIf the change is meant, refresh the manifest: {site_manifest.REFRESH_COMMAND}")
