package dev.ninbench.bench.train;

import dev.ninbench.bench.launch.EngineResult;
import dev.ninbench.core.engine.EngineName;
import dev.ninbench.bench.launch.EngineFolder;
import dev.ninbench.bench.launch.EngineLauncher;
import dev.ninbench.bench.rundir.EngineOutcomes;
import dev.ninbench.bench.pytorch.PyTorchReference;
import dev.ninbench.bench.pytorch.PyTorchTraining;
import dev.ninbench.bench.report.Caveat;
import dev.ninbench.core.engine.Device;
import dev.ninbench.core.machine.Environment;
import dev.ninbench.core.record.RunRecord;
import dev.ninbench.core.record.RunRecords;
import dev.ninbench.core.spec.NinSpec;
import dev.ninbench.core.train.EpochResult;
import dev.ninbench.core.train.StopRequest;
import dev.ninbench.core.train.TrainConfig;
import dev.ninbench.core.worker.Job;
import dev.ninbench.core.worker.StepLosses;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One invocation of a training run in its directory (a new run, or a resume): PyTorch's row and each engine in
 * turn, their progress, how each ended, and the summary table of the whole run.
 */
public final class TrainingRun {
    private TrainingRun() {
    }

    /**
     * One line per engine of the run with a known fault on {@code machine} ({@link Caveat}): such a variant still
     * trains, since its speed is real, but not silently. Where the engine checks itself against the fault (the
     * caveat's {@code clearedBy}) the line says what it does; else that its accuracy rows will count for nothing.
     */
    static List<String> knownFaults(List<String> engines, Environment machine) {
        return Caveat.concerning(engines, List.of(machine)).stream().map(c -> c.engine()
                + (c.cpuFlag() == null ? "" : " (" + c.cpuFlag() + ")") + ": " + c.summary()
                + (c.clearedBy() == null ? "; report marks its accuracy rows \"not evidence\"" : "")).toList();
    }

    /**
     * PyTorch's row when {@code firstEpochs} has one, then each engine in turn, in its own JVM, each from its first
     * epoch in {@code firstEpochs}; how each ended goes to engines.json as soon as it has ended. Ctrl-C or SIGTERM
     * stops the engine training now between two steps ({@link StopRequest}), starts no other, and says how to go on.
     * Returns the exit status: 0 when all finished, 130 or 143 when a signal stopped the run.
     */
    public static int run(Path runDir, String profileName, NinSpec spec, TrainConfig config, int threads, Device device,
                   Path dataDir, List<EngineFolder> folders, Map<String, Integer> firstEpochs, PyTorchReference pytorch) {
        Map<String, EngineResult> results = new LinkedHashMap<>();
        List<String> names = new ArrayList<>(folders.stream().map(EngineFolder::name).toList());
        if (firstEpochs.containsKey(EngineName.PYTORCH)) {
            names.add(0, EngineName.PYTORCH); // the reference first: each engine can be compared as it finishes
        }
        knownFaults(names, Environment.capture()).forEach(w -> System.err.println("nin-bench: warning: " + w));
        try (StopRequest.Trap trap = StopRequest.trap(EngineLauncher::passOnStop)) {
            for (String name : names) {
                if (StopRequest.requested()) {
                    break; // the engines after the one stopped are not started
                }
                int first = firstEpochs.get(name);
                Job.Train job = new Job.Train(name, threads, device, spec, config, runDir.getFileName().toString(),
                        profileName, runDir.toString(), dataDir.toString(), first);
                try (ProgressDisplay progress = new ProgressDisplay(name, config.epochs())) {
                    EngineResult r = name.equals(EngineName.PYTORCH)
                            ? PyTorchTraining.run(pytorch, job, runDir, progress::onEvent)
                            : new EngineLauncher().run(folder(folders, name), job, runDir, progress::onEvent);
                    int last = r.epochs().stream().mapToInt(EpochResult::epoch).max().orElse(first - 1);
                    if (StopRequest.requested() && !r.ok()) {
                        r = new EngineResult(r.engine(), r.info(), r.epochs(), interrupted(r, last), r.exitStatus());
                    }
                    results.put(name, r);
                    recordOutcome(runDir, name, new EngineOutcomes.Outcome(r.failure(), last));
                    if (!r.ok()) {
                        progress.failed(r.failure());
                    }
                }
            }
        }
        System.out.println();
        List<EngineResult> rows = wholeRun(runDir, results);
        System.out.print(ResultsTable.render(rows, steps(runDir, rows)));
        System.out.println("records: " + runDir.resolve(RunRecords.FILE_NAME));
        if (StopRequest.requested()) {
            List<String> notStarted = names.stream().filter(n -> !results.containsKey(n)).toList();
            System.out.println("interrupted by " + StopRequest.signal() + (notStarted.isEmpty() ? ""
                    : "; not started: " + String.join(", ", notStarted)) + "; every finished epoch is kept");
            System.out.println("to go on: nin-bench train --resume " + runDir);
            return StopRequest.exitStatus();
        }
        boolean ok = results.values().stream().allMatch(EngineResult::ok);
        if (!ok) {
            System.out.println("to go on from the last finished epochs: nin-bench train --resume " + runDir);
        }
        return ok ? 0 : 1;
    }

