#!/usr/bin/env bash
# README command 1: installs everything, builds the site, serves site/ on http://127.0.0.1:8000/ (PORT=... to change).
# Not `mkdocs serve`: the site is two MkDocs builds (site/ and site/en/), and only the built tree holds both.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/install.sh
bash scripts/build.sh
exec .venv/bin/python -m site_build.static_server --directory site --host 127.0.0.1 --port "${PORT:-8000}"
