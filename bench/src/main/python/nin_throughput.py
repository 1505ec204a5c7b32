#!/usr/bin/env python3
"""PyTorch's row of `nin-bench throughput`: the d2l code's training step or inference, timed as JMH times the engines.

One process is one JMH-style fork of one benchmark at one batch size: the d2l NiN (nin_reference.build_net) on one
fixed batch of seeded random 28x28 images, resized as the engines resize them; `--warmup-iterations` iterations of
`--warmup-seconds` each, then `--iterations` of `--iteration-seconds`, each counting the operations it finished
(one operation = one batch: a training step - forward, cross-entropy, backward, SGD step - ending in loss.item()
and the logits copied to the host,
or eval-mode logits copied to the host, as the Java benchmarks do). Prints one JSON object: torch's version and
threads, the measured iterations' batches per second, and the process's peak resident memory (ru_maxrss). The
launcher turns forks into a mean and a 99.9 % confidence interval the way JMH does. `--mode latency` is inference
timed call by call, as JMH's SampleTime mode times the engines: it adds every measured call's milliseconds
(`latencyMs`), of which the launcher takes the percentiles.

  /usr/bin/python3 nin_throughput.py --spec spec.json --mode train --batch-size 64 --threads 2 \
      --warmup-iterations 3 --warmup-seconds 10 --iterations 5 --iteration-seconds 10
"""
import argparse
import json
import resource
import time

import torch

from nin_reference import SOURCE_SIDE, build_net, eval_logits, torch_info, train_step, xavier_init


def iteration(op, seconds):
    """Runs op() until `seconds` have passed; returns the finished operations per second."""
    count, start = 0, time.perf_counter()
    deadline = start + seconds
    while True:
        op()
        count += 1
        now = time.perf_counter()
        if now >= deadline:
            return count / (now - start)


def sampled_iteration(op, seconds, samples):
    """iteration(), also appending each call's milliseconds to `samples`."""
    def timed():
        start = time.perf_counter()
        op()
        samples.append((time.perf_counter() - start) * 1000)
    return iteration(timed, seconds)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--spec', required=True, help='spec JSON (Jackson form of NinSpec)')
    parser.add_argument('--mode', choices=['train', 'inference', 'latency'], required=True)
    parser.add_argument('--batch-size', type=int, required=True)
    parser.add_argument('--threads', type=int, required=True)
    parser.add_argument('--lr', type=float, default=0.1)
    parser.add_argument('--warmup-iterations', type=int, default=3)
    parser.add_argument('--warmup-seconds', type=float, default=10)
    parser.add_argument('--iterations', type=int, default=5)
    parser.add_argument('--iteration-seconds', type=float, default=10)
    parser.add_argument('--memory-format', choices=['nchw', 'nhwc'], default='nchw',
                        help="nhwc: the net's weights and its input channels_last, what a PyTorch user reaches for first")
    parser.add_argument('--compile', action='store_true',
                        help='torch.compile the net where this torch has it (2.0 and later)')
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    torch.set_num_interop_threads(1)  # as the engines: a step is a chain of big ops
    torch.manual_seed(42)
    with open(args.spec, encoding='utf-8') as f:
        spec = json.load(f)
    net = xavier_init(build_net(spec))
    images = torch.rand(args.batch_size, spec['inChannels'], SOURCE_SIDE, SOURCE_SIDE)
    labels = torch.randint(0, spec['classes'], (args.batch_size,))
    if args.memory_format == 'nhwc':
        # the weights channels-last; the resized input follows (F.interpolate keeps the layout of what it is given)
        net = net.to(memory_format=torch.channels_last)
        images = images.contiguous(memory_format=torch.channels_last)
    compiled = 'no'
    if args.compile:
        if hasattr(torch, 'compile'):
            net = torch.compile(net)
            compiled = 'yes'
        else:
            compiled = 'unavailable: torch ' + torch.__version__ + ' has no torch.compile (2.0 and later)'

    if args.mode == 'train':
        net.train()
        optimizer = torch.optim.SGD(net.parameters(), lr=args.lr)

        def op():
            return train_step(net, spec, images, labels, optimizer)
    else:
        net.eval()

        def op():
            return eval_logits(net, spec, images)

    for _ in range(args.warmup_iterations):
        iteration(op, args.warmup_seconds)
    latency = []
    cpu_start, wall_start = time.process_time(), time.perf_counter()
    if args.mode == 'latency':
        scores = [sampled_iteration(op, args.iteration_seconds, latency) for _ in range(args.iterations)]
    else:
        scores = [iteration(op, args.iteration_seconds) for _ in range(args.iterations)]
    # the process's CPU time (torch's own threads too) over the measured wall time: the cores it kept busy
    cores_busy = (time.process_time() - cpu_start) / (time.perf_counter() - wall_start)
    print(json.dumps({**torch_info(args.memory_format), 'compiled': compiled, 'mode': args.mode,
                      'batchSize': args.batch_size, 'inputSide': spec['inputSide'], 'opsPerSecond': scores,
                      'latencyMs': latency, 'coresBusy': cores_busy, 'peakRssBytes': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024}))


if __name__ == '__main__':
    main()
