#!/usr/bin/env bash
# One shard of a run, or the merge: the commands the Slurm and Kubernetes
# recipes call (and tests/cli/test_shards.sh runs).
#   shard.sh run PACK DATA K N OUTDIR   -> OUTDIR/shard-K-of-N.jsonl
#   shard.sh merge N OUTDIR OUT         -> OUT, byte-identical to one run
# With ASSAY_RECORD=1 each shard also writes its part of the sealed record
# (OUTDIR/shard-K-of-N.rec) and the merge joins them into OUT's name with
# .rec for .jsonl: the record one run writes, signed when ASSAY_SIGN names
# a private key (assay key generate).
set -euo pipefail
ASSAY=${ASSAY:-assay}
case $1 in
run)
    record=()
    [ "${ASSAY_RECORD:-}" = 1 ] && record=(--record "$6/shard-$4-of-$5.rec")
    "$ASSAY" run "$2" "$3" --format jsonl --shard "$4/$5" --out "$6/shard-$4-of-$5.jsonl" "${record[@]}"
    ;;
merge)
    files=() records=()
    for k in $(seq 1 "$2"); do
        files+=("$3/shard-$k-of-$2.jsonl")
        records+=("$3/shard-$k-of-$2.rec")
    done
    "$ASSAY" merge "${files[@]}" --out "$4"
    if [ "${ASSAY_RECORD:-}" = 1 ]; then
        sign=()
        [ -n "${ASSAY_SIGN:-}" ] && sign=(--sign "$ASSAY_SIGN")
        "$ASSAY" merge "${records[@]}" --out "${4%.jsonl}.rec" "${sign[@]}"
    fi
    ;;
*) echo "usage: shard.sh run PACK DATA K N OUTDIR | merge N OUTDIR OUT" >&2; exit 2 ;;
esac
