package dev.ninbench.djl;

import dev.ninbench.core.data.Batch;
import java.util.SplittableRandom;

/** Seeded batches for this module's own tests (weights come from core's XavierInit). */
final class Fixtures {
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
}
