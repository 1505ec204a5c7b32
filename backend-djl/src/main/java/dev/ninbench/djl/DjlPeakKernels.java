package dev.ninbench.djl;

import ai.djl.engine.Engine;
import dev.ninbench.core.engine.Kernel;
import dev.ninbench.core.engine.KernelRun;
import dev.ninbench.core.engine.ModelOptions;
import dev.ninbench.core.engine.PeakKernels;

/** The peak benchmark's kernels on this engine's own ops ({@link DjlKernel}). */
public final class DjlPeakKernels implements PeakKernels {
    @Override
    public String engine() {
        return DjlBackend.NAME;
    }

    @Override
    public KernelRun open(Kernel kernel, long seed, ModelOptions options) {
        Engine engine = DjlBackend.startOn(DjlBackend.NAME, options);
        return new DjlKernel(engine, kernel, seed, options, DjlBackend.CHANNELS_LAST);
    }
}
