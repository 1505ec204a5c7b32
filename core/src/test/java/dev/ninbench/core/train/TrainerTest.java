package dev.ninbench.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ninbench.core.data.Batch;
import dev.ninbench.core.data.Dataset;
import dev.ninbench.core.engine.FakeBackend;
import dev.ninbench.core.engine.Model;
import dev.ninbench.core.engine.ModelOptions;
import dev.ninbench.core.engine.StepDropout;
import dev.ninbench.core.engine.StepResult;
import dev.ninbench.core.spec.NinSpec;
import dev.ninbench.core.weights.NinWeights;
import dev.ninbench.core.weights.XavierInit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TrainerTest {
    private final NinSpec spec = NinSpec.tiny();

    @AfterEach
    void normal() {
        System.clearProperty("ninbench.fake");
    }

    private static Dataset data(int n) {
        byte[] pixels = new byte[n * 784];
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            labels[i] = (byte) (i % 10);
            pixels[i * 784] = (byte) i;
        }
        return new Dataset("synthetic", pixels, labels, 28, 28);
    }

    private Model fake() {
        return new FakeBackend().open(spec, XavierInit.init(spec, 1), ModelOptions.defaults());
    }

    /** {@code model}, telling {@code seeds} every reseed and {@code steps} every step's dropout. */
    private static Model recording(Model model, java.util.function.LongConsumer seeds,
                                   java.util.function.Consumer<StepDropout> steps) {
        return recording(model, seeds, steps, batch -> { });
    }

    /** The same, telling {@code evaluated} every batch whose logits are asked for. */
    private static Model recording(Model model, java.util.function.LongConsumer seeds,
                                   java.util.function.Consumer<StepDropout> steps,
                                   java.util.function.Consumer<Batch> evaluated) {
        return recording(model, seeds, (batch, dropout) -> steps.accept(dropout), evaluated, size -> { });
    }

    /** The same, telling {@code steps} each step's batch too, and {@code prepared} every batch size prepared. */
    private static Model recording(Model model, java.util.function.LongConsumer seeds,
                                   java.util.function.BiConsumer<Batch, StepDropout> steps,
                                   java.util.function.Consumer<Batch> evaluated,
                                   java.util.function.IntConsumer prepared) {
        return new Model() {
            @Override
            public void prepare(int batchSize) {
                prepared.accept(batchSize);
            }

            @Override
            public void reseed(long seed) {
                seeds.accept(seed);
            }

            @Override
            public StepResult trainStep(Batch batch, StepDropout dropout) {
                steps.accept(batch, dropout);
                return model.trainStep(batch, dropout);
            }

            @Override
            public float[] logits(Batch batch) {
                evaluated.accept(batch);
                return model.logits(batch);
            }

            @Override
            public NinWeights weights() {
                return model.weights();
            }

            @Override
            public void close() {
                model.close();
            }
        };
    }

    @Test
    void runsEveryEpochWithTheLimitsAndReportsEachOne() {
        List<EpochResult> seen = new ArrayList<>();
        List<Integer> stepEvents = new ArrayList<>();
        Trainer.Listener listener = new Trainer.Listener() {
            @Override
            public void onStep(int epoch, int step, int steps, float loss, double imagesPerSecond) {
                stepEvents.add(step);
                assertTrue(imagesPerSecond > 0);
            }

            @Override
            public void onEpoch(EpochResult result) {
                seen.add(result);
            }
        };
        TrainConfig config = new TrainConfig(3, 32, 0.1, 7, 100, 50);
        List<EpochResult> results = new Trainer(config, data(500), data(300), listener).run(fake(), 1);
        assertEquals(seen, results);
        assertEquals(List.of(1, 2, 3), results.stream().map(EpochResult::epoch).toList());
        assertEquals(4, results.get(0).steps(), "100 images in batches of 32: 3 full + 1 partial");
        assertEquals(12, stepEvents.size());
        // the fake predicts every other image right; 50 test images
        assertEquals(0.5, results.get(2).testAccuracy(), 1e-12);
        // the fake's loss is 2.3 exp(-0.01 step): steps 1..4 in epoch 1
        double mean = 0;
        for (int s = 1; s <= 4; s++) {
            mean += 2.3 * Math.exp(-0.01 * s) / 4;
        }
        assertEquals(mean, results.get(0).trainLoss(), 1e-6);
        // train accuracy from the steps' logits: the fake is right on even batch positions (32, 32, 32, 4 images)
        assertEquals(50.0 / 100, results.get(0).trainAccuracy(), 1e-12);
        assertTrue(results.get(1).trainLoss() < results.get(0).trainLoss());
    }

    /** A stop request (Ctrl-C, SIGTERM) ends training after the step in progress, with the epochs before it kept. */
    @Test
    void aStopRequestEndsTrainingBetweenTwoSteps() {
        List<EpochResult> finished = new ArrayList<>();
        List<Integer> steps = new ArrayList<>();
        Trainer.Listener listener = new Trainer.Listener() {
            @Override
            public void onStep(int epoch, int step, int stepsPerEpoch, float loss, double imagesPerSecond) {
                steps.add(step);
                if (epoch == 2 && step == 2) {
                    assertTrue(StopRequest.request("SIGTERM"));
                    assertFalse(StopRequest.request("SIGINT"), "a request is made once");
                }
            }

            @Override
            public void onEpoch(EpochResult result) {
                finished.add(result);
            }
        };
        try {
            TrainingStoppedException e = assertThrows(TrainingStoppedException.class, () ->
                    new Trainer(new TrainConfig(3, 25, 0.1, 7, 100, 50), data(100), data(50), listener).run(fake(), 1));
            assertEquals("interrupted by SIGTERM in epoch 2 (after step 2 of 4); epoch 1 is kept", e.getMessage());
            assertEquals(2, e.epoch());
            assertEquals(List.of(1), finished.stream().map(EpochResult::epoch).toList());
            assertEquals(List.of(1, 2, 3, 4, 1, 2), steps, "no step after the request");
            assertEquals(143, StopRequest.exitStatus());
        } finally {
            StopRequest.clear();
        }
    }

    /** A stop request during an evaluation ends it between two batches: that epoch is not kept. */
    @Test
    void aStopRequestEndsAnEvaluationBetweenTwoBatches() {
        int[] evaluated = {0};
        Model stopping = recording(fake(), seed -> { }, dropout -> { }, batch -> {
            evaluated[0]++;
            StopRequest.request("SIGINT"); // while the first evaluation batch is computed
        });
        try {
            TrainingStoppedException e = assertThrows(TrainingStoppedException.class, () ->
                    new Trainer(new TrainConfig(2, 25, 0.1, 7, 100, 50), data(100), data(50), null).run(stopping, 1));
            assertEquals("interrupted by SIGINT in epoch 1 (after step 4 of 4); no epoch had finished", e.getMessage());
            assertEquals(1, evaluated[0], "the evaluation stopped after the batch in progress");
            assertEquals(130, StopRequest.exitStatus());
        } finally {
            StopRequest.clear();
        }
    }

    @Test
    void resumingStartsAtTheGivenEpoch() {
        TrainConfig config = new TrainConfig(3, 50, 0.1, 7, 100, 50);
        List<EpochResult> results = new Trainer(config, data(100), data(50), null).run(fake(), 3);
        assertEquals(1, results.size());
        assertEquals(3, results.get(0).epoch());
    }

    /**
     * A model's own preparation for each batch size (a check of the engine) comes before the epoch's clock starts, so
     * that an epoch's time is the engine's steps alone.
     */
    @Test
    void everyBatchSizeIsPreparedBeforeTheEpochsFirstStep() {
        List<String> calls = new ArrayList<>();
        Model recording = recording(fake(), seed -> { }, (batch, dropout) -> calls.add("step " + batch.size()),
                batch -> { }, size -> calls.add("prepare " + size));
        new Trainer(new TrainConfig(1, 40, 0.1, 7, 100, 50), data(100), data(50), null).run(recording, 1);
        assertEquals(List.of("prepare 40", "prepare 20", "step 40", "step 40", "step 20"), calls);
    }

    /** Each epoch's dropout seed depends on the run's seed and the epoch alone, so a resumed run draws the same. */
    @Test
    void reseedsTheModelAtEveryEpochFromTheRunSeedAndTheEpoch() {
        List<Long> seeds = new ArrayList<>();
        Model model = fake();
        Model recording = recording(model, seeds::add, dropout -> { });
        TrainConfig config = new TrainConfig(3, 50, 0.1, 7, 100, 50);
        new Trainer(config, data(100), data(50), null).run(recording, 2);
        assertEquals(List.of(Trainer.dropoutSeed(7, 2), Trainer.dropoutSeed(7, 3)), seeds);
        SplittableRandom stream = new SplittableRandom(7 ^ Trainer.DROPOUT_STREAM);
        assertEquals(stream.nextLong(), Trainer.dropoutSeed(7, 1));
        assertEquals(stream.nextLong(), Trainer.dropoutSeed(7, 2));
        assertTrue(Trainer.dropoutSeed(7, 1) != Trainer.dropoutSeed(8, 1));
    }

    /** Shared masks by default, each step's own (epoch, step) 1-based; the engine's own when the run asks for them. */
    @Test
    void eachStepGetsTheSharedMasksOfItsEpochAndStepOrTheEnginesOwn() {
        for (DropoutMode mode : DropoutMode.values()) {
            List<StepDropout> given = new ArrayList<>();
            Model model = fake();
            Model recording = recording(model, seed -> { }, given::add);
            TrainConfig config = new TrainConfig(2, 50, 0.1, 7, 100, 50, mode);
            new Trainer(config, data(100), data(50), null).run(recording, 1);
            List<StepDropout> want = mode == DropoutMode.SHARED
                    ? List.of(StepDropout.shared(7, 1, 1), StepDropout.shared(7, 1, 2), StepDropout.shared(7, 2, 1),
                            StepDropout.shared(7, 2, 2))
                    : List.of(StepDropout.ENGINE, StepDropout.ENGINE, StepDropout.ENGINE, StepDropout.ENGINE);
            assertEquals(want, given, mode.label());
        }
        assertEquals(DropoutMode.SHARED, new TrainConfig(1, 32, 0.1, 1, 0, 0).dropout(), "shared is the default");
        assertEquals(DropoutMode.ENGINE, new TrainConfig(1, 32, 0.1, 1, 0, 0, null).dropout(),
                "a record from before shared masks used the engine's own");
    }

    @Test
    void divergingLossStopsWithAClearMessageAndKeepsFinishedEpochs() {
        System.setProperty("ninbench.fake", "nan");
        List<EpochResult> seen = new ArrayList<>();
        Trainer.Listener listener = new Trainer.Listener() {
            @Override
            public void onEpoch(EpochResult result) {
                seen.add(result);
            }
        };
        TrainConfig config = new TrainConfig(3, 50, 0.1, 7, 100, 50);
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> new Trainer(config, data(100), data(50), listener).run(fake(), 1));
        assertTrue(e.getMessage().startsWith("training diverged: loss is NaN at epoch 2, step 1 of 2: a loss that grew"
                + " step by step points at the learning rate (was 0.1), a normal loss followed by NaN at the engine"),
                e.getMessage());
        assertEquals(1, seen.size());
    }

    @Test
    void crossEntropyIsStableAndExact() {
        float[] logits = {1000f, 0f, 0f};
        assertEquals(0.0, Evaluation.crossEntropy(logits, 0, 3, 0), 1e-9);
        assertEquals(1000.0, Evaluation.crossEntropy(logits, 0, 3, 1), 1e-9);
        float[] uniform = {0f, 0f, 0f, 0f};
        assertEquals(Math.log(4), Evaluation.crossEntropy(uniform, 0, 4, 2), 1e-12);
    }

    @Test
    void configRejectsImpossibleValues() {
        assertThrows(IllegalArgumentException.class, () -> new TrainConfig(0, 32, 0.1, 1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new TrainConfig(1, 0, 0.1, 1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new TrainConfig(1, 32, -1, 1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new TrainConfig(1, 32, 0.1, 1, -5, 0));
    }
}
