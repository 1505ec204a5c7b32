package dev.ninbench.djl;

import dev.ninbench.core.engine.Kernel;
import dev.ninbench.core.engine.KernelRun;
import dev.ninbench.core.engine.ModelOptions;
import dev.ninbench.core.engine.PeakKernels;

/**
 * {@link DjlPeakKernels} under the name {@code djl:idiomatic}, in that path's layout (NCHW): {@code peak} and the
 * engine contract find an engine's kernels by its backend's name, and the idiomatic path is the same engine.
 */
public final class DjlIdiomaticPeakKernels implements PeakKernels {
    private final PeakKernels kernels = new DjlPeakKernels(DjlIdiomaticBackend.NAME, false);

    @Override
    public String engine() {
        return kernels.engine();
    }

    @Override
    public KernelRun open(Kernel kernel, long seed, ModelOptions options) {
        return kernels.open(kernel, seed, options);
    }
}
