package dev.ninbench.tf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ninbench.core.weights.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The OIHW {@literal <->} HWIO permutation, without TensorFlow (pure Java, milliseconds). */
class KernelLayoutTest {
    private static final int[] OIHW = {2, 3, 4, 5};

    @Test
    void everyElementLandsWhereTensorFlowLooksForIt() {
        float[] data = new float[2 * 3 * 4 * 5];
        for (int k = 0; k < data.length; k++) {
            data[k] = k; // the value is its OIHW index
        }
        float[] hwio = KernelLayout.toHwio(new Tensor(OIHW, data));
        assertArrayEquals(new long[] {4, 5, 3, 2}, KernelLayout.hwioShape(OIHW));
        for (int o = 0; o < 2; o++) {
            for (int i = 0; i < 3; i++) {
                for (int y = 0; y < 4; y++) {
                    for (int x = 0; x < 5; x++) {
                        int at = ((y * 5 + x) * 3 + i) * 2 + o;
                        assertEquals(((o * 3 + i) * 4 + y) * 5 + x, hwio[at], "o" + o + " i" + i + " y" + y + " x" + x);
                    }
                }
            }
        }
    }

    @Test
    void roundTripIsBitExact() {
        SplittableRandom random = new SplittableRandom(1);
        float[] data = new float[2 * 3 * 4 * 5];
        for (int k = 0; k < data.length; k++) {
            data[k] = Float.intBitsToFloat(random.nextInt()); // any bit pattern, subnormals and NaN payloads too
        }
        Tensor back = KernelLayout.toOihw(KernelLayout.toHwio(new Tensor(OIHW, data)), OIHW);
        assertArrayEquals(OIHW, back.shape());
        for (int k = 0; k < data.length; k++) {
            assertEquals(Float.floatToRawIntBits(data[k]), Float.floatToRawIntBits(back.data()[k]), "element " + k);
        }
    }

    @Test
    void refusesWhatIsNotAKernel() {
        assertThrows(IllegalArgumentException.class, () -> KernelLayout.hwioShape(new int[] {3}));
        assertThrows(IllegalArgumentException.class, () -> KernelLayout.toOihw(new float[5], OIHW));
    }
}
