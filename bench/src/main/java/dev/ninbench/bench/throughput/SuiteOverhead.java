package dev.ninbench.bench.throughput;

import dev.ninbench.bench.launch.EngineStart;
import dev.ninbench.bench.profile.Profile;
import dev.ninbench.bench.results.EngineThroughput;
import dev.ninbench.bench.results.ThroughputRow;
import dev.ninbench.bench.results.ThroughputSummary;
import dev.ninbench.core.data.FashionMnist;
import dev.ninbench.engineside.OverheadBenchmark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * What the suite itself costs per training step, measured: the real training loop with an engine that costs nothing
 * ({@link OverheadBenchmark}, by JMH in this JVM), and an engine JVM's start spread over a run; and the training steps
 * of a throughput run to set them against. {@code nin-bench overhead} prints them.
 */
public final class SuiteOverhead {
    private SuiteOverhead() {
    }

    /** The loop's cost at one batch size: ms per epoch (± half JMH's 99.9 % interval; NaN: none) and its steps. */
    public record Loop(int batchSize, int stepsPerEpoch, double msPerEpoch, double msError) {
        public double microsPerStep() {
            return msPerEpoch * 1000 / stepsPerEpoch;
        }

        public double microsPerStepError() {
            return msError * 1000 / stepsPerEpoch;
        }
    }

    /** A training step to set the overhead against: whose, at which batch size, and how long it takes. */
    public record Step(String engine, int batchSize, double milliseconds) {
    }

    /** The loop with an engine that costs nothing, a whole epoch per operation, at each of {@code batchSizes}. */
    public static List<Loop> loop(List<Integer> batchSizes, JmhIterations it) throws RunnerException {
        List<Loop> loops = new ArrayList<>();
        for (RunResult r : new Runner(new OptionsBuilder()
                .include("^" + Pattern.quote(OverheadBenchmark.class.getName()) + "\\.")
                .param("batchSize", batchSizes.stream().map(String::valueOf).toArray(String[]::new))
                .forks(1)
                .warmupIterations(it.warmupIterations()).warmupTime(millis(it.warmupSeconds()))
                .measurementIterations(it.iterations()).measurementTime(millis(it.iterationSeconds()))
                .verbosity(VerboseMode.SILENT).build()).run()) {
            int batch = Integer.parseInt(r.getParams().getParam("batchSize"));
            Result<?> score = r.getPrimaryResult();
            loops.add(new Loop(batch, OverheadBenchmark.stepsPerEpoch(batch), score.getScore(), score.getScoreError()));
        }
        return loops;
    }

    /**
     * The training steps to compare with: {@code imagesPerSecond} (null: none) at each batch size, and the train rows
     * of the throughput run {@code throughput} (a run directory or its summary; null: none).
     */
    public static List<Step> steps(Double imagesPerSecond, List<Integer> batchSizes, Path throughput) {
        List<Step> steps = new ArrayList<>();
        if (imagesPerSecond != null) {
            for (int b : batchSizes) {
                steps.add(new Step(String.format("%.0f/s", imagesPerSecond), b, 1000.0 * b / imagesPerSecond));
            }
        }
        if (throughput != null) {
            Path file = Files.isDirectory(throughput) ? throughput.resolve(ThroughputSummary.FILE_NAME) : throughput;
            for (EngineThroughput e : ThroughputSummary.read(file)) {
                for (ThroughputRow row : e.rows()) {
                    if (ThroughputRow.TRAIN.equals(row.benchmark()) && row.opsPerSecond() > 0) {
                        steps.add(new Step(e.engine(), row.batchSize(), 1000 / row.opsPerSecond()));
                    }
                }
            }
        }
        return steps;
    }

    /** Training steps in a run of {@code profile} at {@code batchSize}: its epochs over its training images. */
    public static int runSteps(Profile profile, int batchSize) {
        int images = profile.trainLimit() > 0 ? Math.min(profile.trainLimit(), FashionMnist.TRAIN.count())
                : FashionMnist.TRAIN.count();
        return profile.epochs() * ((images + batchSize - 1) / batchSize);
    }

    /** The engine JVM's whole life (start to exit) spread over the steps of a {@code run} at {@code batchSize}. */
    public static double startMicrosPerStep(EngineStart s, Profile run, int batchSize) {
        return s.exitSeconds() * 1e6 / runSteps(run, batchSize);
    }

    private static TimeValue millis(double seconds) {
        return TimeValue.milliseconds(Math.round(seconds * 1000));
    }
}
