package dev.ninbench.bench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Medians of rounds, their order-statistic intervals, and the ratios and rows made from them. */
class MedianIntervalTest {
    @Test
    void fiveRoundsGiveTheirRangeAtNinetyFourPercent() {
        MedianInterval m = MedianInterval.of(List.of(3.0, 1.0, 5.0, 2.0, 4.0));
        assertEquals(new MedianInterval(3, 1, 5, 1 - 2.0 / 32, 5), m);
        assertEquals("3.0 [1.0-5.0]", m.format(1));
        assertEquals("3.00x [1.00-5.00]", m.formatRatio());
        assertEquals("median of 5 rounds, [ ] its order-statistic interval at 93.8 %", m.describe());
    }

    @Test
    void moreRoundsDropTheExtremesWhileTheCoverageStaysAboveNinetyPercent() {
        // 8 rounds: [x(2), x(7)] holds the median with 1 - 2 (1 + 8) / 256 = 93.0 %; [x(3), x(6)] only 71 %
        MedianInterval m = MedianInterval.of(List.of(1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 100.0));
        assertEquals(4.5, m.median(), 1e-12);
        assertEquals(2, m.low(), 1e-12);
        assertEquals(7, m.high(), 1e-12);
        assertEquals(1 - 2 * 9.0 / 256, m.coverage(), 1e-12);
    }

    @Test
    void fewRoundsGiveTheirRangeWithItsLowerCoverageAndMissingRoundsAreLeftOut() {
        MedianInterval m = MedianInterval.of(Arrays.asList(2.0, Double.NaN, 4.0, null, 3.0));
        assertEquals(new MedianInterval(3, 2, 4, 0.75, 3), m);
        assertTrue(MedianInterval.of(List.of(7.0)).formatRatio().equals("7.00x"));
        assertNull(MedianInterval.of(List.of(Double.NaN)));
    }

    @Test
    void aRatioIsTheMedianOfPerRoundRatiosSoASlowMinuteCostsOneRound() {
        // round 3 was a slow minute for the engine alone: its per-round ratio is an outlier, not the result
        ThroughputRow engine = rounds(10, 10, 5, 10, 10);
        ThroughputRow torch = rounds(5, 5.2, 5, 4.9, 5);
        MedianInterval r = Ratios.ratio(engine, torch);
        assertEquals(2.0, r.median(), 1e-12);
        assertEquals(1.0, r.low(), 1e-12);
        assertEquals(10 / 4.9, r.high(), 1e-12);
        // rows measured in one go: the ratio of the scores, no interval
        ThroughputRow once = new ThroughputRow(ThroughputRow.TRAIN, 64, 96, 4, 0.1, -1, 0);
        assertEquals("2.50x", Ratios.ratio(engine, once).formatRatio());
    }

    @Test
    void aRowOfRoundsHasTheirMedianTheirLargestMemoryAndANaNWhereARoundHasNone() {
        ThroughputRow a = new ThroughputRow(ThroughputRow.TRAIN, 64, 96, 2, 0.1, 100, 0);
        ThroughputRow b = new ThroughputRow(ThroughputRow.TRAIN, 64, 96, 4, 0.1, 300, 0);
        ThroughputRow c = new ThroughputRow(ThroughputRow.TRAIN, 64, 96, 3, 0.1, 200, 0);
        ThroughputRow row = ThroughputRow.ofRounds(Arrays.asList(a, null, b, c));
        assertEquals(3, row.opsPerSecond(), 1e-12);
        assertEquals(300, row.peakRssBytes());
        assertTrue(Double.isNaN(row.rounds().get(1)) && row.rounds().size() == 4, row.rounds().toString());
        assertEquals("192.0 [128.0-256.0]", row.formatImagesPerSecond(1));
        assertEquals("[128.0-256.0]", row.formatInterval(1));
        EngineThroughput e = EngineThroughput.ofRounds("x", List.of(
                new EngineThroughput("x", null, List.of(a), null), new EngineThroughput("x", null, List.of(), "crashed"),
                new EngineThroughput("x", null, List.of(b), null)), List.of(), "peak: no sgemm",
                ColdStartRow.of(64, 96, List.of(), "x cold start, run 1 of 3: it died"));
        assertEquals("round 2: crashed; peak: no sgemm; x cold start, run 1 of 3: it died", e.failure());
        assertEquals(List.of(2.0, Double.NaN, 4.0), e.rows().get(0).rounds());
    }

    private static ThroughputRow rounds(double... batchesPerSecond) {
        List<ThroughputRow> perRound = Arrays.stream(batchesPerSecond)
                .mapToObj(b -> new ThroughputRow(ThroughputRow.TRAIN, 64, 96, b, 0.1, -1, 0)).toList();
        return ThroughputRow.ofRounds(perRound);
    }
}
