package dev.ninbench.bench.cli;

import dev.ninbench.core.engine.EngineName;
import dev.ninbench.bench.launch.EngineFolder;
import dev.ninbench.bench.launch.MemoryEstimate;
import dev.ninbench.bench.profile.Profile;
import dev.ninbench.bench.pytorch.PyTorchReference;
import dev.ninbench.bench.rundir.RunSettings;
import dev.ninbench.bench.rundir.SuiteVersion;
import dev.ninbench.bench.train.TrainingResume;
import dev.ninbench.bench.train.TrainingRun;
import dev.ninbench.core.data.FashionMnist;
import dev.ninbench.core.engine.Device;
import dev.ninbench.core.machine.Environment;
import dev.ninbench.core.record.PortablePaths;
import dev.ninbench.core.spec.NinSpec;
import dev.ninbench.core.train.DropoutMode;
import dev.ninbench.core.train.StopRequest;
import dev.ninbench.core.train.TrainConfig;
import dev.ninbench.core.worker.RunLock;
import java.io.IOException;
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

    @Mixin
    ProfileOverrides overrides;

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
        NinSpec spec = NinSpec.d2l(overrides.inputSide(p.inputSide()));
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
            if (StopRequest.requested()) {
                break; // Ctrl-C or SIGTERM stopped the seed before: no other starts
            }
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
        if (epochs != null || batchSize != null || learningRate != null || overrides.any() || trainLimit != null
                || testLimit != null || runOptions.engines != null || runOptions.out != null
                || engineOptions.threads != 0 || engineOptions.device().isGpu() || seed != null || seeds != null
                || dropout != null) {
            throw new IllegalArgumentException("--resume goes on with the run's own settings (its run.json); "
                    + "leave out --epochs, --batch-size, --lr, --input-side, --train-limit, --test-limit, --engines, "
                    + "--out, --threads, --device, --seed, --seeds and --dropout");
        }
        return TrainingResume.resume(resume, dataOptions.data, pytorchOptions.noPytorch, pytorchOptions.python);
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
