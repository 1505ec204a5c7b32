package dev.ninbench.bench.report;

import static dev.ninbench.bench.report.ReportFixtures.ALPHA;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ninbench.bench.results.EngineThroughput;
import dev.ninbench.core.engine.BackendInfo;
import dev.ninbench.bench.results.MedianInterval;
import dev.ninbench.bench.results.ThroughputRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Two runs in rounds of one machine and profile: does each ratio land inside the other run's interval? */
class RepeatabilityTest {
    @Test
    void eachMedianInsideTheOthersIntervalIsYesMeetingIntervalsAreOverlapApartIsNo() {
        assertEquals("yes", Repeatability.agree(new MedianInterval(1.0, 0.9, 1.1, 0.94, 5),
                new MedianInterval(1.05, 0.95, 1.2, 0.94, 5)));
        assertEquals("overlap", Repeatability.agree(new MedianInterval(1.0, 0.9, 1.1, 0.94, 5),
                new MedianInterval(1.15, 1.05, 1.2, 0.94, 5)));
        assertEquals("no", Repeatability.agree(new MedianInterval(1.0, 0.9, 1.1, 0.94, 5),
                new MedianInterval(1.3, 1.2, 1.4, 0.94, 5)));
    }

    @Test
    void theTwoNewestRunsInRoundsOfAMachineAndProfileAreCompared() {
        List<MeasuredEngine> runs = new ArrayList<>();
        runs.addAll(run("2026-11-30_0900_alpha_throughput-cpu", 2.0, 1.0));  // the engine at 2x PyTorch
        runs.addAll(run("2026-11-30_1000_alpha_throughput-cpu", 2.1, 1.0));  // again, within the noise
        runs.addAll(run("2026-11-30_0800_alpha_throughput-cpu", 9.0, 1.0));  // older: not compared
        String md = Repeatability.markdown(runs);
        assertTrue(md.contains("Runs compared: `2026-11-30_0900_alpha_throughput-cpu` then "
                + "`2026-11-30_1000_alpha_throughput-cpu` (CPU A, 4 cores (alpha), cpu profile)"), md);
        assertTrue(md.contains("| CPU A, 4 cores (alpha) | cpu | djl | train | 64 | x PyTorch | 2.00x [1.80-2.20] "
                + "| 2.10x [1.89-2.31] | yes | 1.05x ["), md);
        // it repeats, so both runs' ten rounds are pooled: median (2.0 + 2.1) / 2, interval their 2nd and 9th
        assertTrue(md.contains("| yes | 2.05x [1.89-2.2"), md);
        assertTrue(md.contains("Of 1 ratios, 1 repeat; 1 have each median inside the other's interval."), md);
        // a run in one go has no intervals to compare: nothing
        assertEquals("", Repeatability.markdown(List.of(new MeasuredEngine(ALPHA, "r", "cpu", "2026-11-30",
                new EngineThroughput("djl", null, List.of(new ThroughputRow("train", 64, 96, 1, 0.1, -1, 0)), null), 2))));
    }

    @Test
    void aRatioThatMovedByMoreThanBothRunsRoundsSpreadDoesNotRepeatAndIsNotPooled() {
        List<MeasuredEngine> runs = new ArrayList<>();
        runs.addAll(run("2026-11-30_0900_alpha_throughput-cpu", 2.0, 1.0));
        runs.addAll(run("2026-11-30_1000_alpha_throughput-cpu", 2.6, 1.0)); // 1.3x: beyond the rounds' +-10 %
        String md = Repeatability.markdown(runs);
        assertTrue(md.contains("| 2.00x [1.80-2.20] | 2.60x [2.34-2.86] | no | 1.30x ["), md);
        assertTrue(md.contains("| no | - |"), md);
        assertTrue(md.contains("Of 1 ratios, 0 repeat"), md);
    }

    @Test
    void aRatioWhoseRowsRanWithOtherSettingsGetsNoVerdict() {
        List<MeasuredEngine> runs = new ArrayList<>();
        runs.addAll(withSettings(run("2026-11-30_0900_alpha_throughput-cpu", 2.0, 1.0), Map.of("threads.intraop", "2")));
        runs.addAll(withSettings(run("2026-11-30_1000_alpha_throughput-cpu", 2.1, 1.0),
                Map.of("threads.intraop", "2", "THP_MEM_ALLOC_ENABLE", "1")));
        String md = Repeatability.markdown(runs);
        assertTrue(md.contains("| 2.00x [1.80-2.20] | 2.10x [1.89-2.31] | - | 1.05x ["), md);
        assertTrue(md.contains("| settings differ (djl THP_MEM_ALLOC_ENABLE: not recorded -> 1) | - |"), md);
        assertFalse(md.contains("| yes |"), md);
    }

    /** {@code run} with each row's engine reporting {@code settings} (PyTorch's rows the same in both runs). */
    private static List<MeasuredEngine> withSettings(List<MeasuredEngine> run, Map<String, String> settings) {
        return run.stream().map(r -> {
            EngineThroughput e = r.engine();
            Map<String, String> own = e.engine().equals("pytorch") ? Map.of("torch", "2.9") : settings;
            BackendInfo info = new BackendInfo(e.engine(), e.engine(), "1", "cpu", true, null, own, List.of("cpu"));
            return new MeasuredEngine(r.machine(), r.runId(), r.profile(), r.date(),
                    new EngineThroughput(e.engine(), info, e.rows(), null), r.threads());
        }).toList();
    }

    @Test
    void throughputCsvHasEachIntervalsEndsInColumnsOfTheirOwn() {
        Table csv = LongCsvs.throughput(run("2026-11-30_0900_alpha_throughput-cpu", 2.0, 1.0));
        List<String> h = csv.headers();
        List<String> djl = csv.rows().get(0);
        assertEquals(List.of("5", "128.00", "115.20", "140.80", "", "2.0000", "1.8000", "2.2000"), List.of(
                djl.get(h.indexOf("rounds")), djl.get(h.indexOf("img/s")), djl.get(h.indexOf("img/s low")),
                djl.get(h.indexOf("img/s high")), djl.get(h.indexOf("img/s jmh error")), djl.get(h.indexOf("x pytorch")),
                djl.get(h.indexOf("x pytorch low")), djl.get(h.indexOf("x pytorch high"))));
    }

    /** djl at {@code ratio} x PyTorch in 5 rounds, each round's ratio 0.9, 0.95, 1, 1.05 and 1.1 times it. */
    private static List<MeasuredEngine> run(String id, double ratio, double torch) {
        List<Double> engine = new ArrayList<>();
        List<Double> pytorch = new ArrayList<>();
        for (double f : new double[] {0.9, 0.95, 1, 1.05, 1.1}) {
            engine.add(torch * ratio * f);
            pytorch.add(torch);
        }
        return List.of(new MeasuredEngine(ALPHA, id, "cpu", "2026-11-30", rows("djl", engine), 2),
                new MeasuredEngine(ALPHA, id, "cpu", "2026-11-30", rows("pytorch", pytorch), 2));
    }

    private static EngineThroughput rows(String engine, List<Double> rounds) {
        return new EngineThroughput(engine, null, List.of(new ThroughputRow("train", 64, 96,
                MedianInterval.of(rounds).median(), Double.NaN, -1, 0, rounds)), null);
    }
}
