package dev.ninbench.tf;

import dev.ninbench.core.engine.Kernel;
import dev.ninbench.core.engine.KernelRun;
import dev.ninbench.core.engine.ModelOptions;
import dev.ninbench.core.engine.PeakKernels;

/** The peak benchmark's kernels on this engine's own ops ({@link TfKernel}). */
public final class TfPeakKernels implements PeakKernels {
    @Override
    public String engine() {
        return TfBackend.NAME;
    }

    @Override
    public KernelRun open(Kernel kernel, long seed, ModelOptions options) {
        TfBackend.requireDevice(TfBackend.NAME, options);
        return new TfKernel(kernel, seed, options);
    }
}
