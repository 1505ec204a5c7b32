package dev.ninbench.core.worker;

import dev.ninbench.core.engine.BackendInfo;
import dev.ninbench.core.engine.Model;
import dev.ninbench.core.record.Environment;
import dev.ninbench.core.record.RunRecord;
import dev.ninbench.core.record.RunRecords;
import dev.ninbench.core.train.EpochResult;
import dev.ninbench.core.train.Trainer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * What an engine JVM does around the trainer's steps and epochs of a {@code train} job: a progress event at most
 * every {@code stepEventNanos} (and at each epoch's last step), and after each epoch, in this order, its checkpoint,
 * its record, and only then the deletion of older checkpoints ({@link Checkpoints}), so a kill at any moment leaves
 * every finished epoch resumable. Public so that a benchmark can measure this very code (the suite's own overhead).
 */
public final class TrainingEvents implements Trainer.Listener {
    /** How often the worker reports a step: ~5 updates/s is enough for a progress bar. */
    public static final long STEP_EVENT_NANOS = 200_000_000L;

    private final Job job;
    private final BackendInfo info;
    private final Environment env;
    private final Model model;
    private final Consumer<WorkerEvent> emit;
    private final long stepEventNanos;
    private final Path runDir;
    private final Path records;
    private long lastStepEvent;

    public TrainingEvents(Job job, BackendInfo info, Environment env, Model model, Consumer<WorkerEvent> emit,
                          long stepEventNanos) {
        this.job = job;
        this.info = info;
        this.env = env;
        this.model = model;
        this.emit = emit;
        this.stepEventNanos = stepEventNanos;
        this.runDir = Path.of(job.runDir());
        this.records = runDir.resolve(RunRecords.FILE_NAME);
    }

    @Override
    public void onStep(int epoch, int step, int steps, float loss, double imagesPerSecond) {
        long now = System.nanoTime();
        if (step == steps || now - lastStepEvent >= stepEventNanos) {
            lastStepEvent = now;
            emit.accept(WorkerEvent.step(epoch, step, steps, loss, imagesPerSecond));
        }
    }

    @Override
    public void onEpoch(EpochResult result) {
        Checkpoints.write(runDir, job.engine(), job.runId(), result.epoch(), model.weights());
        RunRecords.append(records, new RunRecord(RunRecord.SCHEMA, job.runId(), job.profile(),
                Instant.now().toString(), info, job.spec(), job.spec().parameterCount(),
                job.spec().forwardFlops(), job.config(), job.modelOptions().effectiveThreads(), env, result));
        Checkpoints.deleteBefore(runDir, job.engine(), result.epoch());
        emit.accept(WorkerEvent.epoch(result));
    }
}
