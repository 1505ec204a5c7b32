package dev.ninbench.dl4j;

import dev.ninbench.core.data.Batch;
import dev.ninbench.core.engine.Model;
import dev.ninbench.core.spec.NinSpec;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What both DL4J nets share: 1-channel input, dropout drawn from ND4J's default generator, and one close.
 * {@link Dl4jOpsModel} calls libnd4j ops directly; {@link Dl4jLayersModel} is DL4J's MultiLayerNetwork.
 */
abstract sealed class Dl4jModel implements Model permits Dl4jOpsModel, Dl4jLayersModel {
    final NinSpec spec;
    private boolean closed;

    Dl4jModel(NinSpec spec) {
        if (spec.inChannels() != 1) {
            throw new IllegalArgumentException(spec + ": batches hold 1-channel images, the spec wants "
                    + spec.inChannels() + " channels");
        }
        this.spec = spec;
    }

    /** Both nets' engine dropout draws from ND4J's default generator ({@code Nd4j.getRandom()}). */
    @Override
    public final void reseed(long seed) {
        checkOpen();
        Nd4j.getRandom().setSeed(seed);
    }

    @Override
    public final void close() {
        if (!closed) {
            closed = true;
            release();
        }
    }

    /** Frees the net's off-heap memory; called once, by {@link #close}. */
    abstract void release();

    final void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this dl4j model is closed");
        }
    }

    /** The batch's labels, each checked to be one of the spec's classes. */
    final int[] checkedLabels(Batch batch) {
        int[] labels = batch.labels();
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= spec.classes()) {
                throw new IllegalArgumentException("label " + labels[i] + " at " + i + " is not a class of " + spec);
            }
        }
        return labels;
    }
}
