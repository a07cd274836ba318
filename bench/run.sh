#!/usr/bin/env bash
# Runs the national-scale benchmark: generates a synthetic dataset (once; it
# is reused), builds Release, runs the hand-written reference program and
# Assay (assay-bench) on it, and prints the comparison. See bench/README.md.
#
# usage: bench/run.sh [national|region|local|AREAS] [RUNS]
#   national = 35,000 areas (490,000 series, 17.6 M rows, ~530 MB), the default
#   region   =  3,500 areas;  local = 350 areas;  or a number of areas
#   RUNS     = runs of each program; the best (fastest) is reported (default 3)
# environment:
#   ASSAY_BENCH_DATA   where datasets and outputs go (default ${TMPDIR:-/tmp}/assay-bench-data)
#   ASSAY_BENCH_BUILD  build directory (default <repo>/build-bench)
#   ASSAY_BENCH_PREBUILT=1  use the programs already built in ASSAY_BENCH_BUILD
#                      (assay, bench/assay-gen, bench/assay-reference, bench/assay-bench)
#   JOBS               parallel build jobs (default 2)
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
scale=${1:-national}
runs=${2:-3}
case "$scale" in
  national) areas=35000 ;;
  region) areas=3500 ;;
  local) areas=350 ;;
  *[!0-9]* | '') echo "usage: bench/run.sh [national|region|local|AREAS] [RUNS]" >&2; exit 2 ;;
  *) areas=$scale ;;
esac
# The pack (bench/pack/pack.lua) names these 14 indicators and dates its
# target from 2022-01 to 2025-12, which fits 36 months: only areas vary.
indicators=14
months=36

data_root=${ASSAY_BENCH_DATA:-${TMPDIR:-/tmp}/assay-bench-data}
build=${ASSAY_BENCH_BUILD:-$repo/build-bench}
jobs=${JOBS:-2}
case "$data_root/" in
  "$repo"/*) echo "run.sh: ASSAY_BENCH_DATA must be outside the repository" >&2; exit 2 ;;
esac
mkdir -p "$data_root"

# --- build -----------------------------------------------------------------
have_bench=1
bin=$build/bench
if [ "${ASSAY_BENCH_PREBUILT:-0}" = 1 ]; then
  [ -x "$build/assay" ] && [ -x "$bin/assay-bench" ] || { echo "run.sh: no programs built in $build" >&2; exit 2; }
elif ! { cmake -S "$repo" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DASSAY_TESTS=OFF >"$data_root/cmake.log" 2>&1 &&
       cmake --build "$build" -j "$jobs" --target assay assay-gen assay-reference assay-bench >>"$data_root/cmake.log" 2>&1; }; then
  # The engine does not build (yet): build the two standalone programs alone.
  echo "run.sh: the engine did not build (see $data_root/cmake.log); running the reference program only" >&2
  have_bench=0
  build=$build-standalone
  bin=$build
  cmake -S "$repo/bench" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >>"$data_root/cmake.log" 2>&1
  cmake --build "$build" -j "$jobs" --target assay-gen assay-reference >>"$data_root/cmake.log" 2>&1
fi

# --- data (generated once, into a temporary folder, then renamed) ------------
data=$data_root/a${areas}-i${indicators}-m${months}
if [ ! -f "$data/observations.csv" ]; then
  rm -rf "$data.tmp"
  "$bin/assay-gen" --areas "$areas" --indicators "$indicators" --months "$months" --out "$data.tmp"
  mv "$data.tmp" "$data"
fi
csv_mb=$(stat -c %s "$data/observations.csv" | awk '{ printf "%.1f", $1 / 1e6 }')

# --- runs --------------------------------------------------------------------
# best_of N LOG CMD...: runs CMD N times, keeps the output of the fastest run
# in LOG (each program prints a "figures: seconds=... rss_mb=..." line).
best_of() {
  local n=$1 log=$2 best='' i s
  shift 2
  for ((i = 0; i < n; i++)); do
    "$@" >"$log.try" 2>&1 || { cat "$log.try" >&2; return 1; }
    s=$(sed -n 's/^figures: seconds=\([0-9.]*\).*/\1/p' "$log.try")
    if [ -z "$best" ] || awk -v a="$s" -v b="$best" 'BEGIN { exit !(a < b) }'; then
      best=$s
      mv "$log.try" "$log"
    fi
  done
  rm -f "$log.try"
}
figure() { sed -n "s/^figures: .*$2=\([0-9.]*\).*/\1/p" "$1"; }
# Rating counts as sorted "LABEL=n" words ("none" = no rating), zero counts
# left out, to compare the two programs.
ratings() { sed -n 's/^ratings: //p' "$1" | awk '{ for (i = 1; i < NF; i += 2) if ($(i+1) > 0) print $i "=" $(i+1) }' | sort | tr '\n' ' '; }

