#!/bin/bash
# TF on the smoke profile with oneDNN's verbose log, oneDNN's ISA capped or not, 2 interleaved pairs
cd /work/main
for r in 1 2; do
  for v in base avx2; do
    e=""; [ $v = avx2 ] && e="ONEDNN_MAX_CPU_ISA=AVX2"
    env $e ONEDNN_VERBOSE=1 NINBENCH_BUILD_ARGS=-o ./nin-bench throughput --profile smoke --engines tf --no-pytorch \
      --no-latency --cold-start-runs 0 --out /tmp/isa/$v-$r > /tmp/isa/$v-$r.log 2>&1
  done
done
touch /tmp/isa/done
