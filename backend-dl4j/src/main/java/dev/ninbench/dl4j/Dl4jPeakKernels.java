package dev.ninbench.dl4j;

import dev.ninbench.core.engine.Kernel;
import dev.ninbench.core.engine.KernelRun;
import dev.ninbench.core.engine.ModelOptions;
import dev.ninbench.core.engine.PeakKernels;

/** The peak benchmark's kernels on this engine's own ops ({@link Dl4jKernel}). */
public final class Dl4jPeakKernels implements PeakKernels {
    @Override
    public String engine() {
        return Dl4jBackend.NAME;
    }

    @Override
    public KernelRun open(Kernel kernel, long seed, ModelOptions options) {
        Nd4jRuntime.start(Dl4jBackend.NAME, options);
        return new Dl4jKernel(kernel, seed);
    }
}
