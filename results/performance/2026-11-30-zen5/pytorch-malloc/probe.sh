#!/bin/bash
# interleaved: for each rep, each config, train and inference b128 channels-last
cd "$(dirname "$0")"
PY=../../../../bench/src/main/python
L=/usr/lib/x86_64-linux-gnu
for rep in ${REPS:-1 2 3 4}; do
 for cfg in base glibc jemalloc tcmalloc; do
  case $cfg in
   base) E=();;
   glibc) E=(GLIBC_TUNABLES=glibc.malloc.mmap_threshold=33554432:glibc.malloc.trim_threshold=68719476736);;
   jemalloc) E=(LD_PRELOAD=$L/libjemalloc.so.2 MALLOC_CONF=oversize_threshold:1,background_thread:true,metadata_thp:auto,dirty_decay_ms:9000000000,muzzy_decay_ms:9000000000);;
   tcmalloc) E=(LD_PRELOAD=$L/libtcmalloc_minimal.so.4);;
  esac
  for mode in train inference; do
   r=$(env "${E[@]}" PYTHONPATH=$PY /usr/bin/python3 $PY/nin_throughput.py --spec ../../../runs/2026-11-30_1350_vm_throughput-cpu/pytorch-spec.json --mode $mode --batch-size 128 --threads 2 --memory-format nhwc --warmup-iterations 1 --warmup-seconds 3 --iterations 3 --iteration-seconds 2 2>/dev/null | python3 -c 'import json,sys; d=json.load(sys.stdin); print(" ".join("%.1f"%(x*128) for x in d["opsPerSecond"]), "busy %.2f"%d["coresBusy"])')
   echo "$rep $cfg $mode $r"
  done
 done
done
