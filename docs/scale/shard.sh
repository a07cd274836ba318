#!/usr/bin/env bash
# One shard of a run, or the merge: the commands the Slurm and Kubernetes
# recipes call (and tests/cli/test_shards.sh runs).
#   shard.sh run PACK DATA K N OUTDIR   -> OUTDIR/shard-K-of-N.jsonl
#   shard.sh merge N OUTDIR OUT         -> OUT, byte-identical to one run
set -euo pipefail
ASSAY=${ASSAY:-assay}
case $1 in
run) "$ASSAY" run "$2" "$3" --format jsonl --shard "$4/$5" --out "$6/shard-$4-of-$5.jsonl" ;;
merge)
    files=()
    for k in $(seq 1 "$2"); do files+=("$3/shard-$k-of-$2.jsonl"); done
    "$ASSAY" merge "${files[@]}" --out "$4"
    ;;
*) echo "usage: shard.sh run PACK DATA K N OUTDIR | merge N OUTDIR OUT" >&2; exit 2 ;;
esac
