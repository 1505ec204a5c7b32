package dev.ninbench.bench.pytorch;

import dev.ninbench.core.engine.EngineName;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ninbench.bench.launch.ReuseMalloc;
import dev.ninbench.bench.profile.Profile;
import dev.ninbench.bench.results.EngineThroughput;
import dev.ninbench.bench.results.LatencyRow;
import dev.ninbench.bench.results.ThroughputRow;
import dev.ninbench.core.engine.BackendInfo;
import dev.ninbench.core.engine.Device;
import dev.ninbench.core.engine.SettingKeys;
import dev.ninbench.core.json.Json;
import dev.ninbench.core.spec.NinSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

/**
 * PyTorch's row of a throughput run: the d2l code ({@code nin_throughput.py}) at the engines' shapes, threads and JMH
 * settings, each benchmark and batch size in {@code forks} python processes of its own, as JMH forks JVMs. The
 * measured iterations of all forks become a score and an error the way JMH computes them: their mean, and half the
 * 99.9 % confidence interval from Student's t. So "N.NNx PyTorch" compares like with like, measured in the same run.
 */
public final class PyTorchThroughput {
    /** JMH's confidence level for its score error. */
    static final double CONFIDENCE = 0.999;

    private PyTorchThroughput() {
    }

    /**
     * One way to run the d2l code: as the book writes it ({@code pytorch}); with what a PyTorch user on a CPU reaches
     * for first ({@code pytorch-channels-last}: the net and its input channels_last, torch's large allocations kept
     * for reuse ({@link ReuseMalloc}) and on huge pages ({@code THP_MEM_ALLOC_ENABLE=1}, read by torch 2.1 and
     * later), as DJL's tuned path runs libtorch, each only where the user's environment does not set it); and the
     * same {@code torch.compile}d ({@code pytorch-compiled}), run only where the installed torch has it. Compiled and
     * eager are separate rows because compiling is not always faster (torch 2.11 on a 2-thread CPU: training 0.75x
     * eager, results/performance), and "x PyTorch" divides by whichever is fastest.
     */
    public record Setup(String name, String memoryFormat, boolean compile, Map<String, String> env) {
        /** What the tuned rows add to the environment, where it lacks them. */
        private static final Map<String, String> TUNED_ENV = tunedEnvironment();
        /** The d2l code as the book writes it, NCHW. */
        public static final Setup D2L = new Setup(EngineName.PYTORCH, "nchw", false, Map.of());
        /** The same code channels_last, its memory reused and on huge pages. */
        public static final Setup CHANNELS_LAST = new Setup(EngineName.PYTORCH + "-channels-last", "nhwc", false,
                TUNED_ENV);
        /** {@link #CHANNELS_LAST}, torch.compiled. */
        public static final Setup COMPILED = new Setup(EngineName.PYTORCH + "-compiled", "nhwc", true, TUNED_ENV);
        /** All three, in the order a run measures them. */
        public static final List<Setup> ALL = List.of(D2L, CHANNELS_LAST, COMPILED);

        private static Map<String, String> tunedEnvironment() {
            Map<String, String> env = new TreeMap<>(ReuseMalloc.environment());
            env.put("THP_MEM_ALLOC_ENABLE", "1");
            return Collections.unmodifiableMap(env);
        }

        /** What the setup runs, in a few words. */
        public String describe() {
            if (env.isEmpty()) {
                return "the d2l code as the book writes it (" + memoryFormat + ")";
            }
            return "the d2l code " + memoryFormat + " (channels_last)" + (compile ? ", torch.compile" : "") + ", "
                    + env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "))
                    + " where the environment lacks it";
        }

        /**
         * The setups {@code python} can run ({@link #ALL} without {@link #COMPILED} where its torch has no
         * torch.compile, saying so to {@code out}); none when {@code python} is null.
         */
        public static List<Setup> runnable(PyTorchReference python, Consumer<String> out) {
            if (python == null) {
                return List.of();
            }
            String lacksCompile = python.lacksCompile();
            if (lacksCompile != null) {
                out.accept(COMPILED.name() + ": not run: " + lacksCompile);
            }
            return ALL.stream().filter(s -> !s.compile() || lacksCompile == null).toList();
        }
    }

