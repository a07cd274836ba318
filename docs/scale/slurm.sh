#!/usr/bin/env bash
# Slurm: N shards as a job array, then the merge once every shard succeeded.
#   sbatch --array=1-8 docs/scale/slurm.sh rules/PACK DATA out
#   sbatch --dependency=afterok:JOBID --wrap "docs/scale/shard.sh merge 8 out out/run.jsonl"
#SBATCH --job-name=assay-shard
#SBATCH --cpus-per-task=1
set -euo pipefail
exec "$(dirname "$0")/shard.sh" run "$1" "$2" "$SLURM_ARRAY_TASK_ID" "$SLURM_ARRAY_TASK_COUNT" "$3"
