package dev.ninbench.core.engine;

import dev.ninbench.core.spec.NinSpec;
import dev.ninbench.core.weights.NinWeights;

/**
 * One deep-learning engine, found through {@link java.util.ServiceLoader} (each engine module lists its
 * implementation in {@code META-INF/services/dev.ninbench.core.engine.Backend}). An engine JVM holds exactly one.
 */
public interface Backend {
    /** Short name used on the command line ({@code djl}, {@code tf}, {@code dl4j}). */
    String name();

    /** Engine, version, device and whether it can run here; must not throw when the native library is missing. */
    BackendInfo info(ModelOptions options);

    /**
     * Builds {@code spec} on the engine with the given initial weights. The model takes 28x28 batches and resizes
     * them to {@code spec.inputSide()} itself (bilinear, PyTorch's {@code align_corners=False}).
     */
    Model open(NinSpec spec, NinWeights init, ModelOptions options);
}
