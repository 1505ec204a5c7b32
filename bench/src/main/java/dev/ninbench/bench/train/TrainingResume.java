package dev.ninbench.bench.train;

import dev.ninbench.bench.launch.EngineCatalog;
import dev.ninbench.bench.launch.EngineFolder;
import dev.ninbench.bench.pytorch.PyTorchReference;
import dev.ninbench.bench.rundir.EngineOutcomes;
import dev.ninbench.bench.rundir.RunResume;
import dev.ninbench.bench.rundir.RunSettings;
import dev.ninbench.bench.rundir.SuiteVersion;
import dev.ninbench.core.data.FashionMnist;
import dev.ninbench.core.engine.EngineName;
import dev.ninbench.core.record.PortablePaths;
import dev.ninbench.core.record.RunRecords;
import dev.ninbench.core.spec.NinSpec;
import dev.ninbench.core.train.TrainConfig;
import dev.ninbench.core.worker.ResumePoint;
import dev.ninbench.core.worker.RunLock;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * {@code train --resume}: an interrupted training run goes on in its own directory with its own settings (its
 * {@code run.json}), each engine from the newest epoch that has both a good record and a good checkpoint.
 */
public final class TrainingResume {
    private TrainingResume() {
    }

    /**
     * Resumes the run in {@code resume}.
     *
     * @param data          the data directory given on the command line; null: the run's own
     * @param noPytorch     leave PyTorch's row out even where the run had one
     * @param defaultPython the python for PyTorch's row when the run names none
     * @return the exit status
     */
    public static int resume(Path resume, Path data, boolean noPytorch, String defaultPython) throws IOException {
        Path runDir = resume.toAbsolutePath().normalize();
        Path runJson = runDir.resolve(RunSettings.FILE_NAME);
        RunSettings.Train run;
        try {
            run = RunSettings.read(runDir, RunSettings.Train.class);
        } catch (IOException e) {
            throw new IllegalArgumentException(runJson + ": cannot read the run to resume ("
                    + e.getMessage().lines().findFirst().orElse("") + "); expected the directory of a train run");
        }
        if (run == null || run.spec() == null || run.config() == null || run.engines() == null) {
            throw new IllegalArgumentException(runJson + ": not a training run (no spec, config or engines); "
                    + "only the directories of train runs can be resumed");
        }
        Path dataDir = FashionMnist.load(data != null ? data : PortablePaths.expand(Objects.requireNonNullElse(run.data(), "")))
                .directory();
        try (RunLock lock = RunLock.acquire(runDir)) { // before reading what is done: one writer at a time
            RunLock.acquire(runDir, RunLock.ENGINE_FILE).close(); // and no engine JVM of a killed launcher still writes
            return resume(runDir, run, dataDir, noPytorch, defaultPython);
        }
    }

    private static int resume(Path runDir, RunSettings.Train run, Path dataDir, boolean noPytorch,
                              String defaultPython) throws IOException {
        NinSpec spec = run.spec();
        TrainConfig config = run.config();
        List<String> names = run.engines();
        // the PyTorch row goes on with the python the run used (its run.json), when the run had one
        String python = run.pytorch() == null ? null : PortablePaths.expand(run.pytorch()).toString();
        List<String> rows = new ArrayList<>(names);
        if (python != null && !noPytorch) {
            rows.add(EngineName.PYTORCH);
        }
        // each from the newest epoch with both a good record and a good checkpoint
        EngineOutcomes.problem(runDir).ifPresent(p -> System.err.println("nin-bench: warning: " + p));
        Map<String, Integer> done = ResumePoint.lastGoodEpochs(runDir, spec, rows, note -> System.out.println(note));
        Map<String, Integer> firstEpochs = new LinkedHashMap<>();
        List<EngineFolder> folders = new ArrayList<>();
        for (EngineFolder folder : EngineCatalog.installed().chosen(names)) {
            if (resumes(folder.name(), done, config, firstEpochs)) {
                folders.add(folder);
            }
        }
        if (rows.contains(EngineName.PYTORCH)) {
            resumes(EngineName.PYTORCH, done, config, firstEpochs);
        }
        int moved = ResumePoint.dropRecordsFrom(runDir, firstEpochs);
        if (moved > 0) {
            System.out.printf("%d line(s) of %s moved to %s (the epochs trained again, or not records)%n", moved,
                    RunRecords.FILE_NAME, ResumePoint.DROPPED);
        }
        if (firstEpochs.isEmpty()) {
            System.out.printf("%s: every engine finished its %d epochs; nothing to resume (nin-bench report reads it)%n",
                    runDir, config.epochs());
            return 0;
        }
        // the epochs from here on are this suite's: say so beside run.json, which names the suite that started
        new RunResume(Instant.now().toString(), SuiteVersion.current(), firstEpochs).appendTo(runDir);
        System.out.println(spec.describe());
        System.out.printf("resuming %s: %s%n%n", runDir, firstEpochs.entrySet().stream()
                .map(e -> e.getKey() + " from epoch " + e.getValue()).collect(Collectors.joining(", ")));
        return TrainingRun.run(runDir, run.profile(), spec, config, run.threads(), run.device(), dataDir, folders,
                firstEpochs, new PyTorchReference(python != null ? python : defaultPython));
    }

    /** Puts {@code name}'s first epoch to train into {@code firstEpochs} unless it had done them all. */
    private static boolean resumes(String name, Map<String, Integer> done, TrainConfig config,
                                   Map<String, Integer> firstEpochs) {
        int first = done.getOrDefault(name, 0) + 1;
        if (first > config.epochs()) {
            System.out.printf("%s: all %d epochs were done%n", name, config.epochs());
            return false;
        }
        firstEpochs.put(name, first);
        return true;
    }
}
