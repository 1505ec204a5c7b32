package dev.ninbench.bench.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ninbench.core.worker.StepLosses.Step;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The per-step curves: global steps, the moving average and the divergence from PyTorch. */
class RunStepsTest {
    @Test
    void divergenceIsTheAbsoluteDifferenceAtMatchingStepsClampedToTheFloor() {
        List<Step> engine = List.of(new Step(1, 1, 2.0f), new Step(1, 2, 1.5f), new Step(2, 1, 1.0f), new Step(2, 2, 0.5f));
        List<Step> pytorch = List.of(new Step(1, 1, 2.0f), new Step(1, 2, 1.25f), new Step(2, 1, 1.5f));
        RunSteps.StepCurve divergence = RunSteps.divergence(engine, pytorch);
        assertArrayEquals(new double[] {1, 2, 3}, divergence.globalSteps());
        // equal losses are drawn at the floor, not at zero, which a log axis has not
        assertArrayEquals(new double[] {RunSteps.DIVERGENCE_FLOOR, 0.25, 0.5}, divergence.values(), 1e-15);
        assertEquals(1e-9, RunSteps.DIVERGENCE_FLOOR);
        assertEquals("1e-9", RunSteps.floor());

        assertArrayEquals(new double[] {1, 2, 3, 4}, RunSteps.globalSteps(engine));
        assertArrayEquals(new double[] {1, 1.5, 2.5, 3.5, 4.5}, RunSteps.movingAverage(new double[] {1, 2, 3, 4, 5}, 2));
    }
}
