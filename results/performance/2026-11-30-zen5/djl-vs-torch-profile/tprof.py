import json, sys, time, torch
sys.path.insert(0, '/work/main/bench/src/main/python')
from nin_reference import SOURCE_SIDE, build_net, train_step, xavier_init
torch.set_num_threads(2); torch.set_num_interop_threads(1); torch.manual_seed(42)
spec = json.load(open('spec.json')); bs = int(sys.argv[1])
net = xavier_init(build_net(spec)).to(memory_format=torch.channels_last)
images = torch.rand(bs, 1, SOURCE_SIDE, SOURCE_SIDE).contiguous(memory_format=torch.channels_last)
labels = torch.randint(0, 10, (bs,))
net.train(); opt = torch.optim.SGD(net.parameters(), lr=0.1)
for _ in range(15): train_step(net, spec, images, labels, opt)
t = time.perf_counter()
for _ in range(10): train_step(net, spec, images, labels, opt)
print('plain %.1f ms/step' % ((time.perf_counter() - t) * 100))
with torch.autograd.profiler.profile() as p:
    t = time.perf_counter()
    for _ in range(10): train_step(net, spec, images, labels, opt)
    print('profiled %.1f ms/step' % ((time.perf_counter() - t) * 100))
p.export_chrome_trace(sys.argv[2])
