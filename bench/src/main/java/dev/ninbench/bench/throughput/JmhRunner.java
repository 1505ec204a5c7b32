package dev.ninbench.bench.throughput;

import dev.ninbench.bench.launch.EngineFolder;
import dev.ninbench.bench.launch.EngineLauncher;
import dev.ninbench.bench.profile.Profile;
import dev.ninbench.bench.results.EngineThroughput;
import dev.ninbench.bench.results.JmhResults;
import dev.ninbench.bench.results.KernelRow;
import dev.ninbench.bench.results.LatencyRow;
import dev.ninbench.bench.results.ThroughputRow;
import dev.ninbench.bench.launch.EngineResult;
import dev.ninbench.core.engine.BackendInfo;
import dev.ninbench.core.engine.Device;
import dev.ninbench.core.record.PortablePaths;
import dev.ninbench.core.worker.Job;
import dev.ninbench.engineside.InferenceBenchmark;
import dev.ninbench.engineside.LatencyBenchmark;
import dev.ninbench.engineside.NinModelState;
import dev.ninbench.engineside.PeakBenchmark;
import dev.ninbench.engineside.PeakMemory;
import dev.ninbench.engineside.TrainStepBenchmark;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Runs the benchmarks of {@link dev.ninbench.engineside} with JMH's own {@code Main} in one engine's JVM: that
 * engine's JVM options, environment and jars, plus the jars the benchmarks need that an engine folder lacks (the
 * engine-side jar, jmh-core, and jmh-core's jopt-simple and commons-math3), found where this JVM loaded them from, so
 * nothing else of the launcher's classpath (e.g. its SLF4J binding) reaches the engine. JMH's forks inherit that
 * classpath and the JVM options (JMH passes the host's JVM arguments to its forks), so every fork holds this one
 * engine. {@link #check} asks the engine whether it can run, {@link #measure} runs the train-step and inference
 * benchmarks ({@code <engine>-jmh.json}: JMH's results, {@code <engine>-jmh.log}: its output, {@code <engine>-memory/}:
 * one peak-memory sample per fork), {@link #peak} the peak benchmark with the profile's own peak settings
 * ({@code <engine>-peak-jmh.json} and {@code -peak-jmh.log}).
 */
public final class JmhRunner {
    /** The classes whose jars (or class folders) the benchmarks need beyond an engine folder. */
    private static final List<String> BENCHMARK_CLASSPATH = List.of(NinModelState.class.getName(),
            "org.openjdk.jmh.Main", "joptsimple.OptionParser", "org.apache.commons.math3.util.FastMath");

    private final Profile.Throughput settings;
    private final int threads;
    private final Device device;
    private final List<String> extraJvmOptions;
    private final List<String> jmhArgs;

    /**
     * @param extraJvmOptions added to every engine JVM (its info job, JMH and so JMH's forks) after the engine
     *                        folder's own, e.g. an engine's switch ({@code -Dninbench.djl.channelsLast=false}) to
     *                        measure what it changes; the engine's settings in the results then show it
     * @param jmhArgs         passed on to JMH for the engine benchmarks after the suite's own, e.g. {@code -prof gc}
     */
    public JmhRunner(Profile.Throughput settings, int threads, Device device, List<String> extraJvmOptions,
                  List<String> jmhArgs) {
        this.settings = settings;
        this.threads = threads;
        this.device = device;
        this.extraJvmOptions = List.copyOf(extraJvmOptions);
        this.jmhArgs = List.copyOf(jmhArgs);
    }

    /**
     * Asks the engine what it is (a worker {@code info} job, so an engine that cannot run here fails in seconds,
     * with its reason): its result without rows, failed when it cannot run.
     */
    public EngineThroughput check(EngineFolder folder, Path runDir) {
        EngineFolder engine = folder.withJvmOptions(extraJvmOptions);
        EngineResult checked = new EngineLauncher().run(engine, new Job.Info(engine.name(), threads, device), runDir, e -> { });
        BackendInfo info = checked.info();
        if (!checked.ok() || info == null || !info.available()) {
            return new EngineThroughput(engine.name(), info, List.of(), checked.ok()
                    ? engine.name() + " is not usable here: " + (info == null ? "?" : info.unavailableReason())
                    : checked.failure());
        }
        return new EngineThroughput(engine.name(), info, List.of(), null);
    }

    /**
     * Runs the train-step and inference benchmarks in the engine's JVM, writing JMH's files to {@code dir}
     * ({@code <engine>-jmh.json}, {@code -jmh.log}, {@code -memory/}).
     */
    public EngineThroughput measure(EngineFolder folder, BackendInfo info, Path dir, Consumer<String> progress) {
        return measure(folder, info, dir, progress, List.of(TrainStepBenchmark.class, InferenceBenchmark.class));
    }

    /** As {@link #measure}, the train-step benchmark alone ({@code scaling}'s work: training is what it charts). */
    public EngineThroughput measureTraining(EngineFolder folder, BackendInfo info, Path dir, Consumer<String> progress) {
        return measure(folder, info, dir, progress, List.of(TrainStepBenchmark.class));
    }

    private EngineThroughput measure(EngineFolder folder, BackendInfo info, Path dir, Consumer<String> progress,
                                     List<Class<?>> benchmarks) {
        EngineFolder engine = folder.withJvmOptions(extraJvmOptions);
        Path json = dir.resolve(engine.name() + "-jmh.json");
        Path log = dir.resolve(engine.name() + "-jmh.log");
        Path memoryDir = dir.resolve(engine.name() + "-memory");
        String failure = new EngineLauncher().runMain(engine, engine.command(jvmOptions(memoryDir), benchmarkClasspath(),
                "org.openjdk.jmh.Main", arguments(engine.name(), json, benchmarks)), log, jmhProgress(progress));
        PortablePaths.rewrite(json, dir);
        List<ThroughputRow> rows = JmhResults.read(json, PeakMemory.readAll(memoryDir));
        failure = orMissing(failure, rows.size(), benchmarks.size() * settings.batchSizes().size(), log, "");
        return new EngineThroughput(engine.name(), info, rows, failure);
    }

    /**
     * The peak benchmark with the profile's peak settings, in a JVM of the engine, writing
     * {@code <engine>-peak-jmh.json} and {@code -peak-jmh.log} to {@code dir}: the kernels measured, and why some
     * are missing (null when none is).
     */
    public EngineThroughput peak(EngineFolder folder, Path dir, Consumer<String> progress) {
        EngineFolder engine = folder.withJvmOptions(extraJvmOptions);
        Path peakJson = dir.resolve(engine.name() + "-peak-jmh.json");
        Path peakLog = dir.resolve(engine.name() + "-peak-jmh.log");
        String failure = new EngineLauncher().runMain(engine, engine.command(jvmOptions(dir.resolve(engine.name()
                + "-memory")), benchmarkClasspath(), "org.openjdk.jmh.Main", peakArguments(engine.name(), peakJson)),
                peakLog, jmhProgress(progress));
        PortablePaths.rewrite(peakJson, dir);
        List<KernelRow> peak = JmhResults.readPeak(peakJson);
        return new EngineThroughput(engine.name(), null, List.of(), orMissing(failure, peak.size(),
                settings.peak().kernels().size(), peakLog, "peak: "), peak);
    }

    /**
     * The latency benchmark with the profile's latency settings, in a JVM of the engine, writing
     * {@code <engine>-latency-jmh.json} and {@code -latency-jmh.log} to {@code dir}: a row per batch size measured,
     * and why some are missing (null when none is).
     */
    public EngineThroughput latency(EngineFolder folder, Path dir, Consumer<String> progress) {
        EngineFolder engine = folder.withJvmOptions(extraJvmOptions);
        Profile.Latency l = settings.latency();
        Path json = dir.resolve(engine.name() + "-latency-jmh.json");
        Path log = dir.resolve(engine.name() + "-latency-jmh.log");
        List<String> args = jmhSettings(json, l.forks(), l.warmupIterations(), l.warmupSeconds(), l.iterations(),
                l.iterationSeconds());
        args.addAll(List.of("-p", "engine=" + engine.name(), "-p", "batchSize=" + l.batchSizes().stream()
                .map(String::valueOf).collect(Collectors.joining(",")), "-p", "inputSide=" + settings.inputSide()));
        args.add(benchmarks(LatencyBenchmark.class.getSimpleName()));
        String failure = new EngineLauncher().runMain(engine, engine.command(jvmOptions(dir.resolve(engine.name()
                + "-memory")), benchmarkClasspath(), "org.openjdk.jmh.Main", args), log, jmhProgress(progress));
        PortablePaths.rewrite(json, dir);
        List<LatencyRow> rows = JmhResults.readLatency(json);
        return new EngineThroughput(engine.name(), null, List.of(), orMissing(failure, rows.size(),
                l.batchSizes().size(), log, "latency: "), List.of(), rows, null);
    }

    private List<String> jvmOptions(Path memoryDir) {
        List<String> options = new ArrayList<>(NinModelState.properties(threads, device));
        options.add("-D" + PeakMemory.DIR_PROPERTY + "=" + memoryDir.toAbsolutePath());
        return options;
    }

    private static Consumer<String> jmhProgress(Consumer<String> progress) {
        return line -> {
            if (line.startsWith("# Benchmark:") || line.startsWith("# Parameters:") || line.startsWith("Iteration")
                    || line.startsWith("# Warmup Iteration")) {
                progress.accept(line);
            }
        };
    }

    /** {@code failure}, else why JMH has fewer results than {@code expected} (null when it has them all). */
    private static String orMissing(String failure, int results, int expected, Path log, String what) {
        if (failure == null && results < expected) {
            // JMH goes on after a benchmark throws and exits 0; what it printed after "<failure>" says why
            return what + "JMH has " + results + " of " + expected + " results; " + firstFailure(log);
        }
        return failure == null ? null : what + failure;
    }

    /**
     * JMH's arguments: this profile's settings, the engine as a parameter (so JMH's JSON names it), the two engine
     * benchmarks, JSON results to {@code json}, then the user's own {@code --jmh-arg}s.
     */
    List<String> arguments(String engine, Path json) {
        return arguments(engine, json, List.of(TrainStepBenchmark.class, InferenceBenchmark.class));
    }

    private List<String> arguments(String engine, Path json, List<Class<?>> benchmarks) {
        List<String> args = jmhSettings(json, settings.forks(), settings.warmupIterations(), settings.warmupSeconds(),
                settings.iterations(), settings.iterationSeconds());
        args.addAll(List.of("-p", "engine=" + engine,
                "-p", "batchSize=" + settings.batchSizes().stream().map(String::valueOf).collect(Collectors.joining(",")),
                "-p", "inputSide=" + settings.inputSide()));
        args.addAll(jmhArgs);
        args.add(benchmarks(benchmarks.stream().map(Class::getSimpleName).collect(Collectors.joining("|"))));
        return args;
    }

    /** JMH's arguments for {@link PeakBenchmark}: the profile's peak settings and kernels. */
    List<String> peakArguments(String engine, Path json) {
        Profile.Peak p = settings.peak();
        List<String> args = jmhSettings(json, p.forks(), p.warmupIterations(), p.warmupSeconds(), p.iterations(),
                p.iterationSeconds());
        args.addAll(List.of("-p", "engine=" + engine, "-p", "kernel=" + String.join(",", p.kernels())));
        args.add(benchmarks(PeakBenchmark.class.getSimpleName()));
        return args;
    }

    private static List<String> jmhSettings(Path json, int forks, int warmupIterations, double warmupSeconds,
                                            int iterations, double iterationSeconds) {
        return new ArrayList<>(List.of("-rf", "json", "-rff", json.toAbsolutePath().toString(),
                "-f", String.valueOf(forks), "-wi", String.valueOf(warmupIterations), "-w", millis(warmupSeconds),
                "-i", String.valueOf(iterations), "-r", millis(iterationSeconds)));
    }

    /** The include regex of the benchmark classes {@code alternatives} ("A|B") of the engine-side package. */
    private static String benchmarks(String alternatives) {
        return "^" + NinModelState.class.getPackageName().replace(".", "\\.") + "\\.(" + alternatives + ")\\.";
    }

    private static String millis(double seconds) {
        return Math.round(seconds * 1000) + "ms";
    }

    static List<Path> benchmarkClasspath() {
        LinkedHashSet<Path> paths = new LinkedHashSet<>();
        for (String name : BENCHMARK_CLASSPATH) {
            try {
                Class<?> c = Class.forName(name, false, JmhRunner.class.getClassLoader());
                paths.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()));
            } catch (ClassNotFoundException | URISyntaxException | NullPointerException e) {
                throw new IllegalStateException("cannot find " + name + " on the launcher's classpath (" + e
                        + "); the benchmarks need it in the engine JVM", e);
            }
        }
        return List.copyOf(paths);
    }

    /** The line after JMH's first {@code <failure>} marker ({@code "Iteration 1: <failure>"}): the exception that stopped it. */
    static String firstFailure(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            boolean failed = false;
            for (String line : lines) {
                if (failed && !line.isBlank()) {
                    return line.trim();
                }
                failed |= line.endsWith("<failure>");
            }
            return "see " + log;
        } catch (IOException | UncheckedIOException e) {
            return "see " + log;
        }
    }
}
