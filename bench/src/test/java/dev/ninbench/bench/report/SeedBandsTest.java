package dev.ninbench.bench.report;

import static dev.ninbench.bench.report.ReportFixtures.ALPHA;
import static dev.ninbench.bench.report.ReportFixtures.BETA;
import static dev.ninbench.bench.report.ReportFixtures.CONFIG;
import static dev.ninbench.bench.report.ReportFixtures.DJL;
import static dev.ninbench.bench.report.ReportFixtures.TF;
import static dev.ninbench.bench.report.ReportFixtures.csv;
import static dev.ninbench.bench.report.ReportFixtures.epoch;
import static dev.ninbench.bench.report.ReportFixtures.record;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ninbench.bench.NinBench;
import dev.ninbench.bench.report.SeedBands.EpochBand;
import dev.ninbench.core.record.RunRecord;
import dev.ninbench.core.record.RunRecords;
import dev.ninbench.core.train.TrainConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/** Runs that differ only in their seed: which are grouped, their mean, min and max per epoch, table and chart. */
class SeedBandsTest {
    @TempDir
    Path tmp;

    @Test
    void seedBandsAreTheMeanMinAndMaxOverRunsThatDifferOnlyInTheirSeed() {
        List<RunRecord> records = new ArrayList<>();
        double[][] accuracies = {{0.6, 0.8}, {0.7, 0.9}, {0.8}}; // seed 3 stopped after its first epoch
        for (int seed = 1; seed <= 3; seed++) {
            for (int e = 0; e < accuracies[seed - 1].length; e++) {
                records.add(record(ALPHA, "s" + seed, DJL, CONFIG.withSeed(seed), epoch(e + 1, accuracies[seed - 1][e], 10), 1.0));
            }
        }
        // one thing more than the seed differs: another group each, of one seed, so no band
        records.add(record(ALPHA, "lr", DJL, new TrainConfig(2, 128, 0.05, 4, 0, 0), epoch(1, 0.1, 10), 1.0));
        records.add(record(BETA, "beta", DJL, CONFIG.withSeed(5), epoch(1, 0.1, 10), 1.0));
        records.add(record(ALPHA, "s1", TF, CONFIG.withSeed(1), epoch(1, 0.1, 10), 1.0));
        List<SeedBands> groups = SeedBands.of(TrainedEngine.of(records, Map.of()));

        assertEquals(1, groups.size());
        List<EpochBand> bands = groups.get(0).bands();
        assertEquals(2, bands.size());
        assertBand(new EpochBand(1, 0.7, 0.6, 0.8, 3), bands.get(0));
        assertBand(new EpochBand(2, 0.85, 0.8, 0.9, 2), bands.get(1));
        Table table = SeedBands.table(groups);
        assertEquals(List.of("3 (1, 2, 3)", "0.7000 [0.6000–0.8000] 0.8500 [0.8000–0.9000] (2 runs)", "0.2000"),
                table.rows().get(0).subList(6, 9));

        // the accuracy chart: the group's mean, and per epoch a line from its min to its max, in its colour
        XYChart chart = ReportCharts.accuracyChart(groups.get(0).runs(), 0.8, Map.of());
        String label = "djl, 3 seeds";
        assertArrayEquals(new double[] {0.7, 0.85}, chart.getSeriesMap().get(label).getYData(), 1e-12);
        XYSeries band = chart.getSeriesMap().get(label + ": min-max 1");
        assertArrayEquals(new double[] {0.6, 0.8}, band.getYData(), 1e-12);
        assertArrayEquals(new double[] {0.8, 0.9}, chart.getSeriesMap().get(label + ": min-max 2").getYData(), 1e-12);
        assertFalse(band.isShowInLegend());
        assertEquals(chart.getSeriesMap().get(label).getLineColor(), band.getLineColor());
    }

    @Test
    void aReportOfSeveralSeedsHasTheSeedsTableAndChart() throws Exception {
        List<String> args = new ArrayList<>(List.of("report", "--out", tmp.resolve("report").toString()));
        for (int seed = 1; seed <= 2; seed++) {
            Path dir = tmp.resolve("runs/seed" + seed);
            RunRecords.append(dir.resolve(RunRecords.FILE_NAME),
                    record(ALPHA, "seed" + seed, DJL, CONFIG.withSeed(seed), epoch(1, 0.5 + 0.1 * seed, 10), 12.0));
            args.add(dir.toString());
        }
        assertEquals(0, NinBench.commandLine().execute(args.toArray(String[]::new)));
        String readme = ReportFixtures.pages(tmp.resolve("report"));
        assertTrue(readme.contains("## Seeds"), readme);
        assertTrue(readme.contains("| 2 (1, 2) | 0.6500 [0.6000–0.7000] | 0.1000 |"), readme);
        assertEquals(2, csv(tmp.resolve("report/seeds.csv")).size());
        assertTrue(ImageIO.read(tmp.resolve("report/accuracy.png").toFile()).getWidth() >= 800);
    }

    private static void assertBand(EpochBand expected, EpochBand actual) {
        assertEquals(expected.epoch(), actual.epoch());
        assertArrayEquals(new double[] {expected.mean(), expected.min(), expected.max()},
                new double[] {actual.mean(), actual.min(), actual.max()}, 1e-12);
        assertEquals(expected.runs(), actual.runs());
    }
}
