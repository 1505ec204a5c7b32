package dev.ninbench.engineside;

import dev.ninbench.core.data.Batch;
import dev.ninbench.core.engine.BackendInfo;
import dev.ninbench.core.engine.Model;
import dev.ninbench.core.engine.StepDropout;
import dev.ninbench.core.engine.StepResult;
import dev.ninbench.core.spec.NinOp;
import dev.ninbench.core.spec.NinSpec;
import dev.ninbench.core.weights.NinWeights;
import java.util.List;
import java.util.Map;

/**
 * An engine that costs next to nothing, to measure what the suite around it costs ({@link OverheadBenchmark}): each
 * step copies the batch's images and labels into buffers of its own, as an engine copies them into its tensors (so
 * every batch is really built and read once), draws the step's shared dropout masks (the suite computes them, not the
 * engine), and returns the loss of a net that predicts nothing, ln 10; the logits are a fresh array of zeros; the
 * weights, for checkpoints, are the ones it was given.
 */
final class FreeModel implements Model {
    static final String NAME = "free";
    static final BackendInfo INFO = new BackendInfo(NAME, "no engine (the suite's own overhead)", "0", "cpu", true, null,
            Map.of(), List.of("cpu"));
    private static final float LOSS = (float) Math.log(10);
    private static final int CLASSES = 10;

    private final NinSpec spec;
    private final NinWeights weights;
    /** Mask elements drawn so far: kept, so that no mask's work can be dropped. */
    long masks;
    private final float[] images;
    private final int[] labels;

    FreeModel(NinSpec spec, NinWeights weights, int batchSize) {
        this.spec = spec;
        this.weights = weights;
        this.images = new float[batchSize * Batch.PIXELS];
        this.labels = new int[batchSize];
    }

    @Override
    public StepResult trainStep(Batch batch, StepDropout dropout) {
        copy(batch);
        if (dropout instanceof StepDropout.Shared shared) {
            for (NinOp.Dropout d : spec.dropouts()) {
                masks += shared.mask(d, batch.size()).length;
            }
        }
        return new StepResult(LOSS, new float[batch.size() * CLASSES]);
    }

    @Override
    public void reseed(long seed) {
    }

    @Override
    public float[] logits(Batch batch) {
        copy(batch);
        return new float[batch.size() * CLASSES];
    }

    private void copy(Batch batch) {
        System.arraycopy(batch.images(), 0, images, 0, batch.images().length);
        System.arraycopy(batch.labels(), 0, labels, 0, batch.size());
    }

    @Override
    public NinWeights weights() {
        return weights;
    }

    @Override
    public void close() {
    }
}
