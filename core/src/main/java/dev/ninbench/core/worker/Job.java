package dev.ninbench.core.worker;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.ninbench.core.engine.Device;
import dev.ninbench.core.engine.ModelOptions;
import dev.ninbench.core.spec.NinSpec;
import dev.ninbench.core.train.TrainConfig;

/**
 * What the launcher asks one engine JVM to do, written as JSON to a file the worker reads: one record per kind of
 * job, each with only the fields it uses, told apart on the wire by {@code type} ({@code info}, {@code train},
 * {@code logits}, {@code parity}). A worker runs a job through {@link #handledBy}, which hands each kind to its
 * own method of a {@link Handler}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({@JsonSubTypes.Type(Job.Info.class), @JsonSubTypes.Type(Job.Train.class),
        @JsonSubTypes.Type(Job.Logits.class), @JsonSubTypes.Type(Job.Parity.class)})
public sealed interface Job permits Job.Info, Job.Train, Job.Logits, Job.Parity {

    /** The engine the launcher expects this JVM to hold. */
    String engine();

    /** Compute threads (0 = all cores). */
    int threads();

    /** Where the engine computes. */
    Device device();

    /** The hyper-parameters, whose learning rate and seed the engine's model runs with; none for an info job. */
    default TrainConfig config() {
        return null;
    }

    /** How the engine runs its model for this job: the learning rate and seed of its config, else 0.1 and 42. */
    default ModelOptions modelOptions() {
        TrainConfig config = config();
        double lr = config == null ? 0.1 : config.learningRate();
        long seed = config == null ? 42 : config.seed();
        return new ModelOptions(lr, seed, threads(), device());
    }

    /**
     * Calls the one method of {@code handler} for this kind of job; a kind without one fails here, at its first job
     * (and in the tests, which hand every kind to a handler).
     */
    default void handledBy(Handler handler) {
        if (this instanceof Info job) {
            handler.info(job);
        } else if (this instanceof Train job) {
            handler.train(job);
        } else if (this instanceof Logits job) {
            handler.logits(job);
        } else if (this instanceof Parity job) {
            handler.parity(job);
        } else {
            throw new IllegalStateException("no handler for job type '" + type() + "'");
        }
    }

    /** This job's {@code type} on the wire (also in the name of the job file the launcher writes). */
    default String type() {
        return getClass().getAnnotation(JsonTypeName.class).value();
    }

    /** What a worker does with each kind of job: one method a kind. */
    interface Handler {
        void info(Info job);

        void train(Train job);

        void logits(Logits job);

        void parity(Parity job);
    }

    /**
     * Only what the engine is and whether it can run here: the worker reports it in its {@code info} event and exits.
     *
     * @param engine  the engine the launcher expects this JVM to hold
     * @param threads compute threads (0 = all cores)
     * @param device  where the engine would compute
     */
    @JsonTypeName("info")
    record Info(String engine, int threads, Device device) implements Job {
    }

    /**
     * A training run of one engine ({@link TrainingJob}), its records and checkpoints appended to {@code runDir}.
     *
     * @param engine     the engine the launcher expects this JVM to hold
     * @param threads    compute threads (0 = all cores)
     * @param device     where the engine computes
     * @param spec       the net
     * @param config     hyper-parameters: epochs, batches, learning rate, seed, dropout masks
     * @param runId      the run directory's name, copied into every record
     * @param profile    the profile name, copied into every record
     * @param runDir     where records.jsonl, the checkpoints and the per-step losses are written
     * @param dataDir    Fashion-MNIST directory, or null to search the usual places
     * @param firstEpoch the epoch to start at (1-based); above 1, the weights come from the checkpoint of the epoch
     *                   before it in {@code runDir} ({@link Checkpoints}): a resumed run
     */
    @JsonTypeName("train")
    record Train(String engine, int threads, Device device, NinSpec spec, TrainConfig config, String runId,
                 String profile, String runDir, String dataDir, int firstEpoch) implements Job {
    }

    /**
     * Eval-mode logits of {@code inputsFile}'s images, written as tensor {@code logits} [n, classes]: what
     * {@code nin-bench compare} sets side by side across engines.
     *
     * @param engine      the engine the launcher expects this JVM to hold
     * @param threads     compute threads (0 = all cores)
     * @param device      where the engine computes
     * @param spec        the net
     * @param config      its seed gives the initial weights when {@code weightsFile} is null
     * @param weightsFile initial weights (safetensors), or null for the seeded init
     * @param inputsFile  the images ({@code BatchFiles})
     * @param outFile     where the worker writes the logits (safetensors)
     */
    @JsonTypeName("logits")
    record Logits(String engine, int threads, Device device, NinSpec spec, TrainConfig config, String weightsFile,
                  String inputsFile, String outFile) implements Job {
    }

    /**
     * SGD steps over the batches of {@code inputsFile} ({@code config.batchSize()} images each), with the shared
     * dropout masks (none when the spec has no dropout), written as tensor {@code loss} [steps] and the final weights
     * under their state_dict names: the engines' training steps compared with PyTorch's.
     *
     * @param engine      the engine the launcher expects this JVM to hold
     * @param threads     compute threads (0 = all cores)
     * @param device      where the engine computes
     * @param spec        the net
     * @param config      batch size, learning rate, and the seed of the masks (and of the init without weights)
     * @param weightsFile initial weights (safetensors), or null for the seeded init
     * @param inputsFile  every step's batch, concatenated in order ({@code BatchFiles})
     * @param outFile     where the worker writes the losses and final weights (safetensors)
     */
    @JsonTypeName("parity")
    record Parity(String engine, int threads, Device device, NinSpec spec, TrainConfig config, String weightsFile,
                  String inputsFile, String outFile) implements Job {
    }
}
