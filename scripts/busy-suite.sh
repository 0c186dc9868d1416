#!/usr/bin/env bash
# Runs `npm test` N times in a row (default 5) while `stress-ng --cpu 2` keeps the CPUs busy, and
# stops at the first failure: the suite's waits must be conditions with honest ceilings, not timing.
# Installs stress-ng with apt when it is missing. Usage: scripts/busy-suite.sh [N] (STRESS_CPUS=2).
set -euo pipefail
cd "$(dirname "$0")/.."

runs="${1:-5}"
cpus="${STRESS_CPUS:-2}"

if ! command -v stress-ng >/dev/null 2>&1; then
  echo "busy-suite: installing stress-ng"
  if [ "$(id -u)" -eq 0 ]; then apt-get update -qq && apt-get install -y -qq stress-ng
  else sudo apt-get update -qq && sudo apt-get install -y -qq stress-ng; fi
fi

stress-ng --cpu "$cpus" --timeout 0 --quiet &
hog=$!
trap 'kill "$hog" 2>/dev/null || true; wait "$hog" 2>/dev/null || true' EXIT

for run in $(seq 1 "$runs"); do
  started=$(date +%s)
  if npm test >"/tmp/busy-suite-run-$run.log" 2>&1; then
    echo "busy-suite: run $run/$runs green in $(( $(date +%s) - started )) s (stress-ng --cpu $cpus beside it)"
  else
    echo "busy-suite: run $run/$runs FAILED after $(( $(date +%s) - started )) s; log: /tmp/busy-suite-run-$run.log"
    grep -E "✕|●" "/tmp/busy-suite-run-$run.log" | head -40 || true
    exit 1
  fi
done
echo "busy-suite: $runs green runs in a row beside stress-ng --cpu $cpus"
