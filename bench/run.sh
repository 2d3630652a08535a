#!/usr/bin/env bash
# Side-by-side benchmark: quarterdeck on a generated 40-quarter site against Hugo on the
# perf-anchor site with the same quarters, runs alternated so that disk noise weighs on each alike.
#
# Usage: bench/run.sh [RUNS]            (default 11 runs of each command; medians reported)
# Environment:
#   QUARTERS     quarters of both sites (default 40)
#   PERF_ANCHOR  the perf-anchor folder holding gen.py (default ../shared/perf-anchor)
#   BENCH_DISK   a folder on the disk to measure (default target/bench, beside the checkout)
#   BENCH_TMPFS  a folder on tmpfs (default /dev/shm/quarterdeck-bench-PID)
#   BENCH_PDF    0 to skip the PDF figures (bench/pdf.sh, run at the end when a browser is found)
# Hugo rows are skipped, with a note, when `hugo` or the anchor generator is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-11}
quarters=${QUARTERS:-40}
anchor_gen=${PERF_ANCHOR:-$PWD/../shared/perf-anchor}/gen.py
disk=${BENCH_DISK:-$PWD/target/bench}
tmpfs=${BENCH_TMPFS:-/dev/shm/quarterdeck-bench-$$}

cargo build --release --quiet
bin=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')/release/quarterdeck
mkdir -p "$disk" "$tmpfs"
trap 'rm -rf "$tmpfs"' EXIT
site=$disk/site
python3 bench/gen_site.py "$site" --quarters "$quarters" --risks 25 --metrics 7 >/dev/null
"$bin" --root "$site" check >/dev/null 2>&1 || { echo "the generated site does not check clean"; "$bin" --root "$site" check; exit 1; }

hugo_ok=
if ! command -v hugo >/dev/null; then
  hugo_note="hugo is not installed (apt-get install -y hugo): Hugo rows skipped"
elif [ ! -f "$anchor_gen" ]; then
  hugo_note="no perf-anchor generator at $anchor_gen (set PERF_ANCHOR): Hugo rows skipped"
else
  python3 "$anchor_gen" "$quarters" "$disk/anchor" >/dev/null
  hugo_ok=1
  hugo_note="$(hugo version | cut -d' ' -f1-2) on the perf-anchor site ($quarters quarters)"
fi
tmpfs_ok=
if [ "$(stat -f -c %T "$tmpfs")" = tmpfs ]; then tmpfs_ok=1; fi

# One quarter of each site to edit; each edit toggles, so every rebuild sees a change: the
# quarter's headline for quarterdeck, a sentence of the quarter's page for Hugo.
q_file=$site/content/quarters/$(ls "$site/content/quarters" | sed -n "$((quarters / 2))p")/quarter.yaml
h_file=
[ -n "$hugo_ok" ] && h_file=$(ls "$disk"/anchor/hugo/content/quarters/2*.md | sed -n "$((quarters / 2))p")
toggle() { # FILE LINE: appends LINE, or removes it when present
  if grep -qxF "$2" "$1"; then grep -vxF "$2" "$1" >"$1.tmp" || true; mv "$1.tmp" "$1"; else echo "$2" >>"$1"; fi
}
edit_qd() {
  if grep -q ' (edited)$' "$q_file"; then sed -i 's/^\(headline: .*\) (edited)$/\1/' "$q_file"
  else sed -i 's/^\(headline: .*\)$/\1 (edited)/' "$q_file"; fi
}
edit_hugo() { toggle "$h_file" "A benchmark edit."; }

qd_build() { "$bin" --root "$site" build --output "$1" 2>"$disk/qd.err"; }
hugo_build() { hugo --quiet -s "$disk/anchor/hugo" -d "$1" >/dev/null; }

