#!/usr/bin/env bash
# Installs everything the build and the tests need, on a fresh Debian machine of this kind (run as root) or on one
# already set up. Idempotent and non-interactive: each step is skipped when its stamp says it is already done, so a
# repeated run takes about a second.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export DEBIAN_FRONTEND=noninteractive PIP_DISABLE_PIP_VERSION_CHECK=1

say() { printf '[install] %s\n' "$*"; }

# A stamp records the hash of what a step was run from; the step reruns only when that hash changes.
stamp_matches() { [[ -f "$1" && "$(cat "$1")" == "$2" ]]; }

# Finds a working interpreter of one minor version: PATH first (a pyenv shim may exist but refuse to run), then pyenv.
find_python() {
    local version=$1 candidate
    for candidate in "python$version" "${PYENV_ROOT:-$HOME/.pyenv}"/versions/"$version".*/bin/"python$version" \
                     "/usr/bin/python$version"; do
        if "$candidate" -c 'import sys, venv' >/dev/null 2>&1; then
            printf '%s\n' "$candidate"
            return 0
        fi
    done
    echo "[install] error: no working python$version found (PATH, pyenv, /usr/bin)" >&2
    return 1
}

# --- 1. Debian packages: Chromium for the browser tests, Noto CJK so Chinese renders (not boxes), nginx with its
#        Brotli module (tests/e2e/test_transfer.py serves site/ with README's deploy snippet), WebKitGTK's WebDriver
#        and a virtual X server for the WebKit smoke test (tests/webkit) ----------------------------------------------
missing_debs=()
for deb in chromium fonts-noto-cjk nginx libnginx-mod-http-brotli-static webkit2gtk-driver xvfb; do
    [[ "$(dpkg-query -W -f='${Status}' "$deb" 2>/dev/null)" == 'install ok installed' ]] || missing_debs+=("$deb")
done
if ((${#missing_debs[@]})); then
    sudo_cmd=()
    ((EUID == 0)) || sudo_cmd=(sudo)
    say "apt-get install ${missing_debs[*]}"
    "${sudo_cmd[@]}" apt-get update
    "${sudo_cmd[@]}" apt-get install -y "${missing_debs[@]}"
fi

# --- 2. .venv (python3.11): the calculator package, editable, with the pinned dev tools ------------------------------
# The stamp includes whether calculator/ exists: an editable install maps only the packages present when it ran.
dev_hash=$( { cat pyproject.toml; if [[ -f calculator/__init__.py ]]; then echo calculator; fi; } | sha256sum | cut -c1-64)
if [[ ! -x .venv/bin/python ]] || ! .venv/bin/python -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then
    rm -rf .venv
    say "creating .venv"
    "$(find_python 3.11)" -m venv .venv
fi
if ! stamp_matches .venv/.install-stamp "$dev_hash"; then
    say "pip install -e '.[dev]'"
    .venv/bin/python -m pip install --quiet --upgrade pip
    .venv/bin/python -m pip install --quiet -e '.[dev]'
    printf '%s' "$dev_hash" > .venv/.install-stamp
fi

# --- 3. .venv-pyodide (python3.12): pyodide-build, only for its `pyodide lockfile add-wheels` step -------------------
pyodide_tools=(pyodide-build==0.39.2 pkginfo==2.0)
pyodide_hash=$(printf '%s\n' "${pyodide_tools[@]}" | sha256sum | cut -c1-64)
if [[ ! -x .venv-pyodide/bin/python ]] || ! .venv-pyodide/bin/python -c 'import sys; sys.exit(sys.version_info[:2] != (3, 12))'; then
    rm -rf .venv-pyodide
    say "creating .venv-pyodide"
    "$(find_python 3.12)" -m venv .venv-pyodide
fi
if ! stamp_matches .venv-pyodide/.install-stamp "$pyodide_hash"; then
    say "pip install ${pyodide_tools[*]} (into .venv-pyodide)"
    .venv-pyodide/bin/python -m pip install --quiet --upgrade pip
    .venv-pyodide/bin/python -m pip install --quiet "${pyodide_tools[@]}"
    printf '%s' "$pyodide_hash" > .venv-pyodide/.install-stamp
fi

# --- 4. node_modules: pyodide runtime and axe-core, exactly as package-lock.json says --------------------------------
npm_hash=$(sha256sum package-lock.json | cut -c1-64)
if ! stamp_matches node_modules/.install-stamp "$npm_hash"; then
    say "npm ci"
    npm ci --no-audit --no-fund --loglevel=error
    printf '%s' "$npm_hash" > node_modules/.install-stamp
fi

say "ok"
