package dev.ninbench.core.spec;

import java.util.List;

/**
 * One operation of the net as an engine runs it: what a {@link NinSpec}'s layers expand to, in order, ending in
 * the global average pool. Engines never read {@link Layer}s: they implement {@link NinOps} and let
 * {@link NinSpec#forward} walk these.
 *
 * <p>A new kind of operation is a new record here: its {@link #apply} must call a new {@link NinOps} method, and
 * every engine then fails to compile until it supplies that method.
 */
public sealed interface NinOp {

    /** Runs this operation on {@code x} with the engine's {@code ops}. */
    <X> X apply(X x, NinOps<X> ops);

    /** The output shape for one image. */
    Shape out();

    /**
     * A convolution followed by ReLU. {@code position} is its place in the nin_block (0: the block's own kernel,
     * 1 and 2: the 1x1 convolutions), and {@code layer} the block's index in the Sequential: together they are
     * PyTorch's parameter names ({@link #weight()}, {@link #bias()}).
     */
    record Conv(int layer, int position, Shape in, Shape out, int kernel, int stride, int padding) implements NinOp {
        @Override
        public <X> X apply(X x, NinOps<X> ops) {
            return ops.convRelu(x, this);
        }

        /** The weight, {@code [out, in, k, k]}, named as in the d2l {@code state_dict} ("3.2.weight"). */
        public ParamShape weight() {
            return new ParamShape(prefix() + "weight", new int[] {out.channels(), in.channels(), kernel, kernel},
                    fanIn(), fanOut(), false);
        }

        /** The bias, {@code [out]}. */
        public ParamShape bias() {
            return new ParamShape(prefix() + "bias", new int[] {out.channels()}, fanIn(), fanOut(), true);
        }

        /** Multiply-adds times two, for one image. */
        public long flops() {
            return 2L * kernel * kernel * in.channels() * out.channels() * out.height() * out.width();
        }

        // d2l's nin_block is an inner nn.Sequential with its convolutions at 0, 2 and 4 (the ReLUs at 1, 3, 5)
        private String prefix() {
            return layer + "." + 2 * position + ".";
        }

        private int fanIn() {
            return in.channels() * kernel * kernel;
        }

        private int fanOut() {
            return out.channels() * kernel * kernel;
        }
    }

    /** Max-pooling without padding, PyTorch's floor mode. */
    record MaxPool(int layer, Shape in, Shape out, int kernel, int stride) implements NinOp {
        @Override
        public <X> X apply(X x, NinOps<X> ops) {
            return ops.maxPool(x, this);
        }
    }

    /**
     * Dropout of probability {@code p} > 0 (a p = 0 layer expands to nothing) on activations of {@code out}'s
     * shape; {@code layer} is its index in the Sequential, which the shared masks are drawn for. Engines apply it in
     * training only.
     */
    record Dropout(int layer, double p, Shape out) implements NinOp {
        @Override
        public <X> X apply(X x, NinOps<X> ops) {
            return ops.dropout(x, this);
        }
    }

    /** The mean over height and width: the last block's channels are the class logits. */
    record GlobalAveragePool(Shape in) implements NinOp {
        @Override
        public <X> X apply(X x, NinOps<X> ops) {
            return ops.globalAveragePool(x, this);
        }

        @Override
        public Shape out() {
            return new Shape(in.channels(), 1, 1);
        }
    }

    /** The output shape of {@code ops}, or {@code in} when there are none. */
    static Shape out(List<NinOp> ops, Shape in) {
        return ops.isEmpty() ? in : ops.get(ops.size() - 1).out();
    }
}
