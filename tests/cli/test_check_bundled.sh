#!/usr/bin/env bash
# assay check on every pack the project ships, against the data it is run
# with: the bundled review packs, the council fixture, the cookbook's packs
# and the benchmark's packs (on data assay-gen makes). None may report
# anything: a finding on a pack that reproduces its seed is a false alarm.
# The docs' worked examples are checked the same way by test_docs.sh.
. "$(dirname "$0")/lib.sh"
: "${ASSAY_GEN:?ASSAY_GEN must point at the built assay-gen}"

clean() {  # clean PACK [DATA]
    local pack=$1; shift
    if [ $# -gt 0 ]; then
        expect_exit 0 -- "$ASSAY" check "$pack" --data "$1"
    else
        expect_exit 0 -- "$ASSAY" check "$pack"
    fi
    expect_in "$TMP/out" "0 errors, 0 warnings"
}

packs=0
for pack in "$SRC"/rules/*/; do
    pack=${pack%/}
    name=$(basename "$pack")
    data=$SRC/datasets/$name
    [ -d "$data" ] || data=$SRC/datasets/${name%%-*}  # lsp2007-significance assesses datasets/lsp2007
    checks=$((checks + 1))
    [ -d "$data" ] || { fail "no dataset for bundled pack $name"; continue; }
    clean "$pack"
    clean "$pack" "$data"
    packs=$((packs + 1))
done
checks=$((checks + 1))
[ "$packs" -ge 5 ] || fail "only $packs bundled packs were found under rules/"

clean "$SRC/tests/council/pack" "$SRC/tests/council/data"

CB=$SRC/docs/cookbook
for p in tolerance stars floor comparator; do clean "$CB/$p" "$CB/kpis.csv"; done
clean "$CB/travel" "$CB/quarters.csv"

"$ASSAY_GEN" --areas 5 --indicators 14 --months 24 --out "$TMP/bench" >/dev/null || fail "assay-gen failed"
"$ASSAY_GEN" --areas 5 --indicators 14 --months 24 --counts --out "$TMP/counts" >/dev/null || fail "assay-gen --counts failed"
clean "$SRC/bench/pack" "$TMP/bench"
clean "$SRC/bench/pack-lua" "$TMP/bench"
# The Lua rating gives the built-in's ratings: the same lines.
"$ASSAY" run "$SRC/bench/pack" "$TMP/bench" --format jsonl --out "$TMP/builtin.jsonl" 2>/dev/null
"$ASSAY" run "$SRC/bench/pack-lua" "$TMP/bench" --format jsonl --out "$TMP/lua.jsonl" --threads 2 2>/dev/null
checks=$((checks + 1))
cmp -s "$TMP/builtin.jsonl" "$TMP/lua.jsonl" || fail "bench/pack-lua rates otherwise than bench/pack"
for p in pack-funnel pack-significance; do clean "$SRC/bench/$p" "$TMP/counts"; done
finish
