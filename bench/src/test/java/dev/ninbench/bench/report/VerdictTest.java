package dev.ninbench.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ninbench.bench.results.MedianInterval;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one rule that turns an interval into a word, and the accuracy statistic it judges. */
class VerdictTest {
    private static MedianInterval ratio(double median, double low, double high) {
        return new MedianInterval(median, low, high, 0.979, 10);
    }

    @Test
    void aRatioIsFasterOrSlowerOnlyWhenItsWholeIntervalSaysSo() {
        assertEquals("faster than", Verdict.speed(ratio(1.10, 1.02, 1.20)));
        assertEquals("slower than", Verdict.speed(ratio(0.88, 0.83, 0.95)));
        // DL4J's 1.04x [0.96-1.20]: its median is above 1, its interval is not
        assertEquals("level with", Verdict.speed(ratio(1.04, 0.96, 1.20)));
        assertEquals("level with", Verdict.speed(ratio(0.99, 0.90, 1.00)));
        assertEquals("measured once against", Verdict.speed(MedianInterval.single(1.3)));
    }

    @Test
    void aTargetIsMetOnlyWhenTheIntervalClearsIt() {
        assertEquals("meets", Verdict.target(ratio(0.95, 0.90, 1.0), 0.85));
        // DJL's 0.86x [0.68-0.90] against 0.85: not met, not missed
        assertEquals("is undecided on", Verdict.target(ratio(0.86, 0.68, 0.90), 0.85));
        assertEquals("misses", Verdict.target(ratio(0.45, 0.43, 0.49), 0.85));
    }

    @Test
    void pairedDifferencesGiveStudentsIntervalOverTheSeeds() {
        // differences 0.01, 0.03, 0.02: mean 0.02, sd 0.01, t(0.975, 2) = 4.303 -> half width 0.02484
        AccuracyDifference d = AccuracyDifference.of(Map.of(1L, 0.81, 2L, 0.73, 3L, 0.77),
                Map.of(1L, 0.80, 2L, 0.70, 3L, 0.75));
        assertEquals(AccuracyDifference.Method.PAIRED, d.method());
        assertEquals(0.02, d.mean(), 1e-12);
        assertEquals(0.02 - 0.024841, d.low(), 1e-5);
        assertEquals(0.02 + 0.024841, d.high(), 1e-5);
        assertEquals("undecided against", Verdict.accuracy(d, 0.02));
        // to exclude 0 at this mean and spread: t(n-1) * 0.01 / sqrt(n) < 0.02 first holds at n = 4
        assertEquals(4, d.seedsToDecide(0.02).getAsInt());
        // the rows end alike seed by seed, so pairing narrows the interval: unpaired (Welch, sd 0.04 and 0.05 over 3
        // seeds each, df 3.8) it is about four times as wide
        AccuracyDifference unpaired = AccuracyDifference.unpaired(Map.of(1L, 0.81, 2L, 0.73, 3L, 0.77),
                Map.of(1L, 0.80, 2L, 0.70, 3L, 0.75));
        assertEquals(AccuracyDifference.Method.WELCH, unpaired.method());
        assertEquals(0.024841, d.halfWidth(), 1e-5);
        assertTrue(unpaired.halfWidth() > 0.09 && unpaired.halfWidth() < 0.12, String.valueOf(unpaired.halfWidth()));
        assertEquals(List.of(d), AccuracyDifference.ofRows(List.of(Map.of(1L, 0.81, 2L, 0.73, 3L, 0.77)),
                Map.of(1L, 0.80, 2L, 0.70, 3L, 0.75)));
    }

    @Test
    void rowsOfOneSeedThatEndNoMoreAlikeThanRowsOfTwoAreComparedUnpairedAllOfThem() {
        // the seed study's seeds 1-3: PyTorch falls from seed to seed, TensorFlow rises; DJL's own order
        Map<Long, Double> pytorch = Map.of(1L, 0.7971, 2L, 0.7316, 3L, 0.6811);
        Map<Long, Double> djl = Map.of(1L, 0.8345, 2L, 0.7237, 3L, 0.7845);
        Map<Long, Double> tf = Map.of(1L, 0.7158, 2L, 0.7353, 3L, 0.7782);
        List<AccuracyDifference> rows = AccuracyDifference.ofRows(List.of(djl, tf), pytorch);
        assertEquals(List.of(AccuracyDifference.Method.WELCH, AccuracyDifference.Method.WELCH),
                rows.stream().map(AccuracyDifference::method).toList());
        // pairing widens both (DJL ±0.139 against ±0.129 unpaired, TensorFlow ±0.222 against ±0.120); the means stay
        assertTrue(AccuracyDifference.of(tf, pytorch).halfWidth() > rows.get(1).halfWidth());
        assertEquals(AccuracyDifference.of(tf, pytorch).mean(), rows.get(1).mean(), 1e-12);
    }

    @Test
    void theAccuracyWordFollowsTheIntervalAndTheMargin() {
        AccuracyDifference inside = new AccuracyDifference(0.001, -0.012, 0.014, 0.01, 8, AccuracyDifference.Method.PAIRED);
        AccuracyDifference below = new AccuracyDifference(-0.05, -0.08, -0.02, 0.02, 8, AccuracyDifference.Method.PAIRED);
        AccuracyDifference wide = new AccuracyDifference(0.0, -0.06, 0.06, 0.05, 5, AccuracyDifference.Method.PAIRED);
        assertEquals("as accurate as", Verdict.accuracy(inside, 0.02));
        assertEquals("less accurate than", Verdict.accuracy(below, 0.02));
        assertEquals("undecided against", Verdict.accuracy(wide, 0.02));
    }

    @Test
    void unpairedSeedsFallBackToWelchAndOneSeedHasNoInterval() {
        AccuracyDifference welch = AccuracyDifference.of(Map.of(1L, 0.716, 2L, 0.735, 3L, 0.778),
                Map.of(1L, 0.797, 2L, 0.732, 5L, 0.75));
        assertEquals(AccuracyDifference.Method.WELCH, welch.method());
        assertTrue(welch.low() < welch.mean() && welch.mean() < welch.high());
        AccuracyDifference one = AccuracyDifference.of(Map.of(1L, 0.835), Map.of(1L, 0.797, 2L, 0.732));
        assertFalse(one.hasInterval());
        assertEquals("undecided against", Verdict.accuracy(one, 0.02));
        assertTrue(one.seedsToDecide(0.02).isEmpty());
    }
}
