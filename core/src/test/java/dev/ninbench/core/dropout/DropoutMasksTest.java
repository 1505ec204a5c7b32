package dev.ninbench.core.dropout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DropoutMasksTest {
    /**
     * The same draws as bench's nin_reference.py makes with numpy (printed there by {@code shared_mask(...)}, one
     * character per element, 1 = kept): the documented function, not just this implementation, is what is pinned.
     */
    @Test
    void drawsWhatThePythonImplementationDraws() {
        assertEquals(0x43208d2dda523780L, DropoutMasks.key(-7, 3, 17, 6));
        assertEquals(0x402bba222d03df5dL, DropoutMasks.key(42, 1, 1, 6));
        assertEquals("0000110101001101100000010110101110111011111010001100001011000101",
                bits(DropoutMasks.mask(-7, 3, 17, 6, 0.5, 64)));
        assertEquals("0110111001101100001111010111010011101101010010111111001110111111",
                bits(DropoutMasks.mask(123456789, 2, 469, 6, 0.3, 64)));
        assertEquals("10010000", bits(DropoutMasks.mask(42, 1, 1, 6, 0.5, 8)));
    }

    @Test
    void keptValuesAreScaledAndAboutOneMinusPAreKept() {
        float[] mask = DropoutMasks.mask(1, 1, 1, 6, 0.5, 100_000);
        long kept = 0;
        for (float v : mask) {
            assertTrue(v == 0f || v == 2f, "value " + v);
            kept += v > 0 ? 1 : 0;
        }
        assertEquals(0.5, kept / 100_000.0, 0.01);
        float[] light = DropoutMasks.mask(1, 1, 1, 6, 0.1, 100_000);
        assertEquals(0.9, count(light) / 100_000.0, 0.01);
        assertEquals((float) (1 / 0.9), max(light));
        assertEquals(100_000, count(DropoutMasks.mask(1, 1, 1, 6, 0, 100_000)), "p = 0 keeps everything");
    }

    @Test
    void aMaskIsAPureFunctionOfSeedEpochStepAndLayer() {
        float[] a = DropoutMasks.mask(42, 2, 7, 6, 0.5, 512);
        assertArrayEquals(a, DropoutMasks.mask(42, 2, 7, 6, 0.5, 512));
        assertFalse(Arrays.equals(a, DropoutMasks.mask(43, 2, 7, 6, 0.5, 512)), "seed");
        assertFalse(Arrays.equals(a, DropoutMasks.mask(42, 3, 7, 6, 0.5, 512)), "epoch");
        assertFalse(Arrays.equals(a, DropoutMasks.mask(42, 2, 8, 6, 0.5, 512)), "step");
        assertFalse(Arrays.equals(a, DropoutMasks.mask(42, 2, 7, 5, 0.5, 512)), "layer");
        // a shorter batch (the last one of an epoch) gets the leading part of the same draw
        assertArrayEquals(Arrays.copyOf(a, 100), DropoutMasks.mask(42, 2, 7, 6, 0.5, 100));
    }

    @Test
    void nhwcHoldsTheSameDrawPerElement() {
        int n = 2, c = 3, h = 2, w = 5;
        float[] nchw = DropoutMasks.mask(9, 1, 1, 6, 0.5, n * c * h * w);
        float[] nhwc = DropoutMasks.maskNhwc(9, 1, 1, 6, 0.5, n, c, h, w);
        for (int b = 0; b < n; b++) {
            for (int ch = 0; ch < c; ch++) {
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        assertEquals(nchw[((b * c + ch) * h + y) * w + x], nhwc[((b * h + y) * w + x) * c + ch]);
                    }
                }
            }
        }
    }

    @Test
    void badArgumentsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> DropoutMasks.mask(1, 0, 1, 6, 0.5, 4));
        assertThrows(IllegalArgumentException.class, () -> DropoutMasks.mask(1, 1, 0, 6, 0.5, 4));
        assertThrows(IllegalArgumentException.class, () -> DropoutMasks.mask(1, 1, 1, 6, 1.0, 4));
    }

    private static String bits(float[] mask) {
        StringBuilder sb = new StringBuilder();
        for (float v : mask) {
            sb.append(v > 0 ? '1' : '0');
        }
        return sb.toString();
    }

    private static long count(float[] mask) {
        long kept = 0;
        for (float v : mask) {
            kept += v > 0 ? 1 : 0;
        }
        return kept;
    }

    private static float max(float[] mask) {
        float m = 0;
        for (float v : mask) {
            m = Math.max(m, v);
        }
        return m;
    }
}
