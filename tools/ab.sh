#!/bin/bash
# Interleaved A/B(/C...) throughput runs: in each of ROUNDS rounds, one one-round `nin-bench throughput` run per
# variant, in the order given, so that each round's ratio to "base" compares runs made minutes apart.
#
# usage (from the repository root, or anywhere: paths are the repository root's):
#   tools/ab.sh NAME ROUNDS "variant:ENV=.. ENV=..|--extra-arg .." ... -- throughput-args...
#   python3 tools/ab_summary.py ab/NAME
# e.g.
#   tools/ab.sh tf-onednn 3 "base:" "onednn-off:TF_ENABLE_ONEDNN_OPTS=0" -- --engines tf --batch-size 128
#
# Each variant is "name:" followed by environment assignments, and optionally "|" and extra throughput arguments.
# A variant written "name@CHECKOUT:..." runs from that checkout instead of this one (an A/B of two commits: e.g.
# "base@../wt-base:" from a `git worktree add ../wt-base HEAD` next to a working tree holding the change); CHECKOUT
# is relative to the repository root. Runs go to $AB_OUT/NAME/<variant>/ (AB_OUT: default ab/ in the repository
# root, ignored by git), one run directory per round and run-<k>.log, its output; ab_summary.py prints, per row, each
# variant's img/s per round and the median [min-max] of its per-round ratios to "base" (the run of the same round).
set -u
usage() { sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
[ $# -ge 4 ] || usage
name=$1; rounds=$2; shift 2
[[ "$rounds" =~ ^[1-9][0-9]*$ ]] || { echo "ab.sh: ROUNDS must be a positive number, not '$rounds'" >&2; exit 2; }
variants=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do variants+=("$1"); shift; done
[ $# -gt 0 ] || { echo "ab.sh: no '--' after the variants" >&2; usage; }
shift
[ ${#variants[@]} -gt 0 ] || usage
cd "$(dirname "$0")/.." || exit 2
here=$(pwd)
for v in "${variants[@]}"; do  # a checkout that is not there would otherwise run this one under its name
  vname=${v%%:*}
  if [[ "$vname" == *"@"* ]] && [ ! -x "${vname#*@}/nin-bench" ]; then
    echo "ab.sh: variant '${vname%%@*}': no nin-bench checkout at '${vname#*@}' (relative to the repository root)" >&2
    exit 2
  fi
done
mkdir -p "${AB_OUT:-ab}" && out=$(cd "${AB_OUT:-ab}" && pwd)/$name
for i in $(seq 1 "$rounds"); do
  for v in "${variants[@]}"; do
    vname=${v%%:*}; rest=${v#*:}; venv=${rest%%|*}; vargs=""; checkout=$here
    [[ "$vname" == *"@"* ]] && { checkout=$(cd "${vname#*@}" && pwd); vname=${vname%%@*}; }
    [[ "$rest" == *"|"* ]] && vargs=${rest#*|}
    mkdir -p "$out/$vname"
    echo "$(date +%T) round $i $vname (commit $(git -C "$checkout" rev-parse --short HEAD); env: $venv; args: $vargs)"
    # shellcheck disable=SC2086 # the environment assignments and extra arguments are meant to split
    (cd "$checkout" && env $venv ./nin-bench throughput --profile cpu --rounds 1 --no-latency --cold-start-runs 0 \
      --no-pytorch --out "$out/$vname" "$@" $vargs > "$out/$vname/run-$i.log" 2>&1)
  done
done
echo "$(date +%T) done $name"
