#!/usr/bin/env python3
"""PyTorch reference for nin-bench: what the d2l NiN computes for given weights and one batch.

Builds the d2l "Network in Network" from a nin-bench spec JSON (the Jackson form of NinSpec) exactly as the
d2l book does, loads weights from a safetensors file (strict: names and shapes must match), and writes
  logits         [n, classes]  eval mode (dropout off) on `images`
  loss           [1]           mean cross-entropy on `labels`, train mode with dropout disabled, before the step
                               (with --shared-masks: with those masks, and `train_logits` [n, classes] too)
  after.<name>                 every weight after one plain SGD step (lr, no momentum, no weight decay);
                               with --max-after-elements only the tensors up to that size (the first
                               layer's weights still check the whole backward pass)
to --out. With --steps N --batch-size B it instead takes N steps over consecutive batches of B images of the
batch file (as `nin-bench compare --train-steps` does) and writes `loss` [N] and the final weights under their
own names (`--logits` adds the initial logits too). Dropout is off in the steps (p = 0), unless --shared-masks gives
the suite's shared masks (the same every engine multiplies by); the indices in the Sequential (and so the state_dict
names) stay the same either way.

Needs only torch and the standard library (safetensors is read and written below, not with its package).
Run with the system python that has Debian's python3-torch:
  /usr/bin/python3 nin_reference.py --spec spec.json --weights w.safetensors --batch batch.safetensors \
      --out expected.safetensors [--lr 0.1] [--threads 2] [--max-after-elements N]
  /usr/bin/python3 nin_reference.py ... --out parity.safetensors --steps 100 --batch-size 128
"""
import argparse
import array
import json
import math
import os
import re
import struct
import sys

import torch
import torch.nn.functional as F
from torch import nn

SOURCE_SIDE = 28  # Fashion-MNIST; every engine resizes from this to the spec's inputSide

# The suite's shared dropout masks (core's DropoutMasks; docs/dropout-masks.md): a pure function of
# (run seed, epoch, step, layer, element), drawn bit for bit as the Java side draws them.
_M64 = (1 << 64) - 1
MASK_STREAM = 0x6E696E2D64726F70  # "nin-drop"
_GOLDEN_GAMMA = 0x9E3779B97F4A7C15


def _mix(z):
    """SplitMix64's finaliser on a Python int (mod 2^64)."""
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _M64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _M64
    return z ^ (z >> 31)


def _mix_array(z):
    """The same finaliser on a numpy uint64 array (numpy's uint64 arithmetic wraps modulo 2^64)."""
    import numpy as np
    z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return z ^ (z >> np.uint64(31))


def mask_key(seed, epoch, step, layer):
    """The key of one step's mask for one dropout layer (epoch and step 1-based, layer = index in the spec)."""
    return _mix(_mix(_mix(_mix((seed & _M64) ^ MASK_STREAM) ^ epoch) ^ step) ^ layer)


def shared_mask(seed, epoch, step, layer, p, shape):
    """The mask (float32 tensor of `shape`, NCHW) that every engine multiplies this layer's input by: 0 or 1/(1-p)."""
    import numpy as np
    count = 1
    for d in shape:
        count *= d
    with np.errstate(over='ignore'):
        index = np.arange(1, count + 1, dtype=np.uint64)
        bits = _mix_array(np.uint64(mask_key(seed, epoch, step, layer)) + index * np.uint64(_GOLDEN_GAMMA))
    keep = (bits >> np.uint64(40)) >= np.uint64(math.floor(p * (1 << 24)))
    values = np.where(keep, np.float32(1 / (1 - p)), np.float32(0)).astype(np.float32)
    return torch.from_numpy(values.reshape(shape))


class SharedDropout(nn.Module):
    """d2l's nn.Dropout at index `layer` of the Sequential: in training it multiplies by the shared mask of the step
    set in `step` ((seed, epoch, step), 1-based), or, when that is None, draws its own as nn.Dropout does."""

    def __init__(self, p, layer):
        super().__init__()
        self.p = p
        self.layer = layer
        self.step = None

    def forward(self, x):
        if not self.training or self.p == 0:
            return x
        if self.step is None:
            return F.dropout(x, self.p, True)
        seed, epoch, step = self.step
        return x * shared_mask(seed, epoch, step, self.layer, self.p, tuple(x.shape))


def use_shared_dropout(net):
    """Swaps each nn.Dropout of the d2l Sequential for a SharedDropout (no parameters: the state_dict stays the same)."""
    for i, module in enumerate(net):
        if isinstance(module, nn.Dropout):
            net[i] = SharedDropout(module.p, i)
    return [m for m in net if isinstance(m, SharedDropout)]


