package dev.ninbench.bench.cli;

import dev.ninbench.core.engine.EngineName;
import dev.ninbench.bench.launch.EngineCatalog;
import dev.ninbench.bench.launch.EngineFolder;
import dev.ninbench.bench.launch.MemoryEstimate;
import dev.ninbench.bench.profile.Profile;
import dev.ninbench.bench.pytorch.PyTorchReference;
import dev.ninbench.bench.rundir.EngineOutcomes;
import dev.ninbench.bench.rundir.RunSettings;
import dev.ninbench.bench.rundir.SuiteVersion;
import dev.ninbench.bench.train.TrainingRun;
import dev.ninbench.core.data.FashionMnist;
import dev.ninbench.core.engine.Device;
import dev.ninbench.core.machine.Environment;
import dev.ninbench.core.record.PortablePaths;
import dev.ninbench.core.record.RunRecords;
import dev.ninbench.core.spec.NinSpec;
import dev.ninbench.core.train.DropoutMode;
import dev.ninbench.core.train.TrainConfig;
import dev.ninbench.core.worker.ResumePoint;
import dev.ninbench.core.worker.RunLock;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code nin-bench train}: trains every chosen engine in turn, each in its own JVM, from the same initial weights
 * (seeded) and the same batch order, and appends their run records to one new run directory.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train the d2l NiN on each engine in turn (same weights, same batches) and print a table.")
public final class TrainCommand implements Callable<Integer> {
    static final long DEFAULT_SEED = 42;

    @Option(names = "--profile", defaultValue = "smoke",
            description = "smoke (68 px, 512/512 images, 1 epoch), cpu (96 px, full data, 5 epochs), seeds (the cpu recipe, for the seed study: --seeds 1,2,3,4,5) or d2l (224 px, full, 10 epochs). Default: ${DEFAULT-VALUE}.")
    String profile;

    @Option(names = "--epochs", description = "Override the profile's epochs.")
    Integer epochs;

    @Option(names = "--batch-size", description = "Override the profile's batch size.")
    Integer batchSize;

    @Option(names = "--lr", converter = AnyCaseDouble.class, description = "Override the profile's SGD learning rate.")
    Double learningRate;

    @Option(names = "--input-side", description = "Override the profile's input side (the d2l net needs >= 67).")
    Integer inputSide;

    @Option(names = "--train-limit", description = "Use only the first N training images (0 = all).")
    Integer trainLimit;

    @Option(names = "--test-limit", description = "Evaluate on only the first N test images (0 = all).")
    Integer testLimit;

    @Option(names = "--seed", description = "Seed of the initial weights, batch order and dropout masks. Default: 42.")
    Long seed;

    // one value that this command splits, not picocli (split = ","): picocli's synopsis would repeat the label
    // ("[--seeds=S1,S2,...[,S1,S2,......]]...")
    @Option(names = "--seeds", paramLabel = "S1,S2,...",
            description = "Train once per seed, each in a run directory of its own (<profile>-seed<S>), so that "
                    + "the report can show the recipe's own spread over seeds next to the engines' differences.")
    String seeds;

    @Option(names = "--dropout", converter = DropoutConverter.class,
            description = "shared: every engine and PyTorch multiply by the suite's own dropout masks (the same "
                    + "for all; docs/dropout-masks.md); engine: each draws its own, as its users' code would. "
                    + "Default: shared.")
    DropoutMode dropout;

    @Mixin
    DataOptions dataOptions;

    @Mixin
    RunOptions.TunedPaths runOptions;

    @Mixin
    EngineOptions engineOptions;

    @Mixin
    PyTorchOptions pytorchOptions;

    @Option(names = "--resume", paramLabel = "RUN_DIR",
            description = "Go on with an interrupted run, in its own directory: each engine from the epoch after its "
                    + "last recorded one, from that epoch's checkpoint, with the same batches and dropout seeds; "
                    + "engines that finished are skipped. The run's own settings (run.json) are used.")
    Path resume;

