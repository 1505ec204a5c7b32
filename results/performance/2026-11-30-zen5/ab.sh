#!/bin/bash
# A ratio: ab_summary.py NAME-FOLDER prints, per row, each variant's img/s per round and the median [min-max] of its per-round
# ratios to "base" (the run of the same round).
# Interleaved A/B(/C...) runs: in each of ROUNDS rounds, one one-round throughput run per variant, in order.
# usage: ab.sh NAME ROUNDS "variant:ENV=.. ENV=..|--extra-arg ..." ... -- throughput-args...
# A variant written "variant@CHECKOUT:..." runs from that checkout instead of this one (an A/B of two commits:
# e.g. "base@../wt-base:" from a `git worktree add ../wt-base HEAD` next to a working tree holding the change).
name=$1; rounds=$2; shift 2
variants=()
while [ "$1" != "--" ]; do variants+=("$1"); shift; done; shift
out=$(cd "$(dirname "$0")" && pwd)/$name
cd "$(dirname "$0")/../../.."
here=$(pwd)
for v in "${variants[@]}"; do  # a checkout that is not there would otherwise run this one under its name
  vname=${v%%:*}
  if [[ "$vname" == *"@"* ]] && [ ! -x "${vname#*@}/nin-bench" ]; then
    echo "ab.sh: variant '${vname%%@*}': no nin-bench checkout at '${vname#*@}' (relative to $here)" >&2; exit 2
  fi
done
for i in $(seq 1 $rounds); do
  for v in "${variants[@]}"; do
    vname=${v%%:*}; rest=${v#*:}; venv=${rest%%|*}; vargs=""; checkout=$here
    [[ "$vname" == *"@"* ]] && { checkout=$(cd "${vname#*@}" && pwd); vname=${vname%%@*}; }
    [[ "$rest" == *"|"* ]] && vargs=${rest#*|}
    mkdir -p $out/$vname
    echo "$(date +%T) round $i $vname (commit $(git -C "$checkout" rev-parse --short HEAD); env: $venv; args: $vargs)"
    (cd "$checkout" && env $venv ./nin-bench throughput --profile cpu --rounds 1 --no-latency --cold-start-runs 0 \
      --no-pytorch --out $out/$vname "$@" $vargs > $out/$vname/run-$i.log 2>&1)
  done
done
echo "$(date +%T) done $name"
