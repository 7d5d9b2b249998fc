#!/usr/bin/env bash
# The national stress batch of regiosim as a Slurm job array of 8 tasks,
# one shard each. Submit it with deploy/slurm/submit.sh, which also queues
# the merge after it; see deploy/README.md.
#
# The array starts at 1 on purpose: regiosim takes its shard from
# SLURM_ARRAY_TASK_ID, SLURM_ARRAY_TASK_MIN and SLURM_ARRAY_TASK_COUNT
# (index = ID - MIN, count = COUNT), so --array=1-8, 0-7 or 101-108 all give
# shards 0..7 of 8. Any further arguments go to regiosim, e.g. --shard 2/8
# to run one shard again on its own (see deploy/README.md).
#
# Every task writes shards/$SLURM_ARRAY_TASK_ID below the directory it was
# submitted from, which must be on a file system all nodes share. A task run
# again (requeued after a node failure, or resubmitted) replaces its own
# directory whole and touches no other: regiosim writes it in a temporary
# directory beside it (shards/.regiosim-*) and renames it into place when
# it is complete.
#
# regiosim must be on the PATH of the compute nodes (a static binary: go
# install ./cmd/regiosim, or CGO_ENABLED=0 go build, then copy it anywhere).
# It uses the CPUs Slurm gives the task (--cpus-per-task); its output does
# not depend on how many.
#
#SBATCH --job-name=regiosim-shards
#SBATCH --array=1-8
#SBATCH --ntasks=1
#SBATCH --cpus-per-task=2
#SBATCH --mem=2G
#SBATCH --time=01:00:00
# The logs directory must exist before the job starts (submit.sh makes it);
# %A is the array's job id, %a the task id.
#SBATCH --output=logs/regiosim-shards-%A_%a.out
# A task whose node fails or that is preempted is put back in the queue.
#SBATCH --requeue

set -euo pipefail

: "${SLURM_ARRAY_TASK_ID:?not in a Slurm array task: submit with deploy/slurm/submit.sh}"

echo "regiosim shard: array task ${SLURM_ARRAY_TASK_ID} (tasks ${SLURM_ARRAY_TASK_MIN:-?}..${SLURM_ARRAY_TASK_MAX:-?}, ${SLURM_ARRAY_TASK_COUNT:-?} in all) on $(hostname)"

# One language for every shard and the merge (the tables' words).
export REGIOSIM_LANG="${REGIOSIM_LANG:-en}"

regiosim batch --example national --stress --draws 100000 -o "shards/${SLURM_ARRAY_TASK_ID}" "$@"
