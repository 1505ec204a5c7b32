package dev.ninbench.djl;

import dev.ninbench.core.data.Batch;
import dev.ninbench.core.spec.NinSpec;
import dev.ninbench.core.spec.ParamShape;
import dev.ninbench.core.weights.NinWeights;
import dev.ninbench.core.weights.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/** Seeded weights and batches for this module's own tests (core's XavierInit may not exist yet). */
final class Fixtures {
    private Fixtures() {
    }

    /** Xavier-uniform weights and PyTorch-default uniform biases, from a fixed seed. */
    static NinWeights randomWeights(NinSpec spec, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (ParamShape p : spec.parameters()) {
            double bound = p.bias() ? 1 / Math.sqrt(p.fanIn()) : Math.sqrt(6.0 / (p.fanIn() + p.fanOut()));
            float[] data = new float[p.elements()];
            for (int i = 0; i < data.length; i++) {
                data[i] = (float) random.nextDouble(-bound, bound);
            }
            tensors.put(p.name(), new Tensor(p.shape(), data));
        }
        return NinWeights.of(spec, tensors);
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
