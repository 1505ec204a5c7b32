#!/bin/bash
cd /tmp/prof/java
CP=$(ls /work/main/backend-djl/target/engine/*.jar | tr '\n' ':')
export LD_PRELOAD=/usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4 DJL_OFFLINE=true DJL_CACHE_DIR=$HOME/.cache/nin-bench/djl ENGINE_CACHE_DIR=$HOME/.cache/nin-bench/djl
for r in 1 2 3 4; do for thp in 1 0; do for bs in 128 64; do
  echo "round $r THP=$thp batch $bs: $(THP_MEM_ALLOC_ENABLE=$thp java -Dai.djl.offline=true -cp $CP:. Prof $bs /tmp/prof/thp.json 2>&1 | tr '\n' ' ')"
done; done; done
echo done
