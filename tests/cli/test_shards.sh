#!/usr/bin/env bash
# assay run --shard K/N and assay merge: N shards merged are byte-identical to
# one run (N = 1, 2, 7), through docs/scale/shard.sh, the script the Slurm and
# Kubernetes recipes call; incomplete or foreign inputs are refused. With
# --record, each shard also writes its part of the sealed record and the
# merge gives the record one run writes: the same sealed part and seal (only
# written_at, outside the seal, differs), which replays identical.
. "$(dirname "$0")/lib.sh"
export ASSAY
shard=$SRC/docs/scale/shard.sh
grep -q 'shard.sh" run' "$SRC/docs/scale/slurm.sh" || fail "the Slurm recipe does not call shard.sh run"
grep -q 'shard.sh run' "$SRC/docs/scale/k8s-indexed-job.yaml" || fail "the Kubernetes recipe does not call shard.sh run"
for r in "lsp2007 lsp2007" "pcc2024q2 pcc2024q2"; do
    set -- $r
    "$ASSAY" run "$SRC/rules/$1" "$SRC/datasets/$2" --format jsonl --out "$TMP/one.jsonl" 2>/dev/null
    for n in 1 2 7; do
        rm -f "$TMP"/shard-*
        for k in $(seq 1 $n); do bash "$shard" run "$SRC/rules/$1" "$SRC/datasets/$2" $k $n "$TMP" 2>/dev/null; done
        bash "$shard" merge $n "$TMP" "$TMP/merged.jsonl" || fail "$1: merge of $n shards failed"
        cmp -s "$TMP/one.jsonl" "$TMP/merged.jsonl" || fail "$1: $n shards merged differ from one run"
    done
done
# A small generated benchmark dataset (bench/assay-gen, built beside assay).
gen=$(dirname "$ASSAY")/bench/assay-gen
if [ -x "$gen" ]; then
    "$gen" --areas 50 --indicators 14 --months 12 --out "$TMP/bench" >/dev/null || fail "assay-gen failed"
    "$ASSAY" run "$SRC/bench/pack" "$TMP/bench" --format jsonl --out "$TMP/one.jsonl" 2>/dev/null
    [ "$(wc -l <"$TMP/one.jsonl")" -eq 700 ] || fail "bench: expected 700 outcomes (50 areas x 14 indicators)"
    for n in 1 2 7; do
        rm -f "$TMP"/shard-*
        for k in $(seq 1 $n); do bash "$shard" run "$SRC/bench/pack" "$TMP/bench" $k $n "$TMP" 2>/dev/null; done
        bash "$shard" merge $n "$TMP" "$TMP/merged.jsonl" || fail "bench: merge of $n shards failed"
        cmp -s "$TMP/one.jsonl" "$TMP/merged.jsonl" || fail "bench: $n shards merged differ from one run"
    done
else
    echo "note: $gen not built; the generated-dataset check is skipped"
fi

