package dev.ninbench.core.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ninbench.core.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class KernelTest {
    @Test
    void flopsCountAMultiplyAddAsTwo() {
        assertEquals(2L * 2048 * 2048 * 2048, Kernel.SGEMM.flops());
        assertEquals(17_179_869_184L, Kernel.SGEMM.flops());
        // 64 images x 256 out x 10x10 outputs, each 256 in x 3x3 multiply-adds
        assertEquals(2L * 64 * 256 * 100 * 256 * 9, Kernel.CONV3X3.flops());
        assertEquals(7_549_747_200L, Kernel.CONV3X3.flops());
        assertEquals(7_864_320_000L, Kernel.CONV5X5.flops());
        assertEquals(2 * 3 * 3 * 3, Kernel.sgemm(3).flops());
    }

    @Test
    void namesShapesAndLookup() {
        assertEquals(List.of("sgemm", "conv3x3", "conv5x5"), Kernel.PUBLISHED.stream().map(Kernel::name).toList());
        assertEquals(Kernel.CONV5X5, Kernel.named("conv5x5"));
        assertArrayEquals(new int[] {64, 256, 10, 10}, Kernel.CONV5X5.outputShape());
        assertArrayEquals(new int[] {256, 96, 5, 5}, Kernel.CONV5X5.inputShapes()[1]);
        assertEquals(2, Kernel.CONV5X5.padding());
        assertEquals("conv5x5 batch 64, 96->256 ch, 10x10", Kernel.CONV5X5.describe());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Kernel.named("conv7x7"));
        assertEquals("unknown kernel 'conv7x7'; known: [sgemm, conv3x3, conv5x5]", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Kernel.conv(4, 1, 1, 1, 5));
        assertThrows(IllegalArgumentException.class, () -> new Kernel(Kernel.Kind.SGEMM, 4, 1, 0, 0, 0));
    }

    @Test
    void inputsAreSeededAndInRange() {
        float[][] a = Kernel.conv(3, 2, 3, 4, 5).inputs(7);
        assertEquals(2 * 3 * 25, a[0].length);
        assertEquals(4 * 3 * 9, a[1].length);
        assertArrayEquals(a[1], Kernel.conv(3, 2, 3, 4, 5).inputs(7)[1]);
        for (float v : a[0]) {
            assertEquals(0, v, 1.0);
        }
    }

    @Test
    void roundTripsThroughJsonWithItsDerivedFigures() throws Exception {
        String json = Json.MAPPER.writeValueAsString(Kernel.CONV3X3);
        assertEquals(true, json.contains("\"flops\":7549747200") && json.contains("\"name\":\"conv3x3\""), json);
        assertEquals(Kernel.CONV3X3, Json.MAPPER.readValue(json, Kernel.class));
    }

    @Test
    void theReferenceComputesKnownValues() {
        // [[1,2],[3,4]] x [[5,6],[7,8]] = [[19,22],[43,50]]
        assertArrayEquals(new float[] {19, 22, 43, 50},
                KernelReference.compute(Kernel.sgemm(2), new float[][] {{1, 2, 3, 4}, {5, 6, 7, 8}}));
        // a 3x3 all-ones window over a 3x3 image of ones, zero-padded: corners see 4, edges 6, the middle 9
        float[] ones = {1, 1, 1, 1, 1, 1, 1, 1, 1};
        assertArrayEquals(new float[] {4, 6, 4, 6, 9, 6, 4, 6, 4},
                KernelReference.compute(Kernel.conv(3, 1, 1, 1, 3), new float[][] {ones, ones}));
    }
}
