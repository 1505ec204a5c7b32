#!/bin/bash
# 3 interleaved pairs: DL4J's tuned step (tcmalloc, as its tuned path runs) and torch 1.13 channels-last, with oneDNN's timings
cd /tmp/prof
CP=$(ls /work/main/backend-dl4j/target/engine/*.jar | tr '\n' ':')
export LD_PRELOAD=/usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4 DNNL_VERBOSE=1 ONEDNN_VERBOSE=1
for r in 1 2 3; do
  (cd java2 && java --enable-native-access=ALL-UNNAMED -Dorg.bytedeco.javacpp.cachedir=$HOME/.cache/nin-bench/dl4j -Xmx2g -cp $CP:. StepTimes dl4j 128 > /tmp/prof/dpair-dl4j-$r.log 2>&1)
  /usr/bin/python3 tprof.py 128 dpair-torch-$r.json > dpair-torch-$r.log 2>&1
done
echo done > dl4jpairs.done
