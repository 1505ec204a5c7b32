#!/usr/bin/env python3
"""PyTorch's row of `nin-bench train`: the d2l code as a model that the suite's one training loop drives.

The launcher's Java trainer (core's Trainer, the loop every engine runs) sends each batch here and gets the loss and
the train-mode logits back, so PyTorch sees the same batches in the same order, the same shared dropout masks
(nin_reference.shared_mask), and is evaluated and recorded by the same code as every engine. What runs here is
d2l's training step: the book's nn.Sequential (nin_reference.build_net), nn.CrossEntropyLoss (F.cross_entropy),
torch.optim.SGD(net.parameters(), lr) without momentum, zero_grad / forward / backward / step.

Protocol, one request at a time: the launcher writes one JSON line on standard input, followed by `bytes` bytes of
payload; this script answers one JSON line on standard output ({"ok": true, ...} or {"ok": false, "error": "..."}).
Anything else it prints goes to standard error (the run's pytorch.log). End of input (the launcher is gone) ends it.
  info    {"threads": n}       sets torch's threads (intra-op n, inter-op 1)  -> {"info": {...}}
  open    {"spec": {...}, "weights": path, "lr": x}  builds the d2l net with those weights and its SGD
  reseed  {"seed": s}          torch.manual_seed, for PyTorch's own dropout (--dropout engine)
  train   {"n": n, "masks": [seed, epoch, step] | null}, payload: n*784 float32 images, n int32 labels (little-endian)
                                                                     -> {"loss": x, "logits": [n*classes floats]}
  logits  {"n": n}, payload: n*784 float32 images                   -> {"logits": [...]} (eval mode)
  weights {"path": p}          writes the state_dict there (safetensors)
"""
import json
import signal
import sys

import numpy as np
import torch
import torch.nn.functional as F

from nin_reference import (SOURCE_SIDE, build_net, forward, read_safetensors, set_dropout_step, torch_info,
                           use_shared_dropout, write_safetensors)

PIXELS = SOURCE_SIDE * SOURCE_SIDE
OPS = ('info', 'open', 'reseed', 'train', 'logits', 'weights')


class Session:
    def __init__(self):
        self.spec = None
        self.net = None
        self.optimizer = None
        self.dropouts = []

    def open(self, req, _):
        self.spec = req['spec']
        self.net = build_net(self.spec)
        weights, _ = read_safetensors(req['weights'])
        self.net.load_state_dict(weights, strict=True)
        self.dropouts = use_shared_dropout(self.net)
        self.optimizer = torch.optim.SGD(self.net.parameters(), lr=req['lr'])
        return {}

    def info(self, req, _):
        torch.set_num_threads(req['threads'])
        torch.set_num_interop_threads(1)  # as the engines: a step is a chain of big ops
        return {'info': info()}

    def reseed(self, req, _):
        torch.manual_seed(req['seed'] & ((1 << 64) - 1))
        return {}

    def images(self, n, payload):
        images = np.frombuffer(payload, dtype='<f4', count=n * PIXELS).astype(np.float32)
        return torch.from_numpy(images.copy()).reshape(n, self.spec['inChannels'], SOURCE_SIDE, SOURCE_SIDE)

    def train(self, req, payload):
        n = req['n']
        images = self.images(n, payload)
        labels = torch.from_numpy(np.frombuffer(payload, dtype='<i4', count=n, offset=n * PIXELS * 4)
                                  .astype(np.int64))
        masks = req.get('masks')
        set_dropout_step(self.dropouts, tuple(masks) if masks else None)
        self.net.train()
        self.optimizer.zero_grad()
        y_hat = forward(self.net, self.spec, images)
        loss = F.cross_entropy(y_hat, labels)
        loss.backward()
        self.optimizer.step()
        return {'loss': loss.item(), 'logits': y_hat.detach().flatten().tolist()}

    def logits(self, req, payload):
        self.net.eval()
        with torch.no_grad():
            return {'logits': forward(self.net, self.spec, self.images(req['n'], payload)).flatten().tolist()}

    def weights(self, req, _):
        write_safetensors(req['path'], self.net.state_dict(), {'generator': 'nin_train.py', 'torch': torch.__version__})
        return {}


def info():
    """What PyTorch this is and how it computes: the d2l code as the book writes it, NCHW."""
    return torch_info('nchw')


def main():
    # Ctrl-C reaches every process of the terminal's group: the launcher, not this server, decides when PyTorch's
    # row stops (between two steps, then it closes our stdin), so that the epochs it finished are kept
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    session = Session()
    stdin = sys.stdin.buffer
    while True:
        line = stdin.readline()
        if not line:
            print('nin_train.py: end of input (the launcher is gone), exiting', file=sys.stderr)
            return
        try:
            req = json.loads(line)
            payload = stdin.read(req.get('bytes', 0))
            if len(payload) != req.get('bytes', 0):
                raise ValueError(f"expected {req.get('bytes')} bytes of payload, got {len(payload)}")
            if req['op'] not in OPS:
                raise ValueError(f"unknown op '{req['op']}'; expected one of {', '.join(OPS)}")
            handler = getattr(session, req['op'])
            reply = dict(handler(req, payload), ok=True)
        except Exception as e:  # the launcher gets every failure as one line
            reply = {'ok': False, 'error': f'{type(e).__name__}: {e}'.splitlines()[0]}
        sys.stdout.write(json.dumps(reply) + '\n')
        sys.stdout.flush()


if __name__ == '__main__':
    main()
