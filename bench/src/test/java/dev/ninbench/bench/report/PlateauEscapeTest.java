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

    @Test
    void theCorrelationHasFishersIntervalAndAVerdictOnlyWhenTheIntervalExcludesZero() {
        // r = 0.8 over 5 points: atanh 0.8 = 1.0986 +- 1.96 / sqrt 2 gives [-0.28, 0.99] (R's cor.test says the same)
        String weak = PlateauEscape.correlation(new double[] {1, 2, 3, 4, 5}, new double[] {2, 1, 4, 3, 5}, 5);
        assertEquals("Pearson's r = 0.80, 95 % interval [-0.28, 0.99] (Fisher's z; r^2 = 0.64): no link shown.", weak);
        double[] x = new double[12];
        double[] y = new double[12];
        for (int i = 0; i < 12; i++) {
            x[i] = 300 + 20 * i;
            y[i] = 0.85 - 0.01 * i + (i % 2 == 0 ? 0.004 : -0.004);
        }
        String strong = PlateauEscape.correlation(x, y, 12);
        assertTrue(strong.endsWith("final accuracy falls with the escape step."), strong);
        // the same 12 runs from 4 seeds: the seeds' interval is wide, but this r is strong enough for both
        assertTrue(PlateauEscape.correlation(x, y, 4).endsWith("final accuracy falls with the escape step."));
    }

    @Test
    void runsSharingSeedsGetBothIntervalsAndALinkOnlyWhenBothExcludeZero() {
        // r = 0.51 over 20 runs of 5 seeds: [0.09, 0.78] by run, [-0.68, 0.96] by seed
        double r = 0.51;
        double[] byRun = PlateauEscape.fisherInterval(r, 20);
        double[] bySeed = PlateauEscape.fisherInterval(r, 5);
        assertEquals(0.09, byRun[0], 0.005);
        assertEquals(-0.68, bySeed[0], 0.005);
        double[] x = {1, 2, 3, 4, 5, 6, 7, 8};
        double[] y = {1, 3, 2, 5, 4, 7, 6, 8};
        String text = PlateauEscape.correlation(x, y, 2);
        assertTrue(text.contains("counting every run as independent, none counting only its 2 seeds (too few)"), text);
        assertTrue(text.endsWith("no link shown."), text);
    }

    @Test
    void threeRunsGiveNoIntervalAndSaySo() {
        String three = PlateauEscape.correlation(new double[] {400, 450, 500}, new double[] {0.70, 0.75, 0.81}, 3);
        assertTrue(three.startsWith("Pearson's r = 1.00, too few runs for an interval"), three);
        assertEquals("no correlation: every run has the same escape step or the same final accuracy.",
                PlateauEscape.correlation(new double[] {400, 400, 400, 400}, new double[] {0.7, 0.8, 0.75, 0.72}, 4));
    }
}
