package dev.ninbench.bench.cli;

import dev.ninbench.engineside.OverheadBenchmark;
import dev.ninbench.bench.launch.EngineCatalog;
import dev.ninbench.bench.launch.EngineFolder;
import dev.ninbench.bench.launch.EngineStart;
import dev.ninbench.bench.profile.Profile;
import dev.ninbench.bench.throughput.JmhIterations;
import dev.ninbench.bench.throughput.LoaderRates;
import dev.ninbench.bench.throughput.SuiteOverhead;
import dev.ninbench.core.data.FashionMnist;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code nin-bench overhead}: what the suite itself costs per training step — the training loop around the engine
 * ({@link OverheadBenchmark}, JMH) and the start of each engine's JVM ({@link EngineStart}), amortised over a run —
 * and, given a training rate or a throughput run, what share of a training step that is.
 */
@Command(name = "overhead", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Measure the suite's own cost per training step (the real training loop with an engine that "
                + "costs nothing, by JMH; and each engine JVM's start, amortised over a run) and its share of a "
                + "training step.")
public final class OverheadCommand implements Callable<Integer> {

    @Option(names = {"--batch-size", "--batch-sizes"}, split = ",", defaultValue = "64,128", paramLabel = "N",
            description = "Batch sizes of the training loop (--batch-sizes: the old spelling). Default: ${DEFAULT-VALUE}.")
    List<Integer> batchSizes;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--throughput", paramLabel = "RUN_DIR|FILE",
            description = "A throughput run directory (or its throughput.json): the share of each engine's JMH "
                    + "training step there, at the batch sizes measured here.")
    Path throughput;

    @Option(names = "--images-per-second", paramLabel = "RATE",
            description = "A training rate to compare with (img/s): a step of batch b takes b / RATE.")
    Double imagesPerSecond;

    @Option(names = "--engines", split = ",",
            description = "Engines whose JVM start to measure. Default: the tuned path of every engine built here.")
    List<String> engines;

    @Option(names = "--starts", defaultValue = "3",
            description = "JVM starts per engine, the median counts; 0 measures none. Default: ${DEFAULT-VALUE}.")
    int starts;

    @Option(names = "--run-profile", defaultValue = "cpu",
            description = "The run a JVM start is spread over: this profile's epochs of its training images. "
                    + "Default: ${DEFAULT-VALUE}.")
    String runProfile;

    @Option(names = "--loader", description = "Instead, measure the data loader alone (JMH, about 30 s per batch "
            + "size, no engine, synthetic data of the training set's size): training batches per second, as images/s.")
    boolean loader;

    @Mixin
    EngineOptions engineOptions;

    @Mixin
    JmhOptions jmhOptions;

    /** JMH's settings for this command, from {@link #jmhOptions} and its defaults; set by {@link #call}. */
    private JmhIterations iterations;

    @Override
    public Integer call() throws Exception {
        DeprecatedNames.warn(spec, "--batch-sizes", "--batch-size");
        check();
        iterations = jmhOptions.resolve(new JmhIterations(3, 2, 5, 2));
        if (loader) {
            System.out.printf("the loader alone, batch %s: JMH, 1 fork, 2 x 1 s warm-up, 3 x 2 s measured...%n",
                    batchSizes);
            for (LoaderRates.Rate r : LoaderRates.measure(batchSizes)) {
                System.out.printf("  %-10s batch %4d %,12.0f ± %,.0f img/s (99.9 %% CI)%n", r.method(), r.batchSize(),
                        r.imagesPerSecond(), r.error());
            }
            return 0;
        }
        Profile run = Profile.named(runProfile);
        // a bad --throughput fails before anything is measured
        List<SuiteOverhead.Step> steps = SuiteOverhead.steps(imagesPerSecond, batchSizes, throughput);
        List<EngineFolder> folders = starts == 0 ? List.of() : engineFolders();

        System.out.printf("the training loop with an engine that costs nothing: the real Trainer, a whole epoch of %,d "
                        + "synthetic training images and the evaluation of %,d (JMH: 1 fork, %s)...%n",
                FashionMnist.TRAIN.count(), FashionMnist.TEST.count(), iterations.describe());
        Map<Integer, Double> loopMicros = new LinkedHashMap<>();
        System.out.printf("  %5s %11s %20s %20s%n", "batch", "steps/epoch", "ms/epoch", "µs/step");
        for (SuiteOverhead.Loop l : SuiteOverhead.loop(batchSizes, iterations)) {
            loopMicros.put(l.batchSize(), l.microsPerStep());
            System.out.printf("  %5d %11d %20s %20s%n", l.batchSize(), l.stepsPerEpoch(),
                    plusMinus(l.msPerEpoch(), l.msError()), plusMinus(l.microsPerStep(), l.microsPerStepError()));
        }

        Map<String, EngineStart> started = new LinkedHashMap<>();
        if (!folders.isEmpty()) {
            System.out.printf("%nstarting each engine's JVM, once per run (the launcher's info job: JVM start, worker, "
                    + "the engine's native library loaded), median of %d:%n", starts);
            System.out.printf("  %-6s %8s %8s   %s%n", "engine", "ready s", "exit s", "µs/step over a " + run.name()
                    + " run (" + run.epochs() + " epoch(s)), by batch size");
            Path work = Files.createTempDirectory("nin-bench-overhead");
            for (EngineFolder folder : folders) {
                EngineStart s = EngineStart.measure(folder, engineOptions.threads(), engineOptions.device(), starts, work);
                if (!s.ok()) {
                    System.out.printf("  %-6s FAILED: %s%n", s.engine(), s.failure());
                    continue;
                }
                started.put(s.engine(), s);
                List<String> perStep = new ArrayList<>();
                for (int b : batchSizes) {
                    perStep.add(String.format("%,.0f at %d (%,d steps)", SuiteOverhead.startMicrosPerStep(s, run, b), b, SuiteOverhead.runSteps(run, b)));
                }
                System.out.printf("  %-6s %8.2f %8.2f   %s%n", s.engine(), s.readySeconds(), s.exitSeconds(),
                        String.join(", ", perStep));
            }
        }

        if (!steps.isEmpty()) {
            System.out.printf("%nas a share of a training step: the loop per step, plus the engine's JVM start (else the "
                    + "slowest measured) spread over a %s run:%n", run.name());
            System.out.printf("  %-8s %5s %10s %10s %7s %10s %7s %7s%n", "engine", "batch", "step ms", "loop µs", "loop",
                    "start µs", "start", "total");
            double slowestStart = started.values().stream().mapToDouble(EngineStart::exitSeconds).max().orElse(Double.NaN);
            for (SuiteOverhead.Step step : steps) {
                Double loop = loopMicros.get(step.batchSize());
                if (loop == null) {
                    continue;
                }
                EngineStart own = started.get(step.engine());
                double start = own != null ? SuiteOverhead.startMicrosPerStep(own, run, step.batchSize())
                        : slowestStart * 1e6 / SuiteOverhead.runSteps(run, step.batchSize());
                double stepMicros = step.milliseconds() * 1000;
                System.out.printf("  %-8s %5d %10.1f %10.1f %6.2f%% %10s %7s %7s%n", step.engine(), step.batchSize(),
                        step.milliseconds(), loop, 100 * loop / stepMicros, Double.isNaN(start) ? "-" : String.format("%.1f", start),
                        Double.isNaN(start) ? "-" : String.format("%.2f%%", 100 * start / stepMicros),
                        String.format("%.2f%%", 100 * (loop + (Double.isNaN(start) ? 0 : start)) / stepMicros));
            }
        }
        System.out.println();
        System.out.println("The loop's figure holds what the suite does per step and per epoch: building each batch "
                + "(on the prefetch thread), the loop and its loss bookkeeping, the worker's step events written and "
                + "the launcher's parsing of them, the test-set evaluation, the epoch's checkpoint and record; the "
                + "engine that costs nothing still copies each batch once, so that copy is in it too. A real engine's "
                + "copy of the batch into its tensors is part of its own measured step (as in PyTorch's), not added "
                + "here. Nor are loading Fashion-MNIST and the engine's opening of its model, once per run after the "
                + "JVM start. JMH's throughput times the engine's step alone; a record's img/s has the loop's "
                + "per-step part in it, not the evaluation, checkpoint or JVM start.");
        return 0;
    }

    private void check() {
        if (batchSizes.isEmpty() || batchSizes.stream().anyMatch(b -> b == null || b < 1)) {
            throw new IllegalArgumentException("batch sizes must be >= 1, got " + batchSizes);
        }
        if (starts < 0) {
            throw new IllegalArgumentException("--starts must be >= 0, got " + starts);
        }
        if (imagesPerSecond != null && !(imagesPerSecond > 0)) {
            throw new IllegalArgumentException("--images-per-second must be > 0, got " + imagesPerSecond);
        }
    }

    /** The engines asked for; with none asked for, every one built here (none built: none measured). */
    private List<EngineFolder> engineFolders() {
        EngineCatalog catalog = EngineCatalog.installed();
        if ((engines == null || engines.isEmpty()) && catalog.built().isEmpty()) {
            System.out.println("(no engine is built here: no engine JVM start is measured)");
            return List.of();
        }
        return catalog.chosen(engines);
    }

    private static String plusMinus(double value, double error) {
        return Double.isNaN(error) ? String.format("%.1f", value) : String.format("%.1f ± %.1f", value, error);
    }
}
