package dev.ninbench.core.engine;

import dev.ninbench.core.data.Batch;
import dev.ninbench.core.weights.NinWeights;

/**
 * A NiN built on one engine. Not thread-safe. After {@link #close()} every method throws
 * {@link IllegalStateException}.
 */
public interface Model extends AutoCloseable {
    /**
     * The system property that, set to {@code off}, turns off the checks {@link #prepare} runs: for a benchmark that
     * times a model's first step from the JVM's start (cold start), where such a check, nin-bench's work and not the
     * engine's, would count, and the step's values do not matter.
     */
    String SELF_CHECKS = "ninbench.selfChecks";

    /**
     * One training step in train mode (dropout on, its masks from {@code dropout}): forward, mean softmax
     * cross-entropy over the batch, backward, and one plain SGD update. Returns the loss computed before the update
     * and the train-mode logits; both on the host, so the step is finished when this returns.
     */
    StepResult trainStep(Batch batch, StepDropout dropout);

    /**
     * What the model does once before its first training step at {@code batchSize} that is not the engine's own work
     * (nin-bench's check of the engine, where one is needed), so that whoever times steps can leave it out: the trainer
     * calls it before an epoch's clock starts, the step benchmarks in their setup. A step at a size not prepared
     * prepares it first. Default: nothing.
     */
    default void prepare(int batchSize) {
    }

    /** A training step with the engine's own dropout; returns its loss. */
    default float trainStep(Batch batch) {
        return trainStep(batch, StepDropout.ENGINE).loss();
    }

    /**
     * Restarts the engine's own randomness (its dropout masks, {@link StepDropout#ENGINE}) from {@code seed}. The
     * trainer calls it at the start of every epoch with a seed of that epoch, so an epoch's masks never depend on what
     * this process ran before: a run resumed from a checkpoint in a new JVM trains on exactly as the uninterrupted one
     * would have.
     */
    void reseed(long seed);

    /** Logits in eval mode (no dropout), {@code [batch.size() x classes]} row-major. */
    float[] logits(Batch batch);

    /** The current weights in PyTorch names and layouts. */
    NinWeights weights();

    @Override
    void close();
}
