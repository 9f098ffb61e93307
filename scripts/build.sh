#!/usr/bin/env bash
# Generates everything derived from policy.yaml and builds the static site into site/ (Chinese) and site/en/ (English).
# Assumes scripts/install.sh has run. Each later piece of work adds its step in the marked place, in this order.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PYTHONUTF8=1 NO_MKDOCS_2_WARNING=1  # the latter: silence Material's banner (9.8: its end-of-life notice)
py=.venv/bin/python

say() { printf '[build] %s\n' "$*"; }

# ==== step 1: calculator data (calculator/_data/*.json from policy.yaml) — added by the engine work ====
say "calculator data (policy.yaml -> calculator/_data/policy_rules.json)"
"$py" scripts/build_calculator_data.py

# ==== step 2: pages (docs/zh, docs/en from policy.yaml; or MkDocs hooks in mkdocs.yml) — added by the pages work ====
# Nothing to run: hooks/policy_pages.py generates every page from policy.yaml inside each MkDocs build below.

# ==== step 3: MkDocs builds. Chinese first: its build cleans site/, including site/en/ ====
say "mkdocs build (zh -> site/)"
"$py" -m mkdocs build --strict --quiet --config-file mkdocs.yml
say "mkdocs build (en -> site/en/)"
"$py" -m mkdocs build --strict --quiet --config-file mkdocs.en.yml

# ==== step 4: browser bundle (Pyodide runtime, calculator wheel, lock file into site/) — added by the Pyodide work ====
say "calculator bundle (Pyodide runtime, calculator wheel, lock file, inputs.json -> site/pyodide/, site/assets/frontend/)"
"$py" -m site_build.bundle_pyodide
say "static API (site/api/v1/: rules.json, profile and result schemas, examples)"
"$py" -m site_build.api_v1 site
say "budget page files (synthetic sample, CSV template -> site/assets/budget/)"
"$py" -m site_build.budget_files
say "Content-Security-Policy on every page; offline service worker (site/sw.js)"
"$py" -m site_build.finish_site
say "precompressed copies (.br, .gz) of large text and wasm files"
"$py" -m site_build.precompress

say "ok: site/"
