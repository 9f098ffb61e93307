"""What the page-loading benchmarks (main_thread.py, lighthouse.py, slow_link.py) share: the options that name the
built site and the pages to load, and the site served from an OS-chosen loopback port (site_build/static_server.py, as
the tests serve it)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
from site_build.static_server import serving


def add_site_options(parser: argparse.ArgumentParser, *, default_pages: Sequence[str]) -> None:
    """--site-dir and --page (repeatable; `default_pages` when none is given: see `pages`)."""
    parser.add_argument("--site-dir", type=Path, default=REPO / "site", help="built site (scripts/build.sh)")
    named = ", ".join(page or "home" for page in default_pages)
    parser.add_argument("--page", action="append", dest="pages",
                        help=f"page path under the site root, repeatable (default: {named})")
    parser.set_defaults(default_pages=list(default_pages))


def pages(options: argparse.Namespace) -> list[str]:
    return list(options.pages or options.default_pages)


@contextmanager
def served_site(parser: argparse.ArgumentParser, options: argparse.Namespace) -> Iterator[str]:
    """Serves the built site named by --site-dir and yields its base URL; a folder with no built site is the command
    line's error."""
    site_dir = options.site_dir.resolve()
    if not (site_dir / "index.html").is_file():
        parser.error(f"{site_dir}/index.html is missing: build the site first (scripts/build.sh)")
    with serving(site_dir) as base_url:
        yield base_url
