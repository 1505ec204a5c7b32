package dev.ninbench.core.worker;

import dev.ninbench.core.engine.BackendInfo;
import dev.ninbench.core.engine.Model;
import dev.ninbench.core.machine.Environment;
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
 * its record, and only then the deletion of the checkpoints before the last two ({@link Checkpoints}), so a kill at any moment leaves
 * every finished epoch resumable. Public so that a benchmark can measure this very code (the suite's own overhead).
 */
public final class TrainingEvents implements Trainer.Listener, AutoCloseable {
    /** How often the worker reports a step: ~5 updates/s is enough for a progress bar. */
    public static final long STEP_EVENT_NANOS = 200_000_000L;

    private final Job.Train job;
    private final BackendInfo info;
    private final Environment env;
    private final Model model;
    private final Consumer<WorkerEvent> emit;
    private final long stepEventNanos;
    private final Path runDir;
    private final Path records;
    private final StepLosses losses;
    private final Instant started;
    private final double wallBefore;
    private long lastStepEvent;

    /**
     * @param started    when the process that trains (the engine JVM, or PyTorch's) started: the run_start of the
     *                   records' wall-clock seconds
     * @param wallBefore the wall-clock seconds of the last epoch recorded before this process (0 when it starts at
     *                   epoch 1)
     */
    public TrainingEvents(Job.Train job, BackendInfo info, Environment env, Model model, Consumer<WorkerEvent> emit,
                          long stepEventNanos, Instant started, double wallBefore) {
        this.job = job;
        this.info = info;
        this.env = env;
        this.model = model;
        this.emit = emit;
        this.stepEventNanos = stepEventNanos;
        this.runDir = Path.of(job.runDir());
        this.records = runDir.resolve(RunRecords.FILE_NAME);
        this.started = started;
        this.wallBefore = wallBefore;
        this.losses = new StepLosses(runDir, job.engine(), Math.max(1, job.firstEpoch()));
    }

    /**
     * The wall-clock seconds a resumed run goes on from: those of {@code engine}'s record of the epoch before
     * {@code firstEpoch} in {@code runDir} (0 from epoch 1, or when that record has none).
     */
    public static double wallBefore(Path runDir, String engine, int firstEpoch) {
        Path file = runDir.resolve(RunRecords.FILE_NAME);
        if (firstEpoch <= 1 || !java.nio.file.Files.isRegularFile(file)) {
            return 0;
        }
        return RunRecords.read(file, malformed -> { }).stream()
                .filter(r -> r.engine().name().equals(engine) && r.epoch().epoch() == firstEpoch - 1
                        && r.wallSeconds() != null)
                .mapToDouble(RunRecord::wallSeconds).max().orElse(0);
    }

    /** When this process started, as the OS says (else now). */
    public static Instant processStart() {
        return ProcessHandle.current().info().startInstant().orElseGet(Instant::now);
    }

    @Override
    public void onStep(int epoch, int step, int steps, float loss, double imagesPerSecond) {
        losses.add(epoch, step, loss);
        long now = System.nanoTime();
        if (step == steps || now - lastStepEvent >= stepEventNanos) {
            lastStepEvent = now;
            emit.accept(new WorkerEvent.Step(epoch, step, steps, loss, imagesPerSecond));
        }
    }

    @Override
    public void onEpoch(EpochResult result) {
        Instant now = Instant.now();
        double wall = wallBefore + java.time.Duration.between(started, now).toNanos() / 1e9;
        losses.flush();
        Checkpoints.write(runDir, job.engine(), job.runId(), result.epoch(), model.weights());
        RunRecords.append(records, new RunRecord(RunRecord.SCHEMA, job.runId(), job.profile(), now.toString(), info,
                job.spec(), job.spec().parameterCount(), job.spec().forwardFlops(), job.config(),
                job.modelOptions().effectiveThreads(), env, result, wall));
        // the last two epochs' checkpoints stay: a crash that cuts off this record still leaves the epoch before's
        Checkpoints.deleteBefore(runDir, job.engine(), result.epoch() - 1);
        emit.accept(new WorkerEvent.Epoch(result));
    }

    @Override
    public void close() {
        losses.close();
    }
}
