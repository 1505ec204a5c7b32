package dev.ninbench.engineside;

import dev.ninbench.core.data.Batch;
import dev.ninbench.core.data.Dataset;
import dev.ninbench.core.data.FashionMnist;
import java.util.SplittableRandom;

/**
 * Fashion-MNIST's layout without its files: seeded random 28x28 uint8 images and labels 0..9. The loader's and the
 * training loop's work does not depend on pixel values, so benchmarks of the suite itself run on this.
 */
final class SyntheticData {
    static final int TRAINING_IMAGES = FashionMnist.TRAIN.count();
    static final int TEST_IMAGES = FashionMnist.TEST.count();

    private SyntheticData() {
    }

    static Dataset images(String name, int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] pixels = new byte[count * Batch.PIXELS];
        byte[] labels = new byte[count];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) random.nextInt(256);
        }
        for (int i = 0; i < labels.length; i++) {
            labels[i] = (byte) random.nextInt(10);
        }
        return new Dataset(name, pixels, labels, 28, 28);
    }
}
