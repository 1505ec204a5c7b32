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

    /**
     * Sets up {@code kernel} on this engine's own ops (a matrix product, a convolution) with the seeded inputs of
     * {@link Kernel#inputs}, on {@code options}' device and threads: what the {@code peak} benchmark times to find the
     * best rate this engine reaches here. A device the engine does not have is refused as {@link #open} refuses it.
     *
     * <p>Every engine of this suite implements it ({@code BackendContract} checks each on tiny sizes); the default
     * only keeps an engine written before it compiling, and says what it lacks.
     */
    default KernelRun kernel(Kernel kernel, long seed, ModelOptions options) {
        throw new UnsupportedOperationException(name() + " does not implement the peak benchmark's kernels ("
                + kernel.name() + "): Backend.kernel is not overridden");
    }
}
