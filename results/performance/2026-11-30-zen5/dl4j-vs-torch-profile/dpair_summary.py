import gzip, os, re, sys, collections, statistics
os.chdir(os.path.dirname(os.path.abspath(__file__)))
def opn(f): return gzip.open(f + '.gz', 'rt', errors='replace') if os.path.exists(f + '.gz') else open(f, errors='replace')
def layer(prim, shape):
    m = re.match(r'mb\d+_ic(\d+)oc(\d+)_ih(\d+)oh\d+kh(\d+)', shape)
    if m: return '%sx%s %s->%s @%s' % (m.group(4), m.group(4), m.group(1), m.group(2), m.group(3))
    return shape
def agg(f, steps):
    tot = collections.defaultdict(float)
    for line in opn(f):
        i = max(line.find('onednn_verbose'), line.find('dnnl_verbose'))
        if i < 0: continue
        p = line[i:].rstrip('\n').split(',')
        if p[1] == 'v1': p = p[:1] + p[2:]
        if p[1] == 'primitive': p = p[:1] + p[2:]
        if p[1] != 'exec': continue
        prim, prop, shape, t = p[3], p[5], p[-2], float(p[-1])
        if prim == 'convolution': key = 'convolution ' + ('forward' if prop.startswith('forward') else prop)
        else: key = prim
        tot[key] += t / steps
    return tot
D = [agg('dpair-dl4j-%d.log' % r, 25) for r in (1, 2, 3)]
T = [agg('dpair-torch-%d.log' % r, 35) for r in (1, 2, 3)]
step = lambda f, pat: float(re.search(pat, opn(f).read()).group(1))
ds = [step('dpair-dl4j-%d.log' % r, r'dl4j: ([\d.]+) ms/step') for r in (1, 2, 3)]
ts = [step('dpair-torch-%d.log' % r, r'plain ([\d.]+) ms/step') for r in (1, 2, 3)]
keys = sorted(set(k for d in D + T for k in d), key=lambda k: -statistics.median(d.get(k, 0) for d in D))
med = lambda xs: statistics.median(xs)
print('| oneDNN primitive | DL4J (oneDNN 2.3.0) ms/step | torch 1.13 (oneDNN 2.6.3) ms/step |')
print('|---|---|---|')
for k in keys:
    print('| %s | %.1f | %.1f |' % (k, med([d.get(k, 0) for d in D]), med([t.get(k, 0) for t in T])))
sd = med([sum(d.values()) for d in D]); st = med([sum(t.values()) for t in T])
print('| all oneDNN | %.1f | %.1f |' % (sd, st))
print('| the step, 10 steps timed with the verbose log on (runs 1-3) | %.1f (%s) | %.1f (%s) |' % (med(ds), ', '.join('%.1f' % x for x in ds), med(ts), ', '.join('%.1f' % x for x in ts)))
