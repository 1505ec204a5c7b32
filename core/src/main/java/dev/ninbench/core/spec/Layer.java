package dev.ninbench.core.spec;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * One element of the NiN's {@code nn.Sequential}, in order. Its position in {@link NinSpec#layers()}
 * is its index in the PyTorch {@code state_dict} names ({@code "<index>.<conv>.weight"}).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Layer.NinBlock.class, name = "nin_block"),
    @JsonSubTypes.Type(value = Layer.MaxPool.class, name = "max_pool"),
    @JsonSubTypes.Type(value = Layer.Dropout.class, name = "dropout")
})
public sealed interface Layer {

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
        public String toString() {
            return "max_pool(k=" + kernel + ", s=" + stride + ")";
        }
    }

    /** Dropout with PyTorch's meaning of {@code p}: the probability of zeroing an element. */
    record Dropout(double p) implements Layer {
        public Dropout {
            require(p >= 0 && p < 1, "dropout p must be in [0, 1), got " + p);
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
