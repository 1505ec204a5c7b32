package dev.ninbench.bench.throughput;

import dev.ninbench.core.engine.EngineName;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ninbench.bench.launch.EngineFolder;
import dev.ninbench.bench.launch.EngineLauncher;
import dev.ninbench.bench.profile.Profile;
import dev.ninbench.bench.pytorch.PyTorchReference;
import dev.ninbench.bench.results.ColdStartRow;
import dev.ninbench.core.engine.Device;
import dev.ninbench.core.json.Json;
import dev.ninbench.core.spec.NinSpec;
import dev.ninbench.engineside.ColdStartEvent;
import dev.ninbench.engineside.ColdStartMain;
import dev.ninbench.engineside.NinModelState;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Cold start: how long an engine takes from nothing to its first results, as a user's first program meets it. An
 * engine (variant), or PyTorch's d2l code, runs in {@code runs} fresh processes one after another ({@link ColdStartMain}
 * in a JVM of the engine, {@code nin_coldstart.py} in python), each timed from the moment the launcher starts it, so
 * the JVM's or python's own start is in every figure, to each {@link ColdStartEvent} it announces. The processes'
 * output goes to {@code <engine>-coldstart.log} in the run directory.
 *
 * <p>A throughput run measures it after its rounds, so the engines' native-library caches (JavaCPP's, DJL's) are
 * filled and the OS holds their files in memory: this is the start of a fresh process on a machine that has run the
 * engine before, not the first one after installing it.
 */
public final class ColdStart {
    /** PyTorch's cold-start program, one of the bench jar's python scripts. */
    public static final String SCRIPT = "nin_coldstart.py";

    private final int inputSide;
    private final int batchSize;
    private final int threads;
    private final Device device;
    private final List<String> extraJvmOptions;

    /**
     * At the run's input side and its largest batch size (the d2l recipe's 128 in the cpu and d2l profiles), with the
     * run's threads, device and extra engine JVM options ({@code --jvm-option}), as the run's benchmarks.
     */
    public ColdStart(Profile.Throughput settings, int threads, Device device, List<String> extraJvmOptions) {
        this.inputSide = settings.inputSide();
        this.batchSize = Collections.max(settings.batchSizes());
        this.threads = threads;
        this.device = device;
        this.extraJvmOptions = List.copyOf(extraJvmOptions);
    }

    /** The batch of the first training step and the first inference. */
    public int batchSize() {
        return batchSize;
    }

    /** Where the processes of {@code engine}'s cold start write their output. */
    public static Path log(Path runDir, String engine) {
        return runDir.resolve(engine + "-coldstart.log");
    }

    /** {@code runs} cold starts of the engine of {@code folder}, each in a fresh JVM; a line per run to {@code progress}. */
    public ColdStartRow measure(EngineFolder folder, Path runDir, int runs, Consumer<String> progress) {
        EngineFolder engine = folder.withJvmOptions(extraJvmOptions);
        Path log = log(runDir, engine.name());
        List<String> command = engine.command(NinModelState.properties(threads, device), JmhRunner.benchmarkClasspath(),
                ColdStartMain.class.getName(), List.of(engine.name(), String.valueOf(inputSide),
                        String.valueOf(batchSize)));
        // timed from just before runMain, which only makes sure the log's folder is there before it starts the JVM
        return repeat(engine.name(), runs, progress, events -> new EngineLauncher().runMain(engine, command, log, events));
    }

