#!/usr/bin/env python3
"""PyTorch's cold start in `nin-bench throughput`: the d2l code from python's start to its first results.

One process is one cold start, timed by the launcher from the moment it started the process, as the engines'
ColdStartMain is: the process prints one JSON line per moment as it reaches it, with the wall-clock time (ms since
the epoch),
  natives    torch imported (its native libraries loaded) and its threads set
  model      the d2l NiN built (nin_reference.build_net) with d2l's Xavier init
  trainStep  one training step (forward, cross-entropy, backward, SGD step) on a batch of seeded random 28x28 images,
             resized as the engines resize them, ending in loss.item() and the logits on the host
  inference  the eval-mode logits of that batch on the host
e.g. {"coldStart":"natives","epochMillis":1764489600123}. torch is imported only after the arguments are read, on
purpose: its import is what `natives` measures.

  /usr/bin/python3 nin_coldstart.py --spec spec.json --batch-size 128 --threads 2
"""
import argparse
import json
import time


def announce(event):
    """Says that the process reached `event` now (the same line as ColdStartEvent.line in Java)."""
    print('{"coldStart":"%s","epochMillis":%d}' % (event, time.time_ns() // 1_000_000), flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--spec', required=True, help='spec JSON (Jackson form of NinSpec)')
    parser.add_argument('--batch-size', type=int, required=True)
    parser.add_argument('--threads', type=int, required=True)
    parser.add_argument('--lr', type=float, default=0.1)
    args = parser.parse_args()

    import torch  # pylint: disable=import-outside-toplevel # measured: see the docstring
    from nin_reference import SOURCE_SIDE, build_net, eval_logits, train_step, xavier_init  # imports torch too
    torch.set_num_threads(args.threads)
    torch.set_num_interop_threads(1)  # as nin_throughput.py and the engines
    announce('natives')

    torch.manual_seed(42)
    with open(args.spec, encoding='utf-8') as f:
        spec = json.load(f)
    net = xavier_init(build_net(spec))
    announce('model')

    images = torch.rand(args.batch_size, spec['inChannels'], SOURCE_SIDE, SOURCE_SIDE)
    labels = torch.randint(0, spec['classes'], (args.batch_size,))
    net.train()
    train_step(net, spec, images, labels, torch.optim.SGD(net.parameters(), lr=args.lr))
    announce('trainStep')

    net.eval()
    eval_logits(net, spec, images)
    announce('inference')


if __name__ == '__main__':
    main()
