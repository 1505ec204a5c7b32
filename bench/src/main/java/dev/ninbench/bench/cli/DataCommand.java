package dev.ninbench.bench.cli;

import dev.ninbench.core.data.FashionMnist;
import dev.ninbench.bench.jmh.LoaderBenchmark;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.VerboseMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code nin-bench data}: where Fashion-MNIST is found and whether it verifies; optionally download it. */
@Command(name = "data", mixinStandardHelpOptions = true, description = "Find and verify Fashion-MNIST (magic, counts, labels, SHA-256), download it, or measure the loader.")
public final class DataCommand implements Callable<Integer> {

    @Option(names = "--data", description = "Directory to check, or to download into (default: the usual search; "
            + "downloads go to ~/.cache/nin-bench/fashion-mnist).")
    Path data;

    @Option(names = "--download", description = "Download the four files from the official mirror (needs internet); "
            + "each is kept only if its SHA-256 matches.")
    boolean download;

    @Option(names = "--benchmark", description = "Instead, measure the loader alone with JMH (about 30 s, no "
            + "engine, synthetic data of the training set's size): training batches per second, as images/s.")
    boolean benchmark;

    @Option(names = "--batch-size", defaultValue = "128",
            description = "Batch size for --benchmark. Default: ${DEFAULT-VALUE}.")
    int batchSize;

    @Option(names = "--verbose", description = "Print stack traces of errors.")
    boolean verbose;

    @Override
    public Integer call() throws RunnerException {
        if (benchmark) {
            return benchmarkLoader();
        }
        if (download) {
            Path target = data != null ? data : FashionMnist.cacheDir();
            System.out.println("downloading Fashion-MNIST from " + FashionMnist.MIRROR + " into " + target);
            FashionMnist.download(target);
            data = target;
        }
        FashionMnist.Splits splits = FashionMnist.load(data);
        System.out.printf("Fashion-MNIST in %s: %,d training and %,d test images, checksums verified%n",
                splits.directory(), splits.train().size(), splits.test().size());
        return 0;
    }

    /** JMH's {@link LoaderBenchmark} in a fork of this JVM (the launcher's classpath has the loader and JMH). */
    private int benchmarkLoader() throws RunnerException {
        if (batchSize < 1) {
            throw new IllegalArgumentException("--batch-size must be >= 1, got " + batchSize);
        }
        System.out.printf("loader alone, batch %d: JMH, 1 fork, 2 x 1 s warm-up, 3 x 2 s measured...%n", batchSize);
        Options options = new OptionsBuilder().include("^" + Pattern.quote(LoaderBenchmark.class.getName()) + "\\.")
                .param("batchSize", String.valueOf(batchSize)).verbosity(VerboseMode.SILENT).build();
        for (RunResult r : new Runner(options).run()) {
            Result<?> score = r.getPrimaryResult();
            String method = r.getParams().getBenchmark().substring(LoaderBenchmark.class.getName().length() + 1);
            System.out.printf("  %-10s %,12.0f ± %,.0f img/s (99.9 %% CI)%n", method, score.getScore() * batchSize,
                    score.getScoreError() * batchSize);
        }
        return 0;
    }
}
