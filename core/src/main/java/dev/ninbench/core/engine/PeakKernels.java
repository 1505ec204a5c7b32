package dev.ninbench.core.engine;

/**
 * An engine's own ops (a matrix product, a convolution) as the {@code peak} benchmark times them, to find the best
 * rate the engine reaches on this machine. Found like {@link Backend}, through {@link java.util.ServiceLoader}
 * ({@code META-INF/services/dev.ninbench.core.engine.PeakKernels}); {@link Backends#peakKernels} finds an engine's.
 */
public interface PeakKernels {
    /** The engine these kernels run on: its {@link Backend#name()}. */
    String engine();

    /**
     * Sets up {@code kernel} with the seeded inputs of {@link Kernel#inputs}, on {@code options}' device and threads.
     * A device the engine does not have is refused as {@link Backend#open} refuses it.
     */
    KernelRun open(Kernel kernel, long seed, ModelOptions options);
}
