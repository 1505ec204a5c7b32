package dev.ninbench.core.weights;

import dev.ninbench.core.spec.NinSpec;
import dev.ninbench.core.spec.ParamShape;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The learnable tensors of one NiN, named and laid out as PyTorch's {@code state_dict} of the d2l
 * {@code nn.Sequential} ({@code 0.0.weight [96,1,11,11]}, ..., {@code 7.4.bias [10]}), in that order.
 * Immutable; engines convert to their own layouts on load and back on export.
 */
public final class NinWeights {
    private final Map<String, Tensor> tensors;

    private NinWeights(Map<String, Tensor> tensors) {
        this.tensors = Collections.unmodifiableMap(tensors);
    }

    /**
     * Checks that {@code tensors} has exactly the spec's names and shapes (no missing, no extra), no NaN or
     * infinite value, and returns them in the spec's order.
     */
    public static NinWeights of(NinSpec spec, Map<String, Tensor> tensors) {
        Map<String, Tensor> ordered = new LinkedHashMap<>();
        List<ParamShape> params = spec.parameters();
        for (ParamShape p : params) {
            Tensor t = tensors.get(p.name());
            if (t == null) {
                throw new IllegalArgumentException("weights for " + spec + " lack tensor '" + p.name() + "' "
                        + Arrays.toString(p.shape()));
            }
            if (!Arrays.equals(t.shape(), p.shape())) {
                throw new IllegalArgumentException("tensor '" + p.name() + "' has shape " + Arrays.toString(t.shape())
                        + ", expected " + Arrays.toString(p.shape()) + " for " + spec);
            }
            float[] d = t.data();
            for (int i = 0; i < d.length; i++) {
                if (!Float.isFinite(d[i])) {
                    throw new IllegalArgumentException("tensor '" + p.name() + "' holds " + d[i] + " at element " + i
                            + ", expected finite values");
                }
            }
            ordered.put(p.name(), t);
        }
        if (tensors.size() != params.size()) {
            List<String> extra = tensors.keySet().stream().filter(k -> !ordered.containsKey(k)).sorted().toList();
            throw new IllegalArgumentException("weights hold tensors that " + spec + " does not have: " + extra);
        }
        return new NinWeights(ordered);
    }

    public Tensor get(String name) {
        Tensor t = tensors.get(name);
        if (t == null) {
            throw new IllegalArgumentException("no tensor named '" + name + "'; have " + tensors.keySet());
        }
        return t;
    }

    /** Name to tensor, in {@code state_dict} order. */
    public Map<String, Tensor> tensors() {
        return tensors;
    }

    public long parameterCount() {
        return tensors.values().stream().mapToLong(Tensor::size).sum();
    }

    /** Largest absolute element-wise difference to {@code other} (same names and shapes required). */
    public double maxAbsDifference(NinWeights other) {
        double max = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            float[] a = e.getValue().data();
            float[] b = other.get(e.getKey()).data();
            if (a.length != b.length) {
                throw new IllegalArgumentException("tensor '" + e.getKey() + "' sizes differ: " + a.length + " vs " + b.length);
            }
            for (int i = 0; i < a.length; i++) {
                max = Math.max(max, Math.abs((double) a[i] - b[i]));
            }
        }
        return max;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NinWeights w && tensors.equals(w.tensors);
    }

    @Override
    public int hashCode() {
        return tensors.hashCode();
    }

    @Override
    public String toString() {
        return "NinWeights" + tensors.keySet();
    }
}
