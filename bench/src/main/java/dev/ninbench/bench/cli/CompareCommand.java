package dev.ninbench.bench.cli;

import dev.ninbench.core.engine.EngineName;
import dev.ninbench.bench.compare.ComparisonReport;
import dev.ninbench.bench.launch.EngineFolder;
import dev.ninbench.bench.launch.EngineLauncher;
import dev.ninbench.bench.pytorch.PyTorchReference;
import dev.ninbench.bench.launch.EngineResult;
import dev.ninbench.core.data.Batch;
import dev.ninbench.core.data.BatchFiles;
import dev.ninbench.core.data.Epochs;
import dev.ninbench.core.json.Json;
import dev.ninbench.core.machine.Environment;
import dev.ninbench.core.spec.NinSpec;
import dev.ninbench.core.train.TrainConfig;
import dev.ninbench.core.weights.Safetensors;
import dev.ninbench.core.weights.SafetensorsFile;
import dev.ninbench.core.weights.XavierInit;
import dev.ninbench.core.worker.Job;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code nin-bench compare}: the same weights and inputs through every engine (and PyTorch, when present), and how
 * far apart the outputs are: logits, or with {@code --train-steps} the losses and weights of N SGD steps.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run the same weights and inputs through every engine (and PyTorch) and compare the outputs.")
public final class CompareCommand implements Callable<Integer> {

    enum Inputs { test, random }

    @Option(names = "--weights", description = "Weights (safetensors, PyTorch state_dict names, e.g. from the d2l code); default: the seeded init.")
    Path weights;

    @Option(names = "--inputs", defaultValue = "test", description = "test (the first N test images) or random. Default: ${DEFAULT-VALUE}.")
    Inputs inputs;

    @Option(names = "--n", defaultValue = "256", description = "Images to compare on. Default: ${DEFAULT-VALUE}.")
    int n;

    @Option(names = "--input-side", defaultValue = "96", description = "Input side of the d2l net. Default: ${DEFAULT-VALUE}.")
    int inputSide;

    @Option(names = "--tolerance", defaultValue = "1e-4", description = "Largest absolute logit difference allowed (exit status 1 above it). Default: ${DEFAULT-VALUE}.")
    double tolerance;

    @Option(names = "--train-steps", defaultValue = "0", description = "Instead of logits: N SGD steps on the same batches; compare losses and final weights.")
    int trainSteps;

    @Option(names = "--dropout", defaultValue = "shared", description = "With --train-steps: shared (every engine and PyTorch multiply by the suite's shared dropout masks, docs/dropout-masks.md) or off. Default: ${DEFAULT-VALUE}.")
    ParityDropout dropout;

    /** Dropout in compare's training steps: the shared masks, or none. */
    enum ParityDropout { shared, off }

    @Option(names = "--loss-tolerance", defaultValue = "1e-3", description = "With --train-steps: largest loss difference allowed. Default: ${DEFAULT-VALUE}.")
    double lossTolerance;

    @Option(names = "--weight-tolerance", defaultValue = "0.1", description = "With --train-steps: largest final-weight difference allowed, as a fraction of how far the steps moved each tensor (PyTorch's, else the first engine's). Default: ${DEFAULT-VALUE}.")
    double weightTolerance;

    @Option(names = "--batch-size", defaultValue = "128", description = "With --train-steps: images per step. Default: ${DEFAULT-VALUE}.")
    int batchSize;

    @Option(names = "--lr", defaultValue = "0.1", converter = AnyCaseDouble.class, description = "With --train-steps: SGD learning rate. Default: ${DEFAULT-VALUE}.")
    double learningRate;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the init weights, random inputs and batch order. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Mixin
    DataOptions dataOptions;

    @Mixin
    PyTorchOptions pytorchOptions;

    @Mixin
    RunOptions.TunedPaths runOptions;

    @Mixin
    EngineOptions engineOptions;

