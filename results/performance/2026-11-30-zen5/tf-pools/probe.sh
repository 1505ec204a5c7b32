#!/bin/bash
# TF at --threads 1: which threads are busy (threads.py samples JMH's forks while the run goes)
cd ${1:-/work/wt-run}
export NINBENCH_BUILD_ARGS=-o
python3 /work/ab/tfprobe/threads.py 100 > /work/ab/tfprobe/threads.log 2>&1 &
./nin-bench throughput --profile cpu --engines tf --threads 1 --rounds 1 --no-latency --no-peak --cold-start-runs 0 \
  --no-pytorch --batch-sizes 64 --iterations 6 --out /work/ab/tfprobe/run > /work/ab/tfprobe/run.log 2>&1
wait
