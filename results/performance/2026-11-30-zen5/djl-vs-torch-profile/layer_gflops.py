"""GFLOP/s of each convolution pass, from the oneDNN timings of the three pairs (medians), and its share of a step's
convolution FLOPs: which layers keep a whole training step below the single best kernel (the measured peak)."""
import gzip, os, re, statistics, collections
os.chdir(os.path.dirname(os.path.abspath(__file__)))
def agg(f):
    tot = collections.defaultdict(float); flops = {}; steps = 0
    for line in gzip.open(f, 'rt', errors='replace'):
        i = line.find('onednn_verbose')
        if i < 0: continue
        p = line[i:].rstrip('\n').split(',')
        if p[1] == 'v1': p = p[:1] + p[2:]
        if p[1] == 'primitive': p = p[:1] + p[2:]
        if p[1] != 'exec' or p[3] != 'convolution': continue
        prop, shape, t = p[5].replace('_training', ''), p[-2], float(p[-1])
        if prop == 'backward_weights' and 'ic1oc96' in shape: steps += 1
        m = re.match(r'mb(\d+)_ic(\d+)oc(\d+)_ih\d+oh(\d+)kh(\d+)\D.*_iw\d+ow(\d+)kw(\d+)', shape)
        n, ic, oc, oh, kh, ow, kw = map(int, m.groups())
        key = ('%dx%d %d->%d' % (kh, kw, ic, oc), prop)
        tot[key] += t
        flops[key] = 2.0 * n * oc * oh * ow * ic * kh * kw  # one call's
    calls = {k: v / steps for k, v in tot.items()}
    return calls, flops, steps
rows = {}
for side in ('djl', 'torch'):
    runs = [agg('vpair-%s-%d.log.gz' % (side, r)) for r in (1, 2, 3)]
    rows[side] = runs
keys = sorted(rows['torch'][0][0], key=lambda k: -rows['torch'][0][1][k])
# calls per step: 1x1 layers come in pairs; the time sums include both, so FLOPs per step = FLOPs per call x calls
def calls_per_step(side, key):
    f = 'vpair-%s-1.log.gz' % side
    n = 0
    kh, rest = key[0].split(' ')
    ic, oc = rest.split('->')
    for line in gzip.open(f, 'rt', errors='replace'):
        if ',exec,' in line and 'convolution' in line and key[1] in line and ('ic%soc%s_' % (ic, oc)) in line and ('kh%s' % kh.split('x')[0]) in line:
            n += 1
    return n / rows[side][0][2]
total = sum(rows['torch'][0][1][k] * calls_per_step('torch', k) for k in keys)
print('| convolution | pass | share of a step\'s convolution FLOPs | DJL GFLOP/s | torch 1.13 GFLOP/s |')
print('|---|---|---|---|---|')
for k in keys:
    cps = calls_per_step('torch', k)
    fl = rows['torch'][0][1][k] * cps
    g = {s: statistics.median(fl / (r[0][k] / 1000) / 1e9 for r in rows[s]) for s in rows}
    print('| %s | %s | %.0f %% | %.0f | %.0f |' % (k[0], k[1], 100 * fl / total, g['djl'], g['torch']))
conv_ms = {s: statistics.median(sum(r[0].values()) for r in rows[s]) for s in rows}
print()
print('convolution FLOPs per step: %.1f GFLOP; all convolutions together: DJL %.0f GFLOP/s (%.1f ms), torch 1.13 %.0f GFLOP/s (%.1f ms)'
      % (total / 1e9, total / conv_ms['djl'] / 1e6, conv_ms['djl'], total / conv_ms['torch'] / 1e6, conv_ms['torch']))
