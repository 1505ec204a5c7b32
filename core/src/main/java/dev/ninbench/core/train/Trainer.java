package dev.ninbench.core.train;

import dev.ninbench.core.dropout.DropoutMasks;
import dev.ninbench.core.data.Batch;
import dev.ninbench.core.data.Dataset;
import dev.ninbench.core.data.Epochs;
import dev.ninbench.core.data.Prefetch;
import dev.ninbench.core.engine.Model;
import dev.ninbench.core.engine.StepDropout;
import dev.ninbench.core.engine.StepResult;
import dev.ninbench.core.machine.MachineShare;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The one training loop every engine runs: the same batches in the same order, an evaluation on the test set after
 * every epoch, and events for progress display. What differs between engines is only what {@link Model} does.
 */
public final class Trainer {
    /** See {@link #dropoutSeed}: the stream of the shared masks' keys too. */
    public static final long DROPOUT_STREAM = DropoutMasks.STREAM;

    /** Progress callbacks; called on the training thread. */
    public interface Listener {
        default void onStep(int epoch, int step, int steps, float loss, double imagesPerSecond) {
        }

        /** Called once an epoch (training and evaluation) has finished; a record written here survives a crash. */
        default void onEpoch(EpochResult result) {
        }
    }

    private final TrainConfig config;
    private final Dataset train;
    private final Dataset test;
    private final Listener listener;

    public Trainer(TrainConfig config, Dataset train, Dataset test, Listener listener) {
        this.config = config;
        this.train = train.first(config.trainLimit());
        this.test = test.first(config.testLimit());
        this.listener = listener == null ? new Listener() { } : listener;
    }

    /**
     * The seed of epoch {@code epoch}'s engine-drawn dropout masks (1-based; {@link DropoutMode#ENGINE}): the {@code epoch}-th {@code nextLong()} of a
     * {@link SplittableRandom} seeded with the run's seed XOR {@link #DROPOUT_STREAM}, so each epoch's masks are fixed
     * by the run's seed and the epoch alone, whichever epoch a process starts at. (The XOR keeps this stream apart
     * from the one {@link Epochs} shuffles with.)
     */
    public static long dropoutSeed(long runSeed, int epoch) {
        SplittableRandom random = new SplittableRandom(runSeed ^ DROPOUT_STREAM);
        long seed = 0;
        for (int e = 0; e < epoch; e++) {
            seed = random.nextLong();
        }
        return seed;
    }

    /** Ends training with a {@link TrainingStoppedException} when a {@link StopRequest} was made. */
    private static void stopIfAsked(int epoch, int step, int steps) {
        if (StopRequest.requested()) {
            throw new TrainingStoppedException(StopRequest.signal(), epoch, step, steps);
        }
    }

    /** Trains epochs {@code firstEpoch..config.epochs()} (1-based; above 1 when resuming). */
    public List<EpochResult> run(Model model, int firstEpoch) {
        Epochs epochs = new Epochs(train, config.batchSize(), config.seed());
        List<EpochResult> results = new ArrayList<>();
        for (int epoch = firstEpoch; epoch <= config.epochs(); epoch++) {
            EpochResult r = runEpoch(model, epochs, epoch);
            results.add(r);
            listener.onEpoch(r);
        }
        return results;
    }

    private EpochResult runEpoch(Model model, Epochs epochs, int epoch) {
        model.reseed(dropoutSeed(config.seed(), epoch)); // the engine's own masks, when the run asks for them
        boolean shared = config.dropout() == DropoutMode.SHARED;
        int steps = epochs.batchesPerEpoch();
        double lossSum = 0;
        long images = 0;
        long correct = 0;
        int step = 0;
        float lossBefore = Float.NaN;
        epochs.batchSizes().forEach(model::prepare); // before the clock: a step's time is the engine's alone
        MachineShare.Snapshot machine = MachineShare.now();
        long start = System.nanoTime();
        // epoch indices are 0-based in Epochs so that the batch order of epoch 1 depends on the seed alone; the next
        // batches are built while the engine computes, so the step time is the engine's alone
        try (Prefetch batches = new Prefetch(epochs.epoch(epoch - 1))) {
            while (batches.hasNext()) {
                Batch batch = batches.next();
                StepDropout dropout = shared ? StepDropout.shared(config.seed(), epoch, step + 1) : StepDropout.ENGINE;
                StepResult result = model.trainStep(batch, dropout);
                float loss = result.loss();
                step++;
                if (!Float.isFinite(loss)) {
                    // the loss before it tells the two causes apart: one that grew step by step (the learning
                    // rate), or a normal one followed by NaN (an engine's fault, docs/engine-facts.md)
                    throw new TrainingDivergedException("training diverged: loss is " + loss + " at epoch " + epoch
                            + ", step " + step + " of " + steps + (step > 1 ? ", after " + String.format("%.4g",
                            lossBefore) + " at the step before" : "") + ": a loss that grew step by step points at the"
                            + " learning rate (was " + config.learningRate() + "), a normal loss followed by NaN at the"
                            + " engine (docs/engine-facts.md)");
                }
                lossBefore = loss;
                lossSum += loss;
                correct += Evaluation.correct(result.logits(), batch.labels());
                images += batch.size();
                double seconds = (System.nanoTime() - start) / 1e9;
                listener.onStep(epoch, step, steps, loss, images / Math.max(seconds, 1e-9));
                stopIfAsked(epoch, step, steps); // between two steps: nothing of the engine's is half done
            }
        }
        double trainSeconds = (System.nanoTime() - start) / 1e9;
        long evalStart = System.nanoTime();
        int done = step;
        // an evaluation takes minutes at large input sides: a stop request ends it between two batches too
        Evaluation eval = Evaluation.of(model, test, config.batchSize(), () -> stopIfAsked(epoch, done, steps));
        double evalSeconds = (System.nanoTime() - evalStart) / 1e9;
        return new EpochResult(epoch, step, lossSum / step, (double) correct / images, eval.meanLoss(), eval.accuracy(),
                trainSeconds, evalSeconds, images / trainSeconds, MachineShare.othersSince(machine));
    }
}
