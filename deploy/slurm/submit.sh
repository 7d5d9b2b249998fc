#!/usr/bin/env bash
# Submits the national stress batch of regiosim to Slurm: the array of 8
# shards (array.sh beside this script) and a merge job that starts only when
# every task of the array has ended with exit code 0 (afterok on the
# array's job id waits for all its tasks). See deploy/README.md.
#
# Run it from the directory where the results go, on a file system that the
# compute nodes share:
#
#   cd /shared/project/national && /path/to/regiosim/deploy/slurm/submit.sh
#
# Results: shards/1 … shards/8 (one per task), merged/ (what one unsharded
# run writes, byte for byte) and the jobs' logs in logs/.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

# Slurm does not create the directory of --output: a job whose log cannot
# be opened fails at once.
mkdir -p logs shards

# --parsable prints "JOBID" or "JOBID;CLUSTER".
jobid="$(sbatch --parsable "$here/array.sh")"
jobid="${jobid%%;*}"
echo "shards: job array $jobid (tasks 1-8), logs in logs/regiosim-shards-${jobid}_*.out"

# The merge checks the shards' manifests (same version, inputs, seed and
# draws; every index exactly once; every file intact) and writes merged/;
# a missing, duplicate or foreign shard is an error that names it, and
# nothing is written. shards/* is expanded when the merge runs, and misses
# the temporary shards/.regiosim-* of a task that was killed.
mergeid="$(sbatch --parsable --dependency="afterok:$jobid" --job-name=regiosim-merge \
	--ntasks=1 --cpus-per-task=1 --mem=1G --time=00:10:00 \
	--output=logs/regiosim-merge-%j.out \
	--wrap 'regiosim merge -o merged shards/*')"
mergeid="${mergeid%%;*}"
echo "merge:  job $mergeid, after every task of $jobid succeeded; log in logs/regiosim-merge-${mergeid}.out"
echo "watch:  squeue -u \"\$USER\" -j $jobid,$mergeid   (or: sacct -j $jobid,$mergeid)"
