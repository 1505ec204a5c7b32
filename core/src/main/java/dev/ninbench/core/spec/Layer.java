package dev.ninbench.core.spec;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * One element of the NiN's {@code nn.Sequential}, in order, as a spec file writes it. Its position in
 * {@link NinSpec#layers()} is its index in the PyTorch {@code state_dict} names ({@code "<index>.<conv>.weight"}).
 *
 * <p>A new kind of layer is a record here, a name in {@code @JsonSubTypes}, and its {@link #ops}: what it expands
 * to in the {@link NinOp}s engines run (a new kind of op, if none fits, is added to {@link NinOp}).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Layer.NinBlock.class, name = "nin_block"),
    @JsonSubTypes.Type(value = Layer.MaxPool.class, name = "max_pool"),
    @JsonSubTypes.Type(value = Layer.Dropout.class, name = "dropout")
})
public sealed interface Layer {

    /**
     * The operations this layer runs, in order, when it sits at {@code index} in the Sequential and gets inputs of
     * shape {@code in}. Shapes may come out empty (height or width below 1): {@link NinSpec} checks them.
     */
    List<NinOp> ops(int index, Shape in);

    /**
     * d2l's {@code nin_block}: conv(kernel, stride, padding) + ReLU, then two 1x1 conv + ReLU, all with
     * {@code outChannels} outputs. In PyTorch it is an inner {@code nn.Sequential} whose convolutions sit
     * at indices 0, 2 and 4 (the ReLUs take 1, 3, 5).
     */
    record NinBlock(int outChannels, int kernel, int stride, int padding) implements Layer {
        public NinBlock {
            require(outChannels > 0, "outChannels must be > 0, got " + outChannels);
            require(kernel > 0, "kernel must be > 0, got " + kernel);
            require(stride > 0, "stride must be > 0, got " + stride);
            require(padding >= 0, "padding must be >= 0, got " + padding);
        }

        /** The block's own convolution, then two 1x1 convolutions, each with ReLU, all to {@code outChannels}. */
        @Override
        public List<NinOp> ops(int index, Shape in) {
            int side = Math.floorDiv(in.height() + 2 * padding - kernel, stride) + 1;
            int width = Math.floorDiv(in.width() + 2 * padding - kernel, stride) + 1;
            Shape out = new Shape(outChannels, side, width);
            return List.of(new NinOp.Conv(index, 0, in, out, kernel, stride, padding),
                    new NinOp.Conv(index, 1, out, out, 1, 1, 0),
                    new NinOp.Conv(index, 2, out, out, 1, 1, 0));
        }

        @Override
        public String toString() {
            return "nin_block(out=" + outChannels + ", k=" + kernel + ", s=" + stride + ", p=" + padding + ")";
        }
    }

    /** Max-pooling without padding, PyTorch's floor mode. */
    record MaxPool(int kernel, int stride) implements Layer {
        public MaxPool {
            require(kernel > 0, "pool kernel must be > 0, got " + kernel);
            require(stride > 0, "pool stride must be > 0, got " + stride);
        }

        @Override
        public List<NinOp> ops(int index, Shape in) {
            Shape out = new Shape(in.channels(), Math.floorDiv(in.height() - kernel, stride) + 1,
                    Math.floorDiv(in.width() - kernel, stride) + 1);
            return List.of(new NinOp.MaxPool(index, in, out, kernel, stride));
        }

        @Override
        public String toString() {
            return "max_pool(k=" + kernel + ", s=" + stride + ")";
        }
    }

    /** Dropout with PyTorch's meaning of {@code p}: the probability of zeroing an element. */
    record Dropout(double p) implements Layer {
        public Dropout {
            require(p >= 0 && p < 1, "dropout p must be in [0, 1), got " + p);
        }

        /** Nothing at p = 0: the identity in training and evaluation alike. */
        @Override
        public List<NinOp> ops(int index, Shape in) {
            return p == 0 ? List.of() : List.of(new NinOp.Dropout(index, p, in));
        }

        @Override
        public String toString() {
            return "dropout(p=" + p + ")";
        }
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
