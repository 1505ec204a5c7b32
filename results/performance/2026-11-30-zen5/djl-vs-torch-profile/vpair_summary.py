import gzip, os, sys, collections, statistics, re
os.chdir(os.path.dirname(os.path.abspath(__file__)))
def agg(f):
    tot = collections.defaultdict(float); impl = {}; steps = 0; reorder = 0.0
    for line in gzip.open(f + '.gz', 'rt', errors='replace'):
        i = line.find('onednn_verbose')
        if i < 0: continue
        p = line[i:].rstrip('\n').split(',')
        if p[1] == 'v1': p = p[:1] + p[2:]
        if p[1] == 'primitive': p = p[:1] + p[2:]
        if p[1] != 'exec': continue
        prim, im, prop, shape, t = p[3], p[4], p[5], p[-2], float(p[-1])
        if prim == 'reorder': reorder += t; continue
        if prim != 'convolution': continue
        if prop == 'backward_weights' and 'ic1oc96' in shape: steps += 1
        m = re.match(r'mb\d+_ic(\d+)oc(\d+)_ih(\d+)oh\d+kh(\d+)', shape)
        key = ('%sx%s %s->%s @%s' % (m.group(4), m.group(4), m.group(1), m.group(2), m.group(3)), prop)
        tot[key] += t; impl.setdefault(key, set()).add(im.split('+')[0])
    return {k: v / steps for k, v in tot.items()}, impl, reorder / steps, steps
D = [agg(f'vpair-djl-{r}.log') for r in (1, 2, 3)]
T = [agg(f'vpair-torch-{r}.log') for r in (1, 2, 3)]
print('steps', [d[3] for d in D], [t[3] for t in T])
keys = sorted(D[0][0], key=lambda k: -statistics.median(d[0][k] for d in D))
print('| convolution (kernel, channels in->out @ input side) | pass | DJL: oneDNN 3.7.1 kernel | ms/step | torch 1.13: oneDNN 2.6.3 kernel | ms/step | DJL - torch |')
print('|---|---|---|---|---|---|---|')
sd = st = 0
for k in keys:
    dm = statistics.median(d[0][k] for d in D); tm = statistics.median(t[0].get(k, 0) for t in T)
    sd += dm; st += tm
    if dm < 0.5 and tm < 0.5: continue
    print('| %s | %s | %s | %.1f | %s | %.1f | %+.1f |' % (k[0], k[1].replace('_training', ''), '/'.join(sorted(D[0][1][k])), dm, '/'.join(sorted(T[0][1].get(k, {'-'}))), tm, dm - tm))
rd = statistics.median(d[2] for d in D); rt = statistics.median(t[2] for t in T)
print('| all convolutions | | | %.1f | | %.1f | %+.1f |' % (sd, st, sd - st))
print('| reorders (weights and gradients) | | | %.1f | | %.1f | %+.1f |' % (rd, rt, rd - rt))