declare -A times
# run NAME PREPARE COMMAND: times COMMAND (wall, ms) after PREPARE, appending to times[NAME].
run() {
  eval "$2"
  sync
  local s=$EPOCHREALTIME
  eval "$3"
  local e=$EPOCHREALTIME
  times[$1]+="$(python3 -c "print(round(($e - $s) * 1000, 1))") "
}
median() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
spread() { tr ' ' '\n' | grep . | sort -n | awk 'NR==1 {lo=$1} {hi=$1} END {print lo "–" hi}'; }

load_start=$(cut -d' ' -f1-3 /proc/loadavg)
# Warm up and make the outputs the rebuilds start from.
qd_build "$disk/out-qd-re"; qd_build "$disk/out-qd-ref"
[ -n "$hugo_ok" ] && hugo_build "$disk/out-hugo-re"
for _ in $(seq "$runs"); do
  if [ -n "$tmpfs_ok" ]; then
    run qd_tmpfs "rm -rf '$tmpfs/out-qd'" "qd_build '$tmpfs/out-qd'"
    [ -n "$hugo_ok" ] && run hugo_tmpfs "rm -rf '$tmpfs/out-hugo'" "hugo_build '$tmpfs/out-hugo'"
  fi
  run qd_disk "rm -rf '$disk/out-qd'" "qd_build '$disk/out-qd'"
  [ -n "$hugo_ok" ] && run hugo_disk "rm -rf '$disk/out-hugo'" "hugo_build '$disk/out-hugo'"
  run cp_disk "rm -rf '$disk/out-cp'" "cp -r '$disk/out-qd-ref' '$disk/out-cp'"
  run qd_rebuild "edit_qd" "qd_build '$disk/out-qd-re'"
  [ -n "$hugo_ok" ] && run hugo_rebuild "edit_hugo" "hugo_build '$disk/out-hugo-re'"
  run qd_check ":" "'$bin' --root '$site' check >/dev/null 2>&1"
done

# Files written by one rebuild after an edit: those whose change time moved.
written() { # OUT BUILD-COMMAND
  touch "$disk/stamp"; sleep 0.01
  eval "$2" >/dev/null 2>&1
  find "$1" -type f -newer "$disk/stamp" | wc -l
}
# Peak memory (KiB, the highest) and CPU time (user + system, ms, the median) of 5 clean
# builds into OUT, as "KIB MS". Usage: peak OUT COMMAND...
peak() {
  local out=$1; shift
  for _ in 1 2 3 4 5; do
    rm -rf "$out"
    /usr/bin/time -f '%M %U %S' "$@" 2>&1 >/dev/null | tail -1
  done | awk '{printf "%d %d\n", $1, ($2 + $3) * 1000}' >"$disk/peak.txt"
  echo "$(cut -d' ' -f1 "$disk/peak.txt" | sort -n | tail -1) $(cut -d' ' -f2 "$disk/peak.txt" | median)"
}
load_end=$(cut -d' ' -f1-3 /proc/loadavg)
edit_qd
qd_re_files=$(written "$disk/out-qd-re" "qd_build '$disk/out-qd-re'")
qd_files=$(find "$disk/out-qd" -type f | wc -l)
qd_svg=$(find "$disk/out-qd" -name '*.svg' | wc -l)
qd_html=$(find "$disk/out-qd" -name '*.html' | wc -l)
read -r qd_peak qd_cpu <<<"$(peak "$disk/out-peak" "$bin" --root "$site" build --output "$disk/out-peak")"
if [ -n "$hugo_ok" ]; then
  edit_hugo
  hugo_re_files=$(written "$disk/out-hugo-re" "hugo_build '$disk/out-hugo-re'")
  hugo_files=$(find "$disk/out-hugo" -type f | wc -l)
  read -r hugo_peak hugo_cpu <<<"$(peak "$disk/out-peak" hugo --quiet -s "$disk/anchor/hugo" -d "$disk/out-peak")"
fi
rm -rf "$disk/out-peak"

