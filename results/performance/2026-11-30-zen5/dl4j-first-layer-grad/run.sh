#!/bin/bash
# Interleaved A/B of a code change: "base" from the worktree at the commit before, "regroup" from /work/main
out=/work/main/results/performance/2026-11-30-zen5/dl4j-first-layer-grad
export NINBENCH_BUILD_ARGS=-o
for i in 1 2 3; do
  for v in base:/work/wt-run regroup:/work/main; do
    name=${v%%:*}; dir=${v#*:}; mkdir -p $out/$name
    echo "$(date +%T) round $i $name ($dir at $(git -C $dir rev-parse --short HEAD))"
    (cd $dir && ./nin-bench throughput --profile cpu --rounds 1 --no-latency --cold-start-runs 0 --no-pytorch \
      --out $out/$name --engines dl4j > $out/$name/run-$i.log 2>&1)
  done
done
echo "$(date +%T) done"
touch /tmp/ab-patch.done
