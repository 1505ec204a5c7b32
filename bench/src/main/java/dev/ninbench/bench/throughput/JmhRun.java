package dev.ninbench.bench.throughput;

import dev.ninbench.bench.jmh.InferenceBenchmark;
import dev.ninbench.bench.jmh.NinModelState;
import dev.ninbench.bench.jmh.PeakMemory;
import dev.ninbench.bench.jmh.TrainStepBenchmark;
import dev.ninbench.bench.launch.EngineFolder;
import dev.ninbench.bench.launch.EngineLauncher;
import dev.ninbench.bench.launch.EngineResult;
import dev.ninbench.bench.profile.Profile;
import dev.ninbench.core.engine.BackendInfo;
import dev.ninbench.core.engine.Device;
import dev.ninbench.core.worker.Job;
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
 * Runs the benchmarks of {@link dev.ninbench.bench.jmh} with JMH's own {@code Main} in one engine's JVM: that
 * engine's JVM options, environment and jars, plus the jars the benchmarks need that an engine folder lacks (this
 * bench jar, jmh-core, and jmh-core's jopt-simple and commons-math3), found where this JVM loaded them from, so
 * nothing else of the launcher's classpath (e.g. its SLF4J binding) reaches the engine. JMH's forks inherit that
 * classpath and the JVM options (JMH passes the host's JVM arguments to its forks), so every fork holds this one
 * engine. In the run directory: {@code <engine>-jmh.json} (JMH's results), {@code <engine>-jmh.log} (its output)
 * and {@code <engine>-memory/} (one peak-memory sample per fork).
 */
public final class JmhRun {
    /** The classes whose jars (or class folders) the benchmarks need beyond an engine folder. */
    private static final List<String> BENCHMARK_CLASSPATH = List.of(NinModelState.class.getName(),
            "org.openjdk.jmh.Main", "joptsimple.OptionParser", "org.apache.commons.math3.util.FastMath");

    private final Profile.Throughput settings;
    private final int threads;
    private final Device device;
    private final List<String> extraJvmOptions;

    /**
     * @param extraJvmOptions added to every engine JVM (its info job, JMH and so JMH's forks) after the engine
     *                        folder's own, e.g. an engine's switch ({@code -Dninbench.djl.channelsLast=false}) to
     *                        measure what it changes; the engine's settings in the results then show it
     */
    public JmhRun(Profile.Throughput settings, int threads, Device device, List<String> extraJvmOptions) {
        this.settings = settings;
        this.threads = threads;
        this.device = device;
        this.extraJvmOptions = List.copyOf(extraJvmOptions);
    }

    /**
     * Asks the engine what it is (a worker {@code info} job, so an engine that cannot run here fails in seconds,
     * with its reason), then runs JMH in its JVM.
     */
    public EngineThroughput run(EngineFolder folder, Path runDir, Consumer<String> progress) {
        EngineFolder engine = folder.withJvmOptions(extraJvmOptions);
        EngineResult checked = new EngineLauncher().run(engine, Job.info(engine.name(), threads, device), runDir, e -> { });
        BackendInfo info = checked.info();
        if (!checked.ok() || info == null || !info.available()) {
            return new EngineThroughput(engine.name(), info, List.of(), checked.ok()
                    ? engine.name() + " is not usable here: " + (info == null ? "?" : info.unavailableReason())
                    : checked.failure());
        }
        Path json = runDir.resolve(engine.name() + "-jmh.json");
        Path log = runDir.resolve(engine.name() + "-jmh.log");
        Path memoryDir = runDir.resolve(engine.name() + "-memory");
        List<String> jvmOptions = List.of("-D" + NinModelState.ENGINE_PROPERTY + "=" + engine.name(),
                "-D" + NinModelState.THREADS_PROPERTY + "=" + threads,
                "-D" + NinModelState.DEVICE_PROPERTY + "=" + device,
                "-D" + PeakMemory.DIR_PROPERTY + "=" + memoryDir.toAbsolutePath());
        List<String> command = engine.command(jvmOptions, benchmarkClasspath(), "org.openjdk.jmh.Main", arguments(json));
        String failure = new EngineLauncher().runMain(engine, command, log, line -> {
            if (line.startsWith("# Benchmark:") || line.startsWith("# Parameters:") || line.startsWith("Iteration")
                    || line.startsWith("# Warmup Iteration")) {
                progress.accept(line);
            }
        });
        List<ThroughputRow> rows = JmhResults.read(json, PeakMemory.readAll(memoryDir));
        int expected = 2 * settings.batchSizes().size();
        if (failure == null && rows.size() < expected) {
            // JMH goes on after a benchmark throws and exits 0; what it printed after "<failure>" says why
            failure = "JMH has " + rows.size() + " of " + expected + " results; " + firstFailure(log);
        }
        return new EngineThroughput(engine.name(), info, rows, failure);
    }

    /** JMH's arguments: this profile's settings, the two engine benchmarks, JSON results to {@code json}. */
    List<String> arguments(Path json) {
        List<String> args = new ArrayList<>(List.of(
                "-rf", "json", "-rff", json.toAbsolutePath().toString(),
                "-f", String.valueOf(settings.forks()),
                "-wi", String.valueOf(settings.warmupIterations()), "-w", millis(settings.warmupSeconds()),
                "-i", String.valueOf(settings.iterations()), "-r", millis(settings.iterationSeconds()),
                "-p", "batchSize=" + settings.batchSizes().stream().map(String::valueOf).collect(Collectors.joining(",")),
                "-p", "inputSide=" + settings.inputSide()));
        args.add("^" + NinModelState.class.getPackageName().replace(".", "\\.") + "\\.("
                + TrainStepBenchmark.class.getSimpleName() + "|" + InferenceBenchmark.class.getSimpleName() + ")\\.");
        return args;
    }

    private static String millis(double seconds) {
        return Math.round(seconds * 1000) + "ms";
    }

    static List<Path> benchmarkClasspath() {
        LinkedHashSet<Path> paths = new LinkedHashSet<>();
        for (String name : BENCHMARK_CLASSPATH) {
            try {
                Class<?> c = Class.forName(name, false, JmhRun.class.getClassLoader());
                paths.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()));
            } catch (ClassNotFoundException | URISyntaxException | NullPointerException e) {
                throw new IllegalStateException("cannot find " + name + " on the launcher's classpath (" + e
                        + "); the benchmarks need it in the engine JVM", e);
            }
        }
        return List.copyOf(paths);
    }

    /** The line after JMH's first {@code <failure>} marker ("Iteration 1: <failure>"): the exception that stopped it. */
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