echo "dataset: $data ($areas areas x $indicators indicators x $months months, $csv_mb MB); best of $runs runs"
ref_log=$data_root/reference.log
ref1_log=$data_root/reference-1thread.log
bench_log=$data_root/assay-bench.log
best_of "$runs" "$ref_log" "$bin/assay-reference" --data "$data" --out "$data_root/reference.jsonl"
best_of "$runs" "$ref1_log" "$bin/assay-reference" --data "$data" --out "$data_root/reference.jsonl" --threads 1
cat "$ref_log"
if [ "$have_bench" = 1 ]; then
  best_of "$runs" "$bench_log" "$bin/assay-bench" --data "$data" --pack "$repo/bench/pack" --out "$data_root/assay.jsonl"
  cat "$bench_log"
fi

if command -v hyperfine >/dev/null; then
  cmds=("$bin/assay-reference --data $data --out $data_root/reference.jsonl")
  [ "$have_bench" = 1 ] && cmds+=("$bin/assay-bench --data $data --pack $repo/bench/pack --out $data_root/assay.jsonl")
  hyperfine --warmup 1 --runs "$runs" "${cmds[@]}"
fi

# The same shape at a tenth of the areas, for the growth ratio: ten times the
# rows should take at most 10.5 times as long, in memory that does not grow.
tenth_areas=$(( (areas + 9) / 10 ))
tenth=$data_root/a${tenth_areas}-i${indicators}-m${months}
if [ "$have_bench" = 1 ] && [ ! -f "$tenth/observations.csv" ]; then
  rm -rf "$tenth.tmp"
  "$bin/assay-gen" --areas "$tenth_areas" --indicators "$indicators" --months "$months" --out "$tenth.tmp" >/dev/null
  mv "$tenth.tmp" "$tenth"
fi