# Sealed records. same_record A B: equal but for the time each was written.
same_record() { cmp -s <(grep -v '^"written_at"' "$1") <(grep -v '^"written_at"' "$2"); }
record_shards() {  # PACK DATA N [run options...]: shards of the record into $TMP/rec-K.rec
    local pack=$1 data=$2 n=$3; shift 3
    rm -f "$TMP"/rec-*.rec
    for k in $(seq 1 "$n"); do
        "$ASSAY" run "$pack" "$data" --format jsonl --shard "$k/$n" --out "$TMP/rec-$k.jsonl" \
            --record "$TMP/rec-$k.rec" "$@" 2>/dev/null || fail "$pack: shard $k/$n with --record failed"
    done
}
mkdir -p "$TMP/renamed" && cp "$SRC"/datasets/pcc2024q2/* "$TMP/renamed/"
for r in "lsp2007 lsp2007" "pcc2024q2 pcc2024q2" "hotspots2024 hotspots2024" "pcc2024q2 renamed"; do
    set -- $r
    data=$SRC/datasets/$2
    [ "$2" = renamed ] && data=$TMP/renamed
    "$ASSAY" run "$SRC/rules/$1" "$data" --format json --out "$TMP/one.json" --record "$TMP/one.rec" 2>/dev/null
    for n in 1 2 7; do
        record_shards "$SRC/rules/$1" "$data" $n
        checks=$((checks + 1))
        "$ASSAY" merge "$TMP"/rec-*.rec --out "$TMP/merged.rec" || fail "$1 on $2: merge of $n record shards failed"
        same_record "$TMP/one.rec" "$TMP/merged.rec" || fail "$1 on $2: $n record shards merged differ from one run's record"
        grep -q '^"written_at"' "$TMP/merged.rec" || fail "$1 on $2: the merged record has no written_at"
    done
    expect_exit 0 "$ASSAY" replay "$TMP/merged.rec"
    expect_in "$TMP/out" "identical"
done
# At an as-at, and the bench pack on generated data.
"$ASSAY" run "$SRC/rules/lsp2007" "$SRC/datasets/lsp2007" --as-at 2005/06 --format json --record "$TMP/one.rec" >/dev/null 2>&1
record_shards "$SRC/rules/lsp2007" "$SRC/datasets/lsp2007" 3 --as-at 2005/06
expect_exit 0 "$ASSAY" merge "$TMP"/rec-*.rec --out "$TMP/merged.rec"
checks=$((checks + 1)); same_record "$TMP/one.rec" "$TMP/merged.rec" || fail "as at 2005/06: merged record differs"
if [ -x "$gen" ]; then
    "$ASSAY" run "$SRC/bench/pack" "$TMP/bench" --format json --record "$TMP/one.rec" >/dev/null 2>&1
    record_shards "$SRC/bench/pack" "$TMP/bench" 7
    expect_exit 0 "$ASSAY" merge "$TMP"/rec-*.rec --out "$TMP/merged.rec"
    checks=$((checks + 1)); same_record "$TMP/one.rec" "$TMP/merged.rec" || fail "bench: 7 record shards merged differ"
fi
# Signed by the merge, and trusted on replay; through shard.sh as the recipes call it.
expect_exit 0 "$ASSAY" key generate --out "$TMP/k"
"$ASSAY" run "$SRC/rules/pcc2024q2" "$SRC/datasets/pcc2024q2" --format json --record "$TMP/one.rec" >/dev/null 2>&1
rm -f "$TMP"/shard-*
for k in 1 2 3; do
    ASSAY_RECORD=1 bash "$shard" run "$SRC/rules/pcc2024q2" "$SRC/datasets/pcc2024q2" $k 3 "$TMP" 2>/dev/null
done
ASSAY_RECORD=1 ASSAY_SIGN=$TMP/k bash "$shard" merge 3 "$TMP" "$TMP/recipe.jsonl" || fail "shard.sh merge with records failed"
expect_exit 0 "$ASSAY" replay "$TMP/recipe.rec" --trust "$TMP/k.pub"
checks=$((checks + 1))
unsigned() { grep -v '^"written_at"\|^"signatures"' "$1" | sed 's/,$//'; }
cmp -s <(unsigned "$TMP/one.rec") <(unsigned "$TMP/recipe.rec") ||
    fail "shard.sh: the merged, signed record differs from one run's"
record_shards "$SRC/rules/lsp2007" "$SRC/datasets/lsp2007" 2
expect_exit 0 "$ASSAY" merge "$TMP/rec-2.rec" "$TMP/rec-1.rec" --out "$TMP/signed.rec" --sign "$TMP/k"
expect_exit 0 "$ASSAY" replay "$TMP/signed.rec" --trust "$TMP/k.pub"
expect_exit 2 "$ASSAY" run "$SRC/rules/lsp2007" "$SRC/datasets/lsp2007" --format jsonl --shard 1/2 --record "$TMP/x.rec" --sign "$TMP/k"
expect_in "$TMP/err" "assay merge"
expect_exit 2 "$ASSAY" merge "$TMP/rec-1.jsonl" "$TMP/rec-2.jsonl" --sign "$TMP/k"
# Refused: a shard missing or given twice, shards of different runs, a
# JSON Lines shard among records, a cut or edited shard, and an edited
# outcome whose file hash was made again (the seal the shards state holds).
expect_exit 2 "$ASSAY" merge "$TMP/rec-1.rec"
expect_in "$TMP/err" "shards missing: 2/2"
expect_exit 2 "$ASSAY" merge "$TMP/rec-1.rec" "$TMP/rec-1.rec"
expect_in "$TMP/err" "both shard 1/2"
"$ASSAY" run "$SRC/rules/lsp2007" "$SRC/datasets/lsp2007" --format jsonl --shard 2/2 --as-at 2005/06 \
    --out "$TMP/x.jsonl" --record "$TMP/other-2.rec" 2>/dev/null
expect_exit 2 "$ASSAY" merge "$TMP/rec-1.rec" "$TMP/other-2.rec"
expect_in "$TMP/err" "come from different runs"
expect_exit 2 "$ASSAY" merge "$TMP/rec-1.rec" "$TMP/rec-2.jsonl"
expect_in "$TMP/err" "not a shard of a record"
head -c 3000 "$TMP/rec-2.rec" >"$TMP/cut.rec"
expect_exit 2 "$ASSAY" merge "$TMP/rec-1.rec" "$TMP/cut.rec"
expect_in "$TMP/err" "cut.rec:2:"
python3 - "$TMP/rec-2.rec" "$TMP/edited.rec" "$TMP/rehashed.rec" <<'PY'
import hashlib, sys
s = open(sys.argv[1], 'rb').read()
at = s.index(b'"rating": "AMBER"', s.index(b'\n@'))
edited = s[:at] + s[at:].replace(b'AMBER', b'GREEN', 1)
open(sys.argv[2], 'wb').write(edited)
body = edited[:edited.rindex(b'#assay-end')]
count = edited[edited.rindex(b'#assay-end'):].split(b' ')[1]
open(sys.argv[3], 'wb').write(body + b'#assay-end ' + count + b' ' + hashlib.sha256(body).hexdigest().encode() + b'\n')
PY
expect_exit 2 "$ASSAY" merge "$TMP/rec-1.rec" "$TMP/edited.rec"
expect_in "$TMP/err" "it was edited or damaged"
expect_exit 2 "$ASSAY" merge "$TMP/rec-1.rec" "$TMP/rehashed.rec" --out "$TMP/merged-bad.rec"
expect_in "$TMP/err" "an outcome in them was changed after the run"
[ -e "$TMP/merged-bad.rec" ] && fail "a refused merge left a file"

expect_exit 2 "$ASSAY" merge "$TMP/shard-1-of-7.jsonl" "$TMP/shard-2-of-7.jsonl"
expect_exit 2 "$ASSAY" merge "$TMP/one.jsonl"
expect_exit 2 "$ASSAY" run "$SRC/rules/lsp2007" "$SRC/datasets/lsp2007" --shard 8/7 --format jsonl
expect_exit 2 "$ASSAY" run "$SRC/rules/lsp2007" "$SRC/datasets/lsp2007" --shard 1/2 --format json
expect_exit 2 "$ASSAY" run "$SRC/rules/lsp2007" "$SRC/datasets/lsp2007" --shard 1/2 --format jsonl --history "$TMP/h.sqlite"
finish
