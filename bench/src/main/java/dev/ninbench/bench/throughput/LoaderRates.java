package dev.ninbench.bench.throughput;

import dev.ninbench.engineside.LoaderBenchmark;
import java.util.List;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * The data loader alone ({@link LoaderBenchmark}, JMH, in a fork of this JVM: the launcher's classpath has the
 * loader and JMH), in training images per second: whether it could ever be what limits an engine.
 */
public final class LoaderRates {
    private LoaderRates() {
    }

    /** One method of the benchmark at one batch size: images per second and the 99.9 % error. */
    public record Rate(String method, int batchSize, double imagesPerSecond, double error) {
    }

    /** Measures every method of {@link LoaderBenchmark} at each of {@code batchSizes}. */
    public static List<Rate> measure(List<Integer> batchSizes) throws RunnerException {
        Options options = new OptionsBuilder().include("^" + Pattern.quote(LoaderBenchmark.class.getName()) + "\\.")
                .param("batchSize", batchSizes.stream().map(String::valueOf).toArray(String[]::new))
                .verbosity(VerboseMode.SILENT).build();
        return new Runner(options).run().stream().map(LoaderRates::rate).toList();
    }

    private static Rate rate(RunResult r) {
        int batch = Integer.parseInt(r.getParams().getParam("batchSize"));
        Result<?> score = r.getPrimaryResult();
        String method = r.getParams().getBenchmark().substring(LoaderBenchmark.class.getName().length() + 1);
        return new Rate(method, batch, score.getScore() * batch, score.getScoreError() * batch);
    }
}
