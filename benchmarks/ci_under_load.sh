#!/usr/bin/env bash
# CI under load (issue 22): runs .ci/run from a clean clone of this repository at REV, RUNS times in a row, while a
# second site build in a loop (in its own clone) and a busy Python loop keep both cores busy. Prints one line per run
# (exit status, seconds, load average, pytest's summary) and keeps each run's log in LOG_DIR.
#   bash benchmarks/ci_under_load.sh [REV=HEAD] [RUNS=3] [LOG_DIR=/tmp/ci-under-load]
set -uo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
rev=$(git -C "$repo" rev-parse --short "${1:-HEAD}"); runs=${2:-3}; log_dir=${3:-/tmp/ci-under-load}
mkdir -p "$log_dir"
load_dir=$(mktemp -d /tmp/ci-load.XXXX)
git clone -q "$repo" "$load_dir" && git -C "$load_dir" checkout -q "$rev"
for shared in .venv .venv-pyodide node_modules; do ln -s "$repo/$shared" "$load_dir/$shared"; done
( cd "$load_dir" && while true; do bash scripts/build.sh >/dev/null 2>&1; done ) &
build_loop=$!
python3 -c 'while True: pass' &
busy=$!
trap 'kill $busy; pkill -P $build_loop; kill $build_loop; rm -rf "$load_dir"' EXIT
for i in $(seq 1 "$runs"); do
  clean=$(mktemp -d /tmp/ci-clean.XXXX)
  git clone -q "$repo" "$clean" && git -C "$clean" checkout -q "$rev"
  start=$(date +%s)
  (cd "$clean" && CI=true bash .ci/run) > "$log_dir/run-$rev-$i.log" 2>&1
  status=$?
  echo "run $i of $runs at $rev: exit $status, $(( $(date +%s) - start )) s, load $(cut -d' ' -f1-3 /proc/loadavg)," \
       "$(tail -1 "$log_dir/run-$rev-$i.log")"
  rm -rf "$clean"
done