def set_dropout_step(dropouts, step):
    """The shared masks of (seed, epoch, step) for the next forward, or None for PyTorch's own draw."""
    for d in dropouts:
        d.step = step


def read_safetensors(path):
    """Returns ({name: float32 tensor}, metadata) from a safetensors file (F32 only)."""
    with open(path, 'rb') as f:
        buf = f.read()
    (n,) = struct.unpack('<Q', buf[:8])
    header = json.loads(buf[8:8 + n].decode('utf-8'))
    metadata = header.pop('__metadata__', None) or {}
    data = buf[8 + n:]
    tensors = {}
    for name, info in sorted(header.items(), key=lambda kv: kv[1]['data_offsets'][0]):
        if info['dtype'] != 'F32':
            raise ValueError(f"{path}: tensor '{name}' has dtype {info['dtype']}; only F32 is supported")
        begin, end = info['data_offsets']
        values = array.array('f')
        values.frombytes(data[begin:end])
        if sys.byteorder != 'little':
            values.byteswap()  # the file is little-endian
        flat = torch.frombuffer(values, dtype=torch.float32).clone() if len(values) else torch.empty(0)
        tensors[name] = flat.reshape(info['shape'])
    return tensors, metadata


def write_safetensors(path, tensors, metadata):
    """Writes tensors (in dict order) as F32, header space-padded to 8 bytes; replaces path atomically."""
    header = {'__metadata__': metadata} if metadata else {}
    chunks, offset = [], 0
    for name, t in tensors.items():
        values = array.array('f', t.detach().to(torch.float32).flatten().tolist())
        if sys.byteorder != 'little':
            values.byteswap()
        raw = values.tobytes()
        header[name] = {'dtype': 'F32', 'shape': list(t.shape), 'data_offsets': [offset, offset + len(raw)]}
        chunks.append(raw)
        offset += len(raw)
    head = json.dumps(header, separators=(',', ':')).encode('utf-8')
    head += b' ' * (-len(head) % 8)
    tmp = path + '.tmp'
    with open(tmp, 'wb') as f:
        f.write(struct.pack('<Q', len(head)))
        f.write(head)
        for raw in chunks:
            f.write(raw)
    os.replace(tmp, path)


def nin_block(in_channels, out_channels, kernel, stride, padding):
    """d2l's nin_block: convolutions at indices 0, 2, 4 of the inner Sequential."""
    return nn.Sequential(
        nn.Conv2d(in_channels, out_channels, kernel, stride, padding), nn.ReLU(),
        nn.Conv2d(out_channels, out_channels, kernel_size=1), nn.ReLU(),
        nn.Conv2d(out_channels, out_channels, kernel_size=1), nn.ReLU())


def torch_info(memory_format='nchw'):
    """What PyTorch this is and how it computes, from torch itself: the rows' labels in records and tables."""
    build = dict(re.findall(r'(\w+)=([^,\n]*)', torch.__config__.show()))
    return {'torch': torch.__version__, 'threads': torch.get_num_threads(),
            'interopThreads': torch.get_num_interop_threads(),
            'blas': build.get('BLAS_INFO', '?'), 'mkldnn': str(torch.backends.mkldnn.is_available()).lower(),
            'memoryFormat': memory_format, 'thpAlloc': thp_alloc(), 'malloc': malloc_info()}


def malloc_info():
    """Which malloc serves torch's CPU tensors, and how: an allocator preloaded (LD_PRELOAD: tcmalloc, jemalloc), or
    glibc's with the thresholds GLIBC_TUNABLES pins, or glibc's defaults (a dynamic mmap threshold, so large tensors
    are freshly mapped, page-faulted and zeroed in some steps and reused in others)."""
    preloaded = [os.path.basename(p) for p in re.split(r'[:\s]+', os.environ.get('LD_PRELOAD', '')) if 'malloc' in p]
    if preloaded:
        return ' '.join(preloaded) + ' (LD_PRELOAD)'
    tunables = [t[len('glibc.malloc.'):] for t in os.environ.get('GLIBC_TUNABLES', '').split(':')
                if t.startswith('glibc.malloc.')]
    return 'glibc ' + ' '.join(tunables) if tunables else 'glibc defaults'


