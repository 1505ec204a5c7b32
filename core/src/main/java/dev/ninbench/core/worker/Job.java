package dev.ninbench.core.worker;

import dev.ninbench.core.engine.ModelOptions;
import dev.ninbench.core.spec.NinSpec;
import dev.ninbench.core.train.TrainConfig;

/**
 * What the launcher asks one engine JVM to do, written as JSON to a file the worker reads.
 *
 * @param type     {@code info} (report the engine and exit) or {@code train}
 * @param engine   the engine the launcher expects this JVM to hold
 * @param runId    the run directory's name, copied into every record
 * @param profile  the profile name, copied into every record
 * @param runDir   where records.jsonl is appended
 * @param dataDir  Fashion-MNIST directory, or null to search the usual places
 * @param spec     the net
 * @param config   hyper-parameters
 * @param threads  compute threads (0 = all cores)
 */
public record Job(String type, String engine, String runId, String profile, String runDir, String dataDir,
                  NinSpec spec, TrainConfig config, int threads) {

    public ModelOptions modelOptions() {
        double lr = config == null ? 0.1 : config.learningRate();
        long seed = config == null ? 42 : config.seed();
        return new ModelOptions(lr, seed, threads, "cpu");
    }
}