    /**
     * Writes how {@code name} ended to engines.json; where that write fails (a full disk), says so and goes on: the
     * records are the run's state, and the table and the way to go on must still be printed.
     *
     * @return whether it was written
     */
    static boolean recordOutcome(Path runDir, String name, EngineOutcomes.Outcome outcome) {
        try {
            EngineOutcomes.put(runDir, name, outcome);
            return true;
        } catch (UncheckedIOException e) {
            System.err.println("nin-bench: warning: " + e.getMessage() + "; " + name + "'s records and checkpoints "
                    + "say how far it got (free some space before a --resume)");
            return false;
        }
    }

    /**
     * How an engine that a signal stopped ended, in engines.json's words: "interrupted by SIGINT in epoch 3 ...",
     * whether it stopped between two steps (its own words) or before it began to train.
     */
    private static String interrupted(EngineResult r, int lastEpoch) {
        String why = r.failure() == null ? "" : r.failure();
        return why.startsWith(EngineOutcomes.INTERRUPTED) ? why : EngineOutcomes.INTERRUPTED + " by "
                + StopRequest.signal() + " after epoch " + lastEpoch + (lastEpoch > 0 ? " (epochs up to it are kept)" : "")
                + (why.isEmpty() ? "" : "; " + why);
    }

    /**
     * The summary's rows: every engine of the run with every epoch its records hold, so that after a resume the table
     * shows the whole run, not only this invocation's epochs; this invocation's outcome where it ran the engine.
     */
    private static List<EngineResult> wholeRun(Path runDir, Map<String, EngineResult> results) {
        Map<String, List<RunRecord>> recorded = new LinkedHashMap<>();
        Path file = runDir.resolve(RunRecords.FILE_NAME);
        if (Files.isRegularFile(file)) {
            RunRecords.read(file, malformed -> { }).forEach(r ->
                    recorded.computeIfAbsent(r.engine().name(), k -> new ArrayList<>()).add(r));
        }
        List<EngineResult> rows = new ArrayList<>();
        for (Map.Entry<String, List<RunRecord>> e : recorded.entrySet()) {
            List<EpochResult> epochs = e.getValue().stream().map(RunRecord::epoch)
                    .sorted(java.util.Comparator.comparingInt(EpochResult::epoch)).toList();
            EngineResult now = results.get(e.getKey());
            rows.add(now != null ? new EngineResult(now.engine(), now.info(), epochs, now.failure(), now.exitStatus())
                    : new EngineResult(e.getKey(), e.getValue().get(0).engine(), epochs, null, 0));
        }
        results.values().stream().filter(r -> !recorded.containsKey(r.engine())).forEach(rows::add);
        return rows;
    }

    /**
     * Each row's per-step losses from steps/&lt;engine&gt;.csv; a row whose file is missing, empty or unreadable is
     * left out (its loss comparison reads "-").
     */
    private static Map<String, List<StepLosses.Step>> steps(Path runDir, List<EngineResult> rows) {
        Map<String, List<StepLosses.Step>> steps = new LinkedHashMap<>();
        for (EngineResult r : rows) {
            Path file = StepLosses.file(runDir, r.engine());
            try {
                if (Files.isRegularFile(file)) {
                    steps.put(r.engine(), StepLosses.read(file));
                }
            } catch (IllegalArgumentException | UncheckedIOException e) {
                System.out.println("(" + r.engine() + "'s losses are not compared: " + e.getMessage() + ")");
            }
        }
        return steps;
    }

    private static EngineFolder folder(List<EngineFolder> folders, String name) {
        return folders.stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
    }

}