# --- end to end, alternated ----------------------------------------------------
# The real command, `assay run bench/pack DATA --format jsonl --out F`, against
# the reference with the same number of threads, the programs alternated in
# each round so that a neighbour's load falls on both; medians of the rounds.
# Wall and CPU seconds and peak RSS come from GNU time (%e, %U + %S, %M).
# assay run writes F as it writes every output: beside F, synced to disk, then
# renamed over F, so that a crash or a power cut leaves the old F or the new
# one. The reference writes F in place and leaves it to the kernel to write
# to disk later, unless given --durable (then it writes F, syncs it once at
# the end and renames it, as a careful program written for the job would);
# both are measured. assay run syncs a large output as it grows, from a
# thread that only waits for the disk, so its final sync has little left.
# Each program's previous output is removed, and the disk given what is
# pending (sync), before each timed run and outside its time: a rerun over
# an output synced to disk pays the freeing of its blocks (80 ms for these
# 281 MB here), while the reference's previous output, a second old, would
# still be in memory and cost nothing to drop.
fresh() { rm -f "$@"; sync; }
e2e_log=$data_root/end-to-end.log
: >"$e2e_log"
if [ "$have_bench" = 1 ] && [ -x /usr/bin/time ]; then
  for ((i = 0; i < runs; i++)); do
    for t in 1 2; do
      fresh "$data_root/reference.jsonl"
      /usr/bin/time -f "ref$t %e %U %S %M" -a -o "$e2e_log" \
        "$bin/assay-reference" --data "$data" --out "$data_root/reference.jsonl" --threads "$t" >/dev/null
      fresh "$data_root/reference-durable.jsonl"
      /usr/bin/time -f "dur$t %e %U %S %M" -a -o "$e2e_log" \
        "$bin/assay-reference" --data "$data" --out "$data_root/reference-durable.jsonl" --threads "$t" --durable >/dev/null
      fresh "$data_root/assay-cli.jsonl"
      /usr/bin/time -f "cli$t %e %U %S %M" -a -o "$e2e_log" \
        "$build/assay" run "$repo/bench/pack" "$data" --format jsonl --threads "$t" --out "$data_root/assay-cli.jsonl" \
        2>"$data_root/assay-cli.err"
    done
    fresh "$data_root/assay-tenth.jsonl"
    /usr/bin/time -f "tenth2 %e %U %S %M" -a -o "$e2e_log" \
      "$build/assay" run "$repo/bench/pack" "$tenth" --format jsonl --threads 2 --out "$data_root/assay-tenth.jsonl"
  done
  # Identical outputs for 1, 2 and N threads, and streamed (no note of a run in memory).
  "$build/assay" run "$repo/bench/pack" "$data" --format jsonl --threads 1 --out "$data_root/assay-1.jsonl"
  "$build/assay" run "$repo/bench/pack" "$data" --format jsonl --threads 3 --out "$data_root/assay-3.jsonl"
  if cmp -s "$data_root/assay-1.jsonl" "$data_root/assay-cli.jsonl" && cmp -s "$data_root/assay-1.jsonl" "$data_root/assay-3.jsonl"; then
    same_threads="identical for --threads 1, 2 and 3"
  else
    same_threads="DIFFERENT for --threads 1, 2 and 3"
  fi
  rm -f "$data_root/assay-1.jsonl" "$data_root/assay-3.jsonl"
  if [ -s "$data_root/assay-cli.err" ]; then streamed="not streamed: $(cat "$data_root/assay-cli.err")"; else streamed="streamed"; fi
  echo
  echo "end to end (median of $runs alternated rounds; load average $(cut -d' ' -f1-3 /proc/loadavg)):"
  printf '%-34s %9s %9s %15s\n' "program" "wall (s)" "CPU (s)" "peak RSS (MB)"
  median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
  for who in ref2 dur2 cli2 ref1 dur1 cli1 tenth2; do
    w=$(awk -v k="$who" '$1 == k { print $2 }' "$e2e_log" | median)
    c=$(awk -v k="$who" '$1 == k { print $3 + $4 }' "$e2e_log" | median)
    m=$(awk -v k="$who" '$1 == k { print $5 / 1024 }' "$e2e_log" | median)
    case $who in
      ref*) name="reference, ${who#ref} thread(s)" ;;
      dur*) name="reference --durable, ${who#dur} thread(s)" ;;
      cli*) name="assay run --threads ${who#cli}" ;;
      tenth2) name="assay run --threads 2, 1/10 areas" ;;
    esac
    printf '%-34s %9s %9s %15.0f\n' "$name" "$w" "$c" "$m"
    eval "wall_$who=$w"
  done
  awk -v c2="$wall_cli2" -v r2="$wall_ref2" -v c1="$wall_cli1" -v r1="$wall_ref1" -v d2="$wall_dur2" -v d1="$wall_dur1" 'BEGIN {
    printf "assay run / reference, same threads: %.2fx (2 threads), %.2fx (1 thread); the goal is <= 1.5x\n", c2 / r2, c1 / r1
    printf "assay run / reference --durable (both outputs synced to disk before they end): %.2fx (2 threads), %.2fx (1 thread)\n", c2 / d2, c1 / d1 }'
  mem_cli2=$(awk '$1 == "cli2" { print $5 / 1024 }' "$e2e_log" | median)
  mem_tenth=$(awk '$1 == "tenth2" { print $5 / 1024 }' "$e2e_log" | median)
  awk -v n="$wall_cli2" -v t="$wall_tenth2" -v m="$mem_cli2" -v mt="$mem_tenth" 'BEGIN {
    printf "growth: 10x the rows took %.2fx the time (the goal is <= 10.5x); peak %.0f MB against %.0f MB (the goal is <= 100 MB, flat)\n", n / t, m, mt }'
  echo "output: $same_threads; $streamed"
fi

# side_by_side LOG KEY NAME KEY NAME: the medians of two packs' rounds in LOG
# (lines "KEY wall user sys maxrss_kb"); sets wall_KEY for the ratio.
side_by_side() {
  local log=$1
  shift
  printf '%-34s %9s %9s %15s\n' "pack" "wall (s)" "CPU (s)" "peak RSS (MB)"
  while [ $# -ge 2 ]; do
    local who=$1 name=$2 w c m
    shift 2
    w=$(awk -v k="$who" '$1 == k { print $2 }' "$log" | median)
    c=$(awk -v k="$who" '$1 == k { print $3 + $4 }' "$log" | median)
    m=$(awk -v k="$who" '$1 == k { print $5 / 1024 }' "$log" | median)
    printf '%-34s %9s %9s %15.0f\n' "$name" "$w" "$c" "$m"
    eval "wall_$who=$w"
  done
}

# --- significance arrows beside the static band -------------------------------
# The same pack with its arrow decided by significance (bench/pack-significance:
# arrow.significant, a rate ratio per count and rate series, Newcombe's
# difference per proportion) against the static band of 1.5 % (bench/pack),
# alternated in each round; medians of the rounds. Both run on the same data
# written with --counts (numerators and denominators), so that every count,
# proportion and rate series is tested and carries its interval. The goal
# (issue 13) is within 1.5x.
sig_log=$data_root/significance.log
: >"$sig_log"
if [ "$have_bench" = 1 ] && [ -x /usr/bin/time ]; then
  counts=$data-counts
  if [ ! -f "$counts/observations.csv" ]; then
    rm -rf "$counts.tmp"
    "$bin/assay-gen" --areas "$areas" --indicators "$indicators" --months "$months" --counts --out "$counts.tmp" >/dev/null
    mv "$counts.tmp" "$counts"
  fi
  for ((i = 0; i < runs; i++)); do
    fresh "$data_root/assay-band.jsonl"
    /usr/bin/time -f "band %e %U %S %M" -a -o "$sig_log" \
      "$build/assay" run "$repo/bench/pack" "$counts" --format jsonl --out "$data_root/assay-band.jsonl"
    fresh "$data_root/assay-sig.jsonl"
    /usr/bin/time -f "sig %e %U %S %M" -a -o "$sig_log" \
      "$build/assay" run "$repo/bench/pack-significance" "$counts" --format jsonl --out "$data_root/assay-sig.jsonl"
  done
  echo
  echo "significance arrows beside the static band, on $counts (median of $runs alternated rounds):"
  side_by_side "$sig_log" band "bench/pack (static band 1.5 %)" sig "bench/pack-significance"
  awk -v s="$wall_sig" -v b="$wall_band" 'BEGIN {
    printf "significance / static band: %.2fx; the goal is <= 1.5x\n", s / b }'
