package dev.ninbench.bench.cli;

import dev.ninbench.core.engine.EngineName;
import dev.ninbench.bench.launch.EngineFolder;
import dev.ninbench.bench.rundir.RunSettings;
import dev.ninbench.bench.rundir.SuiteVersion;
import dev.ninbench.bench.profile.Profile;
import dev.ninbench.bench.report.ScalingReport;
import dev.ninbench.bench.report.ScalingMeasurement;
import dev.ninbench.bench.results.ScalingResult;
import dev.ninbench.bench.throughput.JmhIterations;
import dev.ninbench.bench.throughput.ScalingRounds;
import dev.ninbench.core.engine.Device;
import dev.ninbench.core.machine.Environment;
import dev.ninbench.core.spec.NinSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code nin-bench scaling}: how training throughput, and its share of the peak, grow with the input side and the
 * thread count, for every engine and PyTorch row, in interleaved rounds ({@link ScalingRounds}); one figure of it.
 */
@Command(name = "scaling", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Training img/s and %% of peak against input side and thread count, every engine and PyTorch "
                + "row, interleaved in rounds; a table and one chart (scaling.png). CPU only.")
public final class ScalingCommand implements Callable<Integer> {

    @Option(names = "--input-sides", split = ",", defaultValue = "68,96,160,224",
            description = "Input sides to measure (the d2l net needs >= 67). Default: ${DEFAULT-VALUE}.")
    List<Integer> inputSides;

    @Option(names = "--thread-counts", split = ",", defaultValue = "1,2",
            description = "Compute thread counts to measure. Default: ${DEFAULT-VALUE}.")
    List<Integer> threadCounts;

    @Option(names = "--batch-size", defaultValue = "64", description = "Batch size of every point. Default: ${DEFAULT-VALUE}.")
    int batchSize;

    @Option(names = "--rounds", defaultValue = "3", description = "Rounds: every point and row once per round, "
            + "interleaved; each figure is the median of its rounds with an interval. Default: ${DEFAULT-VALUE}.")
    int rounds;





    @Option(names = "--no-peak", description = "Leave out the peak benchmark (the throughput profiles' kernels with this command's JMH "
            + "settings, once per engine and thread count after the rounds; without it, no %% of peak).")
    boolean noPeak;

    @Option(names = "--jvm-option", paramLabel = "OPTION",
            description = "An extra JVM option for every engine's JVM (repeatable), as for throughput.")
    List<String> jvmOptions = new ArrayList<>();

    @Mixin
    PyTorchOptions pytorchOptions;

    @Mixin
    RunOptions.TunedPaths runOptions;

    @Mixin
    JmhOptions jmhOptions;

    @Override
    public Integer call() throws Exception {
        check();
        JmhIterations it = jmhOptions.resolve(new JmhIterations(1, 2, 2, 2));
        // the throughput profiles' peak kernels, with this command's JMH settings: each kernel settles in seconds
        Profile.Peak peak = noPeak ? Profile.Peak.NONE : new Profile.Peak(Profile.named("cpu").throughput().peak()
                .kernels(), 1, it.warmupIterations(), it.warmupSeconds(), it.iterations(), it.iterationSeconds());
        Profile.Throughput settings = new Profile.Throughput(inputSides.get(0), List.of(batchSize), 1,
                it.warmupIterations(), it.warmupSeconds(), it.iterations(), it.iterationSeconds(), peak, rounds,
                Profile.Latency.NONE, 0);
        List<EngineFolder> folders = runOptions.engineFolders();
        Environment environment = Environment.capture();
        Path runDir = runOptions.newRunDirectory(environment.host(), "scaling");
        RunSettings.Scaling run = new RunSettings.Scaling(folders.stream().map(EngineFolder::name).toList(), settings,
                inputSides, threadCounts, Device.CPU, jvmOptions, environment, SuiteVersion.current());
        run.write(runDir);
        String noTorch = pytorchOptions.leftOut();
        System.out.printf(Locale.ROOT, "scaling: training at input sides %s px, threads %s, batch %d; %d round(s), "
                + "each point's engines and PyTorch rows once per round; JMH per point: %s%n", inputSides, threadCounts,
                batchSize, rounds, it.describe());
        if (noTorch != null) {
            System.out.println(EngineName.PYTORCH + ": not run: " + noTorch);
        }
        System.out.printf("run directory %s%n%n", runDir);
        List<ScalingResult> results = new ScalingRounds(settings, inputSides, threadCounts, Device.CPU, jvmOptions,
                runDir, System.out::println).run(folders, noTorch == null ? pytorchOptions.reference() : null);
        ScalingResult.write(runDir, results);
        Path png = runDir.resolve("scaling.png");
        ScalingReport.chart(new ScalingMeasurement(runDir.getFileName().toString(), "?", run, results), png);
        System.out.println();
        System.out.print(ScalingReport.table(results).text());
        for (ScalingResult r : results) {
            System.out.println(r.threads() + " thread(s): measured peak " + r.peak().map(p -> String.format(Locale.ROOT,
                    "%.1f GFLOP/s (%s, %s)", p.gflops(), p.engine(), p.row().kernel().describe())).orElse("not measured"));
        }
        System.out.println("machine: " + environment.cpuModel() + ", " + environment.cores() + " cores");
        System.out.println("results: " + runDir.resolve(ScalingResult.FILE_NAME) + "; chart: " + png);
        return results.stream().allMatch(r -> r.engines().stream().allMatch(e -> e.ok())) ? 0 : 1;
    }

    /** Fails before any engine starts, in one line, on a value the net or JMH would reject later. */
    private void check() {
        inputSides.forEach(NinSpec::d2l);
        if (threadCounts.stream().anyMatch(t -> t == null || t < 1)) {
            throw new IllegalArgumentException("--thread-counts must each be >= 1, got " + threadCounts);
        }
        if (batchSize < 1 || rounds < 1) {
            throw new IllegalArgumentException("scaling needs --batch-size and --rounds >= 1; got batch " + batchSize
                    + ", rounds " + rounds);
        }
    }
}