def thp_alloc():
    """THP_MEM_ALLOC_ENABLE as this torch takes it: its value ('unset' if none), or that this torch does not read it
    (its libc10 lacks the name: before PyTorch 2.1, e.g. Debian's 1.13)."""
    value = os.environ.get('THP_MEM_ALLOC_ENABLE', 'unset')
    lib = os.path.join(os.path.dirname(torch.__file__), 'lib')
    libs = [os.path.join(lib, n) for n in os.listdir(lib) if n.startswith('libc10.')] if os.path.isdir(lib) else []
    for path in libs:
        try:
            with open(path, 'rb') as f:
                if b'THP_MEM_ALLOC_ENABLE' in f.read():
                    return value
        except OSError as e:
            return value + ' (' + path + ' unreadable: ' + e.strerror + ')'
    return value + ' (not read by torch ' + torch.__version__ + ')' if libs else value + ' (libc10 not found)'


def build_net(spec):
    """The d2l NiN as nn.Sequential, one element per spec layer, then global average pooling."""
    layers, channels = [], spec['inChannels']
    for layer in spec['layers']:
        kind = layer['type']
        if kind == 'nin_block':
            layers.append(nin_block(channels, layer['outChannels'], layer['kernel'], layer['stride'],
                                    layer['padding']))
            channels = layer['outChannels']
        elif kind == 'max_pool':
            layers.append(nn.MaxPool2d(layer['kernel'], stride=layer['stride']))
        elif kind == 'dropout':
            layers.append(nn.Dropout(layer['p']))
        else:
            raise ValueError(f"unknown layer type '{kind}' in spec {spec['name']}")
    layers += [nn.AdaptiveAvgPool2d((1, 1)), nn.Flatten()]
    return nn.Sequential(*layers)


def xavier_init(net):
    """d2l's init: Xavier-uniform conv weights (the biases keep PyTorch's default); returns the net."""
    for m in net.modules():
        if isinstance(m, nn.Conv2d):
            nn.init.xavier_uniform_(m.weight)
    return net


def train_step(net, spec, images, labels, optimizer):
    """One d2l training step (forward, cross-entropy, backward, SGD step), ending as the engines' step ends: the loss
    and the train-mode logits on the host (the trainer counts train accuracy from them)."""
    optimizer.zero_grad()
    y_hat = forward(net, spec, images)
    loss = F.cross_entropy(y_hat, labels)
    loss.backward()
    optimizer.step()
    return loss.item(), y_hat.detach().numpy().copy()


def eval_logits(net, spec, images):
    """The logits of `images` without gradients, on the host (the net in eval mode: dropout off)."""
    with torch.no_grad():
        return forward(net, spec, images).numpy().copy()


# Mutations (--mutate): the bugs an engine's port could have, applied to this reference so that a test can show that
# the parity checks catch each one (bench's ParityMutationTest). None in normal use.
MUTATIONS = ('align_corners', 'flip_kernel', 'transpose_kernel', 'transpose_image', 'drop_bias', 'grad_half')
MUTATION = None
FIRST_KERNEL = '0.0.weight'


def forward(net, spec, images):
    side = spec['inputSide']
    if MUTATION == 'transpose_image':
        images = images.transpose(2, 3)
    x = F.interpolate(images, size=(side, side), mode='bilinear', align_corners=MUTATION == 'align_corners')
    return net(x)


