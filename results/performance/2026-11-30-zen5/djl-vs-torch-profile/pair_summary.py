import gzip, json, os, sys, collections, statistics
os.chdir(os.path.dirname(os.path.abspath(__file__)))
def cats(path, steps=10):
    d = json.load(gzip.open(path + '.gz', 'rt')); ev = d['traceEvents'] if isinstance(d, dict) else d
    ev = [e for e in ev if e.get('ph') == 'X' and 'dur' in e]
    ev.sort(key=lambda e: (e['ts'], -e['dur']))
    top = collections.defaultdict(float); end = -1; total = 0
    for e in ev:
        if e['ts'] >= end:
            n = e['name']
            if 'ConvolutionBackward' in n: k = 'convolution backward'
            elif n == 'aten::conv2d': k = 'convolution forward'
            elif 'Relu' in n or n == 'aten::relu': k = 'ReLU forward+backward'
            elif 'max_pool' in n.lower() or 'MaxPool' in n: k = 'max pool forward+backward'
            elif 'upsample' in n: k = 'resize 28->96'
            else: k = 'everything else (loss, dropout, SGD, ...)'
            top[k] += e['dur'] / 1000 / steps; end = e['ts'] + e['dur']
    return top
rows = collections.defaultdict(lambda: collections.defaultdict(list))
for eng in ('djl', 'torch'):
    for r in (1, 2, 3):
        for k, v in cats(f'pair-{eng}-{r}.json').items(): rows[k][eng].append(v)
order = ['convolution forward', 'convolution backward', 'ReLU forward+backward', 'max pool forward+backward', 'resize 28->96', 'everything else (loss, dropout, SGD, ...)']
print('| ops | DJL 0.35.1 (libtorch 2.7.1) ms/step | torch 1.13 ms/step | DJL - torch |')
print('|---|---|---|---|')
tot = {'djl': [0,0,0], 'torch': [0,0,0]}
for k in order:
    d, t = rows[k]['djl'], rows[k]['torch']
    for i in range(3): tot['djl'][i] += d[i]; tot['torch'][i] += t[i]
    print('| %s | %.1f (%s) | %.1f (%s) | %+.1f |' % (k, statistics.median(d), ', '.join('%.1f' % x for x in d), statistics.median(t), ', '.join('%.1f' % x for x in t), statistics.median(d) - statistics.median(t)))
d, t = tot['djl'], tot['torch']
print('| all ops | %.1f (%s) | %.1f (%s) | %+.1f |' % (statistics.median(d), ', '.join('%.1f' % x for x in d), statistics.median(t), ', '.join('%.1f' % x for x in t), statistics.median(d) - statistics.median(t)))
