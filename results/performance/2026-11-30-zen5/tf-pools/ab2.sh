#!/bin/bash
# TF at --threads 0 (2 here): the build before the pool fix (wt-run) against the one after (main), interleaved
for i in 1 2 3; do
  for v in before:/work/wt-run after:/work/main; do
    name=${v%%:*}; dir=${v#*:}
    (cd $dir && NINBENCH_BUILD_ARGS=-o ./nin-bench throughput --profile cpu --engines tf --rounds 1 --no-latency --no-peak \
      --cold-start-runs 0 --no-pytorch --out /work/ab/tfprobe/threads2/$name > /dev/null 2>&1)
  done
done
