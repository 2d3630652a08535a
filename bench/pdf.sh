#!/usr/bin/env bash
# PDF printing figures (not a timed test). Usage: bench/pdf.sh [RUNS]
#   cold:  `build --pdf` of a generated 12-quarter site (24 PDFs), empty cache, divided by one
#          cold `chromium --headless --print-to-pdf` of one of its one-pagers (goal <= 3x); when
#          the build prints with another browser (Chromium's headless shell is found first), also
#          divided by one cold print of that browser, so both ratios stand side by side;
#   warm:  an unchanged second `build --pdf` divided by a plain `build` (goal <= 3x).
# Medians of RUNS runs (default 3). Needs Chromium (QUARTERDECK_CHROME or chromium on PATH).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
site=${BENCH_PDF_SITE:-$PWD/target/bench-pdf-site}
cargo build --release --quiet
bin=${CARGO_TARGET_DIR:-$PWD/target}/release/quarterdeck
# The issue's yardstick is the full browser; the build uses what quarterdeck finds first.
chrome=$(command -v chromium || command -v chromium-browser || command -v google-chrome)
used=${QUARTERDECK_CHROME:-$(command -v chromium-headless-shell || command -v chrome-headless-shell || echo "$chrome")}
python3 bench/gen_site.py "$site" --quarters 12 --risks 25 --metrics 12 >/dev/null
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
now() { date +%s%N; }
ms() { echo $(( ($2 - $1) / 1000000 )); }
sandbox=(); [ "$(id -u)" = 0 ] && sandbox=(--no-sandbox)

"$bin" --root "$site" build >/dev/null 2>&1
page=$(ls -d "$site"/output/*-q*/ | tail -1)index.html
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
one=(); own=(); cold=(); full=(); warm=(); plain=()
cold_print() { # BROWSER: one cold print of the one-pager, in ms
  rm -rf "$profile"/*
  local s=$(now)
  "$1" --headless "${sandbox[@]}" --disable-gpu --no-first-run --user-data-dir="$profile" \
    --no-pdf-header-footer --print-to-pdf="$profile/one.pdf" "file://$page" >/dev/null 2>&1
  ms "$s" "$(now)"
}
for _ in $(seq "$runs"); do
  one+=("$(cold_print "$chrome")")
  own+=("$(cold_print "$used")")
  rm -rf "$site/.quarterdeck-cache"
  s=$(now); QUARTERDECK_CHROME=$used "$bin" --root "$site" build --pdf >/dev/null 2>&1; cold+=("$(ms "$s" "$(now)")")
  if [ "$used" != "$chrome" ]; then
    rm -rf "$site/.quarterdeck-cache"
    s=$(now); QUARTERDECK_CHROME=$chrome "$bin" --root "$site" build --pdf >/dev/null 2>&1; full+=("$(ms "$s" "$(now)")")
  fi
  s=$(now); "$bin" --root "$site" build --pdf >/dev/null 2>&1; warm+=("$(ms "$s" "$(now)")")
  s=$(now); "$bin" --root "$site" build >/dev/null 2>&1; plain+=("$(ms "$s" "$(now)")")
done
m_one=$(printf '%s\n' "${one[@]}" | median)
m_own=$(printf '%s\n' "${own[@]}" | median)
m_cold=$(printf '%s\n' "${cold[@]}" | median)
m_warm=$(printf '%s\n' "${warm[@]}" | median)
m_plain=$(printf '%s\n' "${plain[@]}" | median)
pdfs=$(find "$site/output" -name '*.pdf' | wc -l)
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); $("$chrome" --version 2>/dev/null | head -1)"
echo "pdf: one cold $(basename "$chrome") --headless --print-to-pdf: ${m_one} ms"
[ "$used" != "$chrome" ] && echo "pdf: one cold $(basename "$used") --print-to-pdf: ${m_own} ms"
echo "pdf: build --pdf with $(basename "$used"), 12 quarters ($pdfs PDFs), empty cache: ${m_cold} ms = $(awk "BEGIN {printf \"%.1f\", $m_cold / $m_one}")x one cold $(basename "$chrome") print (goal <= 3x)$([ "$used" != "$chrome" ] && awk "BEGIN {printf \", %.1fx one cold print of the same browser\", $m_cold / $m_own}")"
if [ "$used" != "$chrome" ]; then
  m_full=$(printf '%s\n' "${full[@]}" | median)
  echo "pdf: build --pdf with $(basename "$chrome"), empty cache: ${m_full} ms = $(awk "BEGIN {printf \"%.1f\", $m_full / $m_one}")x one cold $(basename "$chrome") print"
fi
echo "pdf: unchanged second build --pdf: ${m_warm} ms; plain build: ${m_plain} ms = $(awk "BEGIN {printf \"%.1f\", $m_warm / $m_plain}")x (goal <= 3x)"
