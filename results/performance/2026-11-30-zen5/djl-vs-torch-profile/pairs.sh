#!/bin/bash
# 3 interleaved pairs: DJL (libtorch 2.7.1) and torch 1.13, channels-last, tcmalloc, batch 128, 96 px, 2 threads.
# ./pairs.sh pair: the profiler traces (pair-*.json); ONEDNN_VERBOSE=1 ./pairs.sh vpair: oneDNN's timings (vpair-*.log)
PREFIX=${1:-pair}
cd /tmp/prof
CP=$(ls /work/main/backend-djl/target/engine/*.jar | tr '\n' ':')
export LD_PRELOAD=/usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4
for r in 1 2 3; do
  (cd java && THP_MEM_ALLOC_ENABLE=1 DJL_OFFLINE=true DJL_CACHE_DIR=$HOME/.cache/nin-bench/djl ENGINE_CACHE_DIR=$HOME/.cache/nin-bench/djl java -Dai.djl.offline=true -cp $CP:. Prof 128 /tmp/prof/$PREFIX-djl-$r.json > /tmp/prof/$PREFIX-djl-$r.log 2>&1)
  /usr/bin/python3 tprof.py 128 $PREFIX-torch-$r.json > $PREFIX-torch-$r.log 2>&1
done
