package dev.ninbench.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class PlateauEscapeTest {
    @Test
    void theEscapeIsTheFirstFullWindowWhoseMeanLossIsBelowTheLine() {
        // 30 steps at 2.30, then a drop to 1.0: the 20-step mean first falls below 2.2 once 2 drops are in the window
        double[] steps = new double[60];
        double[] loss = new double[60];
        for (int i = 0; i < 60; i++) {
            steps[i] = i + 1;
            loss[i] = i < 30 ? 2.30 : 1.0;
        }
        RunSteps.StepCurve smoothed = new RunSteps.StepCurve(steps, RunSteps.movingAverage(loss, RunSteps.SMOOTHING_STEPS));
        // (18 x 2.30 + 2 x 1.0) / 20 = 2.17 at step 32; one drop: (19 x 2.30 + 1.0) / 20 = 2.235
        assertEquals(OptionalInt.of(32), PlateauEscape.escapeStep(smoothed));
    }

    @Test
    void aRunThatNeverLeavesThePlateauHasNoEscapeAndAnEarlyDipIsNotOne() {
        double[] steps = new double[40];
        double[] loss = new double[40];
        for (int i = 0; i < 40; i++) {
            steps[i] = i + 1;
            loss[i] = i == 0 ? 0.5 : 2.30; // the first window is not full: its mean is no escape
        }
        RunSteps.StepCurve smoothed = new RunSteps.StepCurve(steps, RunSteps.movingAverage(loss, RunSteps.SMOOTHING_STEPS));
        assertTrue(PlateauEscape.escapeStep(smoothed).isEmpty());
    }
}
