package dev.ninbench.tf;

import dev.ninbench.core.engine.Backend;
import dev.ninbench.core.engine.BackendInfo;
import dev.ninbench.core.engine.Model;
import dev.ninbench.core.engine.ModelOptions;
import dev.ninbench.core.spec.NinSpec;
import dev.ninbench.core.weights.NinWeights;

/**
 * TensorFlow Java as its documentation teaches training: the net is the same graph from {@code Ops} as
 * {@link TfBackend}'s, and its loss and SGD update come from tensorflow-framework ({@code CategoricalCrossentropy} from
 * the logits, {@code GradientDescent.minimize}) instead of raw ops ({@link NinGraph.Training#FRAMEWORK}). The same
 * engine, libtensorflow and devices as {@link TfBackend}.
 */
public final class TfIdiomaticBackend implements Backend {
    static final String NAME = "tf-idiomatic";
    /** The setting {@code model}: how this path builds and trains the net. */
    static final String MODEL = "graph from Ops; tensorflow-framework GradientDescent and its loss";

    @Override
    public String name() {
        return NAME;
    }

    /** As {@link TfBackend#info}, with this path's name and {@code model}. */
    @Override
    public BackendInfo info(ModelOptions options) {
        return TfBackend.info(NAME, MODEL, options);
    }

    @Override
    public Model open(NinSpec spec, NinWeights init, ModelOptions options) {
        TfBackend.requireDevice(NAME, options);
        return new TfModel(spec, init, options, NinGraph.Training.FRAMEWORK);
    }
}