    @Override
    public Integer call() throws Exception {
        if (resume != null) {
            return resume();
        }
        Profile p = Profile.named(profile);
        NinSpec spec = NinSpec.d2l(inputSide != null ? inputSide : p.inputSide());
        if (seed != null && seeds != null) {
            throw new IllegalArgumentException("give --seed or --seeds, not both");
        }
        List<Long> runSeeds = seeds != null ? seeds(seeds) : List.of(seed != null ? seed : DEFAULT_SEED);
        TrainConfig base = new TrainConfig(or(epochs, p.epochs()), or(batchSize, p.batchSize()),
                learningRate != null ? learningRate : p.learningRate(), runSeeds.get(0),
                or(trainLimit, p.trainLimit()), or(testLimit, p.testLimit()),
                dropout != null ? dropout : DropoutMode.SHARED);
        int threads = engineOptions.threads();
        Device device = engineOptions.device();
        RunOptions.namedOnce("--engines", runOptions.engines);
        // --engines may name pytorch: "--engines pytorch" trains PyTorch's row alone (e.g. more seeds of the reference)
        boolean torchOnly = runOptions.engines != null && runOptions.engines.stream()
                .allMatch(EngineName.PYTORCH::equals);
        if (runOptions.engines != null) {
            runOptions.engines = runOptions.engines.stream().filter(e -> !e.equals(EngineName.PYTORCH)).toList();
        }
        List<EngineFolder> folders = torchOnly ? List.of() : runOptions.engineFolders();
        List<String> chosen = folders.stream().map(EngineFolder::name).toList();
        // verified as `data` verifies it (magic numbers, counts, checksums) before any run directory or engine exists:
        // bad data is one error here, not one per engine after a run directory was made
        FashionMnist.Splits splits = dataOptions.load();
        Path dataDir = splits.directory();
        int images = splits.train().first(base.trainLimit()).size();
        if (base.batchSize() > images) {
            throw new IllegalArgumentException("--batch-size " + base.batchSize() + " is larger than the " + images
                    + " training images" + (base.trainLimit() > 0 ? " (--train-limit " + base.trainLimit() + ")" : "")
                    + "; a batch cannot hold more images than there are");
        }
        MemoryEstimate.check(spec, base.batchSize()); // a run that cannot fit fails here, not in every engine
        if (torchOnly && (pytorchOptions.noPytorch || engineOptions.device().isGpu())) {
            throw new IllegalArgumentException("--engines pytorch leaves nothing to train with --no-pytorch or on a GPU");
        }
        String noTorch = device.isGpu() ? "left out (its row runs the d2l code on the CPU only; this run is on "
                + device + ")" : pytorchOptions.leftOut();
        int status = 0;
        for (long runSeed : runSeeds) {
            TrainConfig config = base.withSeed(runSeed);
            Path runDir = runOptions.newRunDirectory(Environment.capture().host(),
                    seeds != null ? p.name() + "-seed" + runSeed : p.name()); // --seeds names each run by its seed
            new RunSettings.Train(p.name(), chosen, spec, config, threads, device, PortablePaths.home(dataDir),
                    SuiteVersion.current(), noTorch == null ? PortablePaths.home(pytorchOptions.reference().python()) : null)
                    .write(runDir);

            System.out.println(spec.describe());
            System.out.printf("profile %s: %s%nseed %d, dropout masks: %s%nrun directory %s%n", p.name(),
                    p.description(), runSeed, config.dropout().label(), runDir);
            System.out.println(EngineName.PYTORCH + (noTorch == null
                    ? ": the d2l code trains first, then each engine, on the same batches and masks (log "
                    + PyTorchReference.log(runDir) + ")" : ": no row in this run: " + noTorch));
            System.out.println();
            Map<String, Integer> firstEpochs = new LinkedHashMap<>();
            chosen.forEach(name -> firstEpochs.put(name, 1));
            if (noTorch == null) {
                firstEpochs.put(EngineName.PYTORCH, 1);
            }
            try (RunLock lock = RunLock.acquire(runDir)) {
                status = Math.max(status, TrainingRun.run(runDir, p.name(), spec, config, threads, device, dataDir, folders,
                        firstEpochs, pytorchOptions.reference()));
            }
        }
        return status;
    }

    /** {@code --resume}: the run's settings from its run.json, each engine from after its last recorded epoch. */
    private int resume() throws IOException {
        if (epochs != null || batchSize != null || learningRate != null || inputSide != null || trainLimit != null
                || testLimit != null || runOptions.engines != null || runOptions.out != null
                || engineOptions.threads != 0 || engineOptions.device().isGpu() || seed != null || seeds != null
                || dropout != null) {
            throw new IllegalArgumentException("--resume goes on with the run's own settings (its run.json); "
                    + "leave out --epochs, --batch-size, --lr, --input-side, --train-limit, --test-limit, --engines, "
                    + "--out, --threads, --device, --seed, --seeds and --dropout");
        }
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
        Path dataDir = FashionMnist.load(dataOptions.data != null ? dataOptions.data : PortablePaths.expand(Objects.requireNonNullElse(run.data(), "")))
                .directory();
        try (RunLock lock = RunLock.acquire(runDir)) { // before reading what is done: one writer at a time
            RunLock.acquire(runDir, RunLock.ENGINE_FILE).close(); // and no engine JVM of a killed launcher still writes
            return resume(runDir, run, dataDir);
        }
    }

    private int resume(Path runDir, RunSettings.Train run, Path dataDir) {
        NinSpec spec = run.spec();
        TrainConfig config = run.config();
        List<String> names = run.engines();
        // the PyTorch row goes on with the python the run used (its run.json), when the run had one
        String python = run.pytorch() == null ? null : PortablePaths.expand(run.pytorch()).toString();
        List<String> rows = new ArrayList<>(names);
        if (python != null && !pytorchOptions.noPytorch) {
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
        System.out.println(spec.describe());
        System.out.printf("resuming %s: %s%n%n", runDir, firstEpochs.entrySet().stream()
                .map(e -> e.getKey() + " from epoch " + e.getValue()).collect(Collectors.joining(", ")));
        return TrainingRun.run(runDir, run.profile(), spec, config, run.threads(), run.device(), dataDir, folders,
                firstEpochs, new PyTorchReference(python != null ? python : pytorchOptions.python));
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

    /** picocli's way to parse {@code --dropout}. */
    static final class DropoutConverter implements picocli.CommandLine.ITypeConverter<DropoutMode> {
        @Override
        public DropoutMode convert(String value) {
            return DropoutMode.parse(value);
        }
    }

    /** {@code --seeds}' value as seeds, each once, in the order given; a one-line error naming a bad one. */
    static List<Long> seeds(String value) {
        List<Long> seeds = new java.util.ArrayList<>();
        for (String s : value.split(",", -1)) {
            try {
                seeds.add(Long.parseLong(s.strip()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--seeds " + value + ": '" + s + "' is not a seed; expected whole "
                        + "numbers separated by commas, e.g. 1,2,3");
            }
        }
        RunOptions.namedOnce("--seeds", seeds);
        return List.copyOf(seeds);
    }

    private static int or(Integer override, int profileValue) {
        return override != null ? override : profileValue;
    }

}
