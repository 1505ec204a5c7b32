package dev.ninbench.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.ninbench.core.engine.ModelOptions;
import dev.ninbench.core.engine.TestDevice;
import dev.ninbench.core.spec.NinSpec;
import dev.ninbench.core.weights.XavierInit;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The engine-side resize against PyTorch's bilinear with {@code align_corners=False}, computed by hand here. */
class ResizeTest {
    private static NDManager manager;

    @BeforeAll
    static void engine() {
        TestDevice.assumeCpuRun();
        manager = DjlBackend.pytorch(1).newBaseManager(Device.cpu());
    }

    @AfterAll
    static void release() {
        if (manager != null) {
            manager.close();
        }
    }

    @Test
    void twoByTwoToFourByFourMatchesTorchsKnownOutput() {
        // torch.nn.functional.interpolate(torch.tensor([[[[0., 1.], [2., 3.]]]]), size=(4, 4), mode="bilinear")
        float[] expected = {
            0.0f, 0.25f, 0.75f, 1.0f,
            0.5f, 0.75f, 1.25f, 1.5f,
            1.5f, 1.75f, 2.25f, 2.5f,
            2.0f, 2.25f, 2.75f, 3.0f};
        assertArrayEquals(expected, resize(new float[] {0, 1, 2, 3}, 1, 2, 4), 0f);
        assertArrayEquals(expected, bilinear(new float[] {0, 1, 2, 3}, 1, 2, 4), 0f);
    }

    @Test
    void upAndDownFrom28MatchTheHandComputedBilinear() {
        float[] images = new float[3 * 28 * 28];
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < images.length; i++) {
            images[i] = (float) random.nextDouble();
        }
        for (int side : new int[] {32, 68, 96, 224}) {
            // torch computes scale, source index, weights and sums in float, this reference in double: a few ulps
            assertArrayEquals(bilinear(images, 3, 28, side), resize(images, 3, 28, side), 2e-6f, "28 -> " + side);
        }
        assertArrayEquals(images, resize(images, 3, 28, 28), 0f, "same size is the identity");
    }

    @Test
    void shrinkingIsRefusedBecauseTheEngineWouldAntialias() {
        // what DJL's interpolate does when it shrinks: 4 -> 2 weighs 3 pixels per axis (antialiased), where
        // PyTorch's F.interpolate default gives 0.5 * (x0 + x1) per axis = 2.5 at the first pixel
        float[] ramp = new float[16];
        for (int i = 0; i < ramp.length; i++) {
            ramp[i] = i;
        }
        assertEquals(2.5f, bilinear(ramp, 1, 4, 2)[0]);
        assertEquals(25 / 7f, resize(ramp, 1, 4, 2)[0], 1e-6f);
        NinSpec small = NinSpec.tiny().withInputSide(24);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                new DjlBackend().open(small, XavierInit.init(small, 1), ModelOptions.defaults()));
        assertTrue(e.getMessage().contains("up only"), e.getMessage());
    }

    private static float[] resize(float[] images, int n, int from, int to) {
        try (NDManager step = manager.newSubManager()) {
            NDArray x = step.create(images, new Shape(n, 1, from, from));
            NDArray y = DjlModel.resize(x, to);
            assertEquals(new Shape(n, 1, to, to), y.getShape());
            return y.toFloatArray();
        }
    }

    /** PyTorch's upsample_bilinear2d, align_corners=False: source = (dst + 0.5) * in/out - 0.5, clamped at 0. */
    static float[] bilinear(float[] images, int n, int from, int to) {
        float[] out = new float[n * to * to];
        double scale = (double) from / to;
        for (int i = 0; i < n; i++) {
            for (int y = 0; y < to; y++) {
                double sy = Math.max((y + 0.5) * scale - 0.5, 0);
                int y0 = (int) sy;
                int y1 = Math.min(y0 + 1, from - 1);
                double ly = sy - y0;
                for (int x = 0; x < to; x++) {
                    double sx = Math.max((x + 0.5) * scale - 0.5, 0);
                    int x0 = (int) sx;
                    int x1 = Math.min(x0 + 1, from - 1);
                    double lx = sx - x0;
                    int base = i * from * from;
                    double top = images[base + y0 * from + x0] * (1 - lx) + images[base + y0 * from + x1] * lx;
                    double bottom = images[base + y1 * from + x0] * (1 - lx) + images[base + y1 * from + x1] * lx;
                    out[i * to * to + y * to + x] = (float) (top * (1 - ly) + bottom * ly);
                }
            }
        }
        return out;
    }
}