    @Override
    public Integer call() throws Exception {
        NinSpec spec = trainSteps > 0 && dropout == ParityDropout.off ? NinSpec.d2l(inputSide).withoutDropout()
                : NinSpec.d2l(inputSide);
        if (n <= 0 || trainSteps < 0) {
            throw new IllegalArgumentException("--n must be >= 1 and --train-steps >= 0, got " + n + " and " + trainSteps);
        }
        TrainConfig config = new TrainConfig(1, batchSize, learningRate, seed, 0, 0);
        List<EngineFolder> folders = runOptions.engineFolders();
        PyTorchReference pytorch = pytorchOptions.reference();
        String noTorch = pytorchOptions.leftOut();

        if (weights != null) {
            try { // a bad file fails here, in one line, before any run directory or engine
                Safetensors.readWeights(weights, spec);
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException(weights + ": cannot read the weights: "
                        + dev.ninbench.core.engine.Failures.reason(e)
                        + "; expected a safetensors file with PyTorch's state_dict names", e);
            }
        }
        Path runDir = runOptions.newRunDirectory(Environment.capture().host(),
                trainSteps > 0 ? "parity" : "compare");
        Path weightsFile = weights != null ? weights.toAbsolutePath() : runDir.resolve("init.safetensors");
        if (weights == null) {
            Safetensors.writeWeights(weightsFile, XavierInit.init(spec, seed), XavierInit.metadata(spec, seed));
        }
        Path specFile = runDir.resolve("spec.json");
        Json.MAPPER.writeValue(specFile.toFile(), spec);
        Batch batch = trainSteps > 0 ? parityBatches(config) : inputs(spec);
        Path inputsFile = runDir.resolve("inputs.safetensors");
        BatchFiles.write(inputsFile, batch);

        String kind = trainSteps > 0 ? "parity" : "logits";
        System.out.printf("compare (%s): %s, %s, weights: %s%nrun directory %s%n", kind, spec,
                trainSteps > 0 ? trainSteps + " SGD steps of " + batchSize + " training images, lr " + learningRate + ", dropout "
                        + (dropout == ParityDropout.off ? "off" : "with the shared masks of seed " + seed)
                        : n + " " + inputs + " images", weights != null ? weights : "seeded init (seed " + seed + ")", runDir);
        Map<String, SafetensorsFile> outputs = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        for (EngineFolder folder : folders) {
            Path result = runDir.resolve(folder.name() + "-" + kind + ".safetensors");
            Job job = trainSteps > 0
                    ? new Job.Parity(folder.name(), engineOptions.threads(), engineOptions.device(), spec, config, weightsFile.toString(), inputsFile.toString(), result.toString())
                    : new Job.Logits(folder.name(), engineOptions.threads(), engineOptions.device(), spec, config, weightsFile.toString(), inputsFile.toString(), result.toString());
            EngineResult r = new EngineLauncher().run(folder, job, runDir, e -> { });
            System.out.printf("  %-8s %s%n", folder.name(), r.ok() ? "ok: " + r.info().engine() : "FAILED: " + r.failure());
            if (r.ok()) {
                outputs.put(folder.name(), Safetensors.readFile(result));
            } else {
                failures.add(folder.name());
            }
        }
        if (noTorch == null) {
            Path result = runDir.resolve(EngineName.PYTORCH + "-" + kind + ".safetensors");
            List<String> args = new ArrayList<>(List.of("--spec", specFile.toString(), "--weights", weightsFile.toString(),
                    "--batch", inputsFile.toString(), "--out", result.toString(), "--lr", String.valueOf(learningRate),
                    "--threads", String.valueOf(dev.ninbench.core.engine.ModelOptions.effectiveThreads(engineOptions.threads()))));
            args.addAll(trainSteps > 0 ? List.of("--steps", String.valueOf(trainSteps), "--batch-size", String.valueOf(batchSize),
                    "--shared-masks", String.valueOf(seed)) : List.of("--logits-only"));
            String failure = pytorch.run(runDir, args);
            System.out.printf("  %-8s %s%n", EngineName.PYTORCH, failure == null ? "ok: the d2l code on PyTorch (reference)" : "FAILED: " + failure);
            if (failure == null) {
                outputs.put(EngineName.PYTORCH, Safetensors.readFile(result));
            } else {
                failures.add(EngineName.PYTORCH);
            }
        } else {
            System.out.printf("  %-8s not run: %s%n", EngineName.PYTORCH, noTorch);
        }
        System.out.println();
        if (outputs.size() < 2) {
            System.out.println("nothing to compare: " + (outputs.isEmpty() ? "no engine" : "only " + String.join("",
                    outputs.keySet())) + " produced results; compare needs two or more (engines, or one and PyTorch)");
            return 1;
        }
        boolean within = trainSteps > 0
                ? ComparisonReport.parity(outputs, spec, Safetensors.readWeights(weightsFile, spec), lossTolerance,
                        weightTolerance)
                : ComparisonReport.logits(outputs, spec, batch, inputs == Inputs.test, tolerance);
        return within && failures.isEmpty() ? 0 : 1;
    }

    private Batch inputs(NinSpec spec) {
        if (inputs == Inputs.test) {
            return Epochs.inOrder(dataOptions.load().test().first(n), n).next();
        }
        SplittableRandom random = new SplittableRandom(seed);
        float[] pixels = new float[n * Batch.PIXELS];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = random.nextInt(256) / 255f; // what a real image's bytes become
        }
        int[] labels = random.ints(n, 0, spec.classes()).toArray();
        return new Batch(n, pixels, labels);
    }

    /** The first {@code trainSteps} full batches of epoch 1, in the order {@code train} would use them, concatenated. */
    private Batch parityBatches(TrainConfig config) {
        var train = dataOptions.load().train().first(trainSteps * batchSize);
        if (train.size() < trainSteps * batchSize) {
            throw new IllegalArgumentException("--train-steps " + trainSteps + " x --batch-size " + batchSize
                    + " needs more than the " + train.size() + " training images");
        }
        float[] pixels = new float[trainSteps * batchSize * Batch.PIXELS];
        int[] labels = new int[trainSteps * batchSize];
        var it = new Epochs(train, batchSize, config.seed()).epoch(0);
        for (int s = 0; s < trainSteps; s++) {
            Batch b = it.next();
            System.arraycopy(b.images(), 0, pixels, s * batchSize * Batch.PIXELS, b.images().length);
            System.arraycopy(b.labels(), 0, labels, s * batchSize, b.size());
        }
        return new Batch(labels.length, pixels, labels);
    }
}
