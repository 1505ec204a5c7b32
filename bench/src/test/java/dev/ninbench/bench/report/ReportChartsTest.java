package dev.ninbench.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ninbench.core.engine.EngineName;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/**
 * Every chart of the report, drawn from the committed runs (results/runs): at most {@link ChartStyle#MAX_WIDTH} px
 * wide, titled with its machine, runs and commit, its legend naming its engines, each engine in its own colour.
 */
class ReportChartsTest {
    private static final Path RUNS = Path.of("../results/runs");
    private static ReportInputs inputs;

    @TempDir
    Path tmp;

    @BeforeAll
    static void readTheCommittedRuns() throws Exception {
        assumeTrue(Files.isDirectory(RUNS), "no committed runs at " + RUNS.toAbsolutePath());
        try (Stream<Path> dirs = Files.list(RUNS)) {
            inputs = ReportInputs.read(dirs.filter(Files::isDirectory).sorted().toList());
        }
    }

    @Test
    void theRatioChartShowsEveryEngineOfTheNewestRunPairAgainstTheFastestPyTorchRow() throws Exception {
        ChartStyle.Figure figure = ThroughputCharts.ratios(inputs.throughput(), inputs.suites()).orElseThrow();
        List<MeasuredEngine> newest = newestThroughputRun();
        assertTitled(figure.title(), newest);
        assertEquals(2, figure.panels().size()); // training and inference
        XYChart inference = figure.panels().get(1);
        Set<String> engines = new TreeSet<>(newest.stream().map(r -> r.engine().engine()).toList());
        assertEquals(engines, new TreeSet<>(legend(inference).stream().filter(n -> !n.startsWith("1.0 =")).toList()));
        assertTrue(legend(inference).stream().anyMatch(n -> n.startsWith("1.0 = pytorch")), legend(inference).toString());
        assertFitsAScreen(figure, "throughput-ratios.png");
    }

    @Test
    void latencyAndColdStartChartsNameTheirRunsAndEngines() throws Exception {
        for (ChartStyle.Figure figure : List.of(
                ThroughputCharts.latency(inputs.throughput(), inputs.suites()).orElseThrow(),
                ThroughputCharts.coldStart(inputs.throughput(), inputs.suites()).orElseThrow())) {
            assertTrue(figure.title().contains("AMD EPYC, 2 cores"), figure.title());
            assertTrue(figure.title().matches(".*commits? [0-9a-f]{12}.*"), figure.title());
            XYChart last = figure.panels().get(figure.panels().size() - 1);
            assertTrue(legend(last).containsAll(List.of("djl", "tf", "dl4j")), legend(last).toString());
            assertFitsAScreen(figure, "figure.png");
        }
    }

    @Test
    void accuracyChartsHaveWholeEpochsEachEnginesBandAndTheirRunsCommits() throws Exception {
        List<TrainedEngine> runs = AccuracyComparison.chartedRecipe(inputs.accuracy()); // what the report charts
        XYChart accuracy = ReportCharts.accuracyChart(runs, 0.75, inputs.suites());
        XYChart time = ReportCharts.accuracyTimeChart(runs, 0.75, inputs.suites());
        for (XYChart chart : List.of(accuracy, time)) {
            assertTrue(chart.getTitle().contains("AMD EPYC, 2 cores"), chart.getTitle());
            // every run by name, or past Provenance.LISTED the oldest and newest with their count
            List<String> ids = runs.stream().map(TrainedEngine::runId).distinct().sorted().toList();
            List<String> named = ids.size() <= Provenance.LISTED ? ids : List.of(ids.get(0), ids.get(ids.size() - 1),
                    "(" + ids.size() + ")", inputs.suites().get(ids.get(ids.size() - 1)).commit());
            named.forEach(n -> assertTrue(chart.getTitle().contains(n), chart.getTitle()));
            assertTrue(chart.getTitle().contains(inputs.suites().get(ids.get(0)).commit()), chart.getTitle());
            assertFalse(legend(chart).stream().anyMatch(n -> n.contains("@")), legend(chart).toString());
            for (String engine : runs.stream().map(r -> r.engine().name()).distinct().toList()) {
                assertTrue(legend(chart).stream().anyMatch(n -> n.equals(engine) || n.startsWith(engine + ", ")),
                        engine + " " + legend(chart));
            }
            assertFitsAScreen(chart, "accuracy.png");
        }
        // epochs 1 to the last on the axis, no 0 or last + 1
        int last = runs.stream().flatMap(r -> r.epochs().stream()).mapToInt(e -> e.epoch()).max().orElseThrow();
        assertEquals(0.5, accuracy.getStyler().getXAxisMin());
        assertEquals(last + 0.5, accuracy.getStyler().getXAxisMax());
        assertEquals("0", accuracy.getStyler().getXAxisDecimalPattern());
        // PyTorch's seeds are a band (a min-max line at its first epoch) once the charted recipe has two or more
        long pytorchSeeds = runs.stream().filter(r -> r.engine().name().equals("pytorch"))
                .map(r -> r.config().seed()).distinct().count();
        assertEquals(pytorchSeeds >= 2, accuracy.getSeriesMap().keySet().stream()
                .anyMatch(k -> k.matches("pytorch, \\d+ seeds: min-max 1")), accuracy.getSeriesMap().keySet().toString());
    }

