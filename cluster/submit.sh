#!/bin/bash
# Run a lendsim scenario or sweep as a Slurm job array of N shards plus a merge job that waits for
# all of them (--dependency=afterok), writing into OUTDIR (on a filesystem every node sees).
#
#   cluster/submit.sh [--wait] [--cpus C] [--sbatch "EXTRA SBATCH FLAGS"] FILE N OUTDIR [lendsim flags...]
#
#   cluster/submit.sh scenarios/cap-list-cost-sweep.yaml 8 /shared/out/cap-list-cost --runs 64
#   cluster/submit.sh --wait --cpus 4 scenarios/china-2025.yaml 16 /shared/out/china --runs 512
#
# --wait       block until the merge job ends; exit non-zero if a shard or the merge failed
# --cpus C     CPUs per shard task (lendsim --workers; default 1)
# --sbatch S   extra flags for both sbatch calls (--partition, --account, --time, --mem, ...)
# Logs: OUTDIR/slurm-logs/shard-<I>.out and merge.out. The lendsim command is $LENDSIM if set,
# else this checkout's build (node dist/sim/cli/main.js) when there is one, else `lendsim` on PATH.
# A failed shard can be re-submitted alone (it resumes from the runs it stored):
#   sbatch --array=<I> cluster/lendsim-shard.sbatch FILE N OUTDIR [lendsim flags...]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
wait=() cpus=1 extra=()
while [ $# -gt 0 ]; do
  case $1 in
    --wait) wait=(--wait); shift ;;
    --cpus) cpus=$2; shift 2 ;;
    --sbatch) read -r -a extra <<< "$2"; shift 2 ;;
    --help|-h) sed -n '2,20p' "$0"; exit 0 ;;
    *) break ;;
  esac
done
if [ $# -lt 3 ]; then
  echo "usage: $0 [--wait] [--cpus C] [--sbatch \"FLAGS\"] FILE N OUTDIR [lendsim flags...]" >&2
  exit 2
fi
file=$(realpath "$1") shards=$2 out=$(realpath -m "$3")
shift 3
[ -f "$file" ] || { echo "$0: no such file: $1" >&2; exit 2; }
[[ $shards =~ ^[1-9][0-9]*$ ]] || { echo "$0: N must be a positive integer, got $shards" >&2; exit 2; }
if [ -z "${LENDSIM:-}" ]; then
  if [ -f "$here/../dist/sim/cli/main.js" ]; then LENDSIM="node $(realpath "$here/../dist/sim/cli/main.js")"; else LENDSIM=lendsim; fi
fi
export LENDSIM
mkdir -p "$out/slurm-logs"

array=$(sbatch --parsable "${extra[@]}" --array=0-$((shards - 1)) --cpus-per-task="$cpus" --job-name=lendsim-shards \
  --output="$out/slurm-logs/shard-%a.out" "$here/lendsim-shard.sbatch" "$file" "$shards" "$out" "$@")
array=${array%%;*}
echo "submitted shards: job array $array (0-$((shards - 1)), $cpus CPUs each) -> $out/shards/"
merge_args=(--parsable "${extra[@]}" --dependency=afterok:"$array" --kill-on-invalid-dep=yes --job-name=lendsim-merge --output="$out/slurm-logs/merge.out")
if [ ${#wait[@]} -gt 0 ]; then
  echo "merge job queued after $array; waiting for it (sbatch --wait)"
  status=0
  merge=$(sbatch "${merge_args[@]}" --wait "$here/lendsim-merge.sbatch" "$out") || status=$?
  merge=${merge%%;*}
  # A merge cancelled because a shard failed (--kill-on-invalid-dep) can leave sbatch --wait with
  # status 0: read the jobs' final states (scontrol remembers finished jobs for MinJobAge, 300 s).
  state=$(scontrol show job "$merge" -o 2>/dev/null | grep -o 'JobState=[A-Z_]*' | head -1 | cut -d= -f2 || true)
  if [ "$status" -ne 0 ] || [ "${state:-COMPLETED}" != COMPLETED ]; then
    failed=$(scontrol show job "$array" -o 2>/dev/null | grep -v 'JobState=COMPLETED' | grep -o 'ArrayTaskId=[0-9]*' | cut -d= -f2 | tr '\n' ' ' | sed 's/ *$//' || true)
    echo "$0: the merge job $merge ended ${state:-with status $status}${failed:+; shards that did not complete: $failed}; see $out/slurm-logs/" >&2
    exit 1
  fi
  echo "merged into $out (merge job $merge)"
else
  merge=$(sbatch "${merge_args[@]}" "$here/lendsim-merge.sbatch" "$out")
  echo "submitted merge: job ${merge%%;*} (after $array succeeds) -> $out"
  echo "follow with: squeue -j $array,${merge%%;*}; logs in $out/slurm-logs/"
fi
