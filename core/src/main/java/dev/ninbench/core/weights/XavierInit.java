package dev.ninbench.core.weights;

import dev.ninbench.core.spec.NinSpec;
import dev.ninbench.core.spec.ParamShape;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The d2l initialisation of the NiN, reproducible from a seed in any JVM on any thread count.
 *
 * <p>d2l applies {@code nn.init.xavier_uniform_} (gain 1) to every {@code Conv2d} weight and leaves the biases at
 * PyTorch's {@code Conv2d} default. So here every weight is drawn uniformly from {@code [-a, a)} with
 * {@code a = sqrt(6 / (fanIn + fanOut))}, and every bias uniformly from {@code [-b, b)} with
 * {@code b = 1 / sqrt(fanIn)} (fanIn = in * kh * kw, fanOut = out * kh * kw, as {@link ParamShape} gives them).
 *
 * <p>Derivation of the values, which is part of the contract (fixtures and run records rely on it): one
 * {@code new SplittableRandom(seed)}; the tensors of {@link NinSpec#parameters()} are filled in that
 * ({@code state_dict}) order, each in row-major order, every element as
 * {@code (float) (lo + (hi - lo) * random.nextDouble())}. {@link SplittableRandom} is specified bit for bit by
 * the JDK and nothing here depends on threads, so a seed gives the same bits everywhere.
 *
 * <p>These are not the numbers PyTorch's own generator would draw for the same seed (its Mersenne-Twister
 * stream cannot be reproduced here without reimplementing it); the distribution is the same, which is what the
 * training recipe depends on. Engines never initialise themselves: they all load these weights.
 */
public final class XavierInit {
    private XavierInit() {
    }

    /** Weights for {@code spec}, a pure function of {@code spec.parameters()} and {@code seed}. */
    public static NinWeights init(NinSpec spec, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (ParamShape p : spec.parameters()) {
            double bound = p.bias() ? biasBound(p) : weightBound(p);
            float[] data = new float[p.elements()];
            for (int i = 0; i < data.length; i++) {
                data[i] = (float) (-bound + 2 * bound * random.nextDouble());
            }
            tensors.put(p.name(), new Tensor(p.shape(), data));
        }
        return NinWeights.of(spec, tensors);
    }

    /** Xavier-uniform's bound for a conv weight, gain 1: {@code sqrt(6 / (fanIn + fanOut))}. */
    public static double weightBound(ParamShape p) {
        return Math.sqrt(6.0 / (p.fanIn() + p.fanOut()));
    }

    /** PyTorch's default {@code Conv2d} bias bound: {@code 1 / sqrt(fanIn)}. */
    public static double biasBound(ParamShape p) {
        return 1.0 / Math.sqrt(p.fanIn());
    }

    /**
     * The metadata written with initial weights, so a weights file says where it came from. Part of the file's
     * bytes: the fixture {@code d2l68/weights.sha256} covers it. The input side is left out on purpose (the
     * weights do not depend on it), so d2l weights are the same file at every side.
     */
    public static Map<String, String> metadata(NinSpec spec, long seed) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("format", "pt");
        m.put("spec", spec.name());
        m.put("init", "XavierInit: xavier_uniform weights, PyTorch default uniform biases, SplittableRandom");
        m.put("seed", Long.toString(seed));
        return m;
    }
}
