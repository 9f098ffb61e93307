#!/usr/bin/env bash
# README command 2: installs everything, builds the site, runs every test (unit, pyodide, e2e) and exits with pytest's
# status; pytest's summary line is the last line of output. Extra arguments go to pytest (e.g. -k home, tests/e2e).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/install.sh
bash scripts/build.sh
# Tells the e2e harness that site/ was just built from this tree, so it does not rebuild.
export JIANGBEI_SITE_FRESH=1
exec .venv/bin/python -m pytest "$@"
