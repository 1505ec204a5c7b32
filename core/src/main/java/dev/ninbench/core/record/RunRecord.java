package dev.ninbench.core.record;

import dev.ninbench.core.engine.BackendInfo;
import dev.ninbench.core.machine.Environment;
import dev.ninbench.core.spec.NinSpec;
import dev.ninbench.core.train.EpochResult;
import dev.ninbench.core.train.TrainConfig;

/**
 * One line of a run's {@code records.jsonl}: one finished epoch of one engine, with everything needed to read it
 * alone (what ran, how, where). Appended as soon as the epoch ends, so an interrupted run keeps every finished epoch.
 *
 * @param schema    record format version
 * @param runId     the run directory's name
 * @param profile   the profile the run came from (or "custom")
 * @param time      when the epoch finished (ISO-8601, UTC)
 * @param threads   compute threads the engine was given
 * @param parameters the spec's parameter count
 * @param forwardFlops the spec's forward FLOPs per image
 * @param wallSeconds  wall-clock seconds from the start of the engine's process to the end of this epoch, its
 *                     evaluation included (MLPerf's run_start to run_stop); a resumed run adds the last figure its
 *                     records had, so the time of an epoch cut off by the interruption is not in it. Null in
 *                     records written before it was kept (schema 1)
 */
public record RunRecord(int schema, String runId, String profile, String time, BackendInfo engine, NinSpec spec,
                        long parameters, long forwardFlops, TrainConfig config, int threads, Environment environment,
                        EpochResult epoch, Double wallSeconds) {
    /** 2: train accuracy, the dropout mode and wall-clock seconds; 3: the CPU share other processes took per epoch. */
    public static final int SCHEMA = 3;
}