    /** {@code runs} cold starts of PyTorch's d2l code ({@code pytorch}), each in a fresh python process. */
    public ColdStartRow measurePyTorch(PyTorchReference python, Path runDir, int runs, Consumer<String> progress) {
        Path spec = runDir.resolve(EngineName.PYTORCH + "-spec.json");
        Path log = log(runDir, EngineName.PYTORCH);
        int effectiveThreads = dev.ninbench.core.engine.ModelOptions.effectiveThreads(threads);
        try {
            Json.MAPPER.writeValue(spec.toFile(), NinSpec.d2l(inputSide));
        } catch (IOException e) {
            return ColdStartRow.of(batchSize, inputSide, List.of(), EngineName.PYTORCH + " cold start: " + spec
                    + ": cannot write the spec: " + e.getMessage());
        }
        List<String> args = List.of("--spec", spec.toString(), "--batch-size", String.valueOf(batchSize), "--threads",
                String.valueOf(effectiveThreads));
        return repeat(EngineName.PYTORCH, runs, progress, events -> {
            try {
                // timed from just before start, which copies the scripts into place first (about a millisecond)
                Process process = python.start(runDir, SCRIPT, args, ProcessBuilder.Redirect.PIPE,
                        ProcessBuilder.Redirect.appendTo(log.toFile()));
                return EngineLauncher.follow(process, "PyTorch (" + SCRIPT + ")", log, events);
            } catch (IOException e) {
                return "cannot start " + python.python() + ": " + e.getMessage();
            }
        });
    }

    /**
     * {@code runs} processes of {@code engine}, one after another, each started and followed to its end by
     * {@code startAndFollow} (given where its standard output's lines go; it returns why the process failed, or null),
     * and timed from just before. The first that fails ends the measurement: its reason, in one line, is the row's.
     */
    private ColdStartRow repeat(String engine, int runs, Consumer<String> progress,
                                Function<Consumer<String>, String> startAndFollow) {
        List<Map<ColdStartEvent, Long>> finished = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            Events events = new Events();
            long started = System.currentTimeMillis();
            String failure = events.failure(startAndFollow.apply(events));
            if (failure != null) {
                return ColdStartRow.of(batchSize, inputSide, finished, engine + " cold start, run " + run + " of " + runs
                        + ": " + failure);
            }
            Map<ColdStartEvent, Long> millis = events.since(started);
            progress.accept("run " + run + "/" + runs + ": " + millis.entrySet().stream()
                    .map(e -> e.getKey().words() + " " + e.getValue() + " ms").collect(Collectors.joining(", ")));
            finished.add(millis);
        }
        return ColdStartRow.of(batchSize, inputSide, finished, null);
    }

    /** A cold-start process's standard output as it comes: the events it reached, and why it failed if it said so. */
    static final class Events implements Consumer<String> {
        private final Map<ColdStartEvent, Long> epochMillis = new EnumMap<>(ColdStartEvent.class);
        private String failure;

        /** Takes a cold-start line; any other line (an engine's own output: it is in the log) is left alone. */
        @Override
        public void accept(String line) {
            if (!line.startsWith("{\"" + ColdStartEvent.KEY + "\"")) {
                return;
            }
            JsonNode node;
            try {
                node = Json.MAPPER.readTree(line);
            } catch (JsonProcessingException e) {
                return;
            }
            String label = node.path(ColdStartEvent.KEY).asText();
            ColdStartEvent event = ColdStartEvent.of(label);
            if (ColdStartEvent.FAILED.equals(label)) {
                failure = node.path("message").asText("?");
            } else if (event != null) {
                epochMillis.put(event, node.path("epochMillis").asLong());
            }
        }

        /**
         * Why the process failed, in one line: what it said itself, else {@code exit} (the launcher's reason: its
         * exit status or signal), else the first event it never announced; null when it reached every one.
         */
        String failure(String exit) {
            if (failure != null || exit != null) {
                return failure != null ? failure : exit;
            }
            for (ColdStartEvent event : ColdStartEvent.values()) {
                if (!epochMillis.containsKey(event)) {
                    return "it exited without announcing '" + event.label() + "'";
                }
            }
            return null;
        }

        /** Each event's milliseconds since {@code startedMillis} (the launcher's clock, the same wall clock). */
        Map<ColdStartEvent, Long> since(long startedMillis) {
            Map<ColdStartEvent, Long> millis = new EnumMap<>(ColdStartEvent.class);
            epochMillis.forEach((event, at) -> millis.put(event, at - startedMillis));
            return millis;
        }
    }
}