m() { echo "${times[$1]:-}" | median; }
r() { echo "${times[$1]:-}" | spread; }
ratio() { python3 -c "print(f'{$1 / $2:.2f}×')"; }
echo "machine: load average $load_start at the start, $load_end at the end of the timed runs"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), disk: $(df --output=fstype "$disk" | tail -1) at $disk"
echo "quarterdeck: $(find "$site/content" -type f | wc -l) content files ($quarters quarters × 25 risks × 7 metrics); Hugo: ${hugo_note}"
echo "median wall time of $runs alternated runs (min–max), sync before each"
echo
echo "| | quarterdeck | Hugo | ratio | goal |"
echo "|---|---|---|---|---|"
if [ -n "$tmpfs_ok" ]; then
  if [ -n "$hugo_ok" ]; then
    echo "| clean build, tmpfs | $(m qd_tmpfs) ms ($(r qd_tmpfs)) | $(m hugo_tmpfs) ms ($(r hugo_tmpfs)) | $(ratio "$(m qd_tmpfs)" "$(m hugo_tmpfs)") | ≤ 0.4× |"
  else
    echo "| clean build, tmpfs | $(m qd_tmpfs) ms ($(r qd_tmpfs)) | skipped | | ≤ 0.4× |"
  fi
else
  echo "| clean build, tmpfs | skipped: $tmpfs is not tmpfs | | | |"
fi
if [ -n "$hugo_ok" ]; then
  echo "| clean build, disk | $(m qd_disk) ms ($(r qd_disk)) | $(m hugo_disk) ms ($(r hugo_disk)) | $(ratio "$(m qd_disk)" "$(m hugo_disk)") | |"
else
  echo "| clean build, disk | $(m qd_disk) ms ($(r qd_disk)) | skipped | | |"
fi
echo "| \`cp -r\` of quarterdeck's own output, disk | $(m cp_disk) ms ($(r cp_disk)) | | build = $(ratio "$(m qd_disk)" "$(m cp_disk)") its copy | ≤ 1.2× |"
if [ -n "$hugo_ok" ]; then
  echo "| rebuild after editing one quarter, output present, disk | $(m qd_rebuild) ms ($(r qd_rebuild)) | $(m hugo_rebuild) ms ($(r hugo_rebuild)) | $(ratio "$(m qd_rebuild)" "$(m hugo_rebuild)") | ≤ 1.0× |"
  echo "| files written: clean build / rebuild | $qd_files ($qd_svg SVG, $qd_html HTML) / $qd_re_files | $hugo_files / $hugo_re_files | | |"
  echo "| peak memory, clean build | $((qd_peak / 1024)) MB | $((hugo_peak / 1024)) MB | | < 100 MB |"
  echo "| CPU time (user + system), clean build, disk, median of 5 | $qd_cpu ms | $hugo_cpu ms | $(ratio "$qd_cpu" "$hugo_cpu") | |"
else
  echo "| rebuild after editing one quarter, output present, disk | $(m qd_rebuild) ms ($(r qd_rebuild)) | skipped | | |"
  echo "| files written: clean build / rebuild | $qd_files ($qd_svg SVG, $qd_html HTML) / $qd_re_files | | | |"
  echo "| peak memory, clean build | $((qd_peak / 1024)) MB | | | < 100 MB |"
  echo "| CPU time (user + system), clean build, disk, median of 5 | $qd_cpu ms | | | |"
fi
echo "| \`check\` | $(m qd_check) ms ($(r qd_check)) | | | < 100 ms |"
[ -z "$hugo_ok" ] && echo && echo "note: $hugo_note"
if [ "${BENCH_PDF:-1}" != 0 ]; then
  echo
  if [ -n "${QUARTERDECK_CHROME:-}" ] || command -v chromium >/dev/null || command -v chromium-browser >/dev/null || command -v google-chrome >/dev/null; then
    bash bench/pdf.sh
  else
    echo "pdf: skipped, no Chromium found (apt-get install chromium, or set QUARTERDECK_CHROME)"
  fi
fi
exit 0