    /** The row of {@code setup}: each benchmark and batch size in {@code settings.forks()} processes. */
    public static EngineThroughput run(Setup setup, PyTorchReference python, Profile.Throughput settings, int threads,
                                       Path runDir, Consumer<String> progress) {
        return run(setup, python, settings, threads, runDir, progress,
                List.of(ThroughputRow.INFERENCE, ThroughputRow.TRAIN));
    }

    /** As {@link #run}, the training step alone ({@code scaling}'s work). */
    public static EngineThroughput runTraining(Setup setup, PyTorchReference python, Profile.Throughput settings,
                                               int threads, Path runDir, Consumer<String> progress) {
        return run(setup, python, settings, threads, runDir, progress, List.of(ThroughputRow.TRAIN));
    }

    private static EngineThroughput run(Setup setup, PyTorchReference python, Profile.Throughput settings, int threads,
                                        Path runDir, Consumer<String> progress, List<String> modes) {
        List<ThroughputRow> rows = new ArrayList<>();
        Script script = new Script(setup, python, settings, threads, runDir, progress);
        try {
            for (String mode : modes) {
                for (int batch : settings.batchSizes()) {
                    List<Double> scores = new ArrayList<>();
                    List<Double> coresBusy = new ArrayList<>();
                    long peakRss = -1;
                    for (int fork = 1; fork <= settings.forks(); fork++) {
                        JsonNode out = script.run(mode, batch, settings.warmupIterations(), settings.warmupSeconds(),
                                settings.iterations(), settings.iterationSeconds());
                        out.path("opsPerSecond").forEach(x -> scores.add(x.asDouble()));
                        peakRss = Math.max(peakRss, out.path("peakRssBytes").asLong(-1));
                        coresBusy.add(out.path("coresBusy").asDouble(Double.NaN));
                        progress.accept("Iteration scores of fork " + fork + ": " + out.path("opsPerSecond") + " ops/s");
                    }
                    rows.add(row(mode, batch, settings.inputSide(), scores, peakRss, coresBusy.stream()
                            .mapToDouble(Double::doubleValue).filter(Double::isFinite).average().orElse(Double.NaN)));
                }
            }
        } catch (IOException | IllegalStateException | UncheckedIOException e) {
            return new EngineThroughput(setup.name(), script.info(), rows, firstLine(e));
        }
        return new EngineThroughput(setup.name(), script.info(), rows, null);
    }

    /**
     * The latency of {@code setup}'s inference, call by call, at the profile's latency batch sizes: the same loop
     * timed per call ({@code nin_throughput.py --mode latency}), its percentiles taken as JMH takes its sample mode's.
     */
    public static EngineThroughput latency(Setup setup, PyTorchReference python, Profile.Throughput settings,
                                           int threads, Path runDir, Consumer<String> progress) {
        Profile.Latency l = settings.latency();
        List<LatencyRow> rows = new ArrayList<>();
        Script script = new Script(setup, python, settings, threads, runDir, progress);
        try {
            for (int batch : l.batchSizes()) {
                List<Double> millis = new ArrayList<>();
                for (int fork = 1; fork <= l.forks(); fork++) {
                    script.run("latency", batch, l.warmupIterations(), l.warmupSeconds(), l.iterations(),
                            l.iterationSeconds()).path("latencyMs").forEach(x -> millis.add(x.asDouble()));
                }
                rows.add(LatencyRow.of(batch, settings.inputSide(), millis));
            }
        } catch (IOException | IllegalStateException | UncheckedIOException e) {
            return new EngineThroughput(setup.name(), null, List.of(), "latency: " + firstLine(e), List.of(), rows, null);
        }
        return new EngineThroughput(setup.name(), null, List.of(), null, List.of(), rows, null);
    }

    private static String firstLine(Exception e) {
        return e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse(e.toString());
    }

