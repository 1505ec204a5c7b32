package dev.ninbench.bench.results;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How far a figure moved between two runs: the Hodges-Lehmann factor and its rank-test interval. */
class RunToRunTest {
    @Test
    void theMannWhitneyCountsAreTheOrderingsOfTwoSamples() {
        // two against two: the 6 orderings give U = 0, 1, 2, 2, 3, 4
        assertArrayEquals(new double[] {1, 1, 2, 1, 1}, RunToRun.mannWhitneyCounts(2, 2));
        double[] fiveFive = RunToRun.mannWhitneyCounts(5, 5);
        assertEquals(26, fiveFive.length);
        assertEquals(252, java.util.Arrays.stream(fiveFive).sum(), 1e-9); // C(10, 5)
        assertArrayEquals(new double[] {1, 1, 2, 3, 5}, java.util.Arrays.copyOf(fiveFive, 5));
    }

    @Test
    void fiveRoundsAgainstFiveGiveTheFourthToTwentySecondQuotientAtNinetyFourPercent() {
        assertEquals(1 - 2 * 7.0 / 252, RunToRun.coverage(5, 5, 4), 1e-12);
        assertEquals(1 - 2 * 12.0 / 252, RunToRun.coverage(5, 5, 5), 1e-12); // 90.5 %: below the target
        // first: 1..5; second: each 2x, so every quotient is y/x of two of 1..5 times 2
        RunToRun r = RunToRun.of(List.of(1.0, 2.0, 3.0, 4.0, 5.0), List.of(2.0, 4.0, 6.0, 8.0, 10.0));
        assertEquals(2.0, r.factor(), 1e-12); // the median of the 25 quotients: 2 x (j/i), whose median is 1
        // the quotients j/i sorted: 1/5, 1/4, 1/3, 2/5, 1/2, ...: the 4th is 2/5, the 22nd its reciprocal
        assertEquals(2 * 0.4, r.low(), 1e-12);
        assertEquals(2 * 2.5, r.high(), 1e-12);
        assertTrue(r.agrees(), "a 2x shift inside rounds spread 5x is not shown");
        assertEquals(1 - 2 * 7.0 / 252, r.coverage(), 1e-12);
    }

    @Test
    void aShiftBeyondBothRunsSpreadIsShownAndNoShiftIsNot() {
        List<Double> first = List.of(0.95, 1.0, 1.02, 0.98, 1.05);
        RunToRun moved = RunToRun.of(first, List.of(1.25, 1.3, 1.28, 1.33, 1.27));
        assertFalse(moved.agrees(), moved.format());
        assertEquals(1.28, moved.factor(), 0.03);
        RunToRun same = RunToRun.of(first, List.of(1.01, 0.97, 1.04, 0.99, 1.0));
        assertTrue(same.agrees(), same.format());
    }

    @Test
    void fewerThanTwoUsableRoundsInEitherRunGiveNothing() {
        assertNull(RunToRun.of(List.of(1.0), List.of(1.0, 2.0)));
        assertNull(RunToRun.of(List.of(1.0, Double.NaN), List.of(1.0, 2.0)));
    }
}
