#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, AddressSanitizer, UBSan) and runs each
# for a bounded time on a seed corpus made, in a temporary folder, from the
# bundled datasets, rule packs and bad-input corpus.
#
#   fuzz/run.sh [SECONDS_PER_TARGET [TARGET...]]     (default 30 s, every target)
#
# Environment: FUZZ_BUILD (build folder, default build-fuzz), JOBS,
# FUZZ_ARTIFACTS (where inputs that broke a target are kept, default
# $FUZZ_BUILD/artifacts), ASSAY (a built assay binary, used to make run
# records for the record target's seeds; default build/assay).
# Exit status: 0 when no target found anything, 1 otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}
[ $# -gt 0 ] && shift
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(number period observations indicators commentary xlsx pack record stream)
build=${FUZZ_BUILD:-build-fuzz}
jobs=${JOBS:-$(nproc)}
artifacts=${FUZZ_ARTIFACTS:-$build/artifacts}
assay=${ASSAY:-build/assay}

generator=()
command -v ninja >/dev/null && [ ! -f "$build/CMakeCache.txt" ] && generator=(-G Ninja)
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
cmake -S . -B "$build" "${generator[@]}" "${launcher[@]}" -DCMAKE_CXX_COMPILER=clang++ \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo -DASSAY_FUZZ=ON -DASSAY_SANITIZE=ON -DASSAY_TESTS=OFF >/dev/null
cmake --build "$build" -j "$jobs" --target $(printf 'fuzz_%s ' "${targets[@]}")

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$artifacts" "$work/scratch"
export ASSAY_FUZZ_SCRATCH="$work/scratch"  # the targets' files, removed with the rest

# seed TARGET NAME: stdin becomes one seed file of TARGET's corpus.
seed() { mkdir -p "$work/$1"; cat >"$work/$1/$2"; }

# Numbers and periods: every cell of the bundled observations, and forms
# people write that the files may not hold.
n=0
for f in datasets/*/observations*.csv datasets/*/published_totals.csv; do
    [ -f "$f" ] || continue
    while IFS=, read -r _ _ period value rest; do
        n=$((n + 1))
        printf '%s' "$value" | seed number "cell$n"
        printf '%s' "$period" | seed period "cell$n"
        printf '%s' "${rest%%,*}" | seed number "pub$n"
    done <"$f"
done
i=0
for v in '1,843' '89.2%' '-0.7' '+1.5' '+1.5pts' '(2,000)' '£1,234.50' '373:26:00' 'N/A' 'n/a' '-' '1e999' \
         '1,84,3' '12x' '0.000001' '1e-7' '−3'; do
    i=$((i + 1)); printf '%s' "$v" | seed number "form$i"
done
for p in '2006/07' '2024' '2024 Q2' '2024/25 Q2' '2024-09' 'Sept 2024' '12 months to Sept 2024' \
         'Jul 22 - Jun 23' '2006-07' '2024-25' '1999/2000'; do
    i=$((i + 1)); printf '%s' "$p" | seed period "form$i"
done

# Datasets: the bundled files and the bad-input corpus.
for d in datasets/* tests/bad/*/data; do
    name=$(basename "${d%/data}")
    for f in "$d"/observations*.csv; do [ -f "$f" ] && seed observations "$name-$(basename "$f")" <"$f"; done
    [ -f "$d/indicators.csv" ] && seed indicators "$name" <"$d/indicators.csv"
    [ -f "$d/commentary.csv" ] && seed commentary "$name" <"$d/commentary.csv"
done

# Streamed runs: small exports of the stream target's indicators (fuzz_stream.cpp),
# grouped by series in the pack's order, with the forms people write.
{ echo "indicator,area,period,value,numerator,denominator"
  for a in E01 E02 W01; do for m in 01 02 03 04 05 06; do echo "burglary,$a,2022-$m,$((20 - ${m#0})),$((20 - ${m#0})),"; done; done
  for a in E01 E02 W01; do for m in 01 02 03 04 05 06; do echo "answered,$a,2022-$m,$((80 + ${m#0})).0%,$((80 + ${m#0})),100"; done; done
  for a in E01 E02 W01; do for m in 01 02 03 04 05 06; do echo "other,$a,2022-$m,N/A,,"; done; done
  for a in E01 E02 W01; do for m in 01 02 03 04 05 06; do echo "spend,$a,2022-$m,\"1,${m}0.50\",,"; done; done
} | seed stream counts
{ echo "indicator,area,period,value"
  for a in A B C D; do for m in 01 02 03 04 05 06 07 08 09 10 11 12; do echo "burglary,$a,2022-$m,$((${m#0} * 7 % 13))"; done; done
  for a in A B C D; do for m in 01 02 03 04 05 06 07 08 09 10 11 12; do echo "spend,$a,2022-$m,$((${m#0} * 5 % 11)).25"; done; done
} | seed stream plain

# Workbooks: a worksheet (long form, wide, a date-styled period) with its
# shared strings and styles, NUL-separated after a 0 byte (see fuzz_xlsx.cpp).
printf '\0<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="inlineStr"><is><t>value</t></is></c></row><row r="2"><c r="A2" t="s"><v>3</v></c><c r="B2" t="s"><v>4</v></c><c r="C2" t="str"><v>2024 Q1</v></c><c r="D2"><v>12.5</v></c></row></sheetData></worksheet>\0<sst><si><t>indicator</t></si><si><r><t>ar</t></r><r><t>ea</t></r></si><si><t>period</t></si><si><t>x</t></si><si><t>All</t></si></sst>\0<styleSheet/>' | seed xlsx long
printf '\0<worksheet><sheetData><row><c t="inlineStr"><is><t>indicator</t></is></c><c t="inlineStr"><is><t>2024</t></is></c><c r="C1" t="inlineStr"><is><t>2025</t></is></c></row><row r="3"><c r="A3" t="inlineStr"><is><t>x</t></is></c><c r="B3" s="1"><v>45383</v></c><c r="C3" t="b"><v>1</v></c></row></sheetData></worksheet>\0<sst/>\0<styleSheet><numFmts><numFmt numFmtId="164" formatCode="mmm yyyy"/></numFmts><cellXfs><xf numFmtId="0"/><xf numFmtId="164"/></cellXfs></styleSheet>' | seed xlsx wide

# Packs: each file alone, and each pack as one file (pack.lua first); the
# bad-input corpus's broken files after the LSP 2007 pack.lua.
for d in rules/*; do
    [ -f "$d/pack.lua" ] || continue
    name=$(basename "$d")
    { cat "$d/pack.lua"; for f in "$d"/*.lua; do [ "$f" = "$d/pack.lua" ] || cat "$f"; done; } | seed pack "$name"
    for f in "$d"/*.lua; do seed pack "$name-$(basename "$f")" <"$f"; done
done
for f in tests/bad/*/pack/*.lua; do
    [ -f "$f" ] && cat rules/lsp2007/pack.lua "$f" | seed pack "bad-$(basename "$(dirname "$(dirname "$f")")")"
done

# Records: a run record and a JSON outcome record of the bundled packs.
mkdir -p "$work/record"
if [ -x "$assay" ]; then
    for p in lsp2007 pcc2024q2; do
        "$assay" run "rules/$p" "datasets/$p" --record "$work/record/$p.record" >/dev/null 2>&1 || true
        "$assay" run "rules/$p" "datasets/$p" --format json --out "$work/record/$p.json" >/dev/null 2>&1 || true
        for k in 1/1 2/2; do
            "$assay" run "rules/$p" "datasets/$p" --format jsonl --shard $k --out "$work/shard.jsonl" \
                --record "$work/record/$p-shard-${k%/*}.record" >/dev/null 2>&1 || true
        done
    done
else
    echo "fuzz: $assay not built: the record target starts from an empty corpus"
fi

failed=()
for t in "${targets[@]}"; do
    mkdir -p "$work/$t"
    dict=()
    [ "$t" = pack ] && dict=(-dict=fuzz/lua.dict)
    echo "== fuzz_$t: ${seconds}s, $(ls "$work/$t" | wc -l) seeds"
    set +e
    "$build/fuzz/fuzz_$t" "$work/$t" "${dict[@]}" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2560 \
        -max_len=65536 -print_final_stats=1 -artifact_prefix="$artifacts/$t-" >"$work/$t.log" 2>&1
    status=$?
    set -e
    grep -E '^stat::number_of_executed_units|^stat::peak_rss_mb|^#[0-9]+[[:space:]]+DONE' "$work/$t.log" | sed 's/^/   /'
    if [ $status -ne 0 ]; then
        failed+=("$t")
        echo "   FOUND A PROBLEM (exit $status); the input is in $artifacts:"
        grep -E 'ERROR|property broken|SUMMARY|^artifact_prefix|Test unit written' "$work/$t.log" | head -20 | sed 's/^/   /'
    fi
done

if [ ${#failed[@]} -gt 0 ]; then
    echo "fuzz: problems found by: ${failed[*]}"
    exit 1
fi
echo "fuzz: no problem found (${seconds}s per target)"