    /** nin_throughput.py for one setup: runs it, and keeps what torch said of itself for the row's label. */
    private static final class Script {
        private final Setup setup;
        private final PyTorchReference python;
        private final Path runDir;
        private final Path specFile;
        private final int threads;
        private final Consumer<String> progress;
        private final NinSpec spec;
        private JsonNode torch = Json.MAPPER.createObjectNode();

        Script(Setup setup, PyTorchReference python, Profile.Throughput settings, int threads, Path runDir,
               Consumer<String> progress) {
            this.setup = setup;
            this.python = python;
            this.runDir = runDir;
            this.specFile = runDir.resolve("pytorch-spec.json");
            this.threads = dev.ninbench.core.engine.ModelOptions.effectiveThreads(threads);
            this.progress = progress;
            this.spec = NinSpec.d2l(settings.inputSide());
        }

        JsonNode run(String mode, int batch, int warmupIterations, double warmupSeconds, int iterations,
                     double iterationSeconds) throws IOException {
            if (!Files.exists(specFile)) {
                Json.MAPPER.writeValue(specFile.toFile(), spec);
            }
            progress.accept("# Benchmark: " + setup.name() + ", nin_throughput.py --mode " + mode + " --batch-size "
                    + batch);
            List<String> args = new ArrayList<>(List.of(
                    "--spec", specFile.toString(), "--mode", mode, "--batch-size", String.valueOf(batch),
                    "--threads", String.valueOf(threads),
                    "--warmup-iterations", String.valueOf(warmupIterations),
                    "--warmup-seconds", String.valueOf(warmupSeconds),
                    "--iterations", String.valueOf(iterations),
                    "--iteration-seconds", String.valueOf(iterationSeconds),
                    "--memory-format", setup.memoryFormat()));
            if (setup.compile()) {
                args.add("--compile");
            }
            torch = Json.MAPPER.readTree(python.runScript(runDir, "nin_throughput.py", args, setup.env()));
            return torch;
        }

        BackendInfo info() {
            return PyTorchThroughput.info(setup, torch, threads);
        }
    }

    /** A row from the measured iterations' batches per second: their mean, and JMH's error (NaN below 2). */
    public static ThroughputRow row(String mode, int batch, int side, List<Double> scores, long peakRss, double coresBusy) {
        SummaryStatistics stats = new SummaryStatistics();
        scores.forEach(stats::addValue);
        double error = Double.NaN;
        if (stats.getN() > 1) {
            double t = new TDistribution(stats.getN() - 1).inverseCumulativeProbability(1 - (1 - CONFIDENCE) / 2);
            error = t * stats.getStandardDeviation() / Math.sqrt(stats.getN());
        }
        return new ThroughputRow(mode, batch, side, stats.getMean(), error, peakRss, 0, List.of(), coresBusy);
    }

    /** The row's label, from what torch said of itself ({@code torch}: the script's output, empty if none came). */
    private static BackendInfo info(Setup setup, JsonNode torch, int threads) {
        String version = torch.path("torch").asText("?");
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(SettingKeys.MODEL, "the d2l code: nn.Sequential, torch.optim.SGD"
                + ("nhwc".equals(setup.memoryFormat()) ? ", channels_last" : "")
                + (setup.compile() ? ", torch.compile: " + torch.path("compiled").asText("?") : ""));
        settings.put(SettingKeys.THREADS_INTRAOP, Integer.toString(threads));
        settings.put(SettingKeys.THREADS_INTEROP, "1");
        settings.put(SettingKeys.ONEDNN, torch.path("mkldnn").asText("?"));
        settings.put(SettingKeys.NATIVE_BUILD, "cpu");
        settings.put(SettingKeys.MEMORY_FORMAT, setup.memoryFormat());
        settings.put("blas", torch.path("blas").asText("?"));
        settings.put("THP_MEM_ALLOC_ENABLE", torch.path("thpAlloc").asText("?"));
        settings.put("malloc", torch.path("malloc").asText("?"));
        settings.put("code", "bench/src/main/python/nin_throughput.py");
        return new BackendInfo(setup.name(), "PyTorch " + version + " (d2l code, python)", version,
                Device.CPU.toString(), true, null, settings, List.of(Device.CPU.toString()));
    }
}
