package dev.ninbench.core.worker;

import dev.ninbench.core.engine.Device;
import dev.ninbench.core.engine.ModelOptions;
import dev.ninbench.core.spec.NinSpec;
import dev.ninbench.core.train.TrainConfig;

/**
 * What the launcher asks one engine JVM to do, written as JSON to a file the worker reads. Build it with the
 * factories; fields a type does not use are null.
 *
 * @param type        {@code info}, {@code train}, {@code logits} or {@code parity}
 * @param engine      the engine the launcher expects this JVM to hold
 * @param threads     compute threads (0 = all cores)
 * @param device      where the engine computes
 * @param spec        the net
 * @param config      hyper-parameters (seed and learning rate for every type but info)
 * @param runId       train: the run directory's name, copied into every record
 * @param profile     train: the profile name, copied into every record
 * @param runDir      train: where records.jsonl is appended
 * @param dataDir     train: Fashion-MNIST directory, or null to search the usual places
 * @param weightsFile logits/parity: initial weights (safetensors), or null for the seeded init
 * @param inputsFile  logits: the images; parity: every step's batch, concatenated in order ({@code BatchFiles})
 * @param outFile     logits/parity: where the worker writes its results (safetensors)
 * @param firstEpoch  train: the epoch to start at (1-based); above 1, the weights come from the checkpoint of the
 *                    epoch before it in {@code runDir} ({@link Checkpoints}): a resumed run
 */
public record Job(String type, String engine, int threads, Device device, NinSpec spec, TrainConfig config, String runId,
                  String profile, String runDir, String dataDir, String weightsFile, String inputsFile,
                  String outFile, int firstEpoch) {

    public static Job info(String engine, int threads, Device device) {
        return new Job("info", engine, threads, device, null, null, null, null, null, null, null, null, null, 0);
    }

    public static Job train(String engine, int threads, Device device, NinSpec spec, TrainConfig config, String runId,
                            String profile, String runDir, String dataDir, int firstEpoch) {
        return new Job("train", engine, threads, device, spec, config, runId, profile, runDir, dataDir, null, null, null,
                firstEpoch);
    }

    /** Eval-mode logits of {@code inputsFile}'s images, written as tensor {@code logits} [n, classes]. */
    public static Job logits(String engine, int threads, Device device, NinSpec spec, TrainConfig config, String weightsFile,
                             String inputsFile, String outFile) {
        return new Job("logits", engine, threads, device, spec, config, null, null, null, null, weightsFile, inputsFile, outFile,
                0);
    }

    /**
     * SGD steps over the batches of {@code inputsFile} (config.batchSize() images each), with the shared dropout masks
     * (none when the spec has no dropout), written as tensor {@code loss} [steps] and the final weights under their
     * state_dict names.
     */
    public static Job parity(String engine, int threads, Device device, NinSpec spec, TrainConfig config, String weightsFile,
                             String inputsFile, String outFile) {
        return new Job("parity", engine, threads, device, spec, config, null, null, null, null, weightsFile, inputsFile, outFile,
                0);
    }

    public ModelOptions modelOptions() {
        double lr = config == null ? 0.1 : config.learningRate();
        long seed = config == null ? 42 : config.seed();
        return new ModelOptions(lr, seed, threads, device);
    }
}