fi

# --- the rating as a Lua function beside the built-in ---------------------------
# bench/pack-lua rates with a Lua function what bench/pack rates with the
# built-in `first { ... }` (the same ratings, so the same lines), on the same
# data, 2 threads, alternated; medians. Each worker thread runs the rules in
# a Lua state of its own. The goal (issue 11) is within 1.1x.
lua_log=$data_root/lua-rating.log
: >"$lua_log"
if [ "$have_bench" = 1 ] && [ -x /usr/bin/time ]; then
  for ((i = 0; i < runs; i++)); do
    for who in builtin lua; do
      pack=$repo/bench/pack
      [ "$who" = lua ] && pack=$repo/bench/pack-lua
      fresh "$data_root/assay-$who.jsonl"
      /usr/bin/time -f "$who %e %U %S %M" -a -o "$lua_log" \
        "$build/assay" run "$pack" "$data" --format jsonl --threads 2 --out "$data_root/assay-$who.jsonl"
    done
  done
  echo
  echo "the rating as a Lua function beside the built-in, on $data, 2 threads (median of $runs alternated rounds):"
  side_by_side "$lua_log" builtin "bench/pack (built-in rating)" lua "bench/pack-lua (rating function)"
  same=identical
  cmp -s "$data_root/assay-builtin.jsonl" "$data_root/assay-lua.jsonl" || same=DIFFERENT
  rm -f "$data_root/assay-builtin.jsonl" "$data_root/assay-lua.jsonl"
  awk -v l="$wall_lua" -v b="$wall_builtin" -v s="$same" 'BEGIN {
    printf "Lua function / built-in: %.2fx; the goal is <= 1.1x; outputs %s\n", l / b, s }'
fi

# --- comparison --------------------------------------------------------------
echo
printf '%-28s %10s %15s\n' "program" "time (s)" "peak RSS (MB)"
printf '%-28s %10s %15s\n' "reference (all cores)" "$(figure "$ref_log" seconds)" "$(figure "$ref_log" rss_mb)"
printf '%-28s %10s %15s\n' "reference (1 thread)" "$(figure "$ref1_log" seconds)" "$(figure "$ref1_log" rss_mb)"
if [ "$have_bench" = 1 ]; then
  printf '%-28s %10s %15s\n' "assay-bench (API, in memory)" "$(figure "$bench_log" seconds)" "$(figure "$bench_log" rss_mb)"
  awk -v a="$(figure "$bench_log" seconds)" -v r="$(figure "$ref_log" seconds)" -v r1="$(figure "$ref1_log" seconds)" \
      -v m="$(figure "$bench_log" rss_mb)" 'BEGIN {
    printf "time ratio assay-bench/reference: %.2fx (all cores), %.2fx (1 thread): the API with the whole dataset in memory (SPEC aims at <= 2x); assay run streams, see end to end above\n", a / r, a / r1
    printf "assay-bench peak memory: %.0f MB; SPEC aims at < 300 MB\n", m }'
  if [ "$(ratings "$ref_log")" = "$(ratings "$bench_log")" ]; then
    echo "ratings agree: $(ratings "$ref_log")"
  else
    echo "ratings differ: reference $(ratings "$ref_log")| assay $(ratings "$bench_log")"
  fi
fi
