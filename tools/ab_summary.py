"""Prints an A/B of tools/ab.sh: per row, each variant's img/s per round and the median [min-max] of its per-round
ratios to "base" (the run of the same round).

usage: python3 tools/ab_summary.py DIR   (DIR/<variant>/<run>/throughput.json, runs in time order; e.g. ab/NAME)
"""
import glob
import json
import os
import statistics
import sys

d = sys.argv[1]
variants = sorted((v for v in os.listdir(d) if os.path.isdir(os.path.join(d, v))), key=lambda v: (v != 'base', v))
data = {}
for v in variants:
    runs = sorted(glob.glob(os.path.join(d, v, '*', 'throughput.json')))
    data[v] = []
    for r in runs:
        with open(r) as f:
            t = json.load(f)
        row = {}
        for eng, e in t.items():
            for x in e['rows']:
                row[(eng, x['benchmark'], x['batchSize'])] = x['imagesPerSecond']
            for k in e.get('peak', []):
                row[(eng, 'peak ' + k['kernel']['name'], 0)] = k['gflops']
        data[v].append(row)
keys = sorted(data['base'][0].keys())
for v in variants:
    if v == 'base':
        continue
    print(f'== {v} over base ({len(data[v])} rounds)')
    for k in keys:
        ratios = [b[k] and s.get(k, float('nan')) / b[k] for b, s in zip(data['base'], data[v]) if k in b]
        base = [b[k] for b in data['base'] if k in b]
        sw = [s[k] for s in data[v] if k in s]
        print(f'  {k[0]:6} {k[1]:12} {k[2]:4}  base {statistics.median(base):8.1f} {[round(x,1) for x in base]}  '
              f'{v} {statistics.median(sw):8.1f} {[round(x,1) for x in sw]}  ratio median {statistics.median(ratios):.2f} '
              f'[{min(ratios):.2f}-{max(ratios):.2f}]')
