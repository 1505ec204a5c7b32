package dev.ninbench.djl;

import dev.ninbench.core.engine.Backend;
import dev.ninbench.core.engine.BackendInfo;
import dev.ninbench.core.engine.Model;
import dev.ninbench.core.engine.ModelOptions;
import dev.ninbench.core.spec.NinSpec;
import dev.ninbench.core.weights.NinWeights;
import java.util.Map;

/**
 * DJL as its documentation and the d2l-java book teach it: the NiN as a {@code SequentialBlock} of DJL's blocks,
 * trained by a {@code Trainer} ({@link DjlBlockModel}). The same engine, libtorch and devices as {@link DjlBackend},
 * whose tuned path calls torch ops on parameter tensors it owns, channels-last.
 */
public final class DjlIdiomaticBackend implements Backend {
    static final String NAME = "djl-idiomatic";
    /** The setting {@code model}: how this path builds and trains the net. */
    static final String MODEL = "SequentialBlock (Conv2d, Pool, Dropout blocks) + Trainer, SGD";

    @Override
    public String name() {
        return NAME;
    }

    /**
     * As {@link DjlBackend#info}, in DJL's default layout, NCHW (its blocks have no channels-last option), plus what
     * guards its training on the CPU ({@link ConvolutionGradientCheck}).
     */
    @Override
    public BackendInfo info(ModelOptions options) {
        return DjlBackend.info(NAME, options, "nchw", MODEL,
                Map.of(ConvolutionGradientCheck.SETTING, ConvolutionGradientCheck.setting(options)));
    }

    @Override
    public Model open(NinSpec spec, NinWeights init, ModelOptions options) {
        return new DjlBlockModel(DjlBackend.startOn(NAME, options), spec, init, options);
    }
}
