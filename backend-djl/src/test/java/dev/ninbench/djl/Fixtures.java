package dev.ninbench.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ninbench.core.data.Batch;
import dev.ninbench.core.engine.Device;
import dev.ninbench.core.engine.ModelOptions;
import dev.ninbench.core.spec.Layer;
import dev.ninbench.core.spec.NinSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;

/** Seeded batches for this module's own tests (weights come from core's XavierInit). */
final class Fixtures {
    /** One thread: these nets are tiny, and a second OpenMP thread only waits on a busy 2-core machine. */
    static final ModelOptions ONE_THREAD = new ModelOptions(0.1, 7, 1, Device.CPU);

    /**
     * The tiny net with 16 classes, for tests of how a model manages memory rather than of its values: its last
     * convolution has 16 output channels, not 10, a shape libtorch's NCHW backward computes right on Zen 5 too, so
     * {@code djl-idiomatic} trains it on every CPU ({@link ConvolutionGradientCheck}).
     */
    static final NinSpec TINY_16_CLASSES = withClasses(NinSpec.tiny(), 16);

    private Fixtures() {
    }

    /** {@code spec} with {@code classes} classes: its last nin block's channels changed to match. */
    private static NinSpec withClasses(NinSpec spec, int classes) {
        List<Layer> layers = new ArrayList<>(spec.layers());
        Layer.NinBlock last = (Layer.NinBlock) layers.get(layers.size() - 1);
        layers.set(layers.size() - 1, new Layer.NinBlock(classes, last.kernel(), last.stride(), last.padding()));
        return new NinSpec(spec.name() + "-" + classes, spec.inChannels(), spec.inputSide(), classes, layers);
    }

    /** {@code n} noisy images whose brightness tells their label: a batch a few SGD steps can learn. */
    static Batch learnableBatch(int n, long seed) {
        Batch noise = Batch.noise(n, seed);
        float[] images = noise.images();
        for (int i = 0; i < images.length; i++) {
            images[i] = 0.8f * noise.labels()[i / Batch.PIXELS] / 9 + 0.2f * images[i];
        }
        return noise;
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
