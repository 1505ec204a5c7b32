package dev.ninbench.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ninbench.core.data.Batch;
import dev.ninbench.core.engine.Device;
import dev.ninbench.core.engine.ModelOptions;
import java.util.SplittableRandom;
import java.util.function.IntSupplier;

/** Seeded batches for this module's own tests (weights come from core's XavierInit). */
final class Fixtures {
    /** One thread: these nets are tiny, and a second OpenMP thread only waits on a busy 2-core machine. */
    static final ModelOptions ONE_THREAD = new ModelOptions(0.1, 7, 1, Device.CPU);

    private Fixtures() {
    }

    /** {@code n} noisy images whose brightness tells their label: a batch a few SGD steps can learn. */
    static Batch learnableBatch(int n, long seed) {
        Batch noise = randomBatch(n, seed);
        float[] images = noise.images();
        for (int i = 0; i < images.length; i++) {
            images[i] = 0.8f * noise.labels()[i / Batch.PIXELS] / 9 + 0.2f * images[i];
        }
        return noise;
    }

    /** {@code n} images of uniform noise in [0, 1] with labels 0..9. */
    static Batch randomBatch(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] images = new float[n * Batch.PIXELS];
        for (int i = 0; i < images.length; i++) {
            images[i] = (float) random.nextDouble();
        }
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = random.nextInt(10);
        }
        return new Batch(n, images, labels);
    }

    /**
     * Runs {@code steps} once, then five times more, and checks that {@code live} (a model's count of native tensors)
     * is the same after them as after the first: tensors must not pile up step after step. Returns that count.
     */
    static int liveArraysStayTheSame(Runnable steps, IntSupplier live) {
        steps.run();
        int first = live.getAsInt();
        for (int i = 0; i < 5; i++) {
            steps.run();
        }
        assertEquals(first, live.getAsInt(), "native tensors must not pile up step after step");
        return first;
    }
}
