package dev.ninbench.bench.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ninbench.core.spec.NinSpec;
import org.junit.jupiter.api.Test;

class MemoryEstimateTest {
    @Test
    void countsEveryActivationOfABatch() {
        NinSpec spec = NinSpec.d2l(96);
        // 96x96 input; block 1: 3 x 96x22x22; pool 96x10x10; block 2: 3 x 256x10x10; pool 256x4x4;
        // block 3: 3 x 384x4x4; pool 384x1x1; dropout 384; block 4: 3 x 10x1x1
        long perImage = 96 * 96 + 3 * 96 * 22 * 22 + 96 * 10 * 10 + 3 * 256 * 10 * 10 + 256 * 4 * 4 + 3 * 384 * 4 * 4
                + 384 + 384 + 3 * 10;
        assertEquals(perImage, spec.activationElementsPerImage());
        assertEquals(3L * 4 * (128 * perImage + 1_992_166), MemoryEstimate.trainingBytes(spec, 128));
    }

    @Test
    void theProfilesFitHereAndAnInputSideOf5000DoesNot() {
        assertTrue(MemoryEstimate.trainingBytes(NinSpec.d2l(224), 128) < 4L << 30, "the d2l profile");
        MemoryEstimate.check(NinSpec.d2l(96), 128);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MemoryEstimate.check(NinSpec.d2l(5000), 128));
        assertTrue(e.getMessage().contains("GiB available here") && e.getMessage().contains("at batch 128"),
                e.getMessage());
    }
}
