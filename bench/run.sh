#!/usr/bin/env bash
# Times `check` and `build` on a generated 40 × 25 × 12 site. Usage: bench/run.sh [RUNS]
# Prints the median wall time of RUNS runs (default 15) and the peak memory of one build.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-15}
# Inside target/ (same disk as the checkout, ignored by Git); /tmp on some machines is much
# slower for the thousands of small file operations a build does.
site=${BENCH_SITE:-$PWD/target/bench-site}
cargo build --release --quiet
python3 bench/gen_site.py "$site"
bin=$PWD/target/release/quarterdeck
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
time_ms() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
"$bin" --root "$site" check >/dev/null 2>&1 || { echo "generated site does not check clean"; "$bin" --root "$site" check; exit 1; }
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)"
echo "site: $(find "$site/content" -type f | wc -l) files"
echo "check: median $(for _ in $(seq "$runs"); do time_ms "$bin" --root "$site" check; done | median) ms over $runs runs"
if "$bin" --help | grep -q build && "$bin" --root "$site" build >/dev/null 2>&1; then
  echo "build: median $(for _ in $(seq "$runs"); do time_ms "$bin" --root "$site" build; done | median) ms over $runs runs ($(find "$site/output" -type f | wc -l) files written)"
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f "build: one run: %e s wall, %U s user CPU, %S s system CPU, peak memory %M KiB" "$bin" --root "$site" build 2>&1 >/dev/null | tail -1
  fi
fi