def mutate_kernel(weights):
    """The first kernel as a port with a layout bug would hold it; flips and transposes undo themselves."""
    w = weights[FIRST_KERNEL]
    if MUTATION == 'flip_kernel':
        weights[FIRST_KERNEL] = w.flip([2, 3]).contiguous()
    elif MUTATION == 'transpose_kernel':
        weights[FIRST_KERNEL] = w.transpose(2, 3).contiguous()
    return weights


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--spec', required=True, help='spec JSON (Jackson form of NinSpec)')
    parser.add_argument('--weights', required=True, help='safetensors with the state_dict names')
    parser.add_argument('--batch', required=True, help='safetensors with images [n,1,28,28] and labels [n] (F32)')
    parser.add_argument('--out', required=True, help='safetensors to write: logits, loss, after.<name>')
    parser.add_argument('--lr', type=float, default=0.1)
    parser.add_argument('--threads', type=int, default=2)
    parser.add_argument('--max-after-elements', type=int, default=None,
                        help='write after.<name> only for tensors this small (keeps committed fixtures small); '
                             'the names left out go into the metadata key after_omitted')
    parser.add_argument('--steps', type=int, default=None, help='parity mode: SGD steps over consecutive batches')
    parser.add_argument('--batch-size', type=int, default=None, help='parity mode: images per step')
    parser.add_argument('--logits-only', action='store_true', help='write only the eval-mode logits')
    parser.add_argument('--mutate', choices=MUTATIONS, default=None,
                        help='compute with a bug an engine port could have (for testing the checks, never for results)')
    parser.add_argument('--shared-masks', default=None, metavar='SEED:EPOCH:STEP',
                        help="train with the suite's shared dropout masks of that step (parity mode: SEED, its step s "
                             "gets epoch 1, step s) instead of dropout off")
    args = parser.parse_args()
    global MUTATION
    MUTATION = args.mutate

    torch.set_num_threads(args.threads)
    torch.set_default_dtype(torch.float32)
    with open(args.spec, encoding='utf-8') as f:
        spec = json.load(f)
    weights, _ = read_safetensors(args.weights)
    batch, _ = read_safetensors(args.batch)
    images = batch['images'].reshape(-1, spec['inChannels'], SOURCE_SIDE, SOURCE_SIDE)
    labels = batch['labels'].to(torch.long)

    net = build_net(spec)
    net.load_state_dict(mutate_kernel(dict(weights)), strict=True)
    dropped_bias = None
    if MUTATION == 'drop_bias':  # the first convolution's bias never added, so never trained
        dropped_bias = net[0][0].bias.detach().clone()
        net[0][0].bias.data.zero_()

    net.eval()
    with torch.no_grad():
        logits = None if args.steps else forward(net, spec, images)
    if args.logits_only:
        write_safetensors(args.out, {'logits': logits}, {'generator': 'nin_reference.py', 'torch': torch.__version__})
        print(f"{spec['name']}@{spec['inputSide']}: logits of {images.shape[0]} images -> {args.out}")
        return

    dropouts = use_shared_dropout(net)  # no parameters: the state_dict names do not move
    masks = [int(v) for v in args.shared_masks.split(':')] if args.shared_masks else None
    for d in dropouts:
        d.p = d.p if masks else 0.0  # dropout off unless shared masks are asked for
    net.train()
    if args.steps:
        parity(net, spec, images, labels, args, dropouts, masks[0] if masks else None)
        return
    set_dropout_step(dropouts, tuple(masks) if masks else None)
    optimizer = torch.optim.SGD(net.parameters(), lr=args.lr)
    optimizer.zero_grad()
    train_logits = forward(net, spec, images)
    loss = F.cross_entropy(train_logits, labels)
    loss.backward()
    if MUTATION == 'grad_half':
        for p in net.parameters():
            p.grad.mul_(0.5)
    optimizer.step()
    if dropped_bias is not None:
        net[0][0].bias.data.copy_(dropped_bias)
    state = mutate_kernel({k: v for k, v in net.state_dict().items()})  # back to PyTorch's layout

    out = {'logits': logits, 'loss': loss.detach().reshape(1)}
    if masks:
        out['train_logits'] = train_logits.detach()
    omitted = []
    for name, t in state.items():
        if args.max_after_elements is None or t.numel() <= args.max_after_elements:
            out['after.' + name] = t
        else:
            omitted.append(name)
    metadata = {'generator': 'nin_reference.py', 'torch': torch.__version__, 'spec': spec['name'],
                'input_side': str(spec['inputSide']), 'lr': repr(args.lr), 'threads': str(args.threads),
                'after_omitted': ','.join(omitted), 'dropout': 'shared masks ' + args.shared_masks if masks else 'off',
                'mutation': MUTATION or 'none'}
    write_safetensors(args.out, out, metadata)
    print(f"{spec['name']}@{spec['inputSide']}: n={images.shape[0]} loss={loss.item():.6f} "
          f"logits in [{logits.min().item():.4f}, {logits.max().item():.4f}] -> {args.out}")


def parity(net, spec, images, labels, args, dropouts, mask_seed):
    """N plain SGD steps over consecutive batches; writes the loss of each step and the final weights. With a
    mask_seed, step s (1-based) multiplies by the shared masks of (mask_seed, epoch 1, step s)."""
    optimizer = torch.optim.SGD(net.parameters(), lr=args.lr)
    losses = []
    for s in range(args.steps):
        set_dropout_step(dropouts, (mask_seed, 1, s + 1) if mask_seed is not None else None)
        batch = slice(s * args.batch_size, (s + 1) * args.batch_size)
        optimizer.zero_grad()
        loss = F.cross_entropy(forward(net, spec, images[batch]), labels[batch])
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    out = {'loss': torch.tensor(losses, dtype=torch.float32)}
    out.update(net.state_dict())
    write_safetensors(args.out, out, {'generator': 'nin_reference.py', 'torch': torch.__version__,
                                      'steps': str(args.steps), 'lr': repr(args.lr),
                                      'dropout': f'shared masks, seed {mask_seed}' if mask_seed is not None else 'off'})
    print(f"{spec['name']}@{spec['inputSide']}: {args.steps} steps, loss {losses[0]:.6f} -> {losses[-1]:.6f} -> {args.out}")


if __name__ == '__main__':
    main()
