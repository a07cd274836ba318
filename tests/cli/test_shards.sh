#!/usr/bin/env bash
# assay run --shard K/N and assay merge: N shards merged are byte-identical to
# one run (N = 1, 2, 7), through docs/scale/shard.sh, the script the Slurm and
# Kubernetes recipes call; incomplete or foreign inputs are refused.
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
expect_exit 2 "$ASSAY" merge "$TMP/shard-1-of-7.jsonl" "$TMP/shard-2-of-7.jsonl"
expect_exit 2 "$ASSAY" merge "$TMP/one.jsonl"
expect_exit 2 "$ASSAY" run "$SRC/rules/lsp2007" "$SRC/datasets/lsp2007" --shard 8/7 --format jsonl
expect_exit 2 "$ASSAY" run "$SRC/rules/lsp2007" "$SRC/datasets/lsp2007" --shard 1/2 --format json
finish
