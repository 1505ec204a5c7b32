#!/bin/bash
# A seed study that survives interruptions: one training run per seed, each in results/runs/<date>_<host>_<profile>-seed<S>,
# for the engines and dropout mode given. Run it again with the same arguments after a stop (a reboot, a session's
# end): a seed whose run finished is skipped, one that stopped goes on with `train --resume`, the others start.
#
# usage (from anywhere; paths are the repository root's):
#   tools/seed-study.sh PROFILE SEEDS ENGINES [train flags...]
# e.g.
#   tools/seed-study.sh seeds 1,2,3,4,5 pytorch,djl,tf,dl4j
#   tools/seed-study.sh seeds 1,2,3 pytorch,djl-idiomatic,tf-idiomatic,dl4j-idiomatic --dropout engine
#
# ENGINES is what `train --engines` takes (pytorch alone trains PyTorch's row alone); as in `train`, PyTorch's row
# trains beside the engines unless --no-pytorch is given (e.g. tools/seed-study.sh seeds 1,2,3 djl-idiomatic
# --dropout engine --no-pytorch adds one engine's rows to seeds that ran elsewhere). A run is matched to a seed by its
# run.json: the same profile, seed, engines, dropout mode and whether PyTorch's row trained (flags that override the
# profile's recipe are not compared: give a study a profile of its own). Commit each run directory as it finishes
# (git add results/runs/<dir>: the ignore rules keep logs and checkpoints out).
set -u
usage() { sed -n '2,/^set -u/ s/^# \{0,1\}//p' "$0" >&2; exit 2; }
[ $# -ge 3 ] || usage
profile=$1; seeds=$2; engines=$3; shift 3
[[ "$seeds" =~ ^[0-9]+(,[0-9]+)*$ ]] || { echo "seed-study.sh: SEEDS must be numbers separated by commas, not '$seeds'" >&2; exit 2; }
cd "$(dirname "$0")/.." || exit 2
dropout=shared
pytorch=yes
for ((i = 1; i <= $#; i++)); do
  [ "${!i}" = "--no-pytorch" ] && pytorch=no
  [ "${!i}" = "--dropout" ] && { j=$((i + 1)); dropout=${!j:-shared}; }
  case "${!i}" in --dropout=*) dropout=${!i#--dropout=} ;; esac
done
status=0
for seed in ${seeds//,/ }; do
  # the run directory of this seed, and whether every engine finished its epochs (python: the JSON is the suite's own)
  found=$(python3 - "$profile" "$seed" "$engines" "$dropout" "$pytorch" <<'PY'
import json, os, sys
profile, seed, engines, dropout = sys.argv[1], int(sys.argv[2]), sys.argv[3].split(','), sys.argv[4]
wanted = sorted(e for e in engines if e != 'pytorch')
with_pytorch = sys.argv[5] == 'yes'
for d in sorted(os.listdir('results/runs')):
    try:
        run = json.load(open(os.path.join('results/runs', d, 'run.json')))
    except (OSError, ValueError):
        continue
    c = run.get('config') or {}
    if run.get('profile') != profile or c.get('seed') != seed or sorted(run.get('engines') or []) != wanted \
            or c.get('dropout', 'shared') != dropout or with_pytorch != bool(run.get('pytorch')):
        continue
    try:
        outcomes = json.load(open(os.path.join('results/runs', d, 'engines.json')))
    except (OSError, ValueError):
        outcomes = {}
    names = wanted + (['pytorch'] if with_pytorch else [])
    done = all(outcomes.get(n, {}).get('failure') is None and outcomes.get(n, {}).get('lastEpoch') == c.get('epochs')
               for n in names)
    print(('done ' if done else 'resume ') + os.path.join('results/runs', d))
    break
PY
)
  case "$found" in
    done\ *) echo "seed-study: seed $seed finished in ${found#done }" ;;
    resume\ *) echo "seed-study: seed $seed goes on in ${found#resume }"
               ./nin-bench train --resume "${found#resume }" || status=1 ;;
    *) echo "seed-study: seed $seed starts"
       ./nin-bench train --profile "$profile" --seeds "$seed" --engines "$engines" "$@" || status=1 ;;
  esac
done
exit $status