    @Test
    void stepChartsAndTheScalingFigureNameTheirRun() throws Exception {
        for (RunSteps run : inputs.steps().stream().filter(RunSteps::hasReference).toList()) {
            Provenance provenance = Provenance.of(List.of(inputs.accuracy().get(0).machine()), List.of(run.runId()),
                    inputs.suites());
            XYChart divergence = StepCharts.divergenceChart(run, provenance);
            assertTrue(divergence.getTitle().contains(run.runId() + "; commit " + inputs.suites().get(run.runId())
                    .commit()), divergence.getTitle());
            assertEquals(run.comparedEngines(), legend(divergence));
            // binned: at most about BINS points a line, labelled as powers of ten
            divergence.getSeriesMap().values().forEach(s -> assertTrue(s.getXData().length <= StepCharts.BINS + 1));
            assertEquals("0E0", divergence.getStyler().getYAxisDecimalPattern());
            assertFitsAScreen(divergence, "divergence.png");
            assertFitsAScreen(StepCharts.lossChart(run, provenance), "loss.png");
        }
        ScalingMeasurement scaling = inputs.scaling().stream().max(Comparator.comparing(ScalingMeasurement::runId)).orElseThrow();
        ChartStyle.Figure figure = ScalingReport.figure(scaling);
        assertTrue(figure.title().contains(scaling.runId() + "; commit " + scaling.settings().suite().commit()),
                figure.title());
        assertFitsAScreen(figure, "scaling.png");
    }

    @Test
    void oneColourPerEngineAndALineStylePerVariant() {
        assertEquals(ChartStyle.color("djl"), ChartStyle.color("djl-idiomatic"));
        assertEquals(ChartStyle.color(EngineName.PYTORCH), ChartStyle.color("pytorch-channels-last"));
        assertEquals(4, Stream.of("djl", "tf", "dl4j", "pytorch").map(ChartStyle::color).distinct().count());
        assertTrue(ChartStyle.solid("tf") && !ChartStyle.solid("tf-idiomatic"));
        assertTrue(ChartStyle.solid("pytorch-channels-last") && !ChartStyle.solid("pytorch"));
        assertEquals(List.of("djl", "djl-idiomatic", "tf", "dl4j", "pytorch-channels-last", "pytorch"), Stream.of(
                "pytorch", "dl4j", "tf", "pytorch-channels-last", "djl-idiomatic", "djl").sorted(ChartStyle.ORDER)
                .toList());
    }

    private static List<MeasuredEngine> newestThroughputRun() {
        String newest = inputs.throughput().stream().map(MeasuredEngine::runId).max(Comparator.naturalOrder())
                .orElseThrow();
        return inputs.throughput().stream().filter(r -> r.runId().equals(newest)).toList();
    }

    private static void assertTitled(String title, Collection<MeasuredEngine> run) {
        MeasuredEngine any = run.iterator().next();
        assertTrue(title.contains(any.machine().cpuModel() + ", " + any.machine().cores() + " cores"), title);
        assertTrue(title.contains(any.runId()), title);
        assertTrue(title.contains(inputs.suites().get(any.runId()).commit()), title);
    }

    private static List<String> legend(XYChart chart) {
        return chart.getSeriesMap().values().stream().filter(XYSeries::isShowInLegend).map(XYSeries::getName).toList();
    }

    private void assertFitsAScreen(XYChart chart, String name) throws Exception {
        Path png = tmp.resolve(name);
        ChartStyle.save(chart, png);
        assertFits(png);
    }

    private void assertFitsAScreen(ChartStyle.Figure figure, String name) throws Exception {
        Path png = tmp.resolve(name);
        figure.save(png);
        assertFits(png);
    }

    private static void assertFits(Path png) throws Exception {
        BufferedImage image = ImageIO.read(png.toFile());
        assertTrue(image.getWidth() <= ChartStyle.MAX_WIDTH && image.getWidth() >= 800 && image.getHeight() >= 400
                && image.getHeight() <= 1200, png + ": " + image.getWidth() + " x " + image.getHeight());
    }
}
