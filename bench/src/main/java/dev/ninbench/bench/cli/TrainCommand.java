package dev.ninbench.bench.cli;

import dev.ninbench.bench.launch.EngineFolder;
import dev.ninbench.bench.launch.EngineLauncher;
import dev.ninbench.bench.launch.EngineResult;
import dev.ninbench.bench.profile.Profile;
import dev.ninbench.core.data.FashionMnist;
import dev.ninbench.core.record.Environment;
import dev.ninbench.core.record.Json;
import dev.ninbench.core.spec.NinSpec;
import dev.ninbench.core.train.TrainConfig;
import dev.ninbench.core.worker.Job;
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

    @Option(names = "--profile", defaultValue = "smoke",
            description = "smoke (68 px, 512/512 images, 1 epoch), cpu (96 px, full data, 5 epochs) or d2l (224 px, full, 10 epochs). Default: ${DEFAULT-VALUE}.")
    String profile;

    @Option(names = "--epochs", description = "Override the profile's epochs.")
    Integer epochs;

    @Option(names = "--batch-size", description = "Override the profile's batch size.")
    Integer batchSize;

    @Option(names = "--lr", description = "Override the profile's SGD learning rate.")
    Double learningRate;

    @Option(names = "--input-side", description = "Override the profile's input side (the d2l net needs >= 67).")
    Integer inputSide;

    @Option(names = "--train-limit", description = "Use only the first N training images (0 = all).")
    Integer trainLimit;

    @Option(names = "--test-limit", description = "Evaluate on only the first N test images (0 = all).")
    Integer testLimit;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the initial weights, batch order and dropout. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--data", description = "Fashion-MNIST directory (default: $FASHION_MNIST_DIR, then /usr/share/datasets/fashion-mnist, then ~/.cache/nin-bench/fashion-mnist).")
    Path data;

    @Mixin
    RunOptions runOptions;

    @Mixin
    EngineOptions engineOptions;

    @Override
    public Integer call() throws Exception {
        Profile p = Profile.named(profile);
        NinSpec spec = NinSpec.d2l(inputSide != null ? inputSide : p.inputSide());
        TrainConfig config = new TrainConfig(or(epochs, p.epochs()), or(batchSize, p.batchSize()),
                learningRate != null ? learningRate : p.learningRate(), seed,
                or(trainLimit, p.trainLimit()), or(testLimit, p.testLimit()));
        int threads = engineOptions.threads();
        List<EngineFolder> folders = runOptions.engineFolders();
        List<String> chosen = folders.stream().map(EngineFolder::name).toList();
        Path dataDir = FashionMnist.locate(data); // fail before any engine starts when the data is missing
        Path runDir = runOptions.newRunDirectory(Environment.capture().host(), p.name());
        Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(runDir.resolve("run.json").toFile(),
                Map.of("profile", p.name(), "engines", chosen, "spec", spec, "config", config, "threads", threads,
                        "data", dataDir.toString()));

        System.out.println(spec.describe());
        System.out.printf("profile %s: %s%nrun directory %s%n%n", p.name(), p.description(), runDir);
        Map<String, EngineResult> results = new LinkedHashMap<>();
        for (EngineFolder folder : folders) {
            Job job = Job.train(folder.name(), threads, spec, config, runDir.getFileName().toString(), p.name(),
                    runDir.toString(), dataDir.toString());
            try (ProgressDisplay progress = new ProgressDisplay(folder.name(), config.epochs())) {
                EngineResult r = new EngineLauncher().run(folder, job, runDir, progress::onEvent);
                results.put(folder.name(), r);
                if (!r.ok()) {
                    progress.failed(r.failure());
                }
            }
        }
        System.out.println();
        System.out.print(ResultsTable.render(new ArrayList<>(results.values())));
        System.out.println("records: " + runDir.resolve(dev.ninbench.core.record.RunRecords.FILE_NAME));
        return results.values().stream().allMatch(EngineResult::ok) ? 0 : 1;
    }

    private static int or(Integer override, int profileValue) {
        return override != null ? override : profileValue;
    }

}
