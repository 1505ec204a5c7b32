package dev.ninbench.djl;

import ai.djl.engine.Engine;
import dev.ninbench.core.engine.Kernel;
import dev.ninbench.core.engine.KernelRun;
import dev.ninbench.core.engine.ModelOptions;
import dev.ninbench.core.engine.PeakKernels;

/** The peak benchmark's kernels on this engine's own ops ({@link DjlKernel}). */
public final class DjlPeakKernels implements PeakKernels {
    private final String engine;
    private final boolean channelsLast;

    /** The kernels of {@link DjlBackend}, in its layout. */
    public DjlPeakKernels() {
        this(DjlBackend.NAME, DjlBackend.CHANNELS_LAST);
    }

    /** The same ops for the backend called {@code engine}, whose layout is channels-last or not. */
    DjlPeakKernels(String engine, boolean channelsLast) {
        this.engine = engine;
        this.channelsLast = channelsLast;
    }

    @Override
    public String engine() {
        return engine;
    }

    @Override
    public KernelRun open(Kernel kernel, long seed, ModelOptions options) {
        Engine pytorch = DjlBackend.startOn(engine, options);
        return new DjlKernel(pytorch, kernel, seed, options, channelsLast);
    }
}
