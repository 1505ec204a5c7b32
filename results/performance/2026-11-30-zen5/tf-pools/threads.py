"""Per-thread CPU of JMH's forked JVMs, in 4 s windows: which threads keep a second core busy at --threads 1."""
import os, sys, time, glob

def forks():
    out = []
    for p in glob.glob('/proc/[0-9]*'):
        try:
            if b'ForkedMain' in open(p + '/cmdline', 'rb').read():
                out.append(int(p.split('/')[-1]))
        except OSError:
            pass
    return out

def snapshot(pid):
    s = {}
    for t in glob.glob(f'/proc/{pid}/task/*'):
        try:
            raw = open(t + '/stat').read()
            comm = raw[raw.index('(') + 1:raw.rindex(')')]
            f = raw[raw.rindex(')') + 2:].split()
            s[int(t.split('/')[-1])] = (comm, int(f[11]) + int(f[12]))
        except (OSError, ValueError):
            pass
    return s

tick = os.sysconf('SC_CLK_TCK')
end = time.time() + float(sys.argv[1])
while time.time() < end:
    for pid in forks():
        a = snapshot(pid); t0 = time.time(); time.sleep(4); b = snapshot(pid); dt = time.time() - t0
        rows = sorted(((b[k][1] - a.get(k, (None, 0))[1]) / tick / dt, k, b[k][0]) for k in b)
        rows = [r for r in rows if r[0] > 0.01][::-1]
        print(time.strftime('%T'), 'fork', pid, 'total %.2f cores' % sum(r[0] for r in rows), flush=True)
        for cores, tid, comm in rows[:8]:
            print('   %.2f  %s (%d)' % (cores, comm, tid), flush=True)
    time.sleep(0.5)
